"""Watching feeds: poll each on a schedule and store the entries not seen before.

The loop always polls the feed that is due first, after sleeping until it is due. A poll:

1. GETs the feed with its ETag / Last-Modified (a 304 means nothing new);
2. keeps the entries whose key (guid, else link) it has not seen and whose link is not
   stored yet (so a restarted watcher reads nothing twice), and ingests them (the store's
   idempotence is the safety net for anything seen twice);
3. remembers the keys in the current feed (older ones cannot come back) and the validators;
4. on an error, waits ``interval × 2^errors`` (capped at ``max_backoff``) before the next try,
   and drops the feed after ``max_errors`` errors in a row.

An entry whose article could not be fetched is tried again on the next polls, up to
``ENTRY_ATTEMPTS`` times; any other failure (unreadable, wrong language) is final. The
per-host politeness lives in the :class:`~livedesk.feeds.fetch.Fetcher`. Each poll's outcome
is logged as one line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from livedesk.errors import LivedeskError
from livedesk.feeds.feed import parse_feed
from livedesk.feeds.fetch import Fetcher
from livedesk.feeds.ingest import Ingester, IngestResult
from livedesk.feeds.sources import Context, entry_item

# An article that failed to download this often is given up (a dead link stays dead).
ENTRY_ATTEMPTS = 3


@dataclass
class FeedState:
    """What the watcher remembers about one feed between polls."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    seen: set[str] = field(default_factory=set)
    attempts: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    polls: int = 0
    due: float = 0.0
    dropped: bool = False
    outlet: str | None = None


@dataclass(frozen=True)
class Schedule:
    """How often to poll: ``interval`` seconds normally; backoff on errors, capped."""

    interval: float
    max_backoff: float
    max_errors: int

    def backoff(self, errors: int) -> float:
        """Seconds to wait after the ``errors``-th error in a row (1, 2, …)."""
        return min(self.interval * 2.0**errors, max(self.max_backoff, self.interval))


class Watcher:
    """Polls feeds until each has been polled ``max_polls`` times (or forever)."""

    def __init__(
        self,
        urls: list[str],
        *,
        fetcher: Fetcher,
        ingester: Ingester,
        context: Context,
        schedule: Schedule,
        clock: Callable[[], float],
        sleep: Callable[[float], None],
        log: Callable[[str], None],
    ) -> None:
        self.feeds = [FeedState(url) for url in dict.fromkeys(urls)]
        self.fetcher = fetcher
        self.ingester = ingester
        self.context = context
        self.schedule = schedule
        self.clock = clock
        self.sleep = sleep
        self.log = log
        self.total = IngestResult()
        self.successes = 0

    def run(self, max_polls: int | None = None) -> IngestResult:
        """Poll until done; the result sums every poll's ingest."""
        start = self.clock()
        for feed in self.feeds:
            feed.due = start
        while True:
            waiting = [
                feed
                for feed in self.feeds
                if not feed.dropped and (max_polls is None or feed.polls < max_polls)
            ]
            if not waiting:
                return self.total
            feed = min(waiting, key=lambda state: state.due)
            wait = feed.due - self.clock()
            if wait > 0:
                self.sleep(wait)
            self.poll(feed)

    def poll(self, feed: FeedState) -> None:
        """Poll one feed once, ingest what is new, log the outcome, schedule the next poll."""
        feed.polls += 1
        try:
            outcome = self._poll(feed)
        except LivedeskError as error:
            feed.errors += 1
            if feed.errors >= self.schedule.max_errors:
                feed.dropped = True
                self.log(
                    f"watch: {feed.url}: {error} — {feed.errors} errors in a row, "
                    "no longer polled (setting watch_max_errors)"
                )
                return
            delay = self.schedule.backoff(feed.errors)
            feed.due = self.clock() + delay
            self.log(
                f"watch: {feed.url}: error ({error}); {feed.errors} in a row, "
                f"next try in {delay:g} s"
            )
            return
        feed.errors = 0
        self.successes += 1
        feed.due = self.clock() + self.schedule.interval
        self.log(f"watch: {feed.url}: {outcome}; next poll in {self.schedule.interval:g} s")

    def _poll(self, feed: FeedState) -> str:
        fetched = self.fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        feed.etag = fetched.etag or feed.etag
        feed.last_modified = fetched.last_modified or feed.last_modified
        if fetched.not_modified:
            return "not modified (304)"
        parsed = parse_feed(fetched.content, feed.url)
        if parsed.problem:
            self.log(f"watch: {feed.url}: malformed feed ({parsed.problem}); readable entries used")
        outlet = self.context.outlet or parsed.outlet
        unseen = [entry for entry in parsed.entries if entry.key not in feed.seen]
        # After a restart nothing is "seen": entries whose article is stored are not read again.
        stored = self.ingester.stored_urls(entry.link for entry in unseen if entry.link)
        known = [entry for entry in unseen if entry.link in stored]
        feed.seen.update(entry.key for entry in known)
        fresh = [entry for entry in unseen if entry.link not in stored]
        items = [
            entry_item(entry, f"{feed.url} entry '{entry.key}'", outlet, self.context)
            for entry in fresh
        ]
        result = self.ingester.ingest(items)
        self.total.merge(result)
        retry = {problem.id for problem in result.failed if problem.stage == "fetch"}
        for entry, item in zip(fresh, items, strict=True):
            tries = feed.attempts.get(entry.key, 0) + 1
            if item.id in retry and tries < ENTRY_ATTEMPTS:
                feed.attempts[entry.key] = tries
            else:
                feed.seen.add(entry.key)
                feed.attempts.pop(entry.key, None)
        # Keys that left the feed cannot come back; forgetting them bounds the memory.
        feed.seen &= {entry.key for entry in parsed.entries}
        return (
            f"{len(parsed.entries)} entries, {len(fresh)} new: {len(result.added)} added, "
            f"{len(result.skipped) + len(known)} already stored, {len(result.failed)} failed"
        )
