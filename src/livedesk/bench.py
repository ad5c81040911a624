"""``livedesk bench``: the reader's speed against a bare pass of the same model.

All sides read the same plain texts in the same process run with the same number of
processes, in rounds: first ``nlp.pipe`` of the model package the reader loads, as the
package ships it (all its components: the *bare* pass), then ``nlp.pipe`` of the model as
livedesk loads it (the paragraph component added, the attribute ruler replaced by its
lookup tables), then the whole reader. The ratio reader/bare says what livedesk's own code
costs on top of the model; it is the median of the rounds' ratios (each round's passes run
back to back, so a drift of the machine's speed between rounds cancels), and rates are each
side's best round. Texts are the demo reports (or the .txt files of a folder), repeated until
there are at least ``MIN_DOCS`` of them so that start-up costs do not dominate. A last side
times the whole ingest path: the reader plus storing and fusing into a fresh desk.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from livedesk.errors import InputError
from livedesk.ingest.source import RawDocument
from livedesk.settings import Settings

# Enough documents that per-run start-up (process pool, first batch) is a small share.
MIN_DOCS = 200


def _texts(folder: Path | None) -> list[str]:
    if folder is None:
        from livedesk.demo_data import demo_records
        from livedesk.ingest.html import extract_article

        texts = []
        for record in demo_records():
            if record.get("html"):
                texts.append(extract_article(record["html"], record["id"]).text)
            else:
                texts.append(record["text"])
        return texts
    if not folder.is_dir():
        raise InputError(f"'{folder}' is not a folder of .txt reports.")
    texts = [path.read_text("utf-8", errors="replace") for path in sorted(folder.glob("*.txt"))]
    if not texts:
        raise InputError(f"'{folder}' holds no .txt files to time.")
    return texts


def run_bench(settings: Settings, folder: Path | None, repeat: int = 3) -> dict[str, Any]:
    """Time both sides; return articles/s, words/s and the ratio."""
    import spacy

    from livedesk.reader import Reader
    from livedesk.understand.nlp import load_model

    base = _texts(folder)
    repeated = base * max(1, -(-MIN_DOCS // len(base)))
    # Each copy made distinct, so the store keeps every one (copies are linked as syndicated).
    texts = [f"{text}\n\nFiled again as copy {i}." for i, text in enumerate(repeated)]
    words = sum(len(text.split()) for text in texts)
    n_process = settings.n_process
    bare_nlp = spacy.load(settings.model)
    tuned_nlp = load_model(settings.model)
    reader = Reader(settings).load()
    for nlp in (bare_nlp, tuned_nlp):
        list(nlp.pipe(texts[:4]))  # warm every side before timing
    list(reader.read_many(RawDocument(id=f"w{i}", text=t) for i, t in enumerate(texts[:4])))

    rounds: list[dict[str, float]] = []
    failures = 0
    for _round in range(repeat):
        times = {"bare": _time_pipe(bare_nlp, texts, settings)}
        times["model"] = _time_pipe(tuned_nlp, texts, settings)
        start = time.perf_counter()
        documents = (RawDocument(id=f"d{i}", text=text) for i, text in enumerate(texts))
        failures = sum(1 for r in reader.read_many(documents) if not hasattr(r, "body"))
        times["reader"] = time.perf_counter() - start
        times["ingest"] = _time_ingest(reader, texts, settings)
        rounds.append(times)
    best = {side: min(r[side] for r in rounds) for side in rounds[0]}
    return {
        "documents": len(texts),
        "words": words,
        "n_process": n_process,
        "cores": os.cpu_count(),
        "rounds": repeat,
        "bare_articles_per_s": round(len(texts) / best["bare"], 2),
        "model_articles_per_s": round(len(texts) / best["model"], 2),
        "reader_articles_per_s": round(len(texts) / best["reader"], 2),
        "bare_words_per_s": round(words / best["bare"]),
        "model_words_per_s": round(words / best["model"]),
        "reader_words_per_s": round(words / best["reader"]),
        "ratio": round(statistics.median(r["bare"] / r["reader"] for r in rounds), 3),
        "model_ratio": round(statistics.median(r["bare"] / r["model"] for r in rounds), 3),
        "ingest_articles_per_s": round(len(texts) / best["ingest"], 2),
        "ingest_ratio": round(statistics.median(r["bare"] / r["ingest"] for r in rounds), 3),
        "articles_per_day_600_words": round(words / best["reader"] * 86_400 / 600),
        "failures": failures,
    }


def _time_pipe(nlp: Any, texts: list[str], settings: Settings) -> float:
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, n_process=settings.n_process, batch_size=settings.batch_size):
        pass
    return time.perf_counter() - start


def _time_ingest(reader: Any, texts: list[str], settings: Settings) -> float:
    """Seconds to read the texts and store them in a fresh desk, in ingest-sized batches."""
    from livedesk.desk import Desk

    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        with Desk.open(Path(scratch) / "bench.sqlite", settings=settings) as desk:
            documents = (RawDocument(id=f"d{i}", text=text) for i, text in enumerate(texts))
            batch: list[Any] = []
            for result in reader.read_many(documents):
                if hasattr(result, "body"):
                    batch.append(result)
                if len(batch) >= int(settings.ingest_batch_size):
                    desk.add_readings(batch)
                    batch = []
            if batch:
                desk.add_readings(batch)
        return time.perf_counter() - start


def format_bench(result: dict[str, Any]) -> str:
    return (
        f"{result['documents']} documents, {result['words']:,} words, "
        f"{result['n_process']} process(es), {result['cores']} cores, "
        f"{result.get('rounds', 1)} round(s)\n"
        f"bare spaCy nlp.pipe : {result['bare_articles_per_s']:>8} articles/s "
        f"({result['bare_words_per_s']:,} words/s)\n"
        f"model as loaded     : {result['model_articles_per_s']:>8} articles/s "
        f"({result['model_words_per_s']:,} words/s; ratio to bare {result['model_ratio']:.3f})\n"
        f"livedesk reader    : {result['reader_articles_per_s']:>8} articles/s "
        f"({result['reader_words_per_s']:,} words/s)\n"
        f"ratio reader/bare  : {result['ratio']:.3f} (median of the rounds)\n"
        f"read + store + fuse: {result['ingest_articles_per_s']:>8} articles/s "
        f"(ratio to bare {result['ingest_ratio']:.3f})\n"
        f"at the reader's rate: {result['articles_per_day_600_words']:,} articles of 600 words "
        "a day\n"
    )
