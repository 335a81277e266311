"""Quotes layer: spans, speakers, cues, channels and kinds on real news patterns."""
from __future__ import annotations

import pytest

from presstrace.components.attribution.quote_cues import right_after_quote
from presstrace.components.common.quotemarks import find_quotes


def quote(art, words):
    found = [q for q in art.quotes if words in q.text]
    assert found, f"no quote with {words!r}: {[q.text for q in art.quotes]}"
    return found[0]


@pytest.mark.parametrize("text,words,speaker,cue,kind", [
    ('"We will not surrender," Zelensky said on Monday.', "not surrender", "Zelensky", "said", "direct"),
    ('"The talks were useful," said Jens Stoltenberg, NATO\'s secretary general.', "talks were useful",
     "Jens Stoltenberg", "said", "direct"),
    ("Emmanuel Macron told reporters: “Europe must act now.”", "Europe must act", "Emmanuel Macron", "told", "direct"),
    ('"This is a disaster" - Boris Johnson wrote on Tuesday.', "disaster", "Boris Johnson", "wrote", "direct"),
    ('Olaf Scholz said the plan had "run its course" and would end.', "run its course", "Olaf Scholz", "said", "partial"),
    ("Angela Merkel arrived late. She said, \"We have work to do.\"", "work to do", "She", "said", "direct"),
])
def test_quotes_speaker_and_cue(run, text, words, speaker, cue, kind):
    q = quote(run(text), words)
    assert q.speaker is not None and q.speaker.text == speaker
    assert q.cue is not None and q.cue.text.startswith(cue)
    assert q.kind == kind
    assert text[q.start:q.end] == q.text and not q.text.startswith(('"', "“"))


def test_quotes_pronoun_speaker_resolves_to_the_person(run):
    art = run("Angela Merkel arrived late. She said, \"We have work to do.\"")
    assert quote(art, "work to do").speaker.name == "Angela Merkel"


@pytest.mark.parametrize("text,first,second,speaker", [
    ('"We are ready," Dmytro Kuleba said. "But we need guarantees."', "ready", "guarantees", "Dmytro Kuleba"),
    ('"First part of a long statement.\n\n"Second paragraph of it," Joe Biden said.', "First part", "Second paragraph",
     "Joe Biden"),
])
def test_quotes_interrupted_and_continued_quotes_keep_one_speaker(run, text, first, second, speaker):
    art = run(text)
    a, b = quote(art, first), quote(art, second)
    assert a.id != b.id
    assert a.speaker is not None and b.speaker is not None
    assert a.speaker.name == b.speaker.name == speaker


def test_quotes_channel_named_and_carried(run):
    art = run('Donald Trump posted on Truth Social, "Stop the war," before adding, "It must end now."')
    first, second = quote(art, "Stop the war"), quote(art, "must end")
    assert first.channel == "Truth Social" and second.channel == "Truth Social"
    assert second.speaker.name == "Donald Trump" and second.cue.text == "adding"


@pytest.mark.parametrize("text,words", [("The so-called 'peace plan' was rejected by both sides.", "peace plan"),
                                        ("The film “Dark Waters” opened in Kyiv on Friday.", "Dark Waters")])
def test_quotes_scare_quotes_have_no_speaker(run, text, words):
    q = quote(run(text), words)
    assert q.kind == "scare" and q.speaker is None


def test_quotes_according_to_names_the_source(run):
    q = quote(run('The army "will respond with force", according to Ukraine\'s defence ministry.'), "respond")
    assert q.speaker is not None and "ministry" in q.speaker.text


def test_quotes_block_excerpt_after_a_colon(run):
    text = ("The ministry wrote in its statement:\n\nTroops will withdraw from the area by Friday and return "
            "to their bases.\n\nResidents were sceptical.")
    blocks = [q for q in run(text).quotes if q.kind == "block"]
    assert len(blocks) == 1 and blocks[0].text.startswith("Troops will withdraw")
    assert blocks[0].speaker.text == "The ministry"


@pytest.mark.parametrize("text,inside,outside", [
    ('He said "this never ends.\n\nThe next paragraph is normal text.', "this never ends", "next paragraph"),
    ('A stray " mark.\n\n"Real quote here," she said.', "Real quote here", "stray"),
])
def test_quotes_unbalanced_marks_never_run_away(text, inside, outside):
    spans = [text[q.start:q.end] for q in find_quotes(text)]
    assert any(inside in s for s in spans)
    assert not any(outside in s for s in spans)


