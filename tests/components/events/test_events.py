"""Events layer: PLOVER types, actors with country and sector, qualities (text -> records)."""
from __future__ import annotations

import pytest


def event(art, etype):
    found = [e for e in art.events if e.type == etype]
    assert found, f"no {etype} event: {[(e.type, e.text) for e in art.events]}"
    return found[0]


@pytest.mark.parametrize("text,etype", [
    ("Russian forces shelled the city of Kharkiv overnight.", "ASSAULT"),
    ("The town of Izium was captured by Russian troops in April.", "ASSAULT"),
    ("Ukrainian troops surrounded the Russian garrison on three sides.", "ASSAULT"),
    ("The Russian withdrawal from Kherson was completed on Friday.", "RETREAT"),
    ("Ukraine withdrew its forces from Severodonetsk.", "RETREAT"),
    ("Emmanuel Macron held a phone call with Vladimir Putin on Sunday.", "CONSULT"),
    ("Olaf Scholz met Joe Biden at the White House.", "CONSULT"),
    ("Zelensky urged NATO to close the sky over Ukraine.", "REQUEST"),
    ("The appeal by the Red Cross for a ceasefire went unanswered.", "REQUEST"),
    ("The European Union imposed sanctions on Russian banks.", "SANCTION"),
    ("Police arrested dozens of protesters in Moscow.", "COERCE"),
    ("Thousands of demonstrators protested in Tbilisi against the law.", "PROTEST"),
    ("Washington accused Moscow of war crimes.", "ACCUSE"),
    ("The Russian minister has come under fierce criticism from the opposition.", "ACCUSE"),
    ("Kyiv rejected the Russian proposal.", "REJECT"),
    ("Russia threatened to cut gas supplies to Europe.", "THREATEN"),
    ("Germany sent humanitarian aid to Poland.", "AID"),
    ("The Kremlin ordered a partial mobilisation of reservists.", "MOBILIZE"),
    ("Russia and Ukraine agreed to a prisoner exchange.", "AGREE"),
])
def test_events_types(run, text, etype):
    ev = event(run(text, "2022-06-01"), etype)
    assert text[ev.start:ev.end] == ev.text


@pytest.mark.parametrize("text,etype,src,src_country,src_sector", [
    ("Russian forces shelled the city of Kharkiv overnight.", "ASSAULT", "Russian forces", "RUS", "MIL"),
    ("The town of Izium was captured by Russian troops in April.", "ASSAULT", "Russian troops", "RUS", "MIL"),
    ("The European Union imposed sanctions on Russian banks.", "SANCTION", "European Union", None, "IGO"),
    ("The Kremlin ordered a partial mobilisation of reservists.", "MOBILIZE", "Kremlin", "RUS", "GOV"),
])
def test_events_source_actor_country_and_sector(run, text, etype, src, src_country, src_sector):
    ev = event(run(text), etype)
    assert ev.source_actor is not None and src in (ev.source_actor.text or "")
    assert (ev.source_actor.country, ev.source_actor.sector) == (src_country, src_sector)


def test_events_passive_target_place_and_date(run):
    art = run("On Thursday the town of Sudzha was taken back by Russian forces.", "2025-03-14")
    ev = event(art, "ASSAULT")
    assert ev.mode == "occupy/seize territory"
    assert ev.date == "2025-03-13" and ev.date_source == "text"


def test_events_article_date_is_marked_as_such(run):
    ev = event(run("Ukrainian troops surrounded the garrison.", "2024-05-02"), "ASSAULT")
    assert (ev.date, ev.date_source) == ("2024-05-02", "article")


@pytest.mark.parametrize("text,etype,negated,hypothetical", [
    ("Russia did not attack the convoy.", "ASSAULT", True, False),
    ("Turkey will support Finland's application.", "AGREE", False, True),
    ("The Russian army would attack the city if talks failed.", "THREATEN", False, True),
])
def test_events_qualities(run, text, etype, negated, hypothetical):
    ev = event(run(text), etype)
    assert (ev.negated, ev.hypothetical) == (negated, hypothetical)


