"""Cleaning: noise lines out, run-together sentences split, headline taken off the top."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livedesk.ingest.clean import clean_body, is_noise, repair, split_title


@pytest.mark.parametrize(
    "line",
    [
        "Here's what to know",
        "Here’s what to know",
        "What to know:",
        "Advertisement",
        "Read more: Kyiv under curfew",
        "Sign up for our newsletter",
        "* * *",
        "...",
    ],
)
def test_noise_lines(line):
    assert is_noise(line)


@pytest.mark.parametrize(
    "line", ["Russia attacked Kharkiv.", "Read the statement in full below, officials said."]
)
def test_report_lines_are_not_noise(line):
    assert not is_noise(line)


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("messaging system.Washington announced", "messaging system. Washington announced"),
        ("central bank.Russian President", "central bank. Russian President"),
        ("don’t exist.”Belarus, in", "don’t exist.” Belarus, in"),
        ("Belarusian soil..", "Belarusian soil."),
        ("the U.S.Army and U.N. staff", "the U.S.Army and U.N. staff"),
        ("he said... then", "he said... then"),
        ("version 2.5 of it", "version 2.5 of it"),
    ],
)
def test_repair(raw, fixed):
    assert repair(raw) == fixed


def test_split_title_takes_headline_when_none_given():
    title, rest = split_title(["Big headline here", "", "Body text."], None)
    assert title == "Big headline here" and rest == ["", "Body text."]


def test_split_title_drops_repeated_given_title():
    title, rest = split_title(["Given", "", "Body."], "Given")
    assert title == "Given" and rest == ["", "Body."]


def test_sentence_first_line_is_not_a_title():
    title, rest = split_title(["Russia attacked Kharkiv on Monday.", "", "More."], None)
    assert title is None and len(rest) == 3


def test_clean_body_drops_timestamps_and_joins_wrapped_lines():
    lines = ["3 yıl önce", "", "Talks began on", "the border on Monday.", "", "Here's what to know"]
    body, dropped = clean_body(lines, lambda line: line == "3 yıl önce")
    assert body == "Talks began on the border on Monday."
    assert dropped == ["3 yıl önce", "Here's what to know"]


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_repair_keeps_every_letter_and_is_idempotent(text):
    fixed = repair(text)
    assert [c for c in fixed if c.isalnum()] == [c for c in text if c.isalnum()]
    assert repair(fixed) == fixed
