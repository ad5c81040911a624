"""Quotes and paraphrase with their sources, scored on a PolNeAR-style BRAT folder.

The folder holds ``text/<stem>.txt`` and ``attributions/<stem>_<annotator>.ann``. An ``.ann``
has ``T`` lines (``T3\\tContent 13 98;120 140\\ttext``: a type and one or more character spans,
``;`` separating the pieces of a discontinuous span) and ``E`` lines linking them
(``E1\\tAttribution:T4 Content:T3 Cue:T2 Source:T1``). Steps:

1. Pair files: an ``.ann`` belongs to the text whose stem it equals or extends with
   ``_<suffix>`` (the longest such stem, so ``a_b`` never takes ``a_b_c``'s files). PolNeAR
   scores one annotator per article: when several ``.ann`` files share a text, the first in
   name order is used. A text with no ``.ann`` has no gold and is left out.
2. Gold: every ``E`` line with a ``Content`` role (``Content2``… add pieces) is one gold
   attribution; its ``Source`` may be missing (PolNeAR's "Attribution-no-source").
3. Read every text with ``title=""``: the headline then stays in the body (with no title,
   :func:`~livedesk.ingest.clean.split_title` would take it off, and PolNeAR annotates
   headlines too), so every gold span lies in text livedesk reads.
4. Map each quote's body offsets back to the raw text: the cleaned body and the raw text are
   aligned token by token with :class:`difflib.SequenceMatcher`, and character by character
   inside the token runs cleaning changed ("system.Washington" → "system. Washington").
5. A quote matches a gold attribution when its raw span overlaps the gold Content and its
   source is right (:func:`source_is_right`).
6. Precision = quotes matching some gold / all quotes; recall = gold attributions matched by
   some quote / all gold attributions; ``n`` = gold attributions. A document the reader fails
   on keeps its gold (all missed) and adds no quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from livedesk.errors import InputError
from livedesk.evaluate.context import EvalContext, require
from livedesk.evaluate.scoring import prf, rounded
from livedesk.ingest.source import RawDocument
from livedesk.models import Quote, Reading

Span = tuple[int, int]

# How far (characters) around a quote's sentence its speaker is looked for in the raw text:
# enough for "…,” he said." after the sentence or a speaker named in the line before.
SPEAKER_WINDOW = 200
# A relative pronoun source ("Trump, who said …") refers to a name just before it.
RELATIVE_WINDOW = 80
# Character-level alignment inside a changed token run is quadratic; runs are short
# (a split sentence, a dropped noise line), longer ones are left unaligned.
MAX_CHAR_ALIGN = 4000
PERSONAL_PRONOUNS = frozenset(
    {"he", "she", "they", "it", "i", "we", "you", "his", "her", "him", "them", "their", "its"}
    | {"our", "my", "me", "us"}
)
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
# Words that end the head of a source phrase: "a spokesman for Trump" has head "spokesman".
_POSTMODIFIERS = frozenset({"of", "for", "at", "in", "from", "with", "on", "to", "and"})
_SPLIT_AT = re.compile(r"[,;:(—–]")
_WORD = re.compile(r"[^\W\d_][\w-]*")
_POSSESSIVE = re.compile(r"['’]s\b")
_TOKEN = re.compile(r"\S+")
_CONTENT_ROLE = re.compile(r"Content\d*")
_SOURCE_ROLE = re.compile(r"Source\d*")


@dataclass(frozen=True)
class GoldAttribution:
    content: tuple[Span, ...]
    source: tuple[Span, ...]
    source_text: str | None
    # For a pronoun source: the sources annotated before it that it may refer to.
    antecedents: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    gold: tuple[GoldAttribution, ...]


# --- reading the gold ---------------------------------------------------------------------


def pair_files(folder: Path) -> list[tuple[Path, Path]]:
    """Each text with the first (in name order) of its ``.ann`` files."""
    texts = {path.stem: path for path in sorted((folder / "text").glob("*.txt"))}
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        owners = [s for s in texts if ann.stem == s or ann.stem.startswith(f"{s}_")]
        if owners:
            chosen.setdefault(max(owners, key=len), ann)
    return [(texts[stem], chosen[stem]) for stem in texts if stem in chosen]


def _spans(field: str, where: str) -> tuple[Span, ...]:
    try:
        pieces = [piece.split() for piece in field.split(";")]
        return tuple((int(start), int(end)) for start, end in pieces)
    except ValueError:
        raise InputError(
            f"{where}: bad span '{field}'; expected 'start end' or 'start end;start end'."
        ) from None


def parse_ann(ann: str, text: str, origin: str = "ann") -> tuple[GoldAttribution, ...]:
    """The gold attributions of one BRAT ``.ann`` over its ``text``."""
    spans: dict[str, tuple[Span, ...]] = {}
    links: list[dict[str, list[str]]] = []
    for number, line in enumerate(ann.splitlines(), start=1):
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2 and " " in fields[1]:
            spans[fields[0]] = _spans(fields[1].split(" ", 1)[1], f"{origin} line {number}")
        elif line.startswith("E") and len(fields) >= 2:
            roles: dict[str, list[str]] = {}
            for argument in fields[1].split():
                role, _, target = argument.partition(":")
                roles.setdefault(role, []).append(target)
            links.append(roles)
    gold = []
    sources: list[tuple[int, str]] = []
    for roles in links:
        content = _pieces(roles, _CONTENT_ROLE, spans)
        if not content:
            continue
        source = _pieces(roles, _SOURCE_ROLE, spans)
        source_text = " ".join(text[s:e] for s, e in source) if source else None
        gold.append((content, source, source_text))
        if source_text and not _is_pronoun(source_text):
            sources.append((source[0][0], source_text))
    return tuple(
        GoldAttribution(content, source, source_text, _antecedents(source, source_text, sources))
        for content, source, source_text in gold
    )


def _pieces(
    roles: dict[str, list[str]], pattern: re.Pattern[str], spans: dict[str, tuple[Span, ...]]
) -> tuple[Span, ...]:
    found: list[Span] = []
    for role, targets in roles.items():
        if pattern.fullmatch(role):
            for target in targets:
                found.extend(spans.get(target, ()))
    return tuple(sorted(found))


def _antecedents(
    source: tuple[Span, ...], text: str | None, named: list[tuple[int, str]]
) -> tuple[str, ...]:
    """What a pronoun source may refer to, from the gold alone (PolNeAR marks no
    coreference): the nearest source annotated before it, and the nearest one headed by a
    name ("someone asked … Scott responded … he said": Scott, not someone)."""
    if not source or not text or not _is_pronoun(text):
        return ()
    before = sorted((start, name) for start, name in named if start < source[0][0])
    found = [name for _, name in before[-1:]]
    proper = [name for _, name in before if (head_word(name, lower=False) or "a")[0].isupper()]
    found += [name for name in proper[-1:] if name not in found]
    return tuple(found)


def load_articles(folder: Path) -> list[Article]:
    pairs = pair_files(folder)
    if not pairs:
        raise InputError(
            f"No annotated texts in '{folder}': expected text/<stem>.txt with "
            "attributions/<stem>_<annotator>.ann (PolNeAR BRAT layout)."
        )
    articles = []
    for text_path, ann_path in pairs:
        text = text_path.read_text("utf-8")
        gold = parse_ann(ann_path.read_text("utf-8"), text, str(ann_path))
        articles.append(Article(text_path.stem, text, gold))
    return articles


# --- body offsets back to raw offsets -----------------------------------------------------


class Alignment:
    """Maps character offsets of a cleaned body back into the raw text it came from."""

    def __init__(self, body: str, raw: str) -> None:
        self.raw = raw
        self.to_raw = [-1] * len(body)
        ours = [(m.start(), m.group()) for m in _TOKEN.finditer(body)]
        theirs = [(m.start(), m.group()) for m in _TOKEN.finditer(raw)]
        matcher = SequenceMatcher(
            None, [t for _, t in ours], [t for _, t in theirs], autojunk=False
        )
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for (b, token), (r, _) in zip(ours[i1:i2], theirs[j1:j2], strict=True):
                    self.to_raw[b : b + len(token)] = range(r, r + len(token))
            elif tag == "replace":
                b0, b1 = ours[i1][0], ours[i2 - 1][0] + len(ours[i2 - 1][1])
                r0, r1 = theirs[j1][0], theirs[j2 - 1][0] + len(theirs[j2 - 1][1])
                if max(b1 - b0, r1 - r0) <= MAX_CHAR_ALIGN:
                    self._characters(body, b0, b1, r0, r1)

    def _characters(self, body: str, b0: int, b1: int, r0: int, r1: int) -> None:
        matcher = SequenceMatcher(None, body[b0:b1], self.raw[r0:r1], autojunk=False)
        for a, b, size in matcher.get_matching_blocks():
            self.to_raw[b0 + a : b0 + a + size] = range(r0 + b, r0 + b + size)

    def span(self, start: int, end: int) -> Span | None:
        """The raw span of body[start:end], from its first and last aligned characters."""
        mapped = [self.to_raw[i] for i in range(start, min(end, len(self.to_raw)))]
        mapped = [i for i in mapped if i >= 0]
        return (mapped[0], mapped[-1] + 1) if mapped else None


def locate(text: str, raw: str, near: int) -> Span | None:
    """Fallback: the occurrence of ``text`` (spacing folded) in ``raw`` nearest ``near``."""
    words = text.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    hits = [(abs(m.start() - near), m.span()) for m in pattern.finditer(raw)]
    return min(hits)[1] if hits else None


# --- is the source right? -----------------------------------------------------------------


def _is_pronoun(phrase: str) -> bool:
    return phrase.strip().lower() in PERSONAL_PRONOUNS | RELATIVE_PRONOUNS


def head_word(phrase: str, lower: bool = True) -> str | None:
    """The head of a source phrase: its last word before any post-modifier
    ("longtime pollster Pat Caddell" → caddell, "a spokesman for Trump" → spokesman)."""
    words = _WORD.findall(_SPLIT_AT.split(_POSSESSIVE.sub("", phrase))[0])
    kept: list[str] = []
    for word in words:
        if kept and word.lower() in _POSTMODIFIERS:
            break
        kept.append(word)
    if not kept:
        return None
    return kept[-1].lower() if lower else kept[-1]


def _words(phrases: Iterable[str]) -> set[str]:
    return {word.lower() for phrase in phrases for word in _WORD.findall(phrase)}


def overlaps(span: Span, pieces: Sequence[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in pieces)


@dataclass(frozen=True)
class Prediction:
    """One livedesk quote, placed in the raw text."""

    quote: Quote
    span: Span | None
    window: Span
    names: tuple[str, ...]  # the speaker as written and its entity's name and aliases


def speaker_span(prediction: Prediction, raw: str) -> Span | None:
    """Where the quote's speaker phrase is written: the occurrence nearest the quote within
    :data:`SPEAKER_WINDOW` of its sentence."""
    speaker = prediction.quote.speaker
    if not speaker or _is_pronoun(speaker) or prediction.span is None:
        return None
    start, end = prediction.window
    pattern = re.compile(r"\s+".join(map(re.escape, speaker.split())))
    hits = []
    for match in pattern.finditer(raw, max(0, start - SPEAKER_WINDOW), end + SPEAKER_WINDOW):
        gap = max(prediction.span[0] - match.end(), match.start() - prediction.span[1], 0)
        hits.append((gap, match.span()))
    return min(hits)[1] if hits else None


def source_is_right(prediction: Prediction, gold: GoldAttribution, raw: str) -> bool:
    """Whether a quote names the gold attribution's source. Either:

    (a) no gold source, and the quote names no speaker either;
    (b) a named gold source: the quote's speaker phrase, found in the raw text next to the
        quote, overlaps the gold Source span; or the head of the gold source ("Caddell" of
        "longtime pollster Pat Caddell") is a word of the quote's speaker or of its entity's
        name or aliases;
    (c) a pronoun gold source ("he", "she", "who"): the quote's speaker, resolved to a name,
        carries the head of the nearest source annotated before the pronoun or of the
        nearest such source headed by a name; or, for "who", "which", "that", its head word
        is written just before the pronoun. An unresolved pronoun speaker is never right.
    """
    if gold.source_text is None:
        return prediction.quote.speaker is None
    names = [name for name in prediction.names if not _is_pronoun(name)]
    if not names:
        return False
    words = _words(names)
    if not _is_pronoun(gold.source_text):
        found = speaker_span(prediction, raw)
        if found is not None and overlaps(found, gold.source):
            return True
        return head_word(gold.source_text) in words
    if any(head_word(name) in words for name in gold.antecedents):
        return True
    if gold.source_text.strip().lower() in RELATIVE_PRONOUNS:
        start = gold.source[0][0]
        before = _words([raw[max(0, start - RELATIVE_WINDOW) : start]])
        heads = {head_word(name) for name in names}
        return bool(heads & before)
    return False


# --- scoring ------------------------------------------------------------------------------


def predictions(reading: Reading, raw: str) -> list[Prediction]:
    """The reading's quotes, each with its raw span and the names its speaker goes by."""
    alignment = Alignment(reading.body, raw)
    entities = {entity.id: entity for entity in reading.entities}
    scale = len(raw) / max(1, len(reading.body))
    found = []
    for quote in reading.quotes:
        offset = reading.body.find(quote.text, quote.evidence.start, quote.evidence.end)
        start = offset if offset >= 0 else quote.evidence.start
        span = alignment.span(start, start + len(quote.text)) if offset >= 0 else None
        span = span or locate(quote.text, raw, int(start * scale))
        window = alignment.span(quote.evidence.start, quote.evidence.end) or span or (0, 0)
        names = [quote.speaker] if quote.speaker else []
        entity = entities.get(quote.entity) if quote.entity else None
        if entity is not None:
            names += [entity.name, *entity.aliases]
        found.append(Prediction(quote, span, window, tuple(names)))
    return found


