"""``livedesk ingest`` on local inputs: files, folders, JSONL, feeds; failures isolated."""

from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path

import pytest

from livedesk.desk import Desk
from livedesk.feeds.errors import FeedError
from livedesk.feeds.feed import Feed, fragment_text, looks_like_feed, parse_feed
from livedesk.feeds.ingest import parse_languages
from livedesk.feeds.progress import Progress
from livedesk.feeds.sources import Context, items_of, url_id
from tests.feeds_support import FIXED_NOW, record, rss, run, teaser_item, write_jsonl

DEMO_FEED = Path(str(resources.files("livedesk.demo").joinpath("feed.xml")))

GERMAN = (
    "Bei einem Raketenangriff auf das Verwaltungsgebäude in Charkiw sind am Dienstag mindestens "
    "zehn Menschen getötet worden, wie die Behörden mitteilten. Die Rettungskräfte suchten nach "
    "weiteren Opfern, und der Gouverneur sagte, dass die Lage sehr ernst sei und dass die Stadt "
    "weiter unter Beschuss stehe."
)


def _jsonl_record(report_id: str, **changes: object) -> dict[str, object]:
    source = record(report_id)
    fields = ("id", "outlet", "url", "title", "published", "text")
    return {**{key: source[key] for key in fields if key in source}, **changes}


def _stored(db: Path) -> dict[str, dict]:
    with Desk.open(db) as desk:
        return {item["id"]: item for item in desk.reports(limit=1000).items}


# -- pure parts --------------------------------------------------------------------------------


def test_fragment_text_keeps_paragraphs_and_unescapes():
    text = fragment_text("<p>One &amp; two.</p><p>Three<br>four.</p>plain tail")
    assert text == "One & two.\n\nThree four.\n\nplain tail"
    assert fragment_text("   ") == ""
    assert fragment_text("just text") == "just text"


def test_feed_outlet_is_the_title_before_its_separator():
    assert Feed("Radio Steppe — Ukraine news", None, ()).outlet == "Radio Steppe"
    assert Feed("Northwire", None, ()).outlet == "Northwire"
    assert Feed(None, None, ()).outlet is None


def test_demo_feed_entries_carry_the_full_articles():
    feed = parse_feed(DEMO_FEED.read_bytes(), "feed.xml")
    assert feed.problem is None
    assert len(feed.entries) == 5
    first = feed.entries[0]
    assert first.is_full_article
    assert first.published == "2022-03-02T16:00:00Z"
    assert first.text == record("rs-0302-talks")["text"]


def test_feeds_are_recognised_by_content_not_by_name():
    assert looks_like_feed(DEMO_FEED.read_bytes())
    assert looks_like_feed(b"", "application/atom+xml; charset=utf-8")
    assert looks_like_feed(b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')
    assert not looks_like_feed(b"<!doctype html><html><body><p>rss</p></body></html>")
    assert not looks_like_feed(b"Plain text about <rss> feeds")


def test_a_file_that_is_no_feed_raises_feed_error_naming_it():
    with pytest.raises(FeedError, match=r"'x.xml' is not a readable RSS or Atom feed"):
        parse_feed(b"<rss><channel><title>", "'x.xml'")
    with pytest.raises(FeedError, match="has no RSS or Atom feed"):
        parse_feed(b"<html><body>hello</body></html>", "'page.xml'")


def test_url_ids_are_stable_readable_and_distinct():
    first = url_id("https://radiosteppe.example/news/2022/03/02/second-round-talks-belarus")
    assert first.startswith("second-round-talks-belarus-")
    assert first == url_id("https://radiosteppe.example/news/2022/03/02/second-round-talks-belarus")
    assert url_id("https://a.example/x/index.html") != url_id("https://a.example/y/index.html")
    assert url_id("https://a.example/").startswith("a-example-")


def test_languages_setting_parses_codes_and_star():
    assert parse_languages("en, FR,tr") == frozenset({"en", "fr", "tr"})
    assert parse_languages("*") is None
    assert parse_languages("") is None


def test_folder_items_are_recursive_sorted_and_skip_other_files(tmp_path):
    (tmp_path / "b.txt").write_text(record("nw-0228-talks")["text"], "utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<html><body><p>x</p></body></html>", "utf-8")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "index.html").write_text("<html><body><p>y</p></body></html>", "utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.txt").write_text("stale", "utf-8")
    context = Context(max_bytes=1_000_000, fetcher=None, now=lambda: FIXED_NOW, note=print)
    ids = [item.id for item in items_of(str(tmp_path), context)]
    assert ids == ["a-index", "b", "c-index"]


