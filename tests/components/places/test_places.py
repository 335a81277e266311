"""Places layer: toponyms found and resolved by context, metonymy, non-places (text -> records)."""
from __future__ import annotations

import pytest

from presstrace.components.common.gazetteer import gazetteer_for
from presstrace.components.places.data import abbreviations, area_id, areas, named_area, seat_entry, seats
from presstrace.components.places.detect import container_entry, within
from presstrace.components.places.candidates import bare_place
from presstrace.components.places.resolve import distance_km, exact_form


def place(art, text):
    """The first place whose text is exactly `text`."""
    found = [p for p in art.places if p.text == text]
    assert found, f"no place {text!r}: {[(p.text, p.name, p.country) for p in art.places]}"
    return found[0]


@pytest.mark.parametrize("text,toponym,name,country,admin1,feature", [
    ("Ukrainian soldiers are surrounded in the Kursk region. Russian forces retook the key town of Sudzha.",
     "Kursk region", "Kursk", "RU", "Kursk", "ADM1"),
    ("Ukrainian soldiers are surrounded in the Kursk region. Russian forces retook the key town of Sudzha.",
     "Sudzha", "Sudzha", "RU", "Kursk", "PPL"),
    ("SPRINGFIELD, Ill. (AP) - Officials say the water system is safe.",
     "SPRINGFIELD", "Springfield", "US", "Illinois", "PPL"),
    ("The band played in Paris, Texas, on Saturday before heading to Dallas.",
     "Paris", "Paris", "US", "Texas", "PPL"),
    ("Talks resumed in Paris on Monday between French and German ministers.",
     "Paris", "Paris", "FR", None, "PPLC"),
    ("Voters in Atlanta, Savannah and Macon went to the polls as Georgia decided its primary.",
     "Georgia", "Georgia", "US", "Georgia", "ADM1"),
    ("Tbilisi accused Moscow of provocations as Georgia and Russia traded blame.",
     "Georgia", "Georgia", "GE", None, "PCLI"),
    ("Shelling hit Kyiv overnight. Residents of Kiev sheltered in the metro.",
     "Kiev", "Kyiv", "UA", None, "PPLC"),
    # a region's name stays the region though the article names a region where a town bears it
    ("The number of police officers in England and Wales has fallen since 2010.",
     "Wales", "Wales", "GB", "Wales", "ADM1"),
    # two ambiguous names with places a few miles apart pick each other out
    ("The Paris school board voted on Tuesday to ask Henry County commissioners for new buses.",
     "Paris", "Paris", "US", "Tennessee", "PPL"),
    ("The Paris school board voted on Tuesday to ask Henry County commissioners for new buses.",
     "Henry County", "Henry County", "US", "Tennessee", "ADM2"),
    ("Crews from Richmond and Berea were called to the barn fire on Sunday night.",
     "Richmond", "Richmond", "US", "Kentucky", "PPL"),
    # a town named like a country, next to the county it lies in
    ("He has no arrest record in Boone County and was held by Lebanon Police after a traffic stop.",
     "Lebanon", "Lebanon", "US", "Indiana", "PPL"),
    ("Lebanon and Israel traded fire across the border on Sunday.", "Lebanon", "Lebanon", "LB", None, "PCLI"),
    # each name of a list of counties, a person's name ("Baker") included
    ("Volunteers from Nassau and Baker counties in Florida cleaned the beach.",
     "Baker", "Baker County", "US", "Florida", "ADM2"),
    ("Flooding in Becker, Clay, Otter Tail and Wilkin counties of Minnesota closed roads.",
     "Otter Tail", "Otter Tail County", "US", "Minnesota", "ADM2"),
    # a province listed with its country's provinces, in an article that names more of the US
    ("Flu cases rose in Manitoba, Ontario and Nova Scotia, while Texas and Ohio reported dozens more "
     "in Houston, Dallas and Columbus.", "Ontario", "Ontario", "CA", "Ontario", "ADM1"),
    ("Officials counted cases in Saskatchewan, Alberta, New Brunswick and Quebec; California and Florida "
     "also reported cases in Los Angeles, Orlando and Miami.", "New Brunswick", "New Brunswick", "CA",
     "New Brunswick", "ADM1"),
    # states named in other sentences do not make the capital a state
    ("Republicans promised to end the spending spree in Washington. Sen. Chuck Grassley of Iowa and "
     "Wisconsin Sen. Ron Johnson will lead two committees, and Texas and Florida will hold recounts.",
     "Washington", "Washington", "US", None, "PPLC"),
])
def test_places_resolve_by_context(run, text, toponym, name, country, admin1, feature):
    p = place(run(text), toponym)
    assert (p.name, p.country, p.feature) == (name, country, feature)
    if admin1:
        assert p.admin1 == admin1