def score_article(article: Article, reading: Reading | None) -> tuple[int, int, int]:
    """(quotes matching some gold, quotes, gold attributions matched) for one article."""
    if reading is None:
        return 0, 0, 0
    matched: set[int] = set()
    correct = 0
    found = predictions(reading, article.text)
    for prediction in found:
        if prediction.span is None:
            continue
        hits = {
            index
            for index, gold in enumerate(article.gold)
            if overlaps(prediction.span, gold.content)
            and source_is_right(prediction, gold, article.text)
        }
        correct += bool(hits)
        matched |= hits
    return correct, len(found), len(matched)


def read_articles(articles: Sequence[Article], reader: Any) -> list[Reading | None]:
    """One reading per article in order (None where the reader failed)."""
    documents = [RawDocument(id=a.id, text=a.text, title="") for a in articles]
    return [r if isinstance(r, Reading) else None for r in reader.read_many(documents)]


def run(path: Path, context: EvalContext) -> dict[str, Any]:
    """Attribution precision, recall and F1 over the folder's annotated articles."""
    folder = require(path, "PolNeAR BRAT folder (text/*.txt + attributions/*.ann)")
    articles = load_articles(folder)
    readings = read_articles(articles, context.reader)
    correct = predicted = matched = 0
    for article, reading in zip(articles, readings, strict=True):
        c, p, m = score_article(article, reading)
        correct, predicted, matched = correct + c, predicted + p, matched + m
    gold = sum(len(article.gold) for article in articles)
    # A quote is right or wrong once, a gold attribution found or not once: the two
    # numerators differ, so precision and recall come from separate counts.
    precision = prf(correct, predicted, gold)[0]
    recall = prf(matched, predicted, gold)[1]
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return rounded({"n": gold, "precision": precision, "recall": recall, "f1": f1})
