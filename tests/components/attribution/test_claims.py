"""Claims layer and sourcing profile."""
from __future__ import annotations

import pytest


def claim(art, words):
    found = [c for c in art.claims if words in c.text]
    assert found, f"no claim with {words!r}: {[(c.text, c.source.kind) for c in art.claims]}"
    return found[0]


@pytest.mark.parametrize("text,words,kind,source", [
    ("Officials said the bridge had been destroyed overnight.", "bridge had been destroyed", "vague", "Officials"),
    ("Volodymyr Zelensky said the army had retaken the town.", "army had retaken", "named", "Volodymyr Zelensky"),
    ("According to the BBC, the convoy was hit near the border.", "convoy was hit", "named", "BBC"),
    ("There were reports that the airport was closed for the day.", "airport was closed", "vague", "reports"),
    ("Military analysts believe the offensive has stalled in the east.", "offensive has stalled", "vague", "analysts"),
    ("One of the diplomats said the ceasefire talks had stalled.", "talks had stalled", "vague",
     "One of the diplomats"),
])
def test_claims_source_kind_and_span(run, text, words, kind, source):
    c = claim(run(text), words)
    assert c.source.kind == kind
    assert source in (c.source.text or "")
    assert text[c.start:c.end] == c.text
    assert c.source.start is None or text[c.source.start:c.source.end] == c.source.text


def test_claims_impersonal_passive_is_vague(run):
    c = claim(run("It has been confirmed that the town was retaken by the army."), "town was retaken")
    assert c.source.kind == "vague" and "confirmed" in c.source.text


def test_claims_author_assertions_are_unattributed(run):
    art = run("The offensive began in the spring. Officials said it had stalled.")
    assert claim(art, "offensive began").source.kind == "unattributed"
    assert claim(art, "had stalled").source.kind == "vague"


def test_claims_named_source_resolves_to_the_entity(run):
    art = run("Angela Merkel spoke in Berlin. She said the deal was dead.")
    c = claim(art, "deal was dead")
    assert c.source.kind == "named" and c.source.name == "Angela Merkel" and c.source.entity


def test_claims_quote_material_is_not_a_claim(run):
    art = run('Boris Johnson said the plan was "a total disaster for everyone involved".')
    assert not [c for c in art.claims if "disaster" in c.text and c.source.kind != "unattributed"]


def test_sourcing_profile_shares_and_speakers(run):
    art = run('"We will win," Zelensky said. Officials said the front held. The war began in 2022.')
    s = art.sourcing
    assert s.quoted_speakers == {"Zelensky": 1}
    assert abs(s.named + s.vague + s.unattributed - 1.0) < 1e-3
    assert s.named > 0 and s.vague > 0 and s.unattributed > 0 and 0 < s.quoted < 1


def test_claims_verb_inside_reported_content_is_not_a_trailing_attribution(run):
    # "revealed" is part of what the agency said: its content is not "The agency said"
    art = run("The agency said a search revealed no weapon near the stage.")
    assert not [c for c in art.claims if c.text == "The agency said"]
    assert claim(art, "a search revealed no weapon").source.text == "The agency"


def test_claims_relative_pronoun_is_the_source_mention(run):
    art = run("The bill was backed by Ms. Ortiz, who argued that the city could not afford more delays.")
    c = claim(art, "could not afford")
    assert c.source.text == "who" and "Ortiz" in c.source.name and c.source.kind == "named"


@pytest.mark.parametrize("text,words,source", [
    ("The senator dismissed his claim that the budget was balanced.", "budget was balanced", "his"),
])
def test_claims_report_noun_owner(run, text, words, source):
    art = run(text)
    assert source in [c.source.text for c in art.claims if words in c.text]


def test_quotes_relative_pronoun_speaker_resolves_to_its_noun(run):
    art = run("The attack drew a sharp reply from Barack Obama, who called the nominee “unfit to serve” on Monday.")
    q = next(q for q in art.quotes if "unfit" in q.text)
    assert q.speaker.text == "who" and q.speaker.name == "Barack Obama"


@pytest.mark.parametrize("text,claim_text,source", [
    # the attribution interrupts the clause: the clause is the claim
    ("Most of the new schools, she said, have opened in rural districts.",
     "Most of the new schools, she said, have opened in rural districts", "she"),
    # after a lead-in the reported clause starts after the attribution
    ("In any case, Mr. Okoro said, the harbour was badly overbuilt in the 1990s.",
     "the harbour was badly overbuilt in the 1990s", "Okoro"),
])
def test_claims_attribution_set_off_inside_the_clause(run, text, claim_text, source):
    c = claim(run(text), claim_text)
    assert c.text == claim_text and source in c.source.text


