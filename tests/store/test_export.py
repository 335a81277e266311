"""Exports: JSONL in the presstrace/1 contract, CSV and Parquet per table, GDELT GKG 2.1 rows."""
from __future__ import annotations

import csv
import json

import pytest

from presstrace.records import (Amount, AnalyzedArticle, Entity, Mention, Place, Quote, Speaker,
                                TextSpan, Time, Tone)
from presstrace.schema import validate_output
from presstrace.store import db, export
from presstrace.store.gkg import COLUMNS, gkg_row

TEXT = ('President Volodymyr Zelensky met NATO officials in Kyiv, Ukraine on 14 March 2025. '
        '"We need air defence," Zelensky said. The so-called "peace plan" was drafted in August 2024 '
        'and revised in 2023. Talks in Austin, Texas follow on August 13. About 500 Ukrainian soldiers '
        'and 20 to 30 tanks moved near Kursk and Sloboda for 3 days.')
ADMIN1 = {703448: "12", 4671654: "TX", 4736286: "TX", 538560: "41"}


def at(part: str, nth: int = 0) -> int:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(part, start + 1)
    return start


def span(part: str, cls=TextSpan, nth: int = 0, **kw):
    start = at(part, nth)
    return cls(start=start, end=start + len(part), text=part, **kw)


def place(part, geonameid, lat, lon, country, admin1, feature, nth=0):
    return span(part, Place, nth, name=part, geonameid=geonameid, lat=lat, lon=lon,
                country=country, admin1=admin1, feature=feature)


def gkg_article(**changes) -> AnalyzedArticle:
    """An article whose every GKG field is known by hand."""
    art = AnalyzedArticle(
        text=TEXT, id="gkg-1", date="2025-03-15", source="Example", title="Talks & <plans>",
        url="https://www.example.org/talks",
        entities=[
            Entity("E1", "Volodymyr Zelensky", "PERSON", [span("President Volodymyr Zelensky", Mention),
                                                           span("Zelensky", Mention, nth=1)]),
            Entity("E2", "NATO", "ORG", [span("NATO", Mention)]),
            Entity("E3", "Kyiv", "GPE", [span("Kyiv", Mention)]),
            Entity("E4", "Ukrainian", "NORP", [span("Ukrainian", Mention)])],
        quotes=[span("We need air defence,", Quote, id="Q1", cue=span("said"),
                     speaker=span("Zelensky", Speaker, nth=1, entity="E1", name="Volodymyr Zelensky")),
                span("peace plan", Quote, id="Q2", kind="scare")],
        times=[span("14 March 2025", Time, value="2025-03-14"), span("August 2024", Time, value="2024-08"),
               span("2023", Time, value="2023"), span("August 13", Time, value="XXXX-08-13"),
               span("3 days", Time, type="DURATION", value="P3D")],
        places=[place("Kyiv", 703448, 50.45466, 30.5238, "UA", "Kyiv City", "PPLC"),
                place("Ukraine", 690791, 49.0, 32.0, "UA", None, "PCLI"),
                place("Austin", 4671654, 30.26715, -97.74306, "US", "Texas", "PPLA"),
                place("Texas", 4736286, 31.25044, -99.25061, "US", "Texas", "ADM1"),
                place("Kursk", 538560, 51.73, 36.19, "RU", "Kursk", "PPLA"),
                place("Sloboda", None, None, None, None, None, None)],
        amounts=[span("About 500 Ukrainian soldiers", Amount, value=500, object="Ukrainian soldiers", approx=True),
                 span("20 to 30 tanks", Amount, low=20, high=30, object="tanks")],
        tone=Tone(score=-1.25, positive=2.5, negative=3.75, polarity=6.25, activity=10.0,
                  self_group=1.5, word_count=60),
    )
    for key, value in changes.items():
        setattr(art, key, value)
    return art