def test_progress_bar_only_on_a_terminal():
    tty = io.StringIO()
    bar = Progress(tty, total=4, tty=True)
    bar.update(2, "3 added")
    bar.log("livedesk: skipped x: bad")
    bar.finish()
    drawn = tty.getvalue()
    assert "ingest [############------------] 2/4 inputs · 3 added" in drawn
    assert "\r\x1b[Klivedesk: skipped x: bad\n" in drawn
    piped = io.StringIO()
    quiet = Progress(piped, total=4, tty=False)
    quiet.update(2, "3 added")
    quiet.log("livedesk: skipped x: bad")
    quiet.finish()
    assert piped.getvalue() == "livedesk: skipped x: bad\n"


# -- the command on local inputs ---------------------------------------------------------------


def test_ingest_jsonl_stores_reports_with_their_outlets(tmp_path, reader):
    source = write_jsonl(
        tmp_path / "batch.jsonl",
        [_jsonl_record("nw-0228-talks"), _jsonl_record("kep-0228-kharkiv-shelling")],
    )
    db = tmp_path / "desk.sqlite"
    result = run(["ingest", str(source), "--db", str(db), "--json"], reader)
    assert result.status == 0
    stored = _stored(db)
    assert stored["nw-0228-talks"]["outlet"] == "Northwire"
    assert stored["kep-0228-kharkiv-shelling"]["outlet"] == "Kyiv Evening Post"
    assert json.loads(result.out)["added"] == ["nw-0228-talks", "kep-0228-kharkiv-shelling"]
    assert result.lines[-1] == (
        f"livedesk: ingest into {db}: 2 added (0 linked as syndicated copies) · "
        "0 already stored · 0 failed"
    )


def test_ingesting_twice_stores_each_report_once(tmp_path, reader):
    source = write_jsonl(tmp_path / "batch.jsonl", [_jsonl_record("nw-0228-talks")])
    db = tmp_path / "desk.sqlite"
    run(["ingest", str(source), "--db", str(db)], reader)
    again = run(["ingest", str(source), "--db", str(db), "--json"], reader)
    assert again.status == 0  # already stored counts as processed
    assert json.loads(again.out)["skipped"] == ["nw-0228-talks"]
    assert len(_stored(db)) == 1


def test_syndicated_copy_is_linked_to_its_original(tmp_path, reader):
    source = write_jsonl(
        tmp_path / "wire.jsonl",
        [_jsonl_record("nw-0228-talks"), _jsonl_record("dl-0228-talks-wire")],
    )
    result = run(["ingest", str(source), "--db", str(tmp_path / "d.sqlite"), "--json"], reader)
    linked = json.loads(result.out)["linked"]
    assert linked == [{"copy": "dl-0228-talks-wire", "original": "nw-0228-talks"}]


def test_ingest_demo_feed_file_uses_the_feed_title_as_outlet(tmp_path, reader):
    db = tmp_path / "desk.sqlite"
    result = run(["ingest", str(DEMO_FEED), "--db", str(db), "--no-fetch"], reader)
    assert result.status == 0
    stored = _stored(db)
    assert len(stored) == 5
    talks = next(s for s in stored.values() if s["url"] == record("rs-0302-talks")["url"])
    assert talks["outlet"] == "Radio Steppe"
    assert talks["title"] == record("rs-0302-talks")["title"]
    assert talks["published"] == "2022-03-02T16:00:00Z"