@pytest.mark.parametrize("text,toponym,geonameid", [
    ("Russian forces have taken back the town of Sudzha, near the border.", "Sudzha", 486816),
    # first-level regions carry GeoNames' own ids, whatever spelling the text uses
    ("Drones struck a depot in the Kursk region overnight.", "Kursk region", 538555),
    ("Shelling hit villages in the Zaporizhia region on Sunday.", "Zaporizhia region", 687699),
])
def test_places_carry_geonames_ids(run, text, toponym, geonameid):
    assert place(run(text), toponym).geonameid == geonameid


@pytest.mark.parametrize("text,toponym,stands_for,country", [
    ("Kyiv said on Monday that the talks had failed.", "Kyiv", "government", "UA"),
    ("Washington warned that sanctions would follow.", "Washington", "government", "US"),
    ("The Kremlin denied the report.", "Kremlin", "government", "RU"),
    ("Downing Street rejected the claim on Tuesday.", "Downing Street", "government", "GB"),
    ("Residents of Kyiv sheltered in the metro overnight.", "Kyiv", None, "UA"),
    ("Tourists queued outside the Kremlin in the snow.", "Kremlin", None, "RU"),
])
def test_places_metonymy_marks_governments(run, text, toponym, stands_for, country):
    p = place(run(text), toponym)
    assert p.stands_for == stands_for
    assert p.country == country


@pytest.mark.parametrize("text,not_place", [
    ("Paris Hilton arrived at the gala on Friday.", "Paris"),
    ("Coach Jordan Ellis thanked the fans after the game.", "Jordan"),
    ("He served in the Gulf War and came home to Ohio.", "Gulf"),
    ("West said the plan would work.", "West"),
])
def test_places_skip_names_and_non_places(run, text, not_place):
    art = run(text)
    assert not any(not_place in p.text for p in art.places), [(p.text, p.name) for p in art.places]


@pytest.mark.parametrize("text,toponyms", [
    ("Rep. Nick Rahall, D-W.Va., chairman of the committee, spoke.", ["W.Va."]),
    ("Families moved to Clarinda, Iowa, and to Red Oak last year.", ["Clarinda", "Iowa"]),
    ("The virus spread across Europe and Africa within weeks.", ["Europe", "Africa"]),
    # a place in the title before a person's name
    ("The next day U.S. Secretary of State Hillary Clinton met her counterpart.", ["U.S."]),
])
def test_places_found_beyond_spacy_entities(run, text, toponyms):
    found = {p.text for p in run(text).places}
    assert set(toponyms) <= found, found


@pytest.mark.parametrize("text", [
    "Soldiers were surrounded in the Kursk region; the Kremlin said Kyiv’s forces retreated from Sudzha.",
    "BYESVILLE -- Firefighters in Byesville, Ohio, and Cambridge were called at 3 a.m.",
    "",
    "  \n\n",
])
def test_places_offsets_hold(run, text):
    if not text.strip():
        return
    art = run(text)
    for p in art.places:
        assert text[p.start:p.end] == p.text
        assert p.lat is not None and -90 <= p.lat <= 90 and -180 <= p.lon <= 180


