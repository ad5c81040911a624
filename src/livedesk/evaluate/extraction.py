"""HTML page → article body, scored the way the ScrapingHub article-extraction-benchmark
scores it (its ``evaluate.py``), so the figures compare with the published ones.

The gold folder holds ``ground-truth.json`` (``{id: {"articleBody": ..., "url": ...}}``) and
``html/<id>.html.gz``. For each page:

1. Extract the body with livedesk's own HTML reader (:func:`~livedesk.ingest.html.
   extract_article`); a page where it finds no article counts as an empty prediction.
2. Tokenise prediction and gold into runs of word characters (``\\w+``), case kept; as in
   the benchmark, punctuation and whitespace are not tokens.
3. Build the multiset of 4-token shingles of each (a text shorter than four tokens gives
   one shorter shingle, an empty text none).
4. ``tp`` = size of the multiset intersection, ``fp`` = predicted shingles not in the gold,
   ``fn`` = gold shingles not predicted. Precision = tp / (tp + fp) and recall =
   tp / (tp + fn), except: both 1 when fp = fn = 0 (prediction equals gold, even both empty);
   precision 0 when nothing was predicted, recall 0 when the gold is empty.

Precision and recall are then averaged over pages and F1 is computed from the two means,
as the benchmark reports it. This task never loads the spaCy model.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

from livedesk.errors import InputError, NoArticleFound
from livedesk.evaluate.context import EvalContext, require
from livedesk.evaluate.scoring import rounded
from livedesk.ingest.html import extract_article

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of ``size``-token shingles of ``text``."""
    tokens = _TOKEN.findall(text)
    found: Counter[tuple[str, ...]] = Counter()
    for i in range(max(1, len(tokens) - size + 1)):
        shingle = tuple(tokens[i : i + size])
        if shingle:
            found[shingle] += 1
    return found


def page_scores(predicted: str, gold: str) -> tuple[float, float]:
    """Precision and recall of one page's predicted body against its gold body."""
    pred, true = shingles(predicted), shingles(gold)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    if fp == fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def predicted_body(page: str, origin: str) -> str:
    """The body livedesk extracts from a page; empty when it finds no article."""
    try:
        return extract_article(page, origin).text
    except NoArticleFound:
        return ""


def _load_truth(folder: Path) -> dict[str, Any]:
    path = require(folder / "ground-truth.json", "ground-truth.json (extraction gold)")
    truth = json.loads(path.read_text("utf-8"))
    if not isinstance(truth, dict) or not truth:
        raise InputError(
            f"'{path}' should be a non-empty JSON object {{id: {{articleBody, url}}}}."
        )
    return truth


def run(path: Path, context: EvalContext) -> dict[str, Any]:
    """Mean shingle precision and recall over the folder's pages, and F1 of the means."""
    folder = require(path, "extraction gold folder (ground-truth.json + html/)")
    truth = _load_truth(folder)
    precisions: list[float] = []
    recalls: list[float] = []
    for page_id, gold in truth.items():
        html_path = require(folder / "html" / f"{page_id}.html.gz", f"HTML page '{page_id}'")
        page = gzip.decompress(html_path.read_bytes()).decode("utf-8", errors="replace")
        precision, recall = page_scores(predicted_body(page, str(html_path)), gold["articleBody"])
        precisions.append(precision)
        recalls.append(recall)
    precision = statistics.fmean(precisions)
    recall = statistics.fmean(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return rounded({"n": len(truth), "precision": precision, "recall": recall, "f1": f1})
