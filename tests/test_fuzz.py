"""Fuzzing the parsers with hypothesis: garbage in, a result or an InputError out, never a crash.

Each target gets generated phrases built from livedesk's own word lists (so the grammar's
deeper paths are reached) and arbitrary text. Whatever the input, a parser either returns a
result that keeps its promises (spans that point at their text, bounds in order) or raises an
error of the :class:`~livedesk.errors.InputError` family; any other exception is a failure.

Sized to run in well under a minute; the number of inputs tried per target is written to the
terminal at the end of the module (``fuzz inputs tried: …``). Set ``LIVEDESK_FUZZ_SCALE`` (an
integer, default 1) to multiply every target's examples for a longer local run.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livedesk.errors import InputError
from livedesk.feeds.feed import fragment_text, looks_like_feed, parse_feed
from livedesk.ingest.clean import clean_body, repair
from livedesk.ingest.html import Article, extract_article
from livedesk.ingest.published import find_published, is_timestamp_line, parse_iso
from livedesk.ingest.source import RawDocument, parse_jsonl_line, read_bytes
from livedesk.models import PRECISIONS, Published
from livedesk.understand.dates import find_dates
from livedesk.understand.numbers import QUALIFIERS, find_quantities, parse_quantity
from livedesk.understand.sentences import split_plain

SCALE = int(os.environ.get("LIVEDESK_FUZZ_SCALE", "1"))
LANGUAGES = ("en", "fr", "tr", "de", "und")
# Characters that matter to the parsers: digits, separators, quotes, apostrophes, dashes,
# accents and other scripts, controls.
SPICE = "0123456789 ,.;:!?'’\"“”«»()-–—/%$€£\n\t\u00a0\u200bİışğüöçéèàâœ漢字Ωж\x00\x0b\ufeff"


def fuzz(examples: int) -> Callable[[Any], Any]:
    """Hypothesis settings for a fuzz target: bounded, no deadline (CI machines vary)."""
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@pytest.fixture(scope="module")
def tried(request: pytest.FixtureRequest) -> Iterator[Counter[str]]:
    """Inputs tried per target; written to the terminal when the module is done."""
    counts: Counter[str] = Counter()
    yield counts
    plugins = request.config.pluginmanager
    reporter = plugins.get_plugin("terminalreporter")
    capture = plugins.get_plugin("capturemanager")
    line = "fuzz inputs tried: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.ensure_newline()
            reporter.write_line(line)


@cache
def words(filename: str, column: int) -> tuple[str, ...]:
    """One column of a word list in livedesk's data, comments skipped."""
    text = resources.files("livedesk.data").joinpath(filename).read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return tuple(sorted({row[column] for row in rows if len(row) > column and row[column]}))


