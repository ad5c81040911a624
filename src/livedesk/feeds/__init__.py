"""Getting reports in: files, folders, JSONL, RSS/Atom feeds and web pages, once
(``livedesk ingest``) or as they appear (``livedesk watch``).

Modules, in the order data flows through them:

- ``addresses`` which hosts the fetcher may reach (public addresses only), checked at connect
- ``fetch``     the polite, capped HTTP fetcher (injectable transport, resolver, clock, sleep)
- ``feed``      recognise and parse RSS/Atom; an entry's HTML content as text
- ``sources``   inputs (paths, URLs) to raw documents, failures kept as items
- ``ingest``    read the documents and store the readings in batches, failures isolated
- ``watch``     poll feeds with conditional GET, politeness and backoff
- ``progress``  the progress bar on standard error
- ``commands``  the ``ingest`` and ``watch`` sub-commands
"""

from livedesk.feeds.errors import (
    BlockedAddress,
    FeedError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    NotText,
    ResponseTooLarge,
)
from livedesk.feeds.fetch import Fetched, Fetcher
from livedesk.feeds.ingest import Ingester, IngestResult

__all__ = [
    "BlockedAddress",
    "FeedError",
    "FetchError",
    "FetchTimeout",
    "Fetched",
    "Fetcher",
    "HTTPStatusError",
    "IngestResult",
    "Ingester",
    "NotText",
    "ResponseTooLarge",
]
