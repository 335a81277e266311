"""GKG locations from places as the map lists them: confident places only (the map's
threshold), demonyms as their country, and never an internal id in the feature id."""
from __future__ import annotations

import pytest

from presstrace.records import AnalyzedArticle, Place
from presstrace.store import db, export
from presstrace.store.gkg import COLUMNS, gkg_row, locations

TEXT = "Russian troops shelled Donbas and Kharkiv, and left Chaplyne."


def place(part: str, **kw) -> Place:
    start = TEXT.index(part)
    return Place(start=start, end=start + len(part), text=part, **kw)


RUSSIAN = place("Russian", name="Russia", geonameid=2017370, lat=60.0, lon=100.0, country="RU",
                feature="PCLI", kind="demonym", confidence=0.95)
DONBAS = place("Donbas", name="Donbas", geonameid=-189963739208214, lat=48.0, lon=38.0,
               country="UA", feature="RGN")
KHARKIV = place("Kharkiv", name="Kharkiv", geonameid=706483, lat=49.98, lon=36.25, country="UA",
                admin1="Kharkiv", feature="PPLA", confidence=0.9)
CHAPLYNE = place("Chaplyne", name="Chaplyne", geonameid=None, lat=48.13, lon=36.23, country="UA",
                 admin1="Dnipropetrovsk", feature="PPL", confidence=0.3)


def article() -> AnalyzedArticle:
    return AnalyzedArticle(text=TEXT, id="g-1", date="2025-03-15",
                           places=[RUSSIAN, DONBAS, KHARKIV, CHAPLYNE])


def test_gkg_locations_default_to_confident_places_and_demonyms_as_countries():
    v1, v2 = locations(article(), None)
    assert v1.split(";") == ["1#Russia#RS#RS#60#100#RS",
                             "4#Donbas, Ukraine#UP##48#38#",  # no internal id as feature id
                             "4#Kharkiv, Kharkiv, Ukraine#UP##49.98#36.25#706483"]
    assert [int(loc.split("#")[-1]) for loc in v2.split(";")] == [0, TEXT.index("Donbas"), TEXT.index("Kharkiv")]
    # Chaplyne (0.3) comes back when the caller lowers the bar.
    assert "Chaplyne, Dnipropetrovsk, Ukraine" in locations(article(), None, min_confidence=0.2)[0]


def test_gkg_never_writes_an_internal_id():
    row = dict(zip(COLUMNS, gkg_row(1, article(), None, min_confidence=0)))
    assert "-189963739208214" not in "\t".join(row.values())


@pytest.fixture
def gkg_store(tmp_path):
    """A store holding the article, its places saved and read back as any export reads them."""
    conn = db.open_store(tmp_path / "g.db")
    with db.transaction(conn):
        db.save_article(conn, article(), 1, db.article_hash(TEXT))
    yield conn
    conn.close()


@pytest.mark.parametrize("min_confidence, expected", [(None, 3), (0.2, 4), (0.92, 2)])
def test_export_gkg_from_a_store_takes_the_threshold(gkg_store, tmp_path, min_confidence, expected):
    out = tmp_path / "out.gkg"
    with out.open("w") as fh:
        export.export_gkg(gkg_store, fh, None, min_confidence=min_confidence)
    fields = dict(zip(COLUMNS, out.read_text().rstrip("\n").split("\t")))
    assert len(fields["V1LOCATIONS"].split(";")) == expected