@pytest.mark.parametrize("words,region,country", [
    ("Ill.", "Illinois", "US"), ("W. Va.", "West Virginia", "US"), ("IL", "Illinois", "US"),
    ("B.C.", "British Columbia", "CA"), ("France", "France", "FR"),
])
def test_places_container_words_name_regions(words, region, country):
    found = container_entry(gazetteer_for(""), words)
    assert found is not None
    assert (found[1].name, found[1].country) == (region, country)


@pytest.mark.parametrize("name", sorted(seats()))
def test_places_every_seat_of_government_resolves(name):
    entry = seat_entry(gazetteer_for(""), seats()[name])
    assert entry is not None and entry.country == seats()[name].country


@pytest.mark.parametrize("abbr", sorted(abbreviations()))
def test_places_every_region_abbreviation_resolves(abbr):
    found = container_entry(gazetteer_for(""), abbr)
    assert found is not None and found[1].feature_code == "ADM1"


@pytest.mark.parametrize("name,lat", [("Europe", 48.69096), ("Antarctic", -78.15856)])
def test_places_continents_come_from_the_shipped_table(name, lat):
    assert named_area(name).lat == lat


def test_places_named_areas_are_well_formed():
    for key, area in areas().items():
        assert -90 <= area.lat <= 90 and -180 <= area.lon <= 180, key
        assert area.geonameid > 0 or area.geonameid == area_id(area.name), key
        assert not area.country or len(area.country) == 2, key


@pytest.mark.parametrize("text,toponym,name,feature,country", [
    ("Shelling continued across the Donbas as ships left the Sea of Azov.", "Donbas", "Donbas", "RGN", "UA"),
    ("Shelling continued across the Donbas as ships left the Sea of Azov.", "Sea of Azov", "Sea of Azov", "SEA", None),
    ("Tankers slowed in the Strait of Hormuz after the attack.", "Strait of Hormuz", "Strait of Hormuz", "STRT", None),
    ("Egypt reopened the crossing in the Sinai on Monday.", "Sinai", "Sinai", "PEN", "EG"),
    ("Tensions rose again across the Balkans this spring.", "Balkans", "Balkans", "RGN", None),
    # spaCy calls the rivers people
    ("Floods along the Danube and the Rhine displaced thousands.", "Danube", "Danube", "STM", None),
    ("Snow fell across the Midwest overnight.", "Midwest", "Midwest", "RGN", "US"),
])
def test_places_named_areas_resolve(run, text, toponym, name, feature, country):
    p = place(run(text), toponym)
    assert (p.name, p.feature, p.country) == (name, feature, country)
    assert area_id(name) < 0 and p.geonameid is None  # presstrace's own key is no GeoNames id


@pytest.mark.parametrize("text,toponym,admin1", [
    # The county, not the town of Boone, nor nothing: US counties are in the gazetteer.
    ("Deputies from the Boone County Sheriff's Office responded to a crash near Columbia, Missouri.",
     "Boone County", "Missouri"),
    ("Flooding closed roads across Walker County, Ga., and parts of Chattanooga on Monday.",
     "Walker County", "Georgia"),
    ("Voters in Jefferson Parish approved the levee tax on Saturday.", "Jefferson Parish", "Louisiana"),
])
def test_places_us_counties_resolve_to_the_county(run, text, toponym, admin1):
    p = place(run(text), toponym)
    assert (p.feature, p.country, p.admin1) == ("ADM2", "US", admin1)


@pytest.mark.parametrize("text,toponym", [
    ("The championship moves on to Snetterton, Norfolk, at the end of July.", "Norfolk"),
    ("Flooding closed roads across Kent and East Sussex on Tuesday.", "Kent"),
])
def test_places_british_counties_resolve_to_the_county(run, text, toponym):
    p = place(run(text), toponym)
    assert (p.feature, p.country) == ("ADM2", "GB")


def test_places_bare_name_before_county_is_no_town(run):
    art = run("The fire burned 200 acres in Walker County before crews contained it.")
    assert not any(p.text == "Walker" for p in art.places)


