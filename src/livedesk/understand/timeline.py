"""Every date expression of a report, resolved once against its publication date.

Events and figures take their dates from here (the nearest mention in their sentence), so
the date grammar runs once per sentence, and the reading lists every date it met — also in
sentences that hold no event or figure ("the runway changed hands twice on Thursday").
"""

from __future__ import annotations

from livedesk.models import DateReference, DateValue, Evidence
from livedesk.pipeline import Draft
from livedesk.understand.dates import DateMention, find_dates


class DateStage:
    name = "dates"
    requires = ("body", "sentences", "language")
    assigns = ("dates", "dates_by_sentence")

    def __call__(self, draft: Draft) -> None:
        by_sentence: dict[int, list[DateMention]] = {}
        references = []
        for sentence in draft.facts["sentences"]:
            mentions = find_dates(sentence.text, draft.published, draft.language or "en")
            by_sentence[sentence.index] = mentions
            for mention in mentions:
                start, end = sentence.start + mention.start, sentence.start + mention.end
                references.append(
                    DateReference(
                        value=mention.value.value,
                        precision=mention.value.precision,
                        text=mention.text,
                        evidence=Evidence(sentence.index, start, end, mention.text),
                    )
                )
        draft.facts["dates"] = tuple(references)
        draft.facts["dates_by_sentence"] = by_sentence


def nearest_date(draft: Draft, sentence: int, offset: int) -> DateValue | None:
    """The date mentioned nearest ``offset`` (relative to the sentence start) in a sentence."""
    mentions = draft.facts["dates_by_sentence"].get(sentence, [])
    if not mentions:
        return None
    return min(mentions, key=lambda mention: abs(mention.start - offset)).value
