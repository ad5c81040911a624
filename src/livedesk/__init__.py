"""livedesk: crisis reports in, cited structured readings out.

The public API is small and listed in ``__all__`` (a test guards it). Importing the package
loads no model and reads no file: work starts in :meth:`Reader.load`.

    from livedesk import Reader, RawDocument
    reading = Reader().load().read(RawDocument(id="r1", text=open("report.txt").read()))
    with Desk.open("desk.sqlite") as desk:
        desk.add_readings([reading])
        desk.incidents().items
"""

from livedesk.errors import (
    EmptyInput,
    InputError,
    InputTooLarge,
    LivedeskError,
    NoArticleFound,
    RegistryError,
    ResourceError,
    SettingsError,
    StageError,
)
from livedesk.ingest.source import RawDocument
from livedesk.models import (
    Attribution,
    DateReference,
    DateValue,
    Entity,
    Event,
    Evidence,
    Figure,
    KeyPoint,
    Mention,
    Participant,
    Place,
    Published,
    Quote,
    Reading,
    Sentence,
)
from livedesk.pipeline import Failure
from livedesk.reader import Reader
from livedesk.settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "Attribution",
    "DateReference",
    "DateValue",
    "Desk",
    "EmptyInput",
    "Entity",
    "Event",
    "Evidence",
    "Failure",
    "Figure",
    "InputError",
    "InputTooLarge",
    "KeyPoint",
    "LivedeskError",
    "Mention",
    "NoArticleFound",
    "Participant",
    "Place",
    "Published",
    "Quote",
    "RawDocument",
    "Reader",
    "Reading",
    "RegistryError",
    "ResourceError",
    "SchemaTooNew",
    "Sentence",
    "Settings",
    "SettingsError",
    "StageError",
    "Store",
    "StoreError",
    "__version__",
    "load_settings",
]

# The desk and its store load on first use (they bring numpy and SQLite set-up along).
_LAZY = {
    "Desk": "livedesk.desk",
    "Store": "livedesk.store",
    "StoreError": "livedesk.store",
    "SchemaTooNew": "livedesk.store",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'livedesk' has no attribute '{name}'")
    import importlib

    return getattr(importlib.import_module(module), name)