def test_feed_items_already_stored_from_jsonl_are_skipped(tmp_path, reader):
    db = tmp_path / "desk.sqlite"
    jsonl = write_jsonl(tmp_path / "rs.jsonl", [_jsonl_record("rs-0302-talks")])
    run(["ingest", str(jsonl), "--db", str(db)], reader)
    result = run(["ingest", str(DEMO_FEED), "--db", str(db), "--no-fetch", "--json"], reader)
    summary = json.loads(result.out)
    assert len(summary["added"]) == 4
    assert summary["skipped"] == [url_id(record("rs-0302-talks")["url"])]


def test_bad_items_are_logged_and_good_ones_stored(tmp_path, reader):
    source = tmp_path / "mixed.jsonl"
    lines = [
        "{not json",
        json.dumps({"id": "no-body", "title": "nothing"}),
        json.dumps({"id": "german", "text": GERMAN}),
        json.dumps(_jsonl_record("nw-0228-talks")),
    ]
    source.write_text("\n".join(lines) + "\n", "utf-8")
    db = tmp_path / "desk.sqlite"
    result = run(["ingest", str(source), "--db", str(db), "--json"], reader)
    assert result.status == 0
    assert list(_stored(db)) == ["nw-0228-talks"]
    skipped = [line for line in result.lines if line.startswith("livedesk: skipped")]
    assert len(skipped) == 3
    assert f"'{source}' line 1 [line-1]: line 1: not valid JSON" in skipped[0]
    assert "[no-body]" in skipped[1] and "neither 'text' nor 'html'" in skipped[1]
    assert "[german]" in skipped[2] and "language 'de'" in skipped[2]
    assert "ingest_languages" in skipped[2]
    stages = [p["stage"] for p in json.loads(result.out)["failed"]]
    assert stages == ["input", "input", "language"]


def test_unsupported_language_is_stored_with_a_note_when_allowed(tmp_path, reader):
    source = write_jsonl(tmp_path / "de.jsonl", [{"id": "german", "text": GERMAN}])
    db = tmp_path / "desk.sqlite"
    result = run(["ingest", str(source), "--db", str(db), "--ingest-languages", "*"], reader)
    assert result.status == 0
    with Desk.open(db) as desk:
        stored = desk.report("german")
    assert stored is not None
    assert stored["reading"]["language"] == "de"
    assert any("read only in en" in note for note in stored["reading"]["notes"])


def test_french_and_turkish_reports_are_stored_by_default(tmp_path, reader):
    source = write_jsonl(
        tmp_path / "fr-tr.jsonl",
        [_jsonl_record("fr-0301-kharkiv"), _jsonl_record("tr-0301-harkiv")],
    )
    db = tmp_path / "desk.sqlite"
    assert run(["ingest", str(source), "--db", str(db)], reader).status == 0
    assert set(_stored(db)) == {"fr-0301-kharkiv", "tr-0301-harkiv"}


def test_every_input_failing_exits_2_with_a_reason_each(tmp_path, reader):
    missing = tmp_path / "missing.txt"
    empty = tmp_path / "empty"
    empty.mkdir()
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n\n", "utf-8")
    db = str(tmp_path / "d.sqlite")
    result = run(["ingest", str(missing), str(empty), str(blank), "--db", db], reader)
    assert result.status == 2
    assert f"File not found: '{missing}'" in result.err
    assert f"folder '{empty}' holds no reports" in result.err
    assert f"'{blank}' holds no reports" in result.err