@pytest.mark.parametrize("name,lat,lon", [
    # GeoNames puts a region's point in the middle of its area, not of its towns.
    ("Ontario", 49.25, -84.5), ("Queensland", -20.0, 145.0), ("Texas", 31.25, -99.25),
])
def test_places_region_points_lie_mid_region(name, lat, lon):
    region = next(e for e in gazetteer_for("").lookup(name) if e.feature_code == "ADM1")
    assert distance_km(region.lat, region.lon, lat, lon) < 250


@pytest.mark.parametrize("text,toponym", [
    # a known place name before a noun that makes it a place
    ("A Rochester man was arrested Tuesday after a short chase.", "Rochester"),
    ("Roselle police ticketed dozens of drivers on Lake Street this month.", "Roselle"),
    # the local part of an organisation's or a facility's name
    ("The Torrington Fire Department responded to the call just after midnight.", "Torrington"),
    ("Deputies from the Alachua County Sheriff's Office found the car on Friday.", "Alachua County"),
    ("Oregon Governor Kate Brown signed the bill on Thursday.", "Oregon"),
    ("He is due to appear in Litchfield Superior Court on April 7.", "Litchfield"),
    # a state's AP abbreviation standing alone
    ("Mass. legislators put off a vote on the toll increase.", "Mass."),
    ("The Fla. economist doubted the forecast.", "Fla."),
    # the region after a direction word
    ("Storms knocked out power across North Texas on Sunday night.", "Texas"),
    ("Heavy snow fell across Western Pennsylvania overnight, officials said.", "Pennsylvania"),
    ("Both were taken to Northeast Georgia Medical Center for treatment.", "Georgia"),
    ("Floods cut the highway in Far North Queensland again this week.", "Queensland"),
])
def test_places_found_in_other_names_and_before_nouns(run, text, toponym):
    assert place(run(text), toponym)


@pytest.mark.parametrize("text,not_place", [
    ("North Carolina State University won the tournament on Saturday.", "Carolina"),
    ("Floods cut the highway in Far North Queensland again this week.", "Far North"),
])
def test_places_direction_words_stay_with_their_names(run, text, not_place):
    assert not any(p.text == not_place for p in run(text).places)


@pytest.mark.parametrize("name,expected", [
    ("Mozambique", True), ("Edmonton", True), ("Lincoln", False), ("Sligo", False), ("Russian", False),
])
def test_places_bare_organisation_names_only_countries_regions_big_cities(name, expected):
    assert bare_place(gazetteer_for(""), name) is expected


def test_places_town_by_its_own_name_before_one_once_called_so(run):
    # Beeville, Texas was once called Maryville; a Texan article does not make it so again.
    p = place(run("A pastor from Fort Worth, Texas, preached in Maryville on Sunday."), "Maryville")
    assert p.name == "Maryville"


def test_places_dateline_names_a_town_not_a_region(run):
    p = place(run("NEW YORK (AP) - Stocks fell sharply on Monday as oil prices rose."), "NEW YORK")
    assert (p.name, p.feature) == ("New York City", "PPL")


@pytest.mark.parametrize("written,name", [
    ("st. petersburg", "saint petersburg"), ("st petersburg", "saint petersburg"),
    ("mt. washington", "mount washington"), ("east st. louis", "east saint louis"),
    ("fort myers", "fort myers"), ("west", "west"),
])
def test_places_exact_name_spells_out_saint_mount_fort(written, name):
    assert exact_form(written) == name


def test_places_within_and_distance():
    gaz = gazetteer_for("")
    springfield = next(e for e in gaz.lookup("Springfield") if e.admin1 == "Illinois")
    illinois = next(e for e in gaz.lookup("Illinois") if e.feature_code == "ADM1")
    assert within(springfield, illinois)
    assert not within(illinois, illinois)
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)


