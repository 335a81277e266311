"""`presstrace places`, `timeline --place` and `export --format gkg` on the map store
(tests/conftest.py): the default listing, its options, and no internal id in any output."""
from __future__ import annotations

import json

from presstrace.corpus.mapdata import place_counts


def test_places_command_lists_confident_toponyms_and_takes_the_options(map_store, map_conn, invoke):
    listed = json.loads(invoke("places", "--format", "json", "--db", map_store).output)
    assert listed == place_counts(map_conn)
    assert "Berlin" not in {r["name"] for r in listed} and {r["kind"] for r in listed} == {"toponym"}
    more = json.loads(invoke("places", "--demonyms", "--min-confidence", "0.2", "--format", "json",
                             "--db", map_store).output)
    assert more == place_counts(map_conn, min_confidence=0.2, demonyms=True)
    assert {("Berlin", "toponym"), ("Russia", "demonym")} <= {(r["name"], r["kind"]) for r in more}
    bad = invoke("places", "--min-confidence", "2", "--db", map_store)
    assert bad.exit_code == 2 and "--min-confidence" in bad.output


def test_place_outputs_never_show_an_internal_id(map_store, map_facts, invoke):
    internal = str(map_facts["internal_id"])
    for args in (["places"], ["places", "--format", "json"], ["entity", "Moscow", "--format", "json"],
                 ["timeline", "--place", "Moscow", "--format", "json"]):
        result = invoke(*args, "--db", map_store)
        assert result.exit_code == 0, (args, result.output)
        assert internal not in result.output and internal.lstrip("-") not in result.output


def test_timeline_place_option_takes_a_ref_and_refuses_a_negative_id(map_store, map_facts, invoke):
    table = invoke("timeline", "--place", "Germany", "--db", map_store).output
    assert "REQUEST" in table
    refused = invoke("timeline", "--place", str(map_facts["internal_id"]), "--db", map_store)
    assert refused.exit_code == 1 and "positive" in refused.output


def test_export_gkg_takes_the_places_threshold(map_store, invoke, tmp_path):
    def locations(*args):
        out = tmp_path / "out.gkg"
        assert invoke("export", "--format", "gkg", "--out", out, *args, "--db", map_store).exit_code == 0
        return "\n".join(line.split("\t")[9] for line in out.read_text().splitlines())

    default = locations()
    assert "Berlin" not in default and "1#Russia#RS" in default  # a demonym as its country
    assert "Berlin" in locations("--min-confidence", "0.2")