@pytest.mark.parametrize("text,content,source,kind", [
    ("Okonkwo: The port deal will collapse by spring.\n\nChidi Okonkwo said on Monday that talks had stalled.",
     "The port deal will collapse by spring", "Okonkwo", "named"),
    ("Survey: Most renters expect higher costs next year.\n\nA new survey shows the mood.",
     "Most renters expect higher costs next year", "Survey", "vague"),
])
def test_claims_headline_with_a_source_and_a_colon(run, text, content, source, kind):
    c = claim(run(text), content)
    assert c.source.text == source and c.source.kind == kind


@pytest.mark.parametrize("text", ["The Latest: Storm moves north along the coast.\n\nWinds rose overnight.",
                                  "Okonkwo: Can the port deal survive?\n\nChidi Okonkwo spoke on Monday."])
def test_claims_headline_label_or_question_is_no_attribution(run, text):
    first_line = text.split("\n")[0]
    assert not [c for c in run(text).claims if c.start < len(first_line) and c.source.kind != "unattributed"]


@pytest.mark.parametrize("text,words,source", [
    ("Senator Ida Brandt wants to build a new bridge across the bay.", "build a new bridge", "Ida Brandt"),
    ("The pollster even hypothesized the governor could easily be replaced by his deputy.", "could easily be replaced",
     "The pollster"),
    ("The mayor later clarified that the curfew would end on Monday.", "curfew would end", "The mayor"),
])
def test_claims_wishes_hypotheses_and_clarifications(run, text, words, source):
    c = claim(run(text), words)
    assert c.source.kind in ("named", "vague") and source in c.source.text


def test_claims_want_with_a_plain_object_is_no_claim(run):
    art = run("The children want ice cream.")
    assert not [c for c in art.claims if c.source.kind != "unattributed"]


@pytest.mark.parametrize("text,content,source", [
    ("Roxana Leon, an independent voter, said she wanted major change in Washington.",
     "she wanted major change in Washington", "Roxana Leon"),
    ("The minister said officials believe the bridge was destroyed overnight.",
     "officials believe the bridge was destroyed overnight", "The minister"),
])
def test_claims_a_report_inside_reported_content_is_part_of_it(run, text, content, source):
    claims = [c for c in run(text).claims if c.source.kind != "unattributed"]
    assert [(c.text, c.source.text) for c in claims] == [(content, source)]


@pytest.mark.parametrize("text,content", [
    ("The aide said the governor would carry the state, which has 18 electoral votes.",
     "the governor would carry the state"),
    ("The senator said the bill would pass, as she left the chamber.", "the bill would pass"),
    ("The mayor suggested the clerk be dismissed and praised the police.", "the clerk be dismissed"),
    ("The minister said the contract went to Acme Corp, a company with no record in defence.",
     "the contract went to Acme Corp"),
])
def test_claims_content_ends_before_the_authors_aside(run, text, content):
    """A comma-set relative clause, appositive or adverbial clause at the end of reported
    content, and a second verb phrase in the speech verb's form, are the author's."""
    assert claim(run(text), content.split()[1]).text == content


def test_claims_content_keeps_its_own_coordination(run):
    c = claim(run("She said she hoped to get her account back and would keep posting."), "account back")
    assert c.text.endswith("keep posting")


def test_claims_active_verb_without_a_subject_makes_no_source_of_the_verb(run):
    art = run("Germany and France have recalled the fate of the jailed critic on the anniversary.")
    assert all(c.source.text not in ("have recalled", "recalled") for c in art.claims)
    c = claim(run("It is believed that the general was killed in the strike."), "general was killed")
    assert c.source.kind == "vague" and "believed" in c.source.text


@pytest.mark.parametrize("text,source", [
    ("The World Health Organization warned on Thursday that cholera could spread. It added that the water "
     "was unsafe.", "World Health Organization"),
    ("The United Nations said the convoy had reached the city. It added that more aid was needed.",
     "United Nations"),
])
def test_claims_it_continues_an_organisations_attribution(run, text, source):
    c = claim(run(text), text.split("It added that ")[1].split()[1])
    assert c.source.start is not None and text[c.source.start:c.source.end] == "It"
    assert c.source.name is not None and source in c.source.name


@pytest.mark.parametrize("text", [
    "The report said the plant was damaged. It added that power lines were cut.",
    "Ukraine's nuclear operator said the plant was damaged. It added that power lines were cut.",
])
def test_claims_it_after_no_named_body_stays_unresolved(run, text):
    """A document, or a body the text does not name (its country's name is a possessor),
    gives "It" no name."""
    assert claim(run(text), "power lines").source.name is None


def test_claims_hyphen_inside_a_word_is_no_aside(run):
    c = claim(run("Officials said Russia is re-equipping its combat units, which could take weeks."),
              "re-equipping")
    assert c.text == "Russia is re-equipping its combat units"


