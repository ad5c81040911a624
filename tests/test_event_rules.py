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


# --- precision: words that name no event, or an event that did not happen


def test_delivering_a_speech_is_no_aid(read):
    reading = read("The president is due to deliver a speech to parliament on Friday.")
    assert "AID" not in types(reading) and "AGREE" not in types(reading)


def test_withdrawing_cash_is_no_retreat(read):
    assert "RETREAT" not in types(read("Savers queued for hours to withdraw cash from banks."))
    assert "RETREAT" in types(read("The army withdrew its troops from the valley on Monday."))


def test_needed_support_is_not_offered(read):
    reading = read("The mayor of Tripoli said his city would need international support.")
    support = event(reading, "SUPPORT")
    assert support.modality == "hypothetical" and not support.actors
    assert "AGREE" not in types(reading)


def test_infinitive_under_a_negated_verb_did_not_happen(read):
    reading = read("The city was not waiting for the army to liberate it.")
    assert event(reading, "ASSAULT").modality == "negated"


def test_setting_fire_happened(read):
    reading = read("Rioters set fire to a police station on Sunday.")
    assert event(reading, "COERCE").modality == "reported"


def test_being_serious_about_talks_is_no_promise(read):
    reading = read("Officials said the rebels were not serious about the talks.")
    assert event(reading, "CONSULT").modality == "reported"
    assert "AGREE" not in types(reading)


def test_what_is_due_commits_no_one(read):
    reading = read("The foreign ministers of Peru and Chile are due to meet on Thursday.")
    assert event(reading, "CONSULT").modality == "anticipated"
    assert "AGREE" not in types(reading)


def test_negative_quantifiers_deny(read):
    assert event(read("No strikes have hit the capital so far."), "ASSAULT").modality == "negated"
    reading = read("The delegations met for five hours but parted without agreeing on a truce.")
    assert event(reading, "AGREE").modality == "negated"


def test_an_event_that_did_not_stop_went_on(read):
    reading = read("Fighting did not stop while the delegations met.")
    assert event(reading, "ASSAULT").modality == "reported"


def test_counterfactual_did_not_happen(read):
    reading = read("Without the veto, the council would have condemned the coup in Myanmar.")
    assert event(reading, "ACCUSE").modality == "hypothetical"


def test_a_plan_governs_its_complement_not_its_subject(read):
    reading = read("Officials said the attack had been aimed at the city hall.")
    assert event(reading, "ASSAULT").modality == "reported"


def test_a_forecast_is_no_threat(read):
    reading = read("Aid groups warned that the number of refugees would rise sharply.")
    assert "THREATEN" not in types(reading) and "AID" not in types(reading)
    assert "THREATEN" in types(read("The ministry warned of a harsh response to the sanctions."))


def test_a_preposition_is_no_particle(read):
    assert "CONCEDE" not in types(read("The general gave the order in a meeting with commanders."))


def test_a_passive_verb_keeps_its_own_subject(read):
    reading = read("The town lies near the border, and its market was shelled overnight.")
    assert not event(reading, "ASSAULT").actors


def test_riot_police_are_no_riot(read):
    assert "PROTEST" not in types(read("Riot police stood guard outside the parliament."))


def test_hyphenated_words(read):
    reading = read("Two soldiers died in a shoot-out with smugglers near the border.")
    assert event(reading, "ASSAULT").acled == "Battles: Armed clash"
    assert "SUPPORT" not in types(read("The Iran-backed militia denied the report."))


# --- ACLED distinctions, round 2


def test_workers_on_strike_protest(read):
    assert event(read("Dock workers went on strike over pay."), "PROTEST").mode == "strike"


def test_opening_fire_on_militants_is_a_battle(read):
    reading = read("Soldiers opened fire on militants near the border post.")
    assert event(reading, "ASSAULT").acled == "Battles: Armed clash"


def test_defection_changes_a_group(read):
    reading = read("Dozens of rebel fighters defected to the government on Friday.")
    assert event(reading, "MOBILIZE").acled == "Strategic developments: Change to group/activity"


