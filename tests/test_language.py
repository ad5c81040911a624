"""Language guessing from function words."""

from __future__ import annotations

import pytest

from livedesk.ingest.language import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The delegations met near the border and said that the talks would go on.", "en"),
        (
            "Les délégations se sont rencontrées à la frontière et ont dit que les pourparlers "
            "continueraient.",
            "fr",
        ),
        (
            "Heyetler sınırda bir araya geldi ve görüşmelerin devam edeceğini söyledi; bu "
            "açıklama için de yetkililer konuştu.",
            "tr",
        ),
        (
            "Die Delegationen trafen sich an der Grenze und sagten, dass die Gespräche "
            "weitergehen.",
            "de",
        ),
        (
            "Делегации встретились на границе и сказали, что переговоры будут продолжены, "
            "но это не так.",
            "ru",
        ),
        ("التقى الوفدان على الحدود وقالا إن المحادثات ستستمر", "ar"),
    ],
)
def test_detects(text, code):
    assert detect_language(text) == code


def test_too_little_text_is_undetermined():
    assert detect_language("Kharkiv 2022") == "und"


def test_one_short_sentence_is_still_english():
    assert detect_language("Police detained 2 protesters in central Moscow on Sunday.") == "en"


def test_a_tie_is_undetermined():
    assert detect_language("Kharkiv la Kyiv") == "und"


@pytest.mark.parametrize(
    "text",
    [
        "Colonel resigned on Monday to let the vote go ahead.",  # "to" is Polish too
        "Thousands of farmers marched in the capital.",  # "in" is Dutch too
        "Ministers approve new tariffs as talks stall",  # "as" is Portuguese too
        "Country imposes curbs against neighbour over border row",  # only headline prepositions
    ],
)
def test_short_ascii_headlines_are_english(text):
    assert detect_language(text) == "en"


def test_short_text_with_letters_beyond_ascii_is_not_defaulted_to_english():
    assert detect_language("Żołnierze w mieście") != "en"
