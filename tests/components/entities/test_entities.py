"""Entities layer: clustering, canonical names, titles, variants and pronouns (text -> records)."""
from __future__ import annotations

import pytest


def entity(art, mention_text):
    """The entity that has a mention with exactly this text."""
    found = [e for e in art.entities if any(m.text == mention_text for m in e.mentions)]
    assert found, f"no entity mentioned as {mention_text!r}: {[(e.name, [m.text for m in e.mentions]) for e in art.entities]}"
    return found[0]


@pytest.mark.parametrize("text,mentions,name,label", [
    ("Prime Minister Boris Johnson met the press on Monday. Johnson said the talks went well.",
     ["Prime Minister Boris Johnson", "Johnson"], "Boris Johnson", "PERSON"),
    ("Ukrainian President Volodymyr Zelenskyy addressed parliament. Later, Zelensky thanked the allies.",
     ["Ukrainian President Volodymyr Zelenskyy", "Zelensky"], "Volodymyr Zelenskyy", "PERSON"),
    ("The European Union agreed new sanctions on Tuesday. The EU said more would follow.",
     ["European Union", "EU"], "European Union", "ORG"),
    ("Shelling hit Kyiv overnight. Residents of Kiev sheltered in the metro.",
     ["Kyiv", "Kiev"], "Kyiv", "GPE"),
    ("German Chancellor Olaf Scholz spoke in Berlin. Scholz later flew to Paris.",
     ["German Chancellor Olaf Scholz", "Scholz"], "Olaf Scholz", "PERSON"),
    # the model puts "Ms" inside the name, not "Mr"
    ("Liz Truss spoke on Monday. Ms Truss said the plan would work.",
     ["Liz Truss", "Ms Truss"], "Liz Truss", "PERSON"),
])
def test_entities_mentions_cluster_into_one_entity(run, text, mentions, name, label):
    art = run(text)
    ent = entity(art, mentions[0])
    assert set(mentions) <= {m.text for m in ent.mentions}
    assert ent.name == name
    assert ent.label == label


@pytest.mark.parametrize("text,mention,name", [
    ("Analysts at the Financial Times disagreed.", "Financial Times", "Financial Times"),
    ("Kyiv’s forces advanced on Tuesday.", "Kyiv", "Kyiv"),
    ("Germany's economy shrank last year.", "Germany", "Germany"),
])
def test_entities_determiners_and_possessives_stay_out(run, text, mention, name):
    ent = entity(run(text), mention)
    assert ent.name == name


@pytest.mark.parametrize("text,place,label", [
    ("Kiev has had to send more troops to the east.", "Kiev", "GPE"),
    ("Soldiers were surrounded in the Kursk region last week.", "Kursk", "GPE"),
])
def test_entities_news_places_get_a_place_label(run, text, place, label):
    assert entity(run(text), place).label == label


@pytest.mark.parametrize("text,name,label", [
    ("Zelensky said on Twitter that the talks had failed.", "Twitter", "ORG"),
    ("Nate Signal, a farmer, said the harvest was poor.", "Nate Signal", "PERSON"),
])
def test_entities_platforms_are_no_people(run, text, name, label):
    assert entity(run(text), name).label == label


@pytest.mark.parametrize("text,person", [
    ("Vladimir Putin spoke to reporters in Moscow.", "Vladimir Putin"),
    ("Paris Hilton arrived at the gala on Friday.", "Paris Hilton"),
])
def test_entities_people_are_not_turned_into_places(run, text, person):
    art = run(text)
    assert entity(art, person).label != "GPE"
    assert not any(e.label == "GPE" and person.split()[0] in e.name for e in art.entities)


@pytest.mark.parametrize("text,pronoun_at,name", [
    ("Angela Merkel arrived in Brussels on Monday. She said the deal was close.", "She", "Angela Merkel"),
    ("Mr. Smith met Mrs. Jones in London. She said the talks had failed.", "She", "Jones"),
    ("\"I spoke with Joe Biden last week,\" Emmanuel Macron said. He added that more talks were planned.",
     "He", "Emmanuel Macron"),
])
def test_entities_pronouns_resolve_to_the_right_person(run, text, pronoun_at, name):
    art = run(text)
    start = text.index(pronoun_at)
    owners = [e.name for e in art.entities for r in e.references if r.start == start]
    assert owners and name in owners[0]


@pytest.mark.parametrize("text,pronoun", [
    ("The committee met on Monday. He said nothing.", "He"),
])
def test_entities_pronoun_without_antecedent_stays_unresolved(run, text, pronoun):
    art = run(text)
    assert not any(r.start == text.index(pronoun) for e in art.entities for r in e.references)