def test_arrests_of_would_be_demonstrators_are_an_intervention(read):
    reading = read("Police detained dozens of activists who were trying to hold a demonstration.")
    assert event(reading, "COERCE").acled == "Protests: Protest with intervention"


def test_an_event_told_as_the_time_of_another_is_background(read):
    reading = read("The army and the rebels agreed to a truce following weeks of fighting.")
    assert "ASSAULT" not in types(reading)


def test_an_attack_launched_on_a_base_is_a_battle(read):
    reading = read("An attack was launched on an army base overnight.")
    assert event(reading, "ASSAULT").acled == "Battles: Armed clash"


def test_case_table_cues_round_2():
    codes = events_acled.case_codes()

    def cue(text: str) -> list[str]:
        return [code for pattern, code in codes.cues if pattern.search(text)]

    assert cue("a warehouse burned after catching fire") == ["MAN_MADE_DISASTER"]
    assert cue("police seized cocaine at the port") == ["ORG_CRIME"]


# --- PLOVER types, round 2


def test_complaints_and_lawsuits_accuse(read):
    assert "ACCUSE" in types(read("Ghana complained to the United Nations about the raids."))
    assert "ACCUSE" in types(read("Peru lodged a formal protest with Chile on Monday."))
    assert "ACCUSE" in types(read("A Kenyan farmer is suing the government of Uganda."))


def test_yielding(read):
    reading = read("The nurses' union called off its strike after talks with the ministry.")
    assert types(reading)[0] == "CONCEDE"
    assert "CONCEDE" in types(read("The government of Chad accepted the demands of the rebels."))


def test_defending_a_decision_supports_it(read):
    assert "SUPPORT" in types(read("Brazil defended the decision of the court on Tuesday."))


def test_an_announced_sanction_is_taken_unless_conditional(read):
    taken = read("Norway said it would close its airspace to Belarusian aircraft.")
    assert "SANCTION" in types(taken) and "THREATEN" not in types(taken)
    threat = read("Norway said it would close its airspace unless Belarus released the pilot.")
    assert "THREATEN" in types(threat)


def test_readiness_to_contribute_troops_is_a_promise(read):
    reading = read("Ireland is ready to contribute 400 troops to a peacekeeping force in Mali.")
    assert types(reading)[0] == "AGREE"


def test_releasing_people_concedes_releasing_a_report_does_not(read):
    assert "CONCEDE" in types(read("The rebels said they would release the mayor on Sunday."))
    assert "CONCEDE" not in types(read("The ministry released a report on the floods."))


def test_financing_a_war_is_no_aid(read):
    assert "AID" not in types(read("Sanctions made it harder for the regime to finance the war."))


def test_state_of_emergency_coerces(read):
    reading = read("The government declared a state of emergency in the province.")
    assert event(reading, "COERCE").mode == "curfew"


def test_an_expectation_denied_denies(read):
    reading = read("Nobody expected a peace deal on the first day.")
    assert event(reading, "AGREE").modality == "negated"


def test_a_clause_of_time_stands_on_its_own(read):
    reading = read(
        "A delegation is expected to travel on Thursday after both sides agreed to meet."
    )
    assert event(reading, "AGREE").modality == "reported"


def test_an_alliance_that_acts_is_a_body(read):
    assert "COOPERATE" not in types(read("The alliance was deploying its rapid response force."))


def test_a_forecast_under_a_condition_is_no_threat(read):
    reading = read("Aid workers warned that the toll would rise if the fighting spread.")
    assert "THREATEN" not in types(reading)


def test_weapons_received_are_equipment(read):
    reading = read("The militias are receiving parts for drones and missiles from abroad.")
    assert "ASSAULT" not in types(reading)


def test_a_group_attacking_a_rally_is_mob_violence(read):
    reading = read("A group of men attacked a peaceful rally in the city centre.")
    assert event(reading, "ASSAULT").acled == "Riots: Mob violence"
    reading = read("Police attacked a peaceful rally in the city centre.")
    assert event(reading, "ASSAULT").acled != "Riots: Mob violence"
