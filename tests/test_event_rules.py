"""Event rules of the reader, each on a sentence written for the test: PLOVER's speech-act
conventions (promises, refusals, conditional threats, demands), who acts (coordinated subjects,
countries in titles and places), and the ACLED distinctions read from roles and wording."""

from __future__ import annotations

import pytest

from livedesk.evaluate import events_acled
from livedesk.ingest.source import RawDocument


@pytest.fixture(scope="module")
def read(reader):
    def _read(text: str):
        return reader.read(RawDocument(id="rule", text=text))

    return _read


def types(reading) -> list[str]:
    return [event.type for event in reading.events]


def event(reading, kind: str):
    found = [e for e in reading.events if e.type == kind]
    assert found, f"no {kind} in {types(reading)}"
    return found[0]


def countries(participants) -> set[str]:
    return {p.country for p in participants if p.country}


# --- who acts


def test_coordinated_subjects_all_act(read):
    agree = event(read("Norway and Chile agreed on a new fishing treaty on Monday."), "AGREE")
    assert {"NOR", "CHL"} <= countries(agree.actors)


def test_named_official_takes_the_country_of_the_title(read):
    accuse = event(read("Kenyan Interior Minister Paul Otieno condemned the raid."), "ACCUSE")
    assert "KEN" in countries(accuse.actors)


def test_group_takes_the_country_it_is_in(read):
    reject = event(read("Rebels in Mali rejected the peace plan on Tuesday."), "REJECT")
    assert "MLI" in countries(reject.actors)


def test_retreat_from_a_country_targets_it(read):
    retreat = event(read("Armenia withdrew its troops from Georgia last week."), "RETREAT")
    assert "GEO" in countries(retreat.recipients)
    assert "GEO" not in countries(retreat.actors)


# --- PLOVER's conventions


def test_announced_aid_is_a_promise(read):
    reading = read("Sweden will send food aid to Somalia, the foreign ministry said.")
    assert types(reading)[0] == "AGREE"
    assert event(reading, "AGREE").modality == "reported"
    assert event(reading, "AID").modality == "anticipated"


def test_refused_agreement_is_a_rejection(read):
    reading = read("Peru said it would not accept the proposal.")
    assert types(reading)[0] == "REJECT"
    assert event(reading, "AGREE").modality == "negated"


def test_negation_outweighs_the_modal(read):
    assert event(read("Chile will not sign the treaty."), "AGREE").modality == "negated"


def test_conditional_withdrawal_is_a_threat(read):
    text = "Ghana said it will withdraw its peacekeepers from Lebanon unless the attacks stop."
    assert "THREATEN" in types(read(text))


def test_must_in_reported_speech_is_a_demand(read):
    reading = read("Brazil said that Argentina must release the detained fishermen.")
    request = event(reading, "REQUEST")
    assert types(reading)[0] == "REQUEST"
    assert "BRA" in countries(request.actors)
    assert "ARG" in countries(request.recipients)


def test_agreeing_what_both_should_do_is_no_demand(read):
    reading = read("Both ministers agreed that their countries should cooperate on energy.")
    assert "REQUEST" not in types(reading)


def test_an_attempt_is_no_threat(read):
    reading = read("The militants said they tried to kill the governor.")
    assert "ASSAULT" in types(reading) and "THREATEN" not in types(reading)


# --- ACLED distinctions


def test_who_takes_a_town_names_the_territory_type(read):
    rebels = event(read("Rebel fighters captured the town of Gao on Sunday."), "ASSAULT")
    army = event(read("The army captured the town of Gao on Sunday."), "ASSAULT")
    assert rebels.acled == "Battles: Non-state actor overtakes territory"
    assert army.acled == "Battles: Government regains territory"


def test_stone_throwing_makes_a_protest_a_riot(read):
    reading = read("Protesters marched through the capital and threw stones at the police.")
    assert event(reading, "PROTEST").acled == "Riots: Violent demonstration"


def test_clash_with_protesters_is_a_riot(read):
    reading = read("Police clashed with protesters in the capital on Friday.")
    assert event(reading, "ASSAULT").acled == "Riots: Violent demonstration"


def test_seized_grenades_are_no_attack(read):
    reading = read("Police seized rifles and grenades in a search of a farm.")
    assert event(reading, "COERCE").acled == "Strategic developments: Disrupted weapons use"
    assert "ASSAULT" not in types(reading)


def test_boiler_explosion_is_an_accident(read):
    reading = read("A boiler exploded at a textile factory, injuring five workers.")
    blast = event(reading, "ASSAULT")
    assert blast.mode == "accident" and blast.acled is None


def test_warplanes_strike_from_the_air(read):
    reading = read("Warplanes destroyed an ammunition depot near the border.")
    assert event(reading, "ASSAULT").acled == "Explosions/Remote violence: Air/drone strike"


def test_mob_violence(read):
    reading = read("A man was set ablaze by an angry mob in the market.")
    assert any(e.acled == "Riots: Mob violence" for e in reading.events)


def test_general_strike_is_a_protest(read):
    assert event(read("Teachers began a general strike on Monday."), "PROTEST").mode == "strike"


def test_month_is_no_march(read):
    assert "PROTEST" not in types(read("The talks between the two ministers ended on 3 March."))


def test_case_table_rows_for_new_classes():
    codes = events_acled.case_codes()
    assert codes.plover["ASSAULT accident"][0] == "MAN_MADE_DISASTER"
    assert codes.plover["RETREAT surrender"][0] == "AGREEMENT"
    assert codes.plover["PROTEST strike"][0] == "PEACE_PROTEST"
    riot = codes.acled["Riots: Violent demonstration"][1]
    assert riot < codes.acled["Protests: Protest with intervention"][1]
    smuggling = [code for pattern, code in codes.cues if pattern.search("arms smuggling ring")]
    assert smuggling == ["ORG_CRIME"]


def test_tear_gas_fired_at_stone_throwers_is_a_riot(read):
    reading = read("Police fired tear gas at protesters who threw stones at them.")
    assert "ASSAULT" not in types(reading)
    assert event(reading, "COERCE").acled == "Riots: Violent demonstration"


def test_ground_taken_in_clashes_is_still_taken(read):
    reading = read("Government troops took control of the town after fierce clashes with rebels.")
    assert event(reading, "ASSAULT").acled == "Battles: Government regains territory"


def test_quantity_of_weapons_is_what_was_seized(read):
    reading = read("Police said a large number of rifles were seized near the border.")
    assert event(reading, "COERCE").acled == "Strategic developments: Disrupted weapons use"


def test_suicide_bombing_named_by_its_means(read):
    reading = read("A suicide bomber detonated explosives at a market, killing ten people.")
    assert event(reading, "ASSAULT").acled == "Explosions/Remote violence: Suicide bomb"


def test_unnamed_victims_belong_where_it_happened(read):
    reading = read("Police beat demonstrators in Nairobi on Monday.")
    assert "KEN" in countries(event(reading, "ASSAULT").recipients)