def test_entities_ids_follow_first_mention_order(run):
    art = run("Emmanuel Macron met Olaf Scholz in Paris. Scholz and Macron then spoke to the press.")
    firsts = [min(m.start for m in e.mentions) for e in art.entities]
    assert firsts == sorted(firsts)
    assert [e.id for e in art.entities] == [f"E{k}" for k in range(1, len(art.entities) + 1)]


def test_entities_seed_article_clusters(run, seed_path):
    from presstrace.readers import read_inputs
    (article,) = list(read_inputs([str(seed_path)]))
    art = run(article.text, article.date)
    assert {"President Trump", "Trump"} <= {m.text for m in entity(art, "President Trump").mentions}
    assert entity(art, "Kiev") is entity(art, "Kyiv")
    assert entity(art, "Putin").name == "Vladimir Putin"


@pytest.mark.parametrize("text,place,person", [
    ("The statement was made by President of Ukraine Volodymyr Zelenskyy on Monday.", "Ukraine", "Volodymyr Zelenskyy"),
    ("It was signed by Prime Minister of Canada Justin Trudeau in Ottawa.", "Canada", "Justin Trudeau"),
])
def test_entities_title_of_place_name_is_split(run, text, place, person):
    art = run(text)
    assert entity(art, place).label == "GPE"
    assert entity(art, person).label == "PERSON"


@pytest.mark.parametrize("labels,names,expected", [
    (["ORG", "PERSON", "ORG"], ["Volodymyr Zelenskyy"] * 3, "PERSON"),
    (["ORG", "PERSON"], ["Financial Times"] * 2, "ORG"),
    (["GPE", "GPE", "ORG"], ["Ukraine"] * 3, "GPE"),
])
def test_entities_cluster_label_prefers_person_unless_an_org_word(labels, names, expected):
    from presstrace.components.entities.clustering import Candidate, Cluster
    cl = Cluster([Candidate(k, k + 1, n, lab, n, tuple(n.lower().split())) for k, (lab, n) in enumerate(zip(labels, names))])
    assert cl.label == expected


@pytest.mark.parametrize("text,pronoun,name", [
    ("NATO met in Brussels on Friday. They agreed to send more air defence.", "They", "NATO"),
    ("The European Union met on Monday, and their ministers agreed new sanctions.", "their", "European Union"),
])
def test_entities_they_resolves_to_a_group(run, text, pronoun, name):
    art = run(text)
    start = text.index(pronoun)
    owners = [e.name for e in art.entities for r in e.references if r.start == start]
    assert owners == [name]


@pytest.mark.parametrize("text,pronoun", [
    ("NATO said Russian forces were regrouping. They had lost many tanks.", "They"),
    ("\"They will never win,\" said the spokesman for NATO.", "They"),
    ("Kyiv’s forces seized some Russian land. But the area they held soon shrank.", "they"),
])
def test_entities_they_stays_unresolved_when_a_plural_noun_is_closer(run, text, pronoun):
    art = run(text)
    assert not any(r.start == text.index(pronoun) for e in art.entities for r in e.references)


@pytest.mark.parametrize("text,mention", [
    ("Horrific Russian rocket strikes hit Kyiv overnight, the mayor said.", "Russian"),
    ("Russian forces shelled the city. Russian officials denied it.", "Russian"),
    ("Anglo-American ties held after the talks, officials said.", "American"),
    ("The German- and French-brokered protocol was meant to end the fighting.", "German"),
])
def test_entities_a_demonym_is_no_person_or_organisation(run, text, mention):
    art = run(text)
    assert not [e for e in art.entities if e.label in ("PERSON", "ORG") and
                any(mention in m.text for m in e.mentions)], [(e.name, e.label) for e in art.entities]


@pytest.mark.parametrize("text,mention,name", [
    ("The idea is scary, Dr Autry said on Monday. Greg Autry teaches in Arizona.", "Dr Autry", "Greg Autry"),
    ("Professor Helen Marsh warned of delays, the university said.", "Professor Helen Marsh", "Helen Marsh"),
])
def test_entities_an_honorific_makes_a_person(run, text, mention, name):
    ent = entity(run(text), mention)
    assert ent.label == "PERSON" and ent.name == name


@pytest.mark.parametrize("text", ["It was over. He said nothing. They left.", "Said the minister: no."])
def test_entities_pronouns_and_verbs_are_no_entities(run, text):
    art = run(text)
    assert not [e for e in art.entities if e.name.lower() in ("it", "he", "they", "said")]
