"""The geoparsing task: gold read from either XML format, body offsets mapped back onto the
raw text, spans matched by overlap, and the resolution shares. Gold files are written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from livedesk.errors import InputError
from livedesk.evaluate import TASKS, EvalContext, run_task
from livedesk.evaluate.geoparsing import (
    BodyToText,
    GoldToponym,
    Predicted,
    gold_span,
    match,
    read_gold,
    score,
)

# Cleaning splits the run-together "Monday.The", so every offset after it moves by one.
SPRINGFIELD = (
    "Springfield, Ill. - Flood water closed two bridges in Springfield on Monday.The mayor "
    "of Chicago offered pumps and crews."
)
KYIV = (
    "Officials in Kyiv asked Poland for more air defence systems after Russian drones struck "
    "a power station overnight."
)
SPRINGFIELD_GOLD = [  # start, end, phrase, GeoNames id, lat, lon
    (0, 11, "Springfield", 4250542, 39.80, -89.64),
    (13, 17, "Ill.", 4896861, 40.00, -89.25),
    (54, 65, "Springfield", 4250542, 39.80, -89.64),
    (89, 96, "Chicago", 4887398, 41.85, -87.65),
]
KYIV_GOLD = [
    (13, 17, "Kyiv", 703448, 50.45, 30.52),
    (24, 30, "Poland", 798544, 52.0, 20.0),  # GeoNames puts countries at their centre
    (66, 73, "Russian", 2017370, 60.0, 100.0),  # LGL tags demonyms, resolved to the country
]


def _lgl_toponym(start, end, phrase, geonames_id=None, lat=None, lon=None) -> str:
    gaztag = ""
    if geonames_id is not None:
        gaztag = (
            f'<gaztag geonameid="{geonames_id}"><name>{phrase}</name>'
            f"<lat>{lat}</lat><lon>{lon}</lon></gaztag>"
        )
    return (
        f"<toponym><start>{start}</start><end>{end}</end><phrase>{phrase}</phrase>"
        f"{gaztag}</toponym>"
    )


def lgl_xml(articles: list[tuple[str, list[tuple]]]) -> str:
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<articles>']
    for text, toponyms in articles:
        inner = "".join(_lgl_toponym(*toponym) for toponym in toponyms)
        parts.append(
            f'<article docid="1"><text><![CDATA[{text}]]></text>'
            f'<toponyms count="{len(toponyms)}">{inner}</toponyms></article>'
        )
    parts.append("</articles>")
    return "\n".join(parts)


def geovirus_xml(articles: list[tuple[str, list[tuple]]]) -> str:
    parts = ["<articles>"]
    for text, locations in articles:
        inner = "".join(
            f"<location><name>{name}</name><start>{start}</start><end>{end}</end>"
            f"<lat>{lat}</lat><lon>{lon}</lon><page>x</page></location>"
            for start, end, name, lat, lon in locations
        )
        parts.append(
            f"<article><source>x</source><text>{text}</text><locations>{inner}</locations>"
            "</article>"
        )
    parts.append("</articles>")
    return "\n".join(parts)


def gold(start: int, end: int, lat: float | None = 0.0, geonames_id: int | None = None):
    return GoldToponym(start, end, "x", lat, 0.0 if lat is not None else None, geonames_id, None)


def guess(start: int, end: int, lat: float | None = 0.0, country: str | None = "UKR"):
    return Predicted(start, end, lat, 0.0 if lat is not None else None, None, country)


class Countries:
    """A stand-in gazetteer that knows no ids and no names: gold countries stay unknown."""

    def get(self, geonames_id):
        return None

    def lookup(self, name):
        return []


# Model-free parts.


def test_body_offsets_map_back_across_a_split_sentence():
    body = SPRINGFIELD.replace("Monday.The", "Monday. The")
    aligned = BodyToText(body, SPRINGFIELD)
    start = body.index("Chicago")
    assert aligned.span(start, start + 7) == (89, 96)
    assert aligned.span(0, 11) == (0, 11)


def test_body_offsets_are_kept_when_body_is_the_text():
    assert BodyToText("Kharkiv", "Kharkiv").span(0, 7) == (0, 7)


def test_gold_span_off_by_one_is_moved_onto_its_name():
    text = "Birds died near Pandi and Bulacan."
    assert gold_span(text, "Pandi", 17, 22) == (16, 21)
    assert gold_span(text, "Pandi", 16, 21) == (16, 21)


def test_match_pairs_each_span_once_preferring_the_largest_overlap():
    golds = [gold(0, 11), gold(30, 40), gold(42, 45)]
    guesses = [guess(2, 11), guess(0, 11), guess(30, 46)]
    # "Springfield" takes the exact guess; the wide guess serves one gold span only.
    assert match(golds, guesses) == [guesses[1], guesses[2], None]


def test_match_lets_a_wide_guess_give_way():
    golds = [gold(0, 11), gold(13, 17)]
    guesses = [guess(0, 17), guess(2, 11)]
    # "Springfield" overlaps the wide guess most, but taking it would leave "Ill." unmatched.
    assert match(golds, guesses) == [guesses[1], guesses[0]]


def test_score_shares_by_hand():
    pairs = [
        (gold(0, 5, lat=0.0), guess(0, 5, lat=0.0)),  # resolved, 0 km
        (gold(6, 9, lat=0.0), guess(6, 9, lat=2.0)),  # resolved, ~222 km
        (gold(10, 14, lat=0.0), guess(10, 14, lat=None)),  # recognised, not resolved
        (gold(15, 19, lat=0.0), None),  # missed
        (gold(20, 24, lat=None), guess(20, 24)),  # gold without coordinates
    ]
    scores = score(pairs, n_predicted=5, gazetteer=Countries())
    assert tuple(scores) == TASKS["geoparsing"].keys
    assert scores["n"] == 5
    assert scores["recognition_precision"] == pytest.approx(4 / 5)
    assert scores["recognition_recall"] == pytest.approx(4 / 5)
    assert scores["acc_161km"] == pytest.approx(1 / 2)
    assert scores["acc_161km_all"] == pytest.approx(1 / 4)
    assert scores["missing"] == pytest.approx(2 / 4)
    # Errors 0 and 2 degrees of latitude (222.4 km): mean and median both half of that.
    assert scores["mean_km"] == scores["median_km"] == pytest.approx(111.2, abs=0.1)
    # No gold ids, no known countries: those shares have nothing to count.
    assert scores["exact_match"] == 0.0
    assert scores["country_accuracy"] == 0.0


def test_read_gold_tells_the_formats_apart(tmp_path: Path):
    lgl = tmp_path / "lgl.xml"
    lgl.write_text(lgl_xml([(KYIV, [(13, 17, "Kyiv"), *KYIV_GOLD[1:]])]), "utf-8")
    is_lgl, articles = read_gold(lgl)
    assert is_lgl
    assert [t.geonames_id for t in articles[0][1]] == [None, 798544, 2017370]
    virus = tmp_path / "virus.xml"
    virus.write_text(geovirus_xml([(KYIV, [(14, 18, "Kyiv", 50.45, 30.52)])]), "utf-8")
    is_lgl, articles = read_gold(virus)
    assert not is_lgl
    assert (articles[0][1][0].start, articles[0][1][0].end) == (13, 17)


def test_read_gold_refuses_other_xml(tmp_path: Path):
    other = tmp_path / "other.xml"
    other.write_text("<articles><article><text>Kyiv</text></article></articles>", "utf-8")
    with pytest.raises(InputError, match="GeoVirus"):
        read_gold(other)


# End to end, with the model.


@pytest.fixture(scope="module")
def context(reader):
    return EvalContext(reader=reader)


@pytest.mark.slow
def test_lgl_perfect_recognition_and_resolution(tmp_path: Path, context):
    path = tmp_path / "lgl.xml"
    path.write_text(lgl_xml([(SPRINGFIELD, SPRINGFIELD_GOLD), (KYIV, KYIV_GOLD)]), "utf-8")
    scores = run_task("geoparsing", path, context)
    assert scores["n"] == 7
    for key in ("recognition_precision", "recognition_recall", "recognition_f1"):
        assert scores[key] == 1.0, key
    assert scores["missing"] == 0.0
    assert scores["exact_match"] == 1.0
    assert scores["country_accuracy"] == 1.0
    assert scores["acc_161km"] == scores["acc_161km_all"] == 1.0
    assert 0.0 <= scores["median_km"] <= scores["mean_km"] < 161


@pytest.mark.slow
def test_lgl_unresolved_gold_counts_for_recognition_only(tmp_path: Path, context):
    toponyms = [(13, 17, "Kyiv"), *KYIV_GOLD[1:]]  # Kyiv tagged without coordinates
    path = tmp_path / "lgl.xml"
    path.write_text(lgl_xml([(KYIV, toponyms)]), "utf-8")
    scores = run_task("geoparsing", path, context)
    assert scores["n"] == 3
    assert scores["recognition_recall"] == 1.0
    assert scores["missing"] == 0.0
    assert scores["exact_match"] == 1.0  # over the two gold toponyms with an id


@pytest.mark.slow
def test_geovirus_with_shifted_offsets_and_no_demonyms(tmp_path: Path, context):
    # GeoVirus-style: no ids; offsets one too high; demonyms are not gold toponyms.
    locations = [(14, 18, "Kyiv", 50.45, 30.52), (25, 31, "Poland", 52.23, 21.01)]
    springfield = [(s + 1, e + 1, name, lat, lon) for s, e, name, _id, lat, lon in
                   SPRINGFIELD_GOLD]  # fmt: skip
    path = tmp_path / "virus.xml"
    path.write_text(geovirus_xml([(KYIV, locations), (SPRINGFIELD, springfield)]), "utf-8")
    scores = run_task("geoparsing", path, context)
    assert tuple(scores) == TASKS["geoparsing"].keys
    assert scores["n"] == 6
    assert scores["recognition_precision"] == scores["recognition_recall"] == 1.0
    assert scores["exact_match"] == 0.0  # no gold ids to compare
    assert scores["country_accuracy"] == 1.0  # gold countries found by name and distance
    for key, value in scores.items():
        if key not in {"n", "mean_km", "median_km"}:
            assert 0.0 <= value <= 1.0, key