def tokens(*vocabularies: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Text made of words from the vocabularies, numbers and spice, joined by odd spaces."""
    word = st.one_of(
        *(st.sampled_from(vocabulary) for vocabulary in vocabularies),
        st.integers(min_value=-10, max_value=10**15).map(str),
        st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}"),
        st.from_regex(r"[0-9]{1,4}([.,' ][0-9]{1,3}){0,3}", fullmatch=True),
        st.text(alphabet=SPICE, min_size=1, max_size=3),
    )
    gap = st.sampled_from([" ", " ", " ", "  ", "-", "\n", ", ", "\u00a0", ""])
    return st.lists(st.tuples(word, gap), max_size=14).map(
        lambda parts: "".join(w + g for w, g in parts)
    )


def any_text(*vocabularies: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.one_of(tokens(*vocabularies), st.text(max_size=200))


# -- the figure grammar -------------------------------------------------------------------------


def number_vocabulary() -> tuple[str, ...]:
    return words("number_words.tsv", 0) + words("number_phrases.tsv", 0)


@fuzz(700)
@given(text=any_text(number_vocabulary()), language=st.sampled_from(LANGUAGES))
def test_number_grammar_never_crashes(tried, text, language):
    tried["numbers"] += 1
    found = find_quantities(text, language)
    end = 0
    for quantity in found:
        assert text[quantity.start : quantity.end] == quantity.text
        assert quantity.start >= end, "quantities overlap or are out of order"
        assert quantity.qualifier in QUALIFIERS
        if quantity.low is not None and quantity.high is not None:
            assert quantity.low <= quantity.high, quantity
        end = quantity.end
    whole = parse_quantity(text, language)
    if whole is not None:
        assert text[whole.start : whole.end] == whole.text


# -- the date resolver --------------------------------------------------------------------------


def date_vocabulary() -> tuple[str, ...]:
    return (
        words("date_calendar.tsv", 2) + words("date_relative.tsv", 2) + words("date_context.tsv", 2)
    )


def anchors() -> st.SearchStrategy[Published | None]:
    moment = st.datetimes()
    value = st.one_of(
        st.none(),
        moment.map(lambda m: m.strftime("%Y-%m-%dT%H:%M:%SZ")),
        moment.map(lambda m: m.strftime("%Y-%m-%d")),
        moment.map(lambda m: m.strftime("%Y-%m")),
        moment.map(lambda m: m.strftime("%Y")),
        st.text(max_size=25),
    )
    return st.one_of(
        st.none(),
        st.builds(
            Published,
            value,
            st.sampled_from((*PRECISIONS, "week", "")),
            st.none(),
            st.just("given"),
        ),
    )


@fuzz(600)
@given(text=any_text(date_vocabulary()), language=st.sampled_from(LANGUAGES), anchor=anchors())
def test_date_resolver_never_crashes(tried, text, language, anchor):
    tried["dates"] += 1
    for mention in find_dates(text, anchor, language):
        assert text[mention.start : mention.end] == mention.text
        assert mention.value.precision in PRECISIONS, mention
    lines = text.split("\n")
    published, index = find_published(lines, retrieved=anchor)
    assert index is None or 0 <= index < len(lines)
    assert published.precision in PRECISIONS, published
    is_timestamp_line(text)


# Page metadata that is no ISO, RFC 2822 or grammar date goes to dateparser, which tries every
# language it knows: ~70 ms an input, hence fewer examples.
@fuzz(40)
@given(metadata=any_text(date_vocabulary()), anchor=anchors())
def test_publication_metadata_never_crashes(tried, metadata, anchor):
    tried["dates (page metadata)"] += 1
    published, index = find_published([], retrieved=anchor, metadata=metadata)
    assert index is None
    assert published.precision in PRECISIONS, published


@fuzz(300)
@given(
    value=st.one_of(
        st.text(max_size=40),
        st.from_regex(
            r"[0-9]{1,5}(-[0-9]{1,3}){0,2}(T[0-9:]{1,9})?(Z|[+-][0-9:]{1,6})?", fullmatch=True
        ),
    )
)
def test_given_dates_are_read_or_refused_with_an_input_error(tried, value):
    tried["dates (given ISO)"] += 1
    try:
        published = parse_iso(value)
    except InputError:
        return
    assert published.source == "given" and published.value


# -- the HTML reader ------------------------------------------------------------------------------

TAGS = (
    "p",
    "div",
    "span",
    "article",
    "main",
    "h1",
    "b",
    "table",
    "tr",
    "td",
    "script",
    "style",
    "meta",
    "time",
    "title",
    "br",
    "li",
    "ul",
    "a",
    "iframe",
    "svg",
    "body",
    "html",
    "head",
)
PROSE = "Shelling killed at least 12 civilians in Kharkiv on Monday, officials said. "


@st.composite
def tag_soup(draw: st.DrawFn) -> str:
    """Random HTML: nested tags, broken closing tags, odd attributes, entities, text."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.integers(0, 7))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            name = draw(st.sampled_from(["class", "content", "property", "datetime", "x", "\x00"]))
            value = draw(st.text(max_size=30))
            parts.append(f'<{tag} {name}="{value}">')
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            "&amp;",
                            "&#0;",
                            "&#x110000;",
                            "&nbsp",
                            "&#xD800;",
                            "<!--",
                            "-->",
                            "<![CDATA[",
                            "]]>",
                            "<!doctype",
                            "<?xml ?>",
                            "<",
                            ">",
                            "\x00",
                            "\ufeff",
                        ]
                    )
                )
            )
        elif kind == 3:
            parts.append(PROSE * draw(st.integers(1, 4)))
        else:
            parts.append(draw(st.text(alphabet=SPICE + "<>/=&#abc", max_size=40)))
    return "".join(parts)


def read_page(page: str) -> Article | None:
    try:
        article = extract_article(page, "fuzz.html")
    except InputError:
        return None
    assert isinstance(article, Article) and article.text.strip()
    return article


@fuzz(300)
@given(page=st.one_of(tag_soup(), st.text(max_size=300)))
def test_html_reader_never_crashes_on_garbled_html(tried, page):
    tried["html"] += 1
    read_page(page)
    fragment_text(page)


@fuzz(15)
@given(
    depth=st.integers(min_value=100, max_value=5000),
    tag=st.sampled_from(("div", "span", "b", "table", "p", "section")),
)
def test_html_reader_never_crashes_on_deeply_nested_tags(tried, depth, tag):
    tried["html (deep nesting)"] += 1
    page = f"<html><body>{f'<{tag}>' * depth}<p>{PROSE * 3}</p>{f'</{tag}>' * (depth // 2)}"
    read_page(page)
    fragment_text(page)