@pytest.mark.parametrize("text", ["It’s the troops’ lives, don’t forget.", "He's 6'2\" tall and 5' wide."])
def test_quotes_apostrophes_and_inch_marks_are_not_quotes(text):
    assert find_quotes(text) == []


@pytest.mark.parametrize("text,expected", [
    # paragraphs of one quote joined by a scraper: each opening mark starts a quote of its own
    ("The mayor said: “The water is back. “The power will follow by Friday.” Residents cheered.",
     ["The water is back.", "The power will follow by Friday."]),
    ('He wrote: "We held the bridge. "We lost two men." The unit withdrew later.',
     ["We held the bridge.", "We lost two men."]),
    # a mark glued to the word before it and followed by a space closes; it never opens
    ('She said "stay calm." The crowd left. "We are safe now," she added.',
     ["stay calm.", "We are safe now,"]),
    ('Then "it is over," he said." Officials left the hall.', ["it is over,"]),
    # a nested quote that does not follow a sentence end still closes the first one
    ('He called the plan "a mistake" and left.', ["a mistake"]),
])
def test_quotes_joined_paragraphs_and_mark_shapes(text, expected):
    assert [text[q.start:q.end] for q in find_quotes(text)] == expected


def test_quotes_joined_quote_paragraphs_share_the_speaker(run):
    art = run("Mayor Anna Kovalenko said: “The water is back. “The power will follow by Friday.” "
              "Residents cheered.")
    assert [q.speaker.name for q in art.quotes] == ["Anna Kovalenko", "Anna Kovalenko"]


@pytest.mark.parametrize("text,title", [
    ('Kirby told ABC "This Week" co-anchor Martha Raddatz on Sunday that the strike was close.', "This Week"),
    ("The hotels “Ukraine” and “Leningrad” opened in the 1950s, the ministry said.", "Ukraine"),
    ('He joined "The Faulkner Focus" to discuss the invasion, he said.', "The Faulkner Focus"),
    ("The UN extended the \"BINUH\" mission in Haiti, officials said.", "BINUH"),
])
def test_quotes_a_title_in_quotes_is_no_speech(run, text, title):
    q = quote(run(text), title)
    assert q.kind == "scare" and q.speaker is None and q.cue is None


@pytest.mark.parametrize("text,words", [
    ("Sanders: ‘It Is Not A Radical Idea’ To Ask For A Higher Minimum Wage", "Radical Idea"),
    ('Asked whether he would resign, the minister replied, "No."', "No."),
    ('Danyk smiled. "I WANT TO BE A PILOT" he wrote on the wall of the shelter.', "PILOT"),
])
def test_quotes_capitalised_speech_stays_speech(run, text, words):
    assert quote(run(text), words).kind != "scare"


def test_quotes_paragraph_introduced_by_a_colon_takes_the_intro_speaker(run):
    text = ("The university's spokeswoman, Jane Harlow, wrote:\n\n"
            "“The anthem is a moment to reflect on the freedoms we hold dear.”\n\nStudents disagreed.")
    q = quote(run(text), "anthem is a moment")
    assert q.speaker is not None and "Harlow" in q.speaker.text


def test_quotes_turned_opening_mark_closes_a_quote():
    # `“…,“ said X`: an opening curly mark typed where the closing one belongs.
    text = "“The vote was closer than anyone expected,“ said Maria Lopez, a councillor. “We will recount.”"
    spans = [text[q.start:q.end] for q in find_quotes(text)]
    assert spans == ["The vote was closer than anyone expected,", "We will recount."]


def test_quotes_turned_mark_attributes_the_speaker_after_it(run):
    text = "“The vote was closer than anyone expected,“ said Maria Lopez, a councillor from the north ward."
    q = quote(run(text), "closer than anyone")
    assert q.speaker is not None and q.speaker.text == "Maria Lopez"


def _parsed(words, pos, heads, deps):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    return Doc(Vocab(), words=words, pos=pos, heads=heads, deps=deps)