EXPECTED = {
    "GKGRECORDID": "20250315000000-7",
    "V2.1DATE": "20250315000000",
    "V2SOURCECOLLECTIONIDENTIFIER": "1",
    "V2SOURCECOMMONNAME": "example.org",
    "V2DOCUMENTIDENTIFIER": "https://www.example.org/talks",
    "V1LOCATIONS": ("4#Kyiv, Kyiv City, Ukraine#UP#UP12#50.45466#30.5238#703448;"
                    "1#Ukraine#UP#UP#49#32#UP;"
                    "3#Austin, Texas, United States#US#USTX#30.26715#-97.74306#4671654;"
                    "2#Texas, United States#US#USTX#31.25044#-99.25061#USTX;"
                    "4#Kursk, Kursk, Russia#RS#RS41#51.73#36.19#538560"),
    "V2ENHANCEDLOCATIONS": (f"4#Kyiv, Kyiv City, Ukraine#UP#UP12##50.45466#30.5238#703448#{at('Kyiv')};"
                            f"1#Ukraine#UP#UP##49#32#UP#{at('Ukraine')};"
                            f"3#Austin, Texas, United States#US#USTX##30.26715#-97.74306#4671654#{at('Austin')};"
                            f"2#Texas, United States#US#USTX##31.25044#-99.25061#USTX#{at('Texas')};"
                            f"4#Kursk, Kursk, Russia#RS#RS41##51.73#36.19#538560#{at('Kursk')}"),
    "V1PERSONS": "Volodymyr Zelensky",
    "V2ENHANCEDPERSONS": f"Volodymyr Zelensky,0;Volodymyr Zelensky,{at('Zelensky', 1)}",
    "V1ORGANIZATIONS": "NATO",
    "V2ENHANCEDORGANIZATIONS": f"NATO,{at('NATO')}",
    "V1.5TONE": "-1.25,2.5,3.75,6.25,10,1.5,60",
    "V2.1ENHANCEDDATES": (f"3#3#14#2025#{at('14 March')};2#8#0#2024#{at('August 2024')};"
                          f"1#0#0#2023#{at('2023')};4#8#13#0#{at('August 13')}"),
    "V2.1QUOTATIONS": f"{at('We need')}|20|said|We need air defence,",
    "V2.1ALLNAMES": (f"President Volodymyr Zelensky,0;NATO,{at('NATO')};Kyiv,{at('Kyiv')};"
                     f"Zelensky,{at('Zelensky', 1)}"),
    "V2.1AMOUNTS": f"500,Ukrainian soldiers,{at('About 500')}",
    "V2EXTRASXML": "<PAGE_TITLE>Talks &amp; &lt;plans&gt;</PAGE_TITLE>",
}
NOT_COMPUTED = ("V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES", "V2GCAM", "V2.1SHARINGIMAGE",
                "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS", "V2.1SOCIALVIDEOEMBEDS",
                "V2.1TRANSLATIONINFO")


def test_export_gkg_has_the_27_codebook_columns():
    assert len(COLUMNS) == 27 and set(EXPECTED) | set(NOT_COMPUTED) == set(COLUMNS)
    assert len(gkg_row(7, gkg_article(), ADMIN1.get)) == 27


@pytest.mark.parametrize("column", list(EXPECTED))
def test_export_gkg_field(column):
    row = dict(zip(COLUMNS, gkg_row(7, gkg_article(), ADMIN1.get)))
    assert row[column] == EXPECTED[column]


@pytest.mark.parametrize("column", NOT_COMPUTED)
def test_export_gkg_leaves_what_presstrace_does_not_compute_empty(column):
    row = dict(zip(COLUMNS, gkg_row(7, gkg_article(), ADMIN1.get)))
    assert row[column] == ""