def test_events_reported_by_links_the_claim(run):
    art = run("Officials said Russian forces had captured the village.")
    ev = event(art, "ASSAULT")
    claim = next(c for c in art.claims if c.id == ev.reported_by)
    assert claim.source.kind == "vague"


def test_events_content_of_another_event_is_not_coded_twice(run):
    art = run("Kyiv rejected a Russian request for talks.")
    assert [e.type for e in art.events] == ["REJECT"]


def test_events_key_is_stable_for_the_same_event(run):
    a = event(run("Russian forces shelled Kharkiv on Monday.", "2022-05-03"), "ASSAULT")
    b = event(run("On Monday, Kharkiv was shelled by Russian forces.", "2022-05-03"), "ASSAULT")
    assert a.key == b.key


def _one(art, etype):
    found = [e for e in art.events if e.type == etype]
    return found[0] if found else None


@pytest.mark.parametrize("text,etype,expected", [
    ("Polish dock workers struck for higher pay on Monday.", "PROTEST", True),
    ("Russian forces struck a fuel depot near Lviv.", "ASSAULT", True),
    ("Ukrainian troops fired on the Russian convoy.", "ASSAULT", True),
    ("The Russian bank fired its chief executive.", "ASSAULT", False),
    ("A French reporter asked Emmanuel Macron about the talks.", "REQUEST", False),
    ("Volodymyr Zelensky asked Germany to send more tanks.", "REQUEST", True),
    ("The Russian opposition leader pleaded guilty to the charges.", "REQUEST", False),
])
def test_events_sense_of_polysemous_verbs(run, text, etype, expected):
    assert (_one(run(text), etype) is not None) is expected


def test_events_attack_in_words_is_an_accusation(run):
    art = run("Vladimir Putin's comments attacked the United States on Friday.")
    assert _one(art, "ACCUSE") is not None and _one(art, "ASSAULT") is None


@pytest.mark.parametrize("text", ["Russia's invasion of Ukraine began in February.", "Russia invaded Ukraine in February."])
def test_events_invasion_target_and_place(run, text):
    ev = event(run(text, "2022-06-01"), "ASSAULT")
    assert (ev.source_actor.country, ev.target_actor.country, ev.place) == ("RUS", "UKR", "Ukraine")


def test_events_town_attacked_is_where_not_whom(run):
    ev = event(run("Russian forces shelled Kharkiv overnight."), "ASSAULT")
    assert ev.target_actor is None and ev.place == "Kharkiv"


def test_events_place_is_not_an_actor_of_the_event(run):
    ev = event(run("Antony Blinken accused Russia of lying."), "ACCUSE")
    assert ev.place is None


@pytest.mark.parametrize("text,etype,country,sector", [
    ("The Kremlin said its forces had captured the village.", "ASSAULT", "RUS", "MIL"),
    ("Police arrested dozens of protesters in Moscow.", "COERCE", "RUS", "POL"),
    ("Hungary has said it will support the new sanctions.", "AGREE", "HUN", "GOV"),
])
def test_events_actor_country_from_pronoun_or_place(run, text, etype, country, sector):
    src = event(run(text), etype).source_actor
    assert (src.country, src.sector) == (country, sector)


@pytest.mark.parametrize("text,etype", [
    ("The two sides agreed to a prisoner exchange.", "AGREE"),
    ("The company also donated $5 million to the fund.", "AID"),
    ("Late on Wednesday, which was cold, helped the rescuers.", "AID"),
])
def test_events_without_an_actor_are_not_coded(run, text, etype):
    assert _one(run(text), etype) is None


