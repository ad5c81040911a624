"""RSS and Atom feeds: recognise one by its bytes, parse it with feedparser, and turn an
entry's HTML content into paragraphs of text.

feedparser is handed a byte stream, never a string: given a string that looks like a URL it
would fetch it itself, outside the polite, capped :class:`~livedesk.feeds.fetch.Fetcher`.
"""

from __future__ import annotations

import calendar
import io
import re
import time
from dataclasses import dataclass
from typing import Any

import feedparser
from lxml import etree
from lxml import html as lxml_html

from livedesk.feeds.errors import FeedError

# An entry whose content has more words than this is taken as the full article; a shorter
# one is a teaser, and the article is fetched from the entry's link.
FULL_ARTICLE_WORDS = 80
# A feed's root element comes first, after at most an XML declaration, a stylesheet
# instruction, comments or a doctype, all within the first bytes.
SNIFF_BYTES = 2048
_FEED_ROOT = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*"
    rb"(?:(?:<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)\s*)*"
    rb"<(?:rss|feed|rdf:rdf)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section")
# Feed titles often read "Outlet — Section"; the outlet is the part before the separator.
_TITLE_SEPARATORS = (" — ", " – ", " | ", " - ", ": ")
# Characters XML (and so lxml) refuses in a string: C0 controls other than tab and line
# breaks, lone surrogates, U+FFFE/U+FFFF. Feeds carry them now and then; they are blanked.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Entry:
    """One feed item: its key (guid, else link), what it says, and where the article is."""

    key: str
    title: str | None
    link: str | None
    published: str | None
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def is_full_article(self) -> bool:
        return self.words > FULL_ARTICLE_WORDS


@dataclass(frozen=True)
class Feed:
    """A parsed feed; ``problem`` says what was wrong when feedparser read it only in part."""

    title: str | None
    link: str | None
    entries: tuple[Entry, ...]
    problem: str | None = None

    @property
    def outlet(self) -> str | None:
        """The publisher's name: the feed title up to a separator ("Outlet — Section")."""
        if not self.title:
            return None
        for separator in _TITLE_SEPARATORS:
            head = self.title.split(separator, 1)[0].strip()
            if head and head != self.title:
                return head
        return self.title.strip() or None


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """True when the content type names a feed, or the bytes open with a feed's root."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind in _FEED_TYPES:
        return True
    return _FEED_ROOT.match(data[:SNIFF_BYTES]) is not None


def parse_feed(data: bytes, origin: str) -> Feed:
    """Parse RSS or Atom bytes. Raise :class:`FeedError` when no feed can be read at all."""
    try:
        parsed: Any = feedparser.parse(io.BytesIO(data))
    except (ValueError, LookupError) as error:  # feedparser's own slips, e.g. a NUL byte
        # in the declared encoding's name ("embedded null character")
        raise FeedError(
            f"{origin} is not a readable RSS or Atom feed ({type(error).__name__}: {error}); "
            "check that it is the feed's address and that the file is complete"
        ) from None
    problem = str(parsed.get("bozo_exception") or "") if parsed.get("bozo") else None
    channel = parsed.get("feed", {})
    if problem and not parsed.get("entries") and not channel.get("title"):
        raise FeedError(
            f"{origin} is not a readable RSS or Atom feed ({problem}); check that it is the "
            "feed's address and that the file is complete"
        )
    if not parsed.get("version") and not parsed.get("entries"):
        raise FeedError(
            f"{origin} has no RSS or Atom feed in it; give the feed's address (often linked "
            "from the site as 'RSS')"
        )
    # An entry with no id, link, title or text (a feed cut off mid-item) says nothing.
    entries = tuple(entry for raw in parsed.get("entries", ()) if (entry := _entry(raw)).key)
    return Feed(channel.get("title") or None, channel.get("link") or None, entries, problem)


def _entry(raw: Any) -> Entry:
    link = raw.get("link") or None
    # A broken feed can leave a content value or the summary as None.
    fragments = [part.get("value") or "" for part in raw.get("content", ())]
    candidates = [*fragments, raw.get("summary") or ""]
    text = max((fragment_text(fragment) for fragment in candidates), key=len, default="")
    return Entry(
        key=str(raw.get("id") or link or raw.get("title") or text[:200]),
        title=raw.get("title") or None,
        link=link,
        # dict.get: feedparser's own get() maps a missing updated_parsed to published_parsed
        # with a DeprecationWarning.
        published=_iso(dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed")),
        text=text,
    )


def _iso(parsed: time.struct_time | None) -> str | None:
    """feedparser's UTC struct_time as ISO 8601 UTC, or None."""
    if parsed is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(parsed)))


def fragment_text(fragment: str) -> str:
    """An HTML fragment (or plain text) as paragraphs separated by blank lines."""
    fragment = _NOT_XML.sub(" ", fragment)
    if not fragment.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError, AssertionError, IndexError):
        # lxml asserts that the parsed document has one <body>; a fragment such as
        # '<!doctype</p><script>' leaves none (AssertionError, or IndexError under -O).
        return _paragraphs(fragment)
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    return _paragraphs(root.text_content())


def _paragraphs(text: str) -> str:
    parts = (" ".join(part.split()) for part in re.split(r"\n\s*\n", text))
    return "\n\n".join(part for part in parts if part)