def test_malformed_feed_is_logged_and_the_next_input_goes_on(tmp_path, reader):
    broken = tmp_path / "broken.xml"
    broken.write_text("<rss><channel><title>Half a feed</title><item><title>cut", "utf-8")
    text = tmp_path / "talks.txt"
    text.write_text(record("nw-0228-talks")["text"], "utf-8")
    db = tmp_path / "desk.sqlite"
    result = run(["ingest", str(broken), str(text), "--db", str(db), "--no-fetch"], reader)
    assert result.status == 0
    assert f"livedesk: feed '{broken}' is malformed (" in result.err
    assert list(_stored(db)) == ["talks"]


def test_teaser_entries_are_skipped_when_fetching_is_off(tmp_path, reader):
    feed = tmp_path / "teasers.rss"
    feed.write_text(rss([teaser_item("nw-0228-talks")]), "utf-8")
    result = run(["ingest", str(feed), "--db", str(tmp_path / "d.sqlite"), "--no-fetch"], reader)
    assert result.status == 2
    assert "-word summary and fetching is off" in result.err


def test_a_refused_report_does_not_undo_its_batch_or_earlier_ones(tmp_path, reader):
    db = tmp_path / "desk.sqlite"
    first = write_jsonl(tmp_path / "first.jsonl", [_jsonl_record("kep-0228-kharkiv-shelling")])
    run(["ingest", str(first), "--db", str(db)], reader)
    # Same id as the stored report, different URL and body: the store refuses it, which
    # rolls back its whole batch; the other report of the batch must still be stored.
    clash = _jsonl_record("nw-0301-tv-tower", id="kep-0228-kharkiv-shelling")
    second = write_jsonl(tmp_path / "second.jsonl", [_jsonl_record("nw-0228-talks"), clash])
    result = run(["ingest", str(second), "--db", str(db), "--json"], reader)
    assert result.status == 0
    assert set(_stored(db)) == {"kep-0228-kharkiv-shelling", "nw-0228-talks"}
    failed = json.loads(result.out)["failed"]
    assert [(p["id"], p["stage"]) for p in failed] == [("kep-0228-kharkiv-shelling", "store")]
    assert "give each distinct report its own id" in failed[0]["reason"]


def test_small_batches_each_commit(tmp_path, reader):
    source = write_jsonl(
        tmp_path / "three.jsonl",
        [_jsonl_record(i) for i in ("nw-0228-talks", "am-0228-convoy", "dl-0228-ruble")],
    )
    db = tmp_path / "desk.sqlite"
    result = run(["ingest", str(source), "--db", str(db), "--ingest-batch-size", "1"], reader)
    assert result.status == 0
    assert len(_stored(db)) == 3


def test_outlet_flag_names_inputs_without_one(tmp_path, reader):
    text = tmp_path / "talks.txt"
    text.write_text(record("nw-0228-talks")["text"], "utf-8")
    db = tmp_path / "desk.sqlite"
    run(["ingest", str(text), "--db", str(db), "--outlet", "Northwire"], reader)
    assert _stored(db)["talks"]["outlet"] == "Northwire"


def test_atom_entry_prefers_its_full_content_over_the_summary():
    body = record("nw-0228-talks")["text"]
    paragraphs = "".join(
        f"&lt;p&gt;{p}&lt;/p&gt;" for p in body.replace("&", "&amp;").split("\n\n")
    )
    atom = (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Northwire | World</title>'
        "<entry><id>tag:northwire.example,2022:talks</id><title>Talks</title>"
        '<link href="https://northwire.example/talks"/><updated>2022-02-28T18:00:00+02:00</updated>'
        f'<summary>Short teaser.</summary><content type="html">{paragraphs}</content></entry>'
        "</feed>"
    ).encode()
    feed = parse_feed(atom, "atom")
    assert feed.outlet == "Northwire"
    (entry,) = feed.entries
    assert entry.key == "tag:northwire.example,2022:talks"
    assert entry.published == "2022-02-28T16:00:00Z"
    assert entry.is_full_article
    assert entry.text == body
