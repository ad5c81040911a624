"""The embedded store: idempotent ingest, wire copies linked, atomic batches, migrations,
search and pagination, all on small hand-written readings (no model is loaded)."""

from __future__ import annotations

import random
import sqlite3

import pytest

from livedesk.errors import LivedeskError
from livedesk.models import Published, Reading
from livedesk.store import SchemaTooNew, Store, StoreError, dedup
from livedesk.store.schema import CURRENT_VERSION, migrate, schema_version

NOW = "2026-03-04T12:00:00Z"

WIRE = (
    "Heavy shelling struck the eastern districts of the city on Tuesday morning, killing at "
    "least 14 civilians and wounding dozens more, according to local health officials. "
    "Residents said the bombardment began shortly after dawn and continued for several hours, "
    "forcing hundreds of families to flee towards the river crossings in the south. The main "
    "hospital reported that its emergency ward was overwhelmed and that supplies of blood and "
    "surgical equipment were running low. Aid agencies called for an immediate pause in the "
    "fighting to allow ambulances to reach the wounded and to evacuate the elderly. A spokesman "
    "for the regional governor blamed the attack on armed groups operating from the hills, "
    "while the groups denied any involvement and accused government forces of staging the "
    "assault. The United Nations said it was alarmed by the reports and urged all parties to "
    "respect international humanitarian law. Schools and markets in the affected districts "
    "remained closed on Wednesday as people searched the rubble for survivors and buried the "
    "dead in makeshift cemeteries near the old mosque."
)
SYNDICATED = "KHARTOUM, March 3 (Wire Service) - " + WIRE + " Reporting by the Wire Service desk."
OTHER = (
    "Farmers in the northern provinces are preparing for the planting season despite fuel "
    "shortages and rising prices for seed and fertiliser. Agricultural cooperatives said that "
    "many members could not afford diesel for their pumps and were considering leaving fields "
    "fallow this year. The ministry of agriculture announced a subsidy programme but officials "
    "admitted that distribution would take weeks. Economists warned that a poor harvest could "
    "push food prices even higher in the capital and in the refugee camps along the border, "
    "where aid rations have already been reduced twice since January."
)


def make_reading(
    report_id: str,
    body: str,
    *,
    url: str | None = None,
    title: str = "Shelling kills civilians",
    published: str | None = "2026-03-03",
) -> Reading:
    return Reading(
        id=report_id,
        title=title,
        url=url,
        language="en",
        published=Published(value=published, precision="day", text=None, source="given"),
        retrieved=None,
        body=body,
        sentences=(),
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "desk.sqlite") as opened:
        yield opened


def test_constructor_does_not_touch_the_file(tmp_path):
    path = tmp_path / "desk.sqlite"
    Store(path)
    assert not path.exists()