def test_claims_a_complement_split_by_the_parse_is_one_claim(run):
    """"insisted that anyone captured | must be considered …": the parse's two pieces."""
    c = claim(run("The U.S. has insisted that anyone captured must be considered a prisoner of war."),
              "prisoner")
    assert c.text == "anyone captured must be considered a prisoner of war"


def test_claims_two_speakers_in_one_sentence_keep_their_own_claims(run):
    art = run("The minister said the talks failed and the envoy said the deal was dead.")
    assert claim(art, "talks failed").text == "the talks failed"
    assert claim(art, "deal was dead").source.text == "the envoy"


def test_claims_what_is_threatened_is_no_claim(run):
    art = run("A convoy of tanks threatened the capital on Tuesday. Moscow threatened to cut off the gas supply.")
    assert not [c for c in art.claims if "capital" in c.text and c.source.kind != "unattributed"]
    assert claim(art, "cut off the gas").source.text == "Moscow"


def test_claims_a_participle_after_a_comma_keeps_the_clause_subject(run):
    """"…, telling reporters that …": a participle has no subject after it, unlike the
    inverted "…," said the minister; its speaker is the clause's subject."""
    art = run("Drueke sent a message to his mother, mentioning his dog Diesel before signing off.")
    c = claim(art, "his dog")
    assert c.source.text == "Drueke"


@pytest.mark.parametrize("text,words,name", [
    ("Moscow calls the war a special operation and arrests leaders it calls traitors. It denies "
     "that it targets civilians.", "targets civilians", "Moscow"),
    ("The agency said the plant was safe. The invasion, which it calls a tragedy, has cut the power lines.",
     None, None),
    ("Kyiv said the retreat saved lives, while Moscow hailed what it said was a major victory.",
     "was a major victory", "Moscow"),
])
def test_claims_it_in_a_clause_is_the_sentences_body(run, text, words, name):
    """"which it calls" in a sentence whose subject is no body stays unresolved, whatever
    body spoke in the sentence before; "It denies" in a main clause carries on Moscow."""
    art = run(text)
    if words:
        assert claim(art, words).source.name == name
    its = [m for e in art.entities for m in e.references if m.text.lower() == "it"]
    if name is None:
        assert not its


@pytest.mark.parametrize("text,content,source", [
    ("As the president prepared to speak in Wisconsin, a girl outside the venue was pepper-sprayed by a "
     "bystander, police said.", "a girl outside the venue was pepper-sprayed", "police"),
    ("To win the White House, candidates need about 40 percent of the Hispanic vote, analysts say; in 2012, "
     "Mitt Romney won 27 percent.", "candidates need about 40 percent", "analysts"),
    ("The website FiveThirtyEight noted that the way states select delegates works against Trump.",
     "states select delegates", "The website"),
])
def test_claims_content_the_parse_did_not_make_a_complement(run, text, content, source):
    """A closing attribution reports the clause before its comma, also after a semicolon;
    a "that"-complement is a clause whatever the parse made its head."""
    c = claim(run(text), content.split()[-1])
    assert content in c.text and c.source.text.startswith(source)


@pytest.mark.parametrize("text", ["As the talks ended on Friday, Emmanuel Macron spoke.",
                                  "But when Congress cut the funding two years later, Mexico said enough."])
def test_claims_a_background_clause_before_an_attribution_is_no_claim(run, text):
    assert all(c.source.kind == "unattributed" for c in run(text).claims)


@pytest.mark.parametrize("text", [
    "The next rise will be announced on Friday, and the cap is expected to go up to 3,576 pounds.",
    "The minister was asked whether the talks would resume before the summer.",
    "Two bodies were found strewn in the street near the station on Sunday.",
    "No country ought to expect rewards from Washington while it threatens our friends.",
    "It makes these politicians look tough and really, you know, it allows them to have this proxy war.",
    "If Washington goes ahead, the UK is expected to announce that it will also supply rocket systems.",
])
def test_claims_no_source_in_a_passive_subject_a_denial_or_the_reader(run, text):
    """A passive's subject is what is reported on or who is asked, not who reports it; "no
    country" says nothing; "you" is the reader."""
    assert all(c.source.kind == "unattributed" for c in run(text).claims)


def test_claims_he_has_said_is_active(run):
    c = claim(run("He's said he will fight all the way to the convention."), "fight all the way")
    assert c.source.text == "He"


def test_claims_a_verb_of_causing_passes_the_speech_to_its_object(run):
    """"prompted Biden to warn that …": Biden warns; after a verb of asking ("urged Europe to
    respond with “…”") the words stay the asker's."""
    c = claim(run("Putin's threats prompted Joe Biden to warn that the danger was closer than at any time in decades."),
              "danger was closer")
    assert c.source.name == "Joe Biden"