@pytest.mark.parametrize("text,not_place", [
    ("Berlin paused approval of the Nord Stream 2 pipeline last week.", "Nord"),
    ("The Duma passed the bill and the Baltic states protested.", "Duma"),
    ("The Duma passed the bill and the Baltic states protested.", "Baltic"),
    ("The Justice Department filed charges in the case on Friday.", "Justice"),
    ("Banks in Armenia dropped the Mir payment cards this month.", "Mir"),
    ("CISA issued a warning about ransomware last night.", "CISA"),
    ("Officials said Bush had long opposed the plan.", "Bush"),
    ("The Russian MoD published footage of the convoy.", "MoD"),
    ("Moscow mulls Nuremberg-style trials for captured fighters.", "Nuremberg"),
    ("Kyiv accused Moscow of ignoring the Minsk agreements again.", "Minsk"),
    # A preposition before another name is no evidence for the namesake inside it.
    ("The case was sent to the Justice Department in Washington.", "Justice"),
    ("Workers at the Nord Stream pipeline in Germany went home.", "Nord"),
    ("Deputies in the Duma in Moscow voted on Tuesday.", "Duma"),
    ("Warships sailed in the Baltic near Kaliningrad.", "Baltic"),
    ("She studied at the University of Kyiv in Ukraine.", "University"),
    # a capitalised word of the name is no place noun ("the State Duma")
    ("Lawmakers of the State Duma voted for the appeal.", "Duma"),
    # a preposition alone does not make a village abroad of a name ("aboard Mir")
    ("Two astronauts lived aboard Mir for six months in the 1990s.", "Mir"),
    # a place's other spelling inside a longer name ("Pax" is an old name of La Paz)
    ("Historians compared Pax Britannica with the years after the war.", "Pax"),
    # a university bears a name, not always its town's ("Columbia University" is in New York)
    ("She teaches at Columbia University and writes about the war.", "Columbia"),
    # nor does a place of the same region vouch for a body's own word
    ("Prosecutors in Chicago and Joliet said the Justice Department would review the case.", "Justice"),
    ("A historian from Tampa teaches at University College Dublin and in Orlando.", "University"),
])
def test_places_a_namesake_without_evidence_is_no_place(run, text, not_place):
    assert not_place not in [p.text for p in run(text).places]


@pytest.mark.parametrize("text,toponyms", [
    ("Residents of Bucha and Irpin fled toward Kyiv on Sunday.", {"Bucha", "Irpin", "Kyiv"}),
    ("Shelling hit Kramatorsk overnight, Ukraine's army said.", {"Kramatorsk", "Ukraine"}),
    ("The sheriff of Alachua County said Gainesville police were called.", {"Alachua County", "Gainesville"}),
    ("Putin and Biden met at the Geneva summit.", {"Geneva"}),
])
def test_places_kept_with_evidence(run, text, toponyms):
    assert toponyms <= {p.text for p in run(text).places}


def test_places_a_given_name_used_alone_after_the_full_name_is_the_person(run):
    art = run("Nine-year-old Georgia Stevens is lacing up her skates. Georgia began skating at the age of "
              "four and now trains in Calgary.")
    assert [p.text for p in art.places] == ["Calgary"]


def test_places_a_given_name_after_a_preposition_of_place_stays_a_place(run):
    art = run("Jordan Henderson scored twice on Saturday. Officials in Jordan said the border with Syria "
              "stayed closed.")
    assert {"Jordan", "Syria"} <= {p.text for p in art.places}


def test_places_a_saints_school_is_no_town_of_the_saints_name(run):
    art = run("She graduated from St. John's University School of Law and moved to Brooklyn.")
    assert [p.text for p in art.places] == ["Brooklyn"]


def test_places_a_place_noun_before_the_name_is_evidence(run):
    assert "Chaplyne" in {p.text for p in run("Houses burned in the village Chaplyne after the strike.").places}



def kinds(art):
    return {p.text: (p.name, p.kind) for p in art.places}


