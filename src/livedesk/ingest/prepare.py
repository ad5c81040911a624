"""The first stage: from a raw document to a titled, dated, cleaned body in a known language.

1. HTML pages: extract the article, its title and the metadata publication time.
2. Split off the headline when none was given.
3. Publication time: a given value wins; else page metadata; else a timestamp line near the
   top of the text (absolute, or relative and resolved against the retrieval time only).
4. Clean the body (noise lines and lone timestamps out, run-together sentences split).
5. Guess the body's language.
"""

from __future__ import annotations

from livedesk.errors import EmptyInput
from livedesk.ingest.clean import clean_body, split_title
from livedesk.ingest.html import extract_article
from livedesk.ingest.language import detect_language
from livedesk.ingest.published import find_published, is_timestamp_line, parse_iso
from livedesk.models import Published
from livedesk.pipeline import Draft

NO_DATE = Published(None, "unknown", None, None)


class PrepareStage:
    name = "prepare"
    requires: tuple[str, ...] = ()
    assigns = ("title", "body", "published", "retrieved", "language")

    def __call__(self, draft: Draft) -> None:
        raw = draft.raw
        draft.notes.extend(raw.notes)
        title, text, metadata_time = raw.title, raw.text or "", None
        if raw.html is not None:
            article = extract_article(raw.html, f"document '{raw.id}'")
            title = title or article.title
            text, metadata_time = article.text, article.published
        lines = text.splitlines()
        title, lines = split_title(lines, title)
        draft.title = title
        draft.retrieved = parse_iso(raw.retrieved) if raw.retrieved else None
        found, _line = find_published(lines, retrieved=draft.retrieved, metadata=metadata_time)
        if raw.published:
            draft.published = parse_iso(raw.published)
        elif found.value is not None or found.text is not None:
            draft.published = found
        else:
            draft.published = NO_DATE
        relative = found.source == "relative" and found.value is None
        if found.text and relative and not raw.published:
            draft.notes.append(
                f"relative timestamp '{found.text}' kept unresolved: give --retrieved to resolve it"
            )
        body, _dropped = clean_body(lines, is_timestamp_line)
        if not body.strip():
            raise EmptyInput(f"Document '{raw.id}' has no text left after cleaning.")
        draft.body = body
        draft.language = detect_language(body)