@pytest.mark.parametrize("changes,column,expected", [
    ({"url": None}, "V2SOURCECOLLECTIONIDENTIFIER", ""),
    ({"url": None}, "V2SOURCECOMMONNAME", "Example"),
    ({"url": None}, "V2DOCUMENTIDENTIFIER", "gkg-1"),
    ({"date": None}, "V2.1DATE", "0"),
    ({"date": None}, "GKGRECORDID", "00000000000000-7"),
    ({"tone": Tone()}, "V1.5TONE", ""),  # the tone layer did not run: no fake zeros
    ({"title": "Two\tlines\nhere"}, "V2EXTRASXML", "<PAGE_TITLE>Two lines here</PAGE_TITLE>"),
])
def test_export_gkg_fills_only_what_is_known(changes, column, expected):
    row = dict(zip(COLUMNS, gkg_row(7, gkg_article(**changes), ADMIN1.get)))
    assert row[column] == expected


def test_export_gkg_without_admin1_codes_leaves_them_empty():
    row = dict(zip(COLUMNS, gkg_row(7, gkg_article(), None)))
    assert row["V1LOCATIONS"].split(";")[0] == "4#Kyiv, Kyiv City, Ukraine#UP##50.45466#30.5238#703448"
    assert row["V1LOCATIONS"].split(";")[1] == "1#Ukraine#UP#UP#49#32#UP"  # a country's ADM1 is itself


def test_export_gkg_keeps_delimiters_out_of_fields():
    text = 'He said: "One | two # three\nfour; five."'
    start = text.index("One")
    quote = Quote(start=start, end=len(text) - 1, text=text[start:-1], id="Q1", kind="block",
                  cue=TextSpan(3, 7, "said"))
    row = dict(zip(COLUMNS, gkg_row(1, AnalyzedArticle(text=text, quotes=[quote]))))
    assert row["V2.1QUOTATIONS"] == f"{start}|{len(quote.text)}|said|One two three four; five."


def save_gkg_articles(conn):
    """Two articles whose GKG fields are known (ids 1 and 2) saved in the store."""
    with db.transaction(conn):
        for k, art in enumerate([gkg_article(), gkg_article(id=42, text=TEXT + " More.")], 1):
            db.save_article(conn, art, k, db.article_hash(art.text))
            db.add_input_id(conn, k, art)


def test_export_jsonl_is_the_presstrace_1_contract(store, tmp_path):
    save_gkg_articles(store)
    path = tmp_path / "out.jsonl"
    with open(path, "w") as fh:
        assert export.export_jsonl(store, fh) == 2
    lines = [json.loads(x) for x in path.read_text().splitlines()]
    for line in lines:
        validate_output(line)
    assert lines[0] == gkg_article().to_dict() and lines[1]["id"] == 42


def test_export_csv_writes_a_file_per_table(store, tmp_path):
    save_gkg_articles(store)
    counts = export.export_csv(store, tmp_path / "csv")
    assert set(counts) == set(export.EXPORT_TABLES)
    with open(tmp_path / "csv" / "places.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == counts["places"] == 12
    assert rows[0]["name"] == "Kyiv" and rows[0]["lat"] == "50.45466" and rows[5]["lat"] == ""


def test_export_parquet_reads_back_with_pyarrow(store, tmp_path):
    save_gkg_articles(store)
    pq = pytest.importorskip("pyarrow.parquet")
    counts = export.export_parquet(store, tmp_path / "pq")
    for table in db.DATA_TABLES:
        assert pq.read_table(tmp_path / "pq" / f"{table}.parquet").num_rows == counts[table]
    places = pq.read_table(tmp_path / "pq" / "places.parquet")
    assert str(places.schema.field("lat").type) == "double"
    assert str(places.schema.field("geonameid").type) == "int64"
    assert places.column("name").to_pylist()[:2] == ["Kyiv", "Ukraine"]
    ids = pq.read_table(tmp_path / "pq" / "article_ids.parquet").column("input_id").to_pylist()
    assert ids == ["gkg-1", "42"]  # ids may be numbers in the input: one string column here
    assert pq.read_table(tmp_path / "pq" / "errors.parquet").num_rows == 0