def test_open_creates_a_wal_file_with_foreign_keys(tmp_path):
    path = tmp_path / "desk.sqlite"
    with Store(path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert path.exists()


def test_store_not_open_raises_store_error(tmp_path):
    with pytest.raises(StoreError, match="not open"):
        Store(tmp_path / "desk.sqlite").count()


def test_get_round_trips_the_public_json(store):
    reading = make_reading("a", WIRE, url="https://example.org/a")
    store.add_readings([reading], now=NOW)
    assert store.get("a") == reading.to_json()
    assert store.get("missing") is None


def test_same_url_is_stored_once(store):
    first = make_reading("a", WIRE, url="https://example.org/a")
    again = make_reading("a2", OTHER, url="https://example.org/a")
    assert store.add_readings([first], now=NOW).added == ("a",)
    result = store.add_readings([again], now=NOW)
    assert result.added == ()
    assert result.skipped_same == ("a2",)
    assert store.count() == 1


def test_same_normalised_body_is_stored_once(store):
    first = make_reading("a", WIRE, url="https://example.org/a")
    respaced = make_reading("b", "  " + WIRE.upper().replace(" ", "\n  "), url=None)
    result = store.add_readings([first, respaced], now=NOW)
    assert result.added == ("a",)
    assert result.skipped_same == ("b",)
    assert store.count() == 1


def test_reingesting_a_batch_adds_nothing(store):
    batch = [
        make_reading("a", WIRE, url="https://example.org/a"),
        make_reading("c", OTHER, url="https://example.org/c"),
    ]
    store.add_readings(batch, now=NOW)
    result = store.add_readings(batch, now=NOW)
    assert result.added == ()
    assert result.skipped_same == ("a", "c")
    assert store.count() == 2


def test_syndicated_copy_is_stored_and_linked_to_the_original(store):
    original = make_reading("wire", WIRE, url="https://wire.example/1")
    copy = make_reading("paper", SYNDICATED, url="https://paper.example/9")
    unrelated = make_reading("farm", OTHER, url="https://paper.example/10")
    result = store.add_readings([original, copy, unrelated], now=NOW)
    assert result.added == ("wire", "paper", "farm")
    assert result.linked == (("paper", "wire"),)
    rows = dict(store.conn.execute("SELECT id, duplicate_of FROM reports").fetchall())
    assert rows == {"wire": None, "paper": "wire", "farm": None}


def test_copy_of_a_copy_links_to_the_earliest_original(store):
    store.add_readings([make_reading("wire", WIRE)], now=NOW)
    store.add_readings([make_reading("paper", SYNDICATED)], now=NOW)
    third = make_reading("blog", SYNDICATED + " Updated with local reaction.")
    assert store.add_readings([third], now=NOW).linked == (("blog", "wire"),)


def test_near_duplicate_detection_survives_reopening(tmp_path):
    path = tmp_path / "desk.sqlite"
    with Store(path) as store:
        store.add_readings([make_reading("wire", WIRE)], now=NOW)
    with Store(path) as store:
        result = store.add_readings([make_reading("paper", SYNDICATED)], now=NOW)
    assert result.linked == (("paper", "wire"),)


def test_a_copy_of_what_another_process_stored_is_linked(tmp_path):
    path = tmp_path / "desk.sqlite"
    with Store(path) as ours, Store(path) as theirs:
        ours.add_readings([make_reading("farm", OTHER)], now=NOW)  # ours has written before
        theirs.add_readings([make_reading("wire", WIRE)], now=NOW)
        result = ours.add_readings([make_reading("paper", SYNDICATED)], now=NOW)
    assert result.linked == (("paper", "wire"),)


def _older_file(path, undo: str, *, version: int):
    """A store holding the "wire" report, set back to ``version`` by the ``undo`` SQL."""
    with Store(path) as store:
        store.add_readings([make_reading("wire", WIRE)], now=NOW)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(
        f"{undo}; DELETE FROM schema_version;"
        f" INSERT INTO schema_version (version) VALUES ({version});"
    )
    conn.close()
    return path


def test_signatures_stored_before_band_keys_existed_are_indexed_by_the_migration(tmp_path):
    path = _older_file(tmp_path / "v3.sqlite", "DROP TABLE report_bands", version=3)
    with Store(path) as store:
        assert schema_version(store.conn) == CURRENT_VERSION
        bands = store.conn.execute("SELECT count(*) FROM report_bands").fetchone()[0]
        assert bands == dedup.BANDS
        assert store.add_readings([make_reading("paper", SYNDICATED)], now=NOW).linked == (
            ("paper", "wire"),
        )


def test_band_split_is_the_one_lsh_would_choose_for_the_threshold():
    from datasketch import MinHashLSH

    chosen = MinHashLSH(threshold=dedup.NEAR_DUPLICATE_THRESHOLD, num_perm=dedup.NUM_PERM)
    assert (chosen.b, chosen.r) == (dedup.BANDS, dedup.ROWS)


def test_failure_mid_batch_stores_nothing_and_a_rerun_stores_each_once(store):
    batch = [
        make_reading("wire", WIRE, url="https://wire.example/1"),
        make_reading("paper", SYNDICATED, url="https://paper.example/9"),
        make_reading("farm", OTHER, url="https://paper.example/10"),
    ]

    def failing_outlet(reading: Reading) -> str | None:
        if reading.id == "farm":
            raise RuntimeError("outlet lookup crashed")
        return "wire.example"

    with pytest.raises(RuntimeError, match="outlet lookup crashed"):
        store.add_readings(batch, outlet_of=failing_outlet, now=NOW)
    assert store.count() == 0
    assert store.search("shelling") == []
    assert store.conn.execute("SELECT count(*) FROM report_signatures").fetchone()[0] == 0

    result = store.add_readings(batch, outlet_of=lambda reading: "wire.example", now=NOW)
    assert result.added == ("wire", "paper", "farm")
    # The rolled-back batch must not linger in the LSH index: "wire" links to itself otherwise.
    assert result.linked == (("paper", "wire"),)
    assert store.add_readings(batch, now=NOW).added == ()
    assert store.count() == 3


def test_same_id_with_different_content_is_refused(store):
    store.add_readings([make_reading("a", WIRE, url="https://example.org/a")], now=NOW)
    with pytest.raises(StoreError, match="report id 'a' is already stored"):
        store.add_readings([make_reading("a", OTHER, url="https://example.org/b")], now=NOW)
    assert store.count() == 1


def test_outlet_and_ingested_at_are_recorded(store):
    reading = make_reading("a", WIRE, url="https://wire.example/1")
    store.add_readings([reading], outlet_of=lambda r: "wire.example", now=NOW)
    row = store.conn.execute("SELECT outlet, ingested_at FROM reports").fetchone()
    assert row == ("wire.example", NOW)


def test_version_zero_file_is_migrated_to_current(tmp_path):
    path = tmp_path / "old.sqlite"
    sqlite3.connect(path).close()  # an empty file: no schema_version table, version 0
    with Store(path) as store:
        assert schema_version(store.conn) == CURRENT_VERSION
        store.add_readings([make_reading("a", WIRE)], now=NOW)
        assert store.count() == 1


def test_older_version_file_keeps_its_reports_and_is_migrated(tmp_path):
    path = tmp_path / "v1.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, str(path), target=1)
    conn.execute(
        "INSERT INTO reports (id, content_hash, published_precision, language, body,"
        " reading_json, ingested_at) VALUES ('old', 'h', 'day', 'en', 'body', '{}', ?)",
        (NOW,),
    )
    conn.close()
    with Store(path) as store:
        assert schema_version(store.conn) == CURRENT_VERSION
        assert store.count() == 1
        assert store.add_readings([make_reading("a", WIRE)], now=NOW).added == ("a",)


def test_too_new_schema_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "future.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (?)", (CURRENT_VERSION + 5,))
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNew) as caught:
        Store(path).open()
    message = str(caught.value)
    assert str(path) in message
    assert f"schema version {CURRENT_VERSION + 5}" in message
    assert f"up to {CURRENT_VERSION}" in message
    assert isinstance(caught.value, LivedeskError)