@pytest.mark.parametrize("words,pos,heads,deps,verb,speaker", [
    # `"…," Alvarez notes.` parsed with the name as a compound of the verb
    (['"', "Wait", ",", '"', "Alvarez", "notes", "."], ["PUNCT", "VERB", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"],
     [5, 5, 5, 5, 5, 5, 5], ["punct", "ccomp", "punct", "punct", "compound", "ROOT", "punct"], 5, "Alvarez"),
    # `"…," added a Wisconsin election clerk.` parsed with the speaker as the verb's object
    (['"', "Wait", ",", '"', "added", "a", "Wisconsin", "election", "clerk", "."],
     ["PUNCT", "VERB", "PUNCT", "PUNCT", "VERB", "DET", "PROPN", "NOUN", "NOUN", "PUNCT"],
     [4, 4, 4, 4, 4, 8, 8, 8, 4, 4], ["punct", "ccomp", "punct", "punct", "ROOT", "det", "compound", "compound",
                                      "dobj", "punct"], 4, "clerk"),
])
def test_quotes_adjacent_speaker_when_the_parse_gives_no_subject(words, pos, heads, deps, verb, speaker):
    from presstrace.components.attribution.quote_cues import _adjacent_speaker
    doc = _parsed(words, pos, heads, deps)
    after = doc[4].idx  # where the text after the closing mark begins
    found = _adjacent_speaker(doc[verb], after)
    assert found is not None and found.text == speaker


def test_quotes_adjacent_speaker_needs_a_bare_noun_phrase():
    from presstrace.components.attribution.quote_cues import _adjacent_speaker
    # `"…," said in a statement.`: a preposition after the verb, no speaker to take
    doc = _parsed(['"', "Wait", ",", '"', "said", "in", "a", "statement", "."],
                  ["PUNCT", "VERB", "PUNCT", "PUNCT", "VERB", "ADP", "DET", "NOUN", "PUNCT"],
                  [4, 4, 4, 4, 4, 4, 7, 5, 4], ["punct", "ccomp", "punct", "punct", "ROOT", "prep", "det", "pobj",
                                                "punct"])
    assert _adjacent_speaker(doc[4], doc[4].idx) is None


@pytest.mark.parametrize("text,words,speaker,cue", [
    ("The mayor said the inspectors’ report showed “a pattern of neglect in the housing office.”",
     "pattern of neglect", "The mayor", "said"),
    ("Macron told reporters that the government believes the deal “will hold through the winter.”",
     "hold through the winter", "Macron", "told"),
])
def test_quotes_embedded_cue_answers_to_the_outer_speech_verb(run, text, words, speaker, cue):
    q = quote(run(text), words)
    assert q.speaker is not None and q.speaker.text == speaker
    assert q.cue is not None and q.cue.text.startswith(cue)


@pytest.mark.parametrize("text,words,speaker", [
    # the parser takes the quote's last words ("Full alert") for the subject of "said"
    ("“The county is on alert. Full alert,” said Dana Whitfield, a spokeswoman for the sheriff.", "on alert",
     "Dana Whitfield"),
    ('"Because you would be out of a job," Rivera interjected.', "out of a job", "Rivera"),
])
def test_quotes_speaker_after_the_quote_when_the_parse_misleads(run, text, words, speaker):
    q = quote(run(text), words)
    assert q.speaker is not None and q.speaker.text == speaker


def test_quotes_speech_verb_after_a_colon_quote_names_the_speaker(run):
    # the colon intro's last verb ("had lost") is reported content; "he claimed" attributes the quote
    text = "Trump asserted that France had lost its identity: “France is no longer France,” he claimed."
    q = quote(run(text), "no longer France")
    assert q.speaker.text == "he" and q.cue.text == "claimed"


def test_quotes_aspect_verb_before_a_quote_attributes_it(run):
    art = run("Ms. Okafor paused for applause. She continued, “We are not done with this city yet.”")
    q = quote(art, "not done with this city")
    assert q.speaker.text == "She" and q.cue.text == "continued"


@pytest.mark.parametrize("text,spans", [
    # a straight opening mark closed by a curly one
    ('"We learned a lot in one week,” he said. "It was hard."', ["We learned a lot in one week,", "It was hard."]),
    # a curly pair nested in a straight quote does not close it
    ('He called it "a “fake” story," she said.', ["a “fake” story,"]),
])
def test_quotes_mixed_straight_and_curly_marks(text, spans):
    assert [text[q.start:q.end] for q in find_quotes(text)] == spans


def test_quotes_signature_line_after_a_quote_paragraph(run):
    text = ('The crowd cheered.\n\n"They are tested. They are ready. They never quit."\n\n'
            "— Mayor Lena Hart, speaking after the vote.\n\nOthers disagreed.")
    q = quote(run(text), "They are tested")
    assert q.speaker is not None and "Lena Hart" in q.speaker.text


def test_quotes_dash_line_with_a_clause_is_no_signature(run):
    q = quote(run('"Nothing is settled yet."\n\n- The plan is on hold until May.'), "Nothing is settled")
    assert q.speaker is None


def test_quotes_participle_after_reported_content_answers_to_the_reporter(run):
    # the parser hangs "saying" on the reported clause ("would keep"), not on "argued"
    text = "Ms. Duval argued that a registry would keep records honest, saying it is “all about accountability.”"
    q = quote(run(text), "all about accountability")
    assert q.speaker is not None and "Duval" in q.speaker.text


@pytest.mark.parametrize("text,words,speaker,cue", [
    ('"Four more years!" the crowd chanted as he walked in.', "Four more years", "the crowd", "chanted"),
    ('"People are tired of waiting," he surmised.', "tired of waiting", "he", "surmised"),
    ("At the bottom of the letter it reads, “Thank you for your support this year.”", "Thank you", "it", "reads"),
])
def test_quotes_chant_surmise_and_read_are_cues(run, text, words, speaker, cue):
    q = quote(run(text), words)
    assert q.speaker is not None and q.speaker.text == speaker and q.cue.text == cue


def test_claims_sung_or_chanted_object_is_no_claim(run):
    art = run("The choir sang the national anthem before the game.")
    assert not [c for c in art.claims if c.source.kind != "unattributed" and "anthem" in c.text]


@pytest.mark.parametrize("text,words,speaker,cue", [
    # a comma or question mark inside the closing mark leaves the sentence open for its attribution,
    # whatever the verb
    ('The mayor spoke after the vote.\n\n"Our city will always stand," a furious Mayor Daniel Brooks retaliated.',
     "always stand", "Daniel Brooks", "retaliated"),
    ('The host pushed back.\n\n"Would you accept a delay?" Hannity pressed.', "accept a delay", "Hannity", "pressed"),
    ('"The rules have changed," agrees Laura Kent, 41, of Tulsa.', "rules have changed", "Laura Kent", "agrees"),
])
def test_quotes_open_ended_quote_is_reported_by_the_clause_after_it(run, text, words, speaker, cue):
    q = quote(run(text), words)
    assert q.speaker is not None and q.speaker.text == speaker and q.cue.text == cue


@pytest.mark.parametrize("text,words,speaker", [
    # an apposition between commas does not push the verb out of reach
    ('"How are you today?" Miller, a retired teacher from Ohio, said into the phone.', "How are you", "Miller"),
    # the person a verb of address speaks to is not its own object
    ('"Why are you still backing him?" Obama asked Republican leaders.', "still backing", "Obama"),
])
def test_quotes_attribution_after_a_question_quote(run, text, words, speaker):
    q = quote(run(text), words)
    assert q.speaker is not None and q.speaker.text == speaker


def test_quotes_sentence_after_a_closed_quote_with_its_own_object_is_no_attribution(run):
    q = quote(run('He paused. "We will see what happens." He mentioned a long list of rivals.'), "what happens")
    assert q.cue is None or q.cue.text != "mentioned"


def test_quotes_pull_quote_marks_that_wrap_the_signature_line(run):
    text = ('Economists were split.\n\n"Budgets matter more than ever in a slow economy.\n'
            'Jane Porter, Institute for Fiscal Studies."\n\nOther voices disagreed.')
    q = quote(run(text), "Budgets matter")
    assert q.text == "Budgets matter more than ever in a slow economy."
    assert q.speaker is not None and q.speaker.text == "Jane Porter"


def test_quotes_two_line_quote_without_a_name_keeps_its_lines(run):
    text = '"We marched all night.\nWe will march again tomorrow," the organiser said.'
    q = quote(run(text), "marched all night")
    assert "march again" in q.text and q.speaker.text == "the organiser"


def test_quotes_partial_quote_belongs_to_its_own_clause_not_a_later_speech_verb(run):
    text = ('Senator Ruth Alder defended her chief of staff as a "very decent man" on Tuesday, '
            "hours after the aide was charged with assault.")
    q = quote(run(text), "very decent man")
    assert q.speaker is not None and "Alder" in q.speaker.text


@pytest.mark.parametrize("text,words,speaker", [
    # a no-break space between the closing mark and the verb is a token of its own
    ('The report was out.\n\n“The delays were deliberate and prove the point,”\u00a0added Gowdy.', "delays were",
     "Gowdy"),
    # a possessive opens the noun phrase before the verb ("her top aide X wrote")
    ('Money was short.\n\n"Can we discuss the plans for the first quarter?" her top aide Nora Vance wrote to '
     "other staff members in March.", "discuss the plans", "Nora Vance"),
])
def test_quotes_inverted_and_long_subject_attributions(run, text, words, speaker):
    q = quote(run(text), words)
    assert q.speaker is not None and q.speaker.text == speaker


@pytest.mark.parametrize("text,words,speaker", [
    ("The memo went further.\n\nDana Ruiz argued in her email that the vote should be held again.\n\n"
     "“In light of this breach, the rules must change before the convention.”", "In light of", "Dana Ruiz"),
    ("Lowe elaborated in a newspaper column that delegates may reconsider.\n\n"
     "“A win in the state would show the front-runner is weak.”", "A win in the state", "Lowe"),
])
def test_quotes_quote_paragraph_after_a_reported_statement_is_its_source(run, text, words, speaker):
    q = quote(run(text), words)
    assert q.speaker is not None and q.speaker.text == speaker


def test_quotes_quote_paragraph_after_plain_narration_stays_unattributed(run):
    q = quote(run("The rain kept falling all day.\n\n“Nobody expected the river to rise so fast.”"), "Nobody expected")
    assert q.speaker is None


def test_quotes_no_break_space_before_the_name_after_a_quote(run):
    text = "He went on.\n\n“Like Toledo. Or Gary,”\u00a0Ortiz said.\u00a0“The crime numbers are worse.”"
    art = run(text)
    assert quote(art, "Like Toledo").speaker.text == "Ortiz"
    assert quote(art, "crime numbers").speaker.text == "Ortiz"


def test_quotes_quote_paragraph_signed_in_the_next_paragraph(run):
    text = ("Voters are restless.\n\n“Not only can she win in November, she has the best chance.”\n\n"
            "“The party has to be united to win,” Hal Brenner notes.")
    q = quote(run(text), "Not only can she win")
    assert q.speaker is not None and q.speaker.text == "Hal Brenner"


def test_quotes_answer_before_a_signed_question_is_not_the_askers(run):
    text = ("The interview went on.\n\n“Building it? Not negotiable.”\n\n"
            "“Would it be negotiable about the fees?” the host pressed.")
    q = quote(run(text), "Not negotiable")
    assert q.speaker is None or q.speaker.text != "the host"


@pytest.mark.parametrize("text,words,source", [
    # a verbless heading naming the text it sets out; the paragraphs that go on the quote continue it
    ('The mother spoke to the candidate.\n\nPartial transcript as follows:\n\n"HOST: Secretary, did you lie to them?'
     '\n\n"CANDIDATE: I feel a great deal of sympathy for the families.', "CANDIDATE", "Partial transcript"),
    # an imperative with the text as its object
    ('Results came in late.\n\nRead the latest updates below:\n\n"The senator took the stage late on Monday night."',
     "took the stage", "the latest updates"),
])
def test_quotes_colon_intro_naming_a_text_is_the_source(run, text, words, source):
    q = quote(run(text), words)
    assert q.speaker is not None and q.speaker.text == source


def test_quotes_colon_intro_with_an_ordinary_noun_names_no_source(run):
    q = quote(run('The scene was chaotic.\n\nThe crowd at the gate:\n\n"Let us in now, we have waited for hours!"'),
              "Let us in")
    assert q.speaker is None


def test_quotes_subject_with_its_own_prepositional_phrase_after_an_open_quote(run):
    text = ("The site pitches the island to visitors.\n\n"
            "“Hi there! The election may change your country!” a welcome message on the website reads.")
    q = quote(run(text), "Hi there")
    assert q.speaker is not None and q.speaker.text == "a welcome message" and q.cue.text == "reads"


@pytest.mark.parametrize("text,words,name", [
    ('"There is no need to meet him," the Russian leader said on Friday.', "no need", "the Russian leader"),
    ('"There is some truth there," a NATO diplomat told reporters in Brussels.', "some truth", "a NATO diplomat"),
    ('"We are watching closely," White House officials said on Monday.', "watching closely",
     "White House officials"),
    ('Dmytro Kuleba, the Ukrainian foreign minister, said: "Kyiv will hold."', "Kyiv will hold", "Dmytro Kuleba"),
])
def test_quotes_a_name_inside_a_description_is_not_the_speaker(run, text, words, name):
    assert quote(run(text), words).speaker.name == name


@pytest.mark.parametrize("text,words,name", [
    # the main clause's subject, not a subordinate clause's, carries "he" on
    ('Joe Biden said he believed Vladimir Putin would attack, though the Russian president had not '
     'decided. "He has to do something," he said.', "has to do something", "Joe Biden"),
    # a long quote's sentences do not push the speaker's name out of reach
    ('Volodymyr Zelensky spoke from Kyiv on Monday. "We held. We will hold. They came at night. '
     'They left at dawn. We buried our dead," he said.', "buried our dead", "Volodymyr Zelensky"),
    # a resolved pronoun carries its person on to the next one
    ('Anna Kovalenko runs the shelter. She says it is full. "We have no beds left," she said.',
     "no beds left", "Anna Kovalenko"),
])
def test_quotes_pronoun_speakers_resolve_to_the_subject_that_carries_them(run, text, words, name):
    assert quote(run(text), words).speaker.name == name


def test_quotes_an_unresolved_pronoun_names_nobody(run):
    speaker = quote(run('"The shelling went on all night," he said.'), "shelling").speaker
    assert speaker.text == "he" and speaker.name is None and speaker.entity is None


def test_quotes_a_speech_noun_speaks_for_its_possessor(run):
    q = quote(run('President Joe Biden spoke on Wednesday. But Biden\'s comments differentiating between an '
                  'invasion and a "minor incursion" appeared to undercut that message.'), "minor incursion")
    assert q.speaker is not None and q.speaker.name == "Joe Biden"


@pytest.mark.parametrize("text,words,speaker,name", [
    ('"We hid in the cellar for a week," said one of the survivors.', "hid in the cellar",
     "one of the survivors", "one of the survivors"),
    ('"It was a long night," two of his aides said.', "long night", "two of his aides", "two of his aides"),
    ('Dozens replied to the post. One wrote: "Stay safe out there."', "Stay safe", "One", None),
])
def test_quotes_partitive_speaker_names_its_group(run, text, words, speaker, name):
    """"one of the survivors" is who speaks, not the number "one"; a bare "One" is a pronoun
    with no name until resolved."""
    q = quote(run(text), words)
    assert q.speaker is not None and (q.speaker.text, q.speaker.name) == (speaker, name)


@pytest.mark.parametrize("text,words,speaker", [
    ('"The battle is over," the Swedish expert on the Russian economy Anders Aslund remarked.', "battle is over",
     "Aslund"),
    ('"We will appeal," the lawyer for Jane Doe said.', "will appeal", "the lawyer"),
    ('"It was a shock," the wife of President Joe Biden said.', "a shock", "the wife"),
])
def test_quotes_description_running_into_a_name(run, text, words, speaker):
    """A description that runs on into the name it describes is that person; a name after a
    preposition is someone else."""
    assert quote(run(text), words).speaker.text == speaker


def test_quotes_it_as_an_act_verbs_subject_is_the_state_named_before(run):
    text = ('The president offered aid to North Korea if it gives up its weapons, days after it threatened '
            '"deadly" retaliation.')
    q = quote(run(text), "deadly")
    assert q.speaker.text == "it" and q.speaker.name == "North Korea"


def test_quotes_subject_split_off_a_long_apposition(run):
    """The parse can make a noun of a long apposition the verb's subject, with the name as
    that noun's own subject; a noun takes no subject, so the name is the speaker."""
    text = ('Dr Jack Watling, senior research fellow at defence and security think tank the Royal United '
            'Services Institute, told BBC Radio 4\'s Today programme: "There is no immediate threat."')
    assert quote(run(text), "no immediate threat").speaker.name == "Jack Watling"


def test_quotes_a_case_put_is_not_its_subjects_words(run):
    """A quote inside an "if" clause is a case the writer or speaker puts, not the words of
    that clause's subject: no speaker, or the one who reports the whole."""
    art = run("The bill would impose sanctions on top officials if Russia engages in or supports "
              "“a significant escalation in hostilities.”")
    assert quote(art, "significant escalation").speaker is None
    art = run('The deputy director, Kim Tae-hyo, said Seoul would give aid if the North commits to a '
              'denuclearization "roadmap" first.')
    assert "Kim" in quote(art, "roadmap").speaker.text


@pytest.mark.parametrize("text,words,speaker", [
    ("Clinton seemed to be ready to riff on the rally in Ohio, telling the crowd, “Some people get a little "
     "carried away, have you noticed that?”", "carried away", "Clinton"),
    ("Flea shared the news on social media last week, writing “Feels great to support someone I believe in. "
     "This is a man with integrity.”", "Feels great", "Flea"),
])
def test_quotes_participle_after_a_comma_takes_the_clauses_subject(run, text, words, speaker):
    """A participle set off by a comma before a quote speaks for its clause's subject, also
    where the parse hung it inside the quote or made it a subject."""
    assert speaker in quote(run(text), words).speaker.text


def test_quotes_participle_after_a_background_clause_goes_on_from_the_speech(run):
    text = ('"We need him back in the Senate," Sean Hannity said on his show after the senator won his primary, '
            'remarking that Marco Rubio already "paid a very heavy political price."')
    assert quote(run(text), "heavy political").speaker.name == "Sean Hannity"
    text = ("The campaign reeled after three former aides emerged, saying the candidate had treated them "
            "\"like servants\".")
    assert "aides" in quote(run(text), "like servants").speaker.text


def test_quotes_as_someone_put_it(run):
    text = 'As the prosecutor Marc Trevidic put it, "there was not much to complain about in strict legal terms."'
    assert quote(run(text), "not much to complain").speaker.name == "Marc Trevidic"


def test_quotes_issued_statement_speaks_for_its_issuer(run):
    art = run('Governor Mike Pence released a statement saying he did not "condone the remarks" at all. '
              'The ministry received a letter saying the plant "would close next week for good".')
    assert quote(art, "condone").speaker.name == "Mike Pence"
    assert quote(art, "close next week").speaker.text == "a letter"


@pytest.mark.parametrize("text,words,speaker", [
    ('"A very good reporter, this guy," Donald Trump, the frontrunner in South Carolina after winning New '
     'Hampshire, said when Matthew Boyle asked him a question.', "very good reporter", "Donald Trump"),
    ('"Your show is amazing," Donald Trump assured Alex Jones, after Jones assured Trump of his support. '
     '"I will not let you down."', "let you down", "Donald Trump"),
    ('"This will be a challenge" for Hillary Clinton, said Madeleine Kunin.', "a challenge", "Madeleine Kunin"),
])
def test_quotes_main_clause_speaks_not_a_subordinate_or_prepositional_name(run, text, words, speaker):
    """The verb of a clause opened by "when"/"after" is not the attribution while the main
    clause has one, and a name after a preposition is not the subject."""
    assert quote(run(text), words).speaker.name == speaker



@pytest.mark.parametrize("text,verb,right_after", [
    ('"We are ready," added Olaf Scholz on Monday.', "added", True),
    ('"Go home," an official, who asked not to be named, told Fox News.', "told", False),
])
def test_quotes_a_name_after_the_verb_is_its_subject_only_right_after_the_quote(nlp, text, verb, right_after):
    """`"…," said X` puts the subject after the verb; after `"…," an official, who …, told
    Fox News` the name after the verb is whom it was told."""
    doc = nlp(text)
    after = text.index(",") + 2  # past the closing mark
    assert right_after_quote(next(t for t in doc if t.text == verb), after) is right_after


@pytest.mark.parametrize("text,words,name", [
    ('"What worries me is what comes next," former Director of National Intelligence James Clapper said on CNN.',
     "worries me", "James Clapper"),
    ('"It was a shock," the wife of President Joe Biden said.', "a shock", None),
])
def test_quotes_a_capitalised_title_of_an_office_names_the_person_after_it(run, text, words, name):
    """"Director of National Intelligence James Clapper": the name closes the title's phrase
    (the parse makes it the object of "of"); a common noun before "of" is someone else."""
    speaker = quote(run(text), words).speaker
    assert (speaker.name if name else speaker.text) == (name or "the wife")


def test_quotes_a_verb_of_asking_keeps_the_words_with_the_asker(run):
    text = "One Ukrainian presidential adviser urged European nations to respond with “more sanctions, more weapons”."
    assert "adviser" in quote(run(text), "more sanctions").speaker.text