@fuzz(10)
@given(
    size=st.integers(min_value=10_000, max_value=2_000_000),
    name=st.sampled_from(("content", "class", "style", "property", "datetime")),
)
def test_html_reader_never_crashes_on_huge_attributes(tried, size, name):
    tried["html (huge attributes)"] += 1
    value = ("x" * size).replace("x" * 7, "2022-03", 1)
    page = (
        f'<html><head><meta {name}="{value}" property="article:published_time"></head>'
        f'<body><article><p {name}="{value}">{PROSE * 3}</p></article></body></html>'
    )
    read_page(page)


# -- the feed reader ------------------------------------------------------------------------------

RSS = (
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Radio Steppe — '
    "Ukraine</title><link>https://radiosteppe.example/</link><item><title>Talks</title>"
    "<link>https://radiosteppe.example/a</link><guid>a</guid><pubDate>Wed, 02 Mar 2022 16:00:00 "
    "GMT</pubDate><description>&lt;p&gt;"
    + PROSE
    + "&lt;/p&gt;</description></item></channel></rss>"
)
ATOM = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>'
    "Northwire</title><entry><id>urn:a</id><title>Tower</title><updated>2022-03-01T12:00:00Z"
    '</updated><link href="https://northwire.example/b"/><content type="html">&lt;p&gt;'
    + PROSE
    + "&lt;/p&gt;</content></entry></feed>"
)


@st.composite
def garbled_feed(draw: st.DrawFn) -> bytes:
    """A real RSS or Atom feed, cut, spliced and sprinkled with junk."""
    text = draw(st.sampled_from((RSS, ATOM)))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.integers(0, 3))
        if action == 0:
            text = text[:at]
        elif action == 1:
            text = text[:at] + draw(st.text(alphabet=SPICE + "<>/&;#x", max_size=12)) + text[at:]
        elif action == 2:
            end = draw(st.integers(at, len(text)))
            text = text[:at] + text[end:]
        else:
            text = (
                text[:at]
                + draw(
                    st.sampled_from(
                        [
                            "<item>",
                            "</item>",
                            "<entry>",
                            "]]>",
                            "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
                            "&a;",
                            "<![CDATA[",
                            "&#0;",
                            "</channel>",
                        ]
                    )
                )
                + text[at:]
            )
    encoding = draw(st.sampled_from(("utf-8", "utf-16", "latin-1")))
    return text.encode(encoding, errors="replace")


@fuzz(500)
@given(data=st.one_of(garbled_feed(), st.binary(max_size=300)))
def test_feed_reader_never_crashes_on_garbled_feeds(tried, data):
    tried["feeds"] += 1
    looks_like_feed(data, "application/rss+xml")
    try:
        feed = parse_feed(data, "fuzz.xml")
    except InputError:
        return
    for entry in feed.entries:
        assert entry.key
        assert entry.published is None or entry.published.endswith("Z")
    assert feed.outlet is None or feed.outlet.strip()


# -- the JSONL reader -----------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)
FIELDS = ("id", "text", "html", "title", "url", "published", "retrieved", "outlet")


@st.composite
def jsonl_lines(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.text(max_size=80))
    if kind == 1:
        return json.dumps(draw(JSON_VALUES))
    record = draw(st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES | st.text(), max_size=6))
    line = json.dumps(record, ensure_ascii=draw(st.booleans()))
    if kind == 3 and line:
        at = draw(st.integers(0, len(line)))
        line = line[:at] + draw(st.text(alphabet='{}[]",:\\ u0', max_size=3)) + line[at:]
    return line


@fuzz(600)
@given(line=jsonl_lines(), cap=st.sampled_from((5, 100, 5_000_000)))
def test_jsonl_reader_never_crashes(tried, line, cap):
    tried["jsonl"] += 1
    try:
        document = parse_jsonl_line(line, 7, max_bytes=cap)
    except InputError:
        return
    assert isinstance(document, RawDocument) and document.id
    assert (document.text or document.html or "").strip()


@fuzz(300)
@given(data=st.binary(max_size=200), cap=st.sampled_from((10, 5_000_000)))
def test_bytes_reader_never_crashes(tried, data, cap):
    tried["bytes"] += 1
    try:
        document = read_bytes(data, doc_id="stdin", max_bytes=cap)
    except InputError:
        return
    assert (document.text or document.html or "").strip()


# -- the sentence repairer ------------------------------------------------------------------------


@fuzz(600)
@given(text=any_text(("Mr.", "U.S.", "Dr.", "system.Washington", "end..", "exist.”Belarus")))
def test_sentence_repairer_never_crashes(tried, text):
    tried["sentences"] += 1
    body, dropped = clean_body(text.split("\n"), is_timestamp_line)
    assert all(line.strip() for line in dropped)
    for paragraph in body.split("\n\n"):
        assert not re.search(r"[ \t\u00a0]{2,}", paragraph), "spaces left unfolded"
        assert paragraph == paragraph.strip()
    repair(text)
    previous = 0
    for start, end in split_plain(body):
        assert previous <= start < end <= len(body)
        assert body[start:end].strip() == body[start:end]
        previous = end
