"""The extraction task: 4-token shingle precision and recall per page, averaged, F1 of the
means. The pages and their gold bodies are written here, and the scores worked out by hand."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from livedesk.errors import InputError
from livedesk.evaluate import EvalContext, run_task
from livedesk.evaluate.extraction import page_scores, shingles

ARTICLE_PAGE = """<html><head><title>Shelling hits Kharkiv market</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Shelling hits Kharkiv market</h1>
<p>Rockets struck a covered market in the centre of Kharkiv on Tuesday morning, regional
officials said.</p>
<p>Firefighters worked for three hours to put out the blaze while traders carried stock to
the street.</p>
<p>The city council said the market would stay closed until engineers had checked the
roof.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>"""
# Only links: livedesk finds no article here, so it predicts an empty body.
MENU_PAGE = '<html><body><nav><a href="/">Home</a> <a href="/a">About</a></nav></body></html>'

SENTENCE_1 = (  # 16 tokens
    "Rockets struck a covered market in the centre of Kharkiv on Tuesday morning, "
    "regional officials said."
)
SENTENCE_2 = (  # 17 tokens
    "Firefighters worked for three hours to put out the blaze while traders carried stock "
    "to the street."
)
SENTENCE_4 = "No one was hurt, the mayor said."  # 7 tokens, not on the page


class NoReader(EvalContext):
    """A context whose reader must never be asked for: extraction needs no model."""

    @property
    def reader(self) -> object:
        raise AssertionError("the extraction task loaded the reader")


@pytest.fixture
def gold_folder(tmp_path: Path) -> Path:
    (tmp_path / "html").mkdir()
    pages = {"kharkiv": ARTICLE_PAGE, "menu": MENU_PAGE}
    for page_id, page in pages.items():
        (tmp_path / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(page.encode()))
    truth = {
        # Gold keeps sentences 1 and 2, drops the page's third and adds one of its own.
        "kharkiv": {"articleBody": f"{SENTENCE_1}\n{SENTENCE_2}\n{SENTENCE_4}", "url": "a"},
        "menu": {"articleBody": "Flood warnings stay in place along the river.", "url": "b"},
    }
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), "utf-8")
    return tmp_path


def test_shingles_are_four_word_tokens_case_kept_punctuation_dropped():
    found = shingles("Kharkiv, on Tuesday: the market burned.")
    assert found == {
        ("Kharkiv", "on", "Tuesday", "the"): 1,
        ("on", "Tuesday", "the", "market"): 1,
        ("Tuesday", "the", "market", "burned"): 1,
    }
    assert shingles("Kharkiv shelled") == {("Kharkiv", "shelled"): 1}
    assert not shingles("  ")


def test_page_scores_count_shared_shingles():
    # Shingles: predicted {abcd, bcde}, gold {abcd, bcdf}: one shared.
    assert page_scores("a b c d e", "a b c d f") == (0.5, 0.5)
    # A repeated shingle counts as often as it occurs (a multiset).
    assert page_scores("a b c d a b c d", "a b c d") == (pytest.approx(1 / 5), 1.0)


def test_page_scores_of_empty_texts():
    assert page_scores("", "") == (1.0, 1.0)
    assert page_scores("", "the river rose overnight") == (0.0, 0.0)
    assert page_scores("the river rose overnight", "") == (0.0, 0.0)


def test_extraction_scores_worked_by_hand(gold_folder: Path):
    scores = run_task("extraction", gold_folder, NoReader())
    # Kharkiv page: livedesk extracts sentences 1-3 (16 + 17 + 15 = 48 tokens, 45 shingles);
    # gold has sentences 1, 2, 4 (40 tokens, 37 shingles). Shared: the 30 shingles inside the
    # first 33 tokens. P = 30/45, R = 30/37. Menu page: nothing predicted, P = R = 0.
    precision = (30 / 45 + 0) / 2
    recall = (30 / 37 + 0) / 2
    assert scores == {
        "n": 2,
        "precision": pytest.approx(precision, abs=1e-4),
        "recall": pytest.approx(recall, abs=1e-4),
        "f1": pytest.approx(2 * precision * recall / (precision + recall), abs=1e-4),
    }


def test_extraction_missing_page_names_it(gold_folder: Path):
    (gold_folder / "html" / "menu.html.gz").unlink()
    with pytest.raises(InputError, match="menu"):
        run_task("extraction", gold_folder, NoReader())


def test_extraction_missing_folder_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match="--data"):
        run_task("extraction", tmp_path / "absent", NoReader())
