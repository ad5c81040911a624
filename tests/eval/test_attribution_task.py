"""The attribution task on a tiny invented BRAT folder: pairing, gold parsing, offsets mapped
back from the cleaned body, and precision/recall computed by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from livedesk.evaluate import TASKS, EvalContext, run_task
from livedesk.evaluate.attribution import Alignment, head_word, load_articles, pair_files
from livedesk.ingest.source import RawDocument
from livedesk.models import Entity, Evidence, Published, Quote, Reading

ALPHA = (
    "Storm Hits Coast\n"
    "\n"
    "Mayor Jane Doe said the bridge  would stay closed until Friday. "
    "“We are doing everything we can,” she said. “Crews are out.”\n"
    "\n"
    "Residents were told to stay home, according to the police.\n"
)
BETA = (
    "Talks Resume\n"
    "\n"
    "Officials from both sides met on Tuesday. The talks were constructive, a spokesman for "
    "the ministry told reporters. John Roe called the deal “a fair compromise”.\n"
)


def span(text: str, phrase: str, start: int = 0) -> str:
    """'start end' of ``phrase`` in ``text`` (BRAT offsets)."""
    begin = text.index(phrase, start)
    return f"{begin} {begin + len(phrase)}"


def ann(text: str, rows: list[tuple[str, str, str]], links: list[str]) -> str:
    """BRAT lines: ``rows`` are (id, type, spans) with spans as 'start end[;start end]'."""
    lines = []
    for tid, kind, spans in rows:
        pieces = [tuple(map(int, piece.split())) for piece in spans.split(";")]
        lines.append(f"{tid}\t{kind} {spans}\t{' '.join(text[s:e] for s, e in pieces)}")
    return "\n".join(lines + links) + "\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "alpha.txt").write_text(ALPHA, "utf-8")
    (tmp_path / "text" / "beta.txt").write_text(BETA, "utf-8")
    quote_one = span(ALPHA, "“We are doing everything we can,”")
    quote_two = span(ALPHA, "“Crews are out.”")
    alpha = ann(
        ALPHA,
        [
            ("T1", "Source", span(ALPHA, "Mayor Jane Doe")),
            ("T2", "Cue", span(ALPHA, "said")),
            ("T3", "Content", span(ALPHA, "the bridge  would stay closed until Friday")),
            ("T4", "Source", span(ALPHA, "she")),
            ("T5", "Cue", span(ALPHA, "said", ALPHA.index("she"))),
            ("T6", "Content", f"{quote_one};{quote_two}"),  # discontinuous
            ("T7", "Source", span(ALPHA, "the police")),
            ("T8", "Cue", span(ALPHA, "according to")),
            ("T9", "Content", span(ALPHA, "Residents were told to stay home")),
        ],
        [
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
            "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6",
            "E3\tAttribution:T8 Content:T9 Cue:T8 Source:T7",
        ],
    )
    (tmp_path / "attributions" / "alpha_aaaa.ann").write_text(alpha, "utf-8")
    beta_rows = [
        ("T1", "Source", span(BETA, "a spokesman for the ministry")),
        ("T2", "Cue", span(BETA, "told")),
        ("T3", "Content", span(BETA, "The talks were constructive")),
        ("T4", "Source", span(BETA, "John Roe")),
        ("T5", "Cue", span(BETA, "called")),
        ("T6", "Content", span(BETA, "the deal “a fair compromise”")),
    ]
    beta = ann(
        BETA,
        beta_rows,
        [
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
            "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
        ],
    )
    # A second annotator of beta, later in name order: ignored (it would make n = 4).
    second = ann(BETA, beta_rows[:3], ["E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1"])
    (tmp_path / "attributions" / "beta_1111.ann").write_text(beta, "utf-8")
    (tmp_path / "attributions" / "beta_2222.ann").write_text(second, "utf-8")
    return tmp_path


# What the stub reader "reads": per document, (quoted text, speaker, entity id, direct).
PREDICTED: dict[str, list[tuple[str, str | None, str | None, bool]]] = {
    "alpha": [
        ("the bridge would stay closed until Friday", "Mayor Jane Doe", "e1", False),  # right
        ("We are doing everything we can", "Jane Doe", "e1", True),  # "she" resolved: right
        ("Crews are out.", None, None, True),  # gold has a source: wrong
    ],
    "beta": [
        ("Officials from both sides met on Tuesday", "Officials", None, False),  # no gold
        ("The talks were constructive", "Officials", None, False),  # wrong source
        ("a fair compromise", "John Roe", "e2", True),  # right
    ],
}
ENTITIES = (
    Entity("e1", "Jane Doe", "PERSON", ("Mayor Jane Doe",), None, ()),
    Entity("e2", "John Roe", "PERSON", (), None, ()),
)


class StubReader:
    """Cleans like the reader (spaces folded, headline kept when title is "") and returns
    the quotes of :data:`PREDICTED` with body offsets."""

    def read_many(self, documents: list[RawDocument]) -> list[Reading]:
        readings = []
        for document in documents:
            assert document.title == "", "the task must keep the headline in the body"
            body = re.sub(r"[ \t]+", " ", document.text or "").strip()
            quotes = []
            for text, speaker, entity, direct in PREDICTED[document.id]:
                start = body.index(text)
                line_start = body.rfind("\n", 0, start) + 1
                line_end = body.find("\n", start)
                line_end = len(body) if line_end < 0 else line_end
                evidence = Evidence(0, line_start, line_end, body[line_start:line_end])
                quotes.append(Quote(text, speaker, entity, False, "say", direct, evidence))
            readings.append(
                Reading(
                    id=document.id,
                    title="",
                    url=None,
                    language="en",
                    published=Published(None, "unknown", None, None),
                    retrieved=None,
                    body=body,
                    sentences=(),
                    entities=ENTITIES,
                    quotes=tuple(quotes),
                )
            )
        return readings


def test_first_ann_in_name_order_and_longest_stem(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for stem in ("news_a", "news_a_b"):
        (tmp_path / "text" / f"{stem}.txt").write_text("x", "utf-8")
    for name in ("news_a_ff00.ann", "news_a_0a0a.ann", "news_a_b_1234.ann", "other_9.ann"):
        (tmp_path / "attributions" / name).write_text("", "utf-8")
    pairs = {text.stem: ann.name for text, ann in pair_files(tmp_path)}
    assert pairs == {"news_a": "news_a_0a0a.ann", "news_a_b": "news_a_b_1234.ann"}


def test_gold_attributions_with_discontinuous_content(folder: Path) -> None:
    alpha, beta = load_articles(folder)
    assert [len(alpha.gold), len(beta.gold)] == [3, 2]
    pronoun = alpha.gold[1]
    assert len(pronoun.content) == 2
    assert pronoun.source_text == "she"
    assert pronoun.antecedents == ("Mayor Jane Doe",)
    assert [ALPHA[s:e] for s, e in pronoun.content][1] == "“Crews are out.”"


def test_alignment_maps_cleaned_body_back_to_raw() -> None:
    raw = "Headline\n\nThe  system.Washington said\nno."
    body = "Headline\n\nThe system. Washington said no."
    alignment = Alignment(body, raw)
    start = body.index("Washington said no")
    found = alignment.span(start, start + len("Washington said no"))
    assert found is not None
    assert raw[found[0] : found[1]] == "Washington said\nno"


@pytest.mark.parametrize(
    ("phrase", "head"),
    [
        ("longtime Democratic pollster Pat Caddell", "caddell"),
        ("a spokesman for the ministry", "spokesman"),
        ("Flynn, a top surrogate,", "flynn"),
        ("Clinton’s campaign", "campaign"),
    ],
)
def test_head_word_of_a_source(phrase: str, head: str) -> None:
    assert head_word(phrase) == head


def test_scores_computed_by_hand(folder: Path) -> None:
    scores = run_task("attribution", folder, EvalContext(reader=StubReader()))
    # 6 quotes, 3 right (alpha 1 and 2, beta 3); 5 gold, 3 found (alpha E1, E2; beta E2).
    assert list(scores) == list(TASKS["attribution"].keys)
    assert scores == {"n": 5, "precision": 0.5, "recall": 0.6, "f1": 0.5455}


def test_reader_failure_keeps_gold_as_missed(folder: Path) -> None:
    class FailingReader:
        def read_many(self, documents: list[RawDocument]) -> list[object]:
            return ["failed" for _ in documents]

    scores = run_task("attribution", folder, EvalContext(reader=FailingReader()))
    assert scores == {"n": 5, "precision": 0.0, "recall": 0.0, "f1": 0.0}


@pytest.mark.slow
def test_real_reader_on_the_tiny_folder(folder: Path, reader: object) -> None:
    scores = run_task("attribution", folder, EvalContext(reader=reader))
    assert scores["n"] == 5
    assert all(0.0 <= scores[key] <= 1.0 for key in ("precision", "recall", "f1"))
    assert scores["recall"] > 0, "a plain 'Mayor Jane Doe said …' should be found"