def test_search_finds_words_in_title_and_body(store):
    store.add_readings(
        [
            make_reading("wire", WIRE, title="Shelling kills civilians"),
            make_reading("farm", OTHER, title="Farmers face fuel shortages"),
        ],
        now=NOW,
    )
    assert [hit["id"] for hit in store.search("hospital")] == ["wire"]
    assert [hit["id"] for hit in store.search("Farmers fuel")] == ["farm"]
    assert store.search("hospital fertiliser") == []
    assert len(store.search("the", limit=1)) == 1


def test_matching_ids_has_no_cap_unlike_search(store):
    rng = random.Random(3)
    vocabulary = [f"w{n}" for n in range(5000)]
    readings = [
        make_reading(f"r{n}", " ".join(rng.sample(vocabulary, 40)) + " ceasefire talks resumed.")
        for n in range(1200)
    ]
    readings.append(make_reading("other", OTHER))
    store.add_readings(readings, now=NOW)
    assert len(store.search("ceasefire", limit=5000)) == 1000  # search pages are capped
    assert store.matching_ids("Ceasefire TALKS") == {f"r{n}" for n in range(1200)}
    assert store.matching_ids("ceasefire submarine") == set()
    assert store.matching_ids('" ( * ^') == set()  # no words, no match


@pytest.mark.parametrize(
    "hostile",
    ['"', "AND", "OR NOT", "NEAR(", "title:", "*", "a' OR 1=1 --", "(((", "^", "", "   "],
)
def test_hostile_search_queries_never_raise(store, hostile):
    store.add_readings([make_reading("wire", WIRE)], now=NOW)
    assert isinstance(store.search(hostile), list)


def test_search_treats_operators_as_words(store):
    store.add_readings([make_reading("wire", WIRE + " Supplies AND fuel ran out.")], now=NOW)
    assert [hit["id"] for hit in store.search("supplies AND")] == ["wire"]


def test_cursor_pagination_returns_every_report_once_in_order(store):
    readings = [
        make_reading(
            f"r{n:02d}",
            f"Report number {n} on the situation in district {n}. " * 3,
            published=None if n % 7 == 0 else f"2026-03-{(n % 5) + 1:02d}",
        )
        for n in range(23)
    ]
    store.add_readings(readings, now=NOW)
    seen: list[tuple[str, str]] = []
    cursor = None
    pages = 0
    while True:
        page = store.reports(after=cursor, limit=5)
        pages += 1
        seen += [(item["published"] or "", item["id"]) for item in page.items]
        if page.next is None:
            break
        cursor = page.next
    assert pages == 5
    assert len(seen) == 23
    assert sorted(seen) == seen
    assert {report_id for _, report_id in seen} == {r.id for r in readings}


def test_bad_cursor_raises_store_error(store):
    with pytest.raises(StoreError, match="pagination cursor"):
        store.reports(after="not-a-cursor!")


def test_integrity_check_is_ok_after_writes_and_a_rollback(store):
    store.add_readings([make_reading("wire", WIRE), make_reading("farm", OTHER)], now=NOW)
    with pytest.raises(RuntimeError):
        store.add_readings(
            [make_reading("x", WIRE + " extra words here and there.")],
            outlet_of=_crash,
            now=NOW,
        )
    assert store.integrity_check() == ["ok"]


def _crash(reading: Reading) -> str | None:
    raise RuntimeError(f"outlet lookup crashed on {reading.id}")


def test_a_version_4_file_loses_the_unused_published_index_and_keeps_its_reports(tmp_path):
    index = "CREATE INDEX reports_published ON reports (published, id)"
    path = _older_file(tmp_path / "v4.sqlite", index, version=4)
    with Store(path) as store:
        assert schema_version(store.conn) == CURRENT_VERSION
        indexes = {
            row[0]
            for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        assert "reports_published" not in indexes
        assert [item["id"] for item in store.reports().items] == ["wire"]


def test_the_report_listing_is_read_through_its_index_not_sorted(tmp_path):
    with Store(tmp_path / "plan.sqlite") as store:
        plan = " ".join(
            str(row[-1])
            for row in store.conn.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM reports"
                " ORDER BY coalesce(published, ''), id LIMIT 10"
            )
        )
    assert "reports_listing" in plan
    assert "TEMP B-TREE" not in plan
