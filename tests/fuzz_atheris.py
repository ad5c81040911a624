"""Coverage-guided fuzzing with atheris (libFuzzer).

Run one target: ``python -m tests.fuzz_atheris TARGET [libFuzzer flags] [corpus folder]``.

Hypothesis (tests/test_fuzz.py) draws inputs from grammars livedesk's own word lists build;
atheris instead mutates bytes towards branches not yet covered, so it finds the inputs
nobody thought to describe. Each target takes the fuzzer's bytes, turns them into the input
its parser reads (text, a page, a feed, a JSONL line), and lets any exception other than an
:class:`~livedesk.errors.InputError` escape: libFuzzer then reports a crash, writes the input
that caused it, and exits non-zero. ``tests/test_fuzz_atheris.py`` runs every target for a
fixed number of inputs; run one longer by hand with ``-runs=1000000`` or ``-max_total_time=600``.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["livedesk"]):
    from livedesk.errors import InputError
    from livedesk.feeds.feed import parse_feed
    from livedesk.ingest.clean import clean_body, repair
    from livedesk.ingest.html import extract_article
    from livedesk.ingest.published import find_published, is_timestamp_line
    from livedesk.ingest.source import parse_jsonl_line
    from livedesk.models import Published
    from livedesk.understand.dates import find_dates
    from livedesk.understand.numbers import find_quantities, parse_quantity
    from livedesk.understand.sentences import split_plain

LANGUAGES = ("en", "fr", "tr", "de", "und")
ANCHOR = Published("2022-02-28T09:30:00Z", "minute", None, "given")


def _text(data: bytes) -> tuple[str, str]:
    """A language and a text from the fuzzer's bytes."""
    provider = atheris.FuzzedDataProvider(data)
    language = LANGUAGES[provider.ConsumeIntInRange(0, len(LANGUAGES) - 1)]
    return language, provider.ConsumeUnicodeNoSurrogates(len(data))


def figures(data: bytes) -> None:
    language, text = _text(data)
    for found in find_quantities(text, language):
        assert 0 <= found.start <= found.end <= len(text)
    parse_quantity(text, language)


def dates(data: bytes) -> None:
    language, text = _text(data)
    for mention in find_dates(text, ANCHOR, language):
        assert text[mention.start : mention.end] == mention.text
    find_published(text.split("\n"), retrieved=ANCHOR)


def html(data: bytes) -> None:
    page = data.decode("utf-8", errors="replace")
    try:
        extract_article(page, "fuzz.html")
    except InputError:
        return


def feeds(data: bytes) -> None:
    try:
        parse_feed(data, "fuzz.xml")
    except InputError:
        return


def jsonl(data: bytes) -> None:
    line = data.decode("utf-8", errors="replace")
    try:
        parse_jsonl_line(line, 1, max_bytes=100_000)
    except InputError:
        return


def sentences(data: bytes) -> None:
    _, text = _text(data)
    repair(text)
    body, _dropped = clean_body(text.split("\n"), is_timestamp_line)
    for start, end in split_plain(body):
        assert 0 <= start <= end <= len(body)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "figures": figures,
    "dates": dates,
    "html": html,
    "feeds": feeds,
    "jsonl": jsonl,
    "sentences": sentences,
}


# Starting points, written for this harness: a valid input of each kind lets the mutations
# reach past the first "this is not a page / feed / record" refusal.
PAGE = (
    "<html><head><title>Strike on the depot</title>"
    '<meta property="article:published_time" content="2022-03-01T08:00:00Z"></head>'
    "<body><article><h1>Strike on the depot</h1><p>KYIV, March 1 (Wire) - Two missiles hit "
    "a fuel depot near the ring road on Tuesday, the regional governor said.</p><p>At least "
    "12 people were killed and 30 injured, officials said.</p></article></body></html>"
)
FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
    "<item><title>Depot hit</title><link>https://wire.example/a</link>"
    "<pubDate>Tue, 01 Mar 2022 08:00:00 GMT</pubDate><description>Two missiles hit a depot."
    "</description></item></channel></rss>"
)
RECORD = (
    '{"id": "a1", "title": "Depot hit", "text": "Two missiles hit a fuel depot on Tuesday.",'
    ' "published": "2022-03-01", "url": "https://wire.example/a", "language": "en"}'
)
PROSE = "\x00At least 12 people were killed and about 1,500 fled on 28 February, officials said."
SEEDS = {
    "figures": [PROSE],
    "dates": [PROSE, "\x00Updated 3 hours ago\nMonday, 28 February 2022 10:04 GMT"],
    "html": [PAGE],
    "feeds": [FEED],
    "jsonl": [RECORD],
    "sentences": [PROSE + "\n\nRead more\nShare this article"],
}


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[1] not in TARGETS:
        sys.exit(f"usage: python -m tests.fuzz_atheris {{{','.join(TARGETS)}}} [libFuzzer flags]")
    name = argv[1]
    with tempfile.TemporaryDirectory() as seeds:
        for number, seed in enumerate(SEEDS[name]):
            (Path(seeds) / f"seed-{number}").write_bytes(seed.encode("utf-8"))
        flags = [flag for flag in argv[2:] if flag.startswith("-")]
        corpus = [path for path in argv[2:] if not path.startswith("-")] or [seeds]
        atheris.Setup([argv[0], *flags, *corpus], TARGETS[name])
        atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