def test_events_name_inside_a_description_is_not_the_actor(run):
    art = run("Vladimir Putin should stay firm, one of his closest allies has demanded.")
    ev = _one(art, "REQUEST")
    assert ev is None or ev.source_actor is None or ev.source_actor.name != "Vladimir Putin"


def test_events_purpose_is_not_yet_done(run):
    art = run("Canada is sending military trainers to Britain to teach Ukrainian recruits to fight Russian forces.")
    assert all(e.hypothetical for e in art.events if e.type == "ASSAULT")


def test_events_what_one_says_another_must_do_is_a_request(run):
    ev = event(run("The Red Cross said Israeli forces must allow aid convoys into the city."), "REQUEST")
    assert ev.source_actor.name == "Red Cross" and ev.target_actor.country == "ISR"
    assert not ev.hypothetical  # the demand was made; only its content is not yet done


def test_events_a_speakers_own_duty_is_no_request(run):
    assert _one(run("The German chancellor said we must help Ukraine more."), "REQUEST") is None


def test_events_signing_a_treaty_is_support_and_a_promise_to_sign_is_agree(run):
    assert _one(run("Poland and Lithuania signed a defence treaty on Monday."), "SUPPORT") is not None
    assert _one(run("Poland and Lithuania will sign a defence treaty next week."), "AGREE") is not None


@pytest.mark.parametrize("text,etype,src", [
    ("NATO sanctions deterred Russia from invading Moldova.", "ASSAULT", "Russia"),
    ("Senator Jane Holt ripped Joe Biden for blaming China.", "ACCUSE", "Joe Biden"),
    ("Britain is training Ukrainian recruits to fight Russian forces.", "ASSAULT", "Ukrainian recruits"),
])
def test_events_doer_of_a_verb_without_subject(run, text, etype, src):
    ev = event(run(text), etype)
    assert src in (ev.source_actor.text or ev.source_actor.name)


def test_events_criticised_for_doing_is_one_accusation(run):
    art = run("Senator Jane Holt criticised Joe Biden for blaming China.")
    assert [(e.type, e.source_actor.name) for e in art.events] == [("ACCUSE", "Jane Holt")]


def test_events_verbs_joined_by_and_share_an_object(run):
    ev = event(run("Georgian police arrested and charged a Russian journalist in Tbilisi."), "COERCE")
    assert ev.target_actor is not None and ev.target_actor.country == "RUS"


def test_events_denied_by_no_sign_is_negated(run):
    ev = event(run("There is no sign that Dmytro Kuleba met Sergei Lavrov in Bali."), "CONSULT")
    assert ev.negated


@pytest.mark.parametrize("text,etype", [
    ("The Polish president backed off from his threat to veto the bill.", "SUPPORT"),
    ("Brittney Griner's plea came during a hearing near Moscow.", "REQUEST"),
    ("It's like the Russian satellites tried to kill us, the astronaut said.", "ASSAULT"),
])
def test_events_words_that_name_no_such_event(run, text, etype):
    ev = _one(run(text), etype)
    assert ev is None or (ev.target_actor is None and etype == "ASSAULT")


def test_events_degree_verbs_carry_their_event_noun(run):
    ev = event(run("NATO will tighten the naval blockade of Serbia."), "THREATEN")
    assert ev.source_actor.name == "NATO"


def test_events_wounded_people_undergo_the_attack(run):
    ev = event(run("At least 15 Ukrainian civilians were reported as wounded in Kharkiv."), "ASSAULT")
    assert ev.source_actor is None and ev.target_actor.country == "UKR"


def test_events_fighting_does_not_happen_at_a_seat_of_government(run):
    ev = event(run("Russian forces shelled the village as residents fled from the Kremlin's troops."), "ASSAULT")
    assert ev.place != "Moscow"