@pytest.mark.parametrize("text,word,name", [
    ("Russian troops advanced while Ukrainian units withdrew.", "Russian", "Russia"),
    ("Russian troops advanced while Ukrainian units withdrew.", "Ukrainian", "Ukraine"),
    ("The Ukrainians pulled back across the river overnight.", "Ukrainians", "Ukraine"),
    ("British officials met their hosts before the vote.", "British", "United Kingdom"),
    # a state body the country owns is the country's ("the Polish Defence Ministry")
    ("A spokesman for the Polish Defence Ministry denied the report.", "Polish", "Poland"),
    # continents and regions by their adjectives; a two-word one before its last word's country
    ("European leaders met Latin American envoys on Tuesday.", "European", "Europe"),
    ("European leaders met Latin American envoys on Tuesday.", "Latin American", "Latin America"),
    ("Texans voted early this year, officials said.", "Texans", "Texas"),
    ("North Korean missiles flew over the sea again.", "North Korean", "North Korea"),
    # a demonym the tagger calls a proper noun is still one, not a town's other name
    ("Western firms hold stakes in Kazakh oilfields.", "Kazakh", "Kazakhstan"),
])
def test_places_demonyms_name_their_country_or_region(run, text, word, name):
    assert kinds(run(text)).get(word) == (name, "demonym")


@pytest.mark.parametrize("text,word", [
    ("She flew American Airlines to Denver last week.", "American"),   # a firm's name
    ("The letter was published in English and in French.", "English"),  # a language
    ("He hired Spanish teachers for the school.", "Spanish"),           # a language noun follows
    ("Many African-Americans voted early.", "Americans"),               # another people
    ("The Canadian Press reported the fire.", "Canadian"),              # an agency's name
    ("It was built in Soviet times for Kurdish families.", "Soviet"),  # a state that is gone
    ("It was built in Soviet times for Kurdish families.", "Kurdish"),  # a people of several states
])
def test_places_a_demonym_in_a_name_or_as_a_language_is_no_place(run, text, word):
    assert word not in kinds(run(text))


def test_places_demonyms_do_not_locate_events(run):
    art = run("Russian troops shelled the town on Monday.")
    assert ("Russian" in kinds(art)) and all(e.place != "Russia" for e in art.events)


@pytest.mark.parametrize("text,name", [
    ("The Security Council met at the UN in New York on Monday.", "New York City"),
    ("New York's mayor said the five boroughs would take in refugees.", "New York City"),
    ("The governor said New York would send aid to the region.", "New York"),
    ("Researchers of the New York-based group spoke on Monday.", "New York City"),
    # in an article on one country a world city still beats that country's village of its name
    ("The Security Council met at the UN in New York on Monday to discuss the war in Ukraine.",
     "New York City"),
    ("Players at a match to raise aid for Ukraine, Wednesday, Aug. 24, 2022, in New York.", "New York City"),
    ("AP journalist Larry Fenn in New York contributed to this report.", "New York City"),
    # a state's words win over a city's: its senator, its elections
    ("Sen. Chuck Schumer of New York met the city's mayor on Monday.", "New York"),
])
def test_places_a_sentence_about_a_city_takes_the_city_of_a_region_name(run, text, name):
    assert place(run(text), "New York").name == name


def test_places_confidence_is_given_and_lower_for_a_close_call(run):
    paris = place(run("Talks resumed in Paris on Monday."), "Paris").confidence
    springfield = place(run("Officials in Springfield said the roads were closed."), "Springfield").confidence
    assert 0 < springfield < paris <= 1


@pytest.mark.parametrize("text,country", [
    # an article that names other countries: the world city, not the small namesake
    ("Biden and Putin met at a summit in Geneva. Russia and Ukraine, and Ohio's voters, watched.", "CH"),
    # its state named: the namesake
    ("Police in Geneva and nearby Batavia, Illinois, closed the roads.", "US"),
])
def test_places_a_small_namesake_needs_local_evidence(run, text, country):
    assert place(run(text), "Geneva").country == country


def test_places_a_village_abroad_is_kept_with_its_country(run):
    art = run("Shelling hit the village of Chaplyne and homes in Velyka Novosilka, Ukraine said.")
    assert {"Chaplyne", "Ukraine"} <= {p.text for p in art.places}
