"""Property: whatever the number phrase, a plain casualty sentence yields that figure.

The number grammar has its own exhaustive properties (test_numbers.py); this checks the
whole reader — parsing, cue finding, kind — on generated sentences."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livedesk.ingest.source import RawDocument

pytestmark = pytest.mark.slow

ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]

# (template, kind): {n} is the number phrase; each template puts the count in another place.
TEMPLATES = [
    ("{n} people were killed in the shelling of Kharkiv on Monday, officials said.", "killed"),
    ("The attack on the market killed {n} civilians, the regional governor said.", "killed"),
    ("Police detained {n} protesters in central Moscow on Sunday.", "arrested"),
    ("{n} residents were injured when a rocket hit an apartment block in Kyiv.", "injured"),
    ("Officials said {n} people had fled their homes in the region since Thursday.", "displaced"),
]


def phrases():
    number = st.integers(min_value=2, max_value=90_000)
    word = st.integers(min_value=2, max_value=12).map(lambda n: (ONES[n], n, n, None, "exact"))
    return st.one_of(
        number.map(lambda n: (f"{n:,}", n, n, None, "exact")),
        word,
        number.map(lambda n: (f"at least {n:,}", n, None, None, "at_least")),
        number.map(lambda n: (f"more than {n:,}", n + 1, None, None, "more_than")),
        number.map(lambda n: (f"about {n:,}", None, None, n, "about")),
        number.map(lambda n: (f"up to {n:,}", None, n, None, "up_to")),
        st.tuples(number, number)
        .filter(lambda ab: ab[0] < ab[1])
        .map(lambda ab: (f"between {ab[0]:,} and {ab[1]:,}", ab[0], ab[1], None, "range")),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(phrase=phrases(), template=st.sampled_from(TEMPLATES))
def test_generated_casualty_sentence_yields_its_figure(reader, phrase, template):
    text, low, high, approx, qualifier = phrase
    sentence, kind = template
    sentence = sentence.format(n=text)
    sentence = sentence[0].upper() + sentence[1:]
    reading = reader.read(RawDocument(id="p", text=sentence, title="Report"))
    found = {(f.kind, f.low, f.high, f.approx, f.qualifier) for f in reading.figures}
    assert (kind, low, high, approx, qualifier) in found, (sentence, found)