@pytest.mark.parametrize("text", [
    "The also banned the display of flags at any event under its jurisdiction.",
    "Senator Ann Cole could not resist seizing an \"I told you so\" moment.",
])
def test_events_a_stray_determiner_is_no_actor_and_no_crash(run, text):
    for ev in run(text).events:
        for actor in (ev.source_actor, ev.target_actor):
            assert actor is None or (actor.text or "").strip()


def test_events_carry_how_they_were_found_and_a_confidence(run):
    art = run("Russia's invasion of Ukraine began in February. Germany sent humanitarian aid to Poland. "
              "The Red Cross said Israeli forces must allow aid convoys into Gaza.")
    found = {e.found_by for e in art.events}
    assert {"noun", "demand"} <= found and found <= {"verb", "light_verb", "noun", "demand"}
    assert all(0 <= e.confidence <= 1 for e in art.events)


def test_events_the_west_is_no_region_of_a_country(run):
    ev = event(run("The West imposed sanctions on Russian banks."), "SANCTION")
    assert ev.source_actor is None or ev.source_actor.country is None


def test_events_a_persons_country_from_a_title_mention(run):
    art = run("U.S. Secretary of State Antony Blinken arrived in Geneva. Blinken accused Russia of lying.")
    ev = event(art, "ACCUSE")
    assert (ev.source_actor.name, ev.source_actor.country) == ("Antony Blinken", "USA")


def test_events_possessive_pronoun_and_the_country_are_the_doer(run):
    art = run("President Vladimir Putin honours anniversaries. His invasion of Ukraine began a day after one.")
    assert event(art, "ASSAULT").source_actor.name == "Vladimir Putin"
    art = run("The chain closed its 850 shops in Russia over the country's invasion of Ukraine.")
    assert event(art, "ASSAULT").source_actor.country == "RUS"


def test_events_a_big_deal_and_a_person_stepping_back_are_no_events(run):
    assert _one(run("Russia is making a big deal of pulling back a few tanks."), "AGREE") is None
    assert _one(run("The reporter Tom Ellis stood up and retreated several steps."), "RETREAT") is None


def test_events_the_land_compounded_with_an_invasion_is_invaded(run):
    ev = event(run("Profits have soared since the Ukraine invasion began."), "ASSAULT")
    assert ev.source_actor is None and ev.target_actor.country == "UKR"


def test_events_a_victim_needs_no_country_and_a_maker_is_a_business(run):
    ev = event(run("On March 5, Russian forces shot a nine-year-old girl in the village."), "ASSAULT")
    assert ev.target_actor is not None and ev.target_actor.sector == "CVL"
    ev = event(run("Russia's leading gun-maker urged the Russian authorities to act."), "REQUEST")
    assert (ev.source_actor.country, ev.source_actor.sector) == ("RUS", "BUS")


def test_events_moving_launchers_into_firing_positions_is_no_attack(run):
    art = run("Russia had moved rocket launchers into firing positions near the border.")
    assert _one(art, "ASSAULT") is None


def test_events_a_group_is_named_with_the_place_that_locates_it(run):
    ev = event(run("Demonstrators in Baghdad blocked a road, a newspaper reported."), "PROTEST")
    assert ev.source_actor.text == "Demonstrators in Baghdad" and ev.source_actor.country == "IRQ"


def test_events_an_event_is_no_actor(run):
    art = run("Vladimir Putin's comments attacked the US and the relentless bombing of cities in Ukraine.")
    assert all(e.target_actor is None or "bombing" not in (e.target_actor.text or "") for e in art.events)


def test_events_date_of_the_event_not_of_its_report(run):
    art = run("President Ann Lee revealed Friday that she has held a phone call with Olaf Scholz. "
              "The call, held Thursday, lasted an hour.", "2025-03-14")
    ev = event(art, "CONSULT")
    assert (ev.date, ev.date_source) == ("2025-03-13", "text")
    ev = event(run("Ukrainian officials said on Monday that Russian forces had shelled Kharkiv.", "2025-03-14"), "ASSAULT")
    assert ev.date_source == "article"
