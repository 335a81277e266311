"""Fixtures that tests in several folders share: settings and the pipeline, writing inputs,
building stores, the import graph, and the invented corpora that both an area's tests and
its commands' tests read. Each folder's conftest.py holds the fixtures only its tests use."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from presstrace import Article, analyze, build_pipeline, load_settings
from presstrace.corpus.update import update_corpus
from presstrace.layers import SPAN_LAYERS
from presstrace.records import AnalyzedArticle
from presstrace.runners import ingest
from presstrace.store import db

LOCAL = "http://127.0.0.1"  # the base URL of test clients: a name the app serves
SAMPLES = Path(__file__).resolve().parent.parent / "presstrace" / "samples"


@pytest.fixture(scope="session")
def settings():
    return load_settings()


@pytest.fixture(scope="session")
def nlp(settings):
    """The default spaCy pipeline, built once for the session."""
    return build_pipeline(settings)


@pytest.fixture(scope="session")
def run(settings):
    """Analyse a text (optionally with a date) and return the AnalyzedArticle."""
    def _run(text: str, date: str | None = None, id: str = "t") -> AnalyzedArticle:
        return analyze(Article(text=text, id=id, date=date), settings)
    return _run


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SAMPLES / "seed.txt"


@pytest.fixture(scope="session")
def spans_of():
    """A function yielding every (where, record) pair that carries offsets."""
    return _spans_of


def _spans_of(art: AnalyzedArticle):
    """Every (where, record) pair that carries offsets, in every layer."""
    for ent in art.entities:
        for m in ent.mentions + ent.references:
            yield f"entity {ent.name}", m
    for layer in SPAN_LAYERS[1:]:  # after the entities
        for rec in getattr(art, layer):
            yield layer, rec
            for part in ("speaker", "cue"):
                sub = getattr(rec, part, None)
                if sub is not None and getattr(sub, "start", None) is not None:
                    yield f"{layer}.{part}", sub


# --- writing inputs and building stores ------------------------------------------------

JSONL_FIELDS = ("id", "date", "source", "title", "text")


@pytest.fixture(scope="session")
def write_jsonl():
    """A function writing rows (tuples in `fields` order, or dicts) as one JSON object a
    line; the path back."""
    return _write_jsonl


def _write_jsonl(path: Path, rows, fields=JSONL_FIELDS) -> Path:
    path.write_text("".join(json.dumps(row if isinstance(row, dict) else dict(zip(fields, row))) + "\n"
                            for row in rows), encoding="utf-8")
    return path


@pytest.fixture()
def store(tmp_path):
    """A new, empty store (its connection), closed after the test."""
    conn = db.open_store(tmp_path / "store.db")
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def corpus_store():
    """A function ingesting inputs into a new store at a path with stories, corpus entities
    and merged events up to date; it returns input id -> article id."""
    return _corpus_store


def _corpus_store(path: Path, inputs, settings) -> dict[str, int]:
    ingest([str(p) for p in inputs], path, settings, n_process=1)
    conn = db.open_store(path, create=False)
    try:
        update_corpus(conn)
        return {str(r["input_id"]): r["id"] for r in conn.execute("SELECT id, input_id FROM articles")}
    finally:
        conn.close()


@pytest.fixture(scope="session")
def app_client():
    """A function: a test client of the app over the store at a path; server errors come back
    as 500s (use it as a context manager to run the app's start-up and shut-down)."""
    def _client(path, settings, **kwargs):
        from fastapi.testclient import TestClient

        from presstrace.api import create_app

        # A served name as Host: the app answers 400 to others (DNS rebinding), "testserver" too.
        return TestClient(create_app(path, settings, **kwargs), raise_server_exceptions=False,
                          base_url=LOCAL)
    return _client


@pytest.fixture(scope="session")
def write_warc():
    """A function writing a gzipped WARC file: an optional warcinfo record, then one HTTP
    200 response per (url, content type, body); the path back. Skips without warcio."""
    pytest.importorskip("warcio")
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def _write(path: Path, responses, warcinfo: bool = False) -> Path:
        with open(path, "wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            if warcinfo:
                writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
            for url, kind, body in responses:
                headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                              http_headers=headers))
        return path
    return _write


@pytest.fixture(scope="session")
def import_graph() -> dict[str, set[str]]:
    """presstrace's module import graph from the source (every import, function-local ones
    included): module -> the presstrace modules it names. A package's `__init__` counts
    only where a module imports the package itself."""
    import ast

    root = Path(__file__).resolve().parent.parent / "presstrace"
    files = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        files[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    graph = {}
    for module, (path, is_package) in files.items():
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names.update(_imported_names(module, is_package, node))
        graph[module] = {n for n in names if n in files and n != module}
    return graph


def _imported_names(module: str, is_package: bool, node) -> list[str]:
    """The dotted names an import statement can load (a `from` import's names may be
    modules too)."""
    import ast

    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[:len(base) - node.level + 1]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module
    return [prefix] + [f"{prefix}.{alias.name}" for alias in node.names]

# --- invented corpora shared by an area's tests and the tests of its commands ------------

ENTITIES_FIRST = [
    ("k1", "2024-05-06", "Kyiv Post",
     "President Volodymyr Zelenskyy met European Union leaders in Kyiv on Monday. Zelenskyy "
     "said the European Union would send more aid. John Smith, a British diplomat, attended."),
    ("k2", "2024-05-07", "Wire",
     "Zelensky told reporters in Kiev that the EU had agreed new sanctions. Russian forces "
     "shelled Kharkiv on Tuesday, killing three civilians. Mr Terekhov said the city would "
     "rebuild. Jane Smith, an economist, said prices rose."),
]


ENTITIES_REST = [
    ("k3", "2024-05-07", "Daily Ledger",
     "Russian troops shelled Kharkiv on Tuesday, local officials said. Volodymyr Zelenskiy "
     "condemned the attack. The EU promised help."),
    ("k4", "2024-05-20", "North Courier",
     "Russian forces shelled Kharkiv again on Monday. Mr Smith said the city would rebuild. "
     "Mayor Ihor Terekhov said two schools were hit."),
]


@pytest.fixture(scope="session")
def entity_stores(tmp_path_factory, settings):
    """(store with all four articles, store with the first two, file of the other two)."""
    folder = tmp_path_factory.mktemp("corpus")
    partial = folder / "partial.db"
    fields = ("id", "date", "source", "text")
    ingest([str(_write_jsonl(folder / "first.jsonl", ENTITIES_FIRST, fields))], partial, settings,
           n_process=1)
    rest = _write_jsonl(folder / "rest.jsonl", ENTITIES_REST, fields)
    full = folder / "full.db"
    shutil.copy(partial, full)
    ingest([str(rest)], full, settings, n_process=1)
    return full, partial, rest


DAM = [
    ("dam-1", "2024-03-04", "Valley Herald", "Marvale dam bursts after days of rain",
     "The earth dam above Marvale burst early on Monday after four days of heavy rain, "
     "flooding the lower town. Mayor Edith Brandt ordered the evacuation of 2,000 residents "
     "from the riverside streets. Rescue crews in boats searched flooded homes near the dam."),
    ("dam-2", "2024-03-04", "North Courier", "Floodwater sweeps through Marvale as dam fails",
     "Floodwater swept through Marvale on Monday when the town's dam failed after heavy rain. "
     "Mayor Edith Brandt said rescue crews had pulled dozens of residents from flooded homes "
     "and that the evacuation of the riverside streets would go on overnight."),
    ("dam-3", "2024-03-05", "Daily Ledger", "Marvale counts the damage a day after the dam burst",
     "A day after the Marvale dam burst, residents returned to flooded homes along the river. "
     "Mayor Edith Brandt said engineers would inspect what was left of the dam, and rescue "
     "crews were still pumping floodwater out of the riverside streets."),
]


MERGER = [
    ("deal-1", "2024-03-04", "Market Wire", "Quorvex agrees to buy chipmaker Lintara",
     "Quorvex said on Monday it had agreed to buy the chipmaker Lintara for $4 billion in cash, "
     "its largest acquisition. Chief executive Ravi Okafor said the deal would give Quorvex "
     "Lintara's sensor chips. Shareholders and regulators must still approve the merger."),
    ("deal-2", "2024-03-05", "Business Daily", "Lintara shares jump on Quorvex takeover",
     "Shares in Lintara jumped 30 percent after Quorvex agreed to buy the chipmaker for "
     "$4 billion. Ravi Okafor, Quorvex's chief executive, told analysts the acquisition of "
     "Lintara would close next year if regulators approve the merger."),
    ("deal-3", "2024-03-06", "Tech Review", "Regulators to review Quorvex bid for Lintara",
     "Competition regulators said they would review the Quorvex acquisition of Lintara, the "
     "$4 billion chipmaker deal announced this week. Quorvex chief executive Ravi Okafor said "
     "he expected the merger to be approved and Lintara shareholders to back the deal."),
]


@pytest.fixture(scope="session")
def story_stores(tmp_path_factory, settings):
    """(store with all six articles, store with the first two of each story, folder)."""
    folder = tmp_path_factory.mktemp("stories")
    first = _write_jsonl(folder / "first.jsonl", DAM[:2] + MERGER[:2])
    rest = _write_jsonl(folder / "rest.jsonl", DAM[2:] + MERGER[2:])
    partial = folder / "partial.db"
    ingest([str(first)], partial, settings, n_process=1)
    full = folder / "full.db"
    shutil.copy(partial, full)
    ingest([str(rest)], full, settings, n_process=1)
    return full, partial, rest


VIEWS_ARTICLES = [
    ("kh-1", "2024-05-06", "Valley Herald", "Russian shelling kills three in Kharkiv",
     "Russian forces shelled Kharkiv on Monday, killing three civilians, regional governor Oleh "
     "Synehubov said. \"The strikes hit a school and two apartment blocks,\" Synehubov said on "
     "Telegram. President Volodymyr Zelensky condemned the attack in Kyiv. The city's water "
     "supply was cut off for 40,000 residents after a pumping station was damaged, officials said."),
    ("kh-2", "2024-05-06", "North Courier", "Three civilians killed as Russia shells Kharkiv",
     "Russian troops shelled Kharkiv on Monday and killed three civilians, governor Oleh "
     "Synehubov said. \"The strikes hit a school and two apartment blocks,\" Synehubov wrote. "
     "Zelensky spoke from Kiev. Moscow denied targeting civilians. \"Our forces strike only "
     "military targets,\" Kremlin spokesman Dmitry Peskov told reporters."),
    ("kh-3", "2024-05-07", "Daily Ledger", "Kharkiv clears rubble a day after shelling",
     "A day after Russian shelling killed three civilians in Kharkiv, residents cleared rubble "
     "from the streets. Governor Oleh Synehubov said repairs to the school would take months. "
     "\"We will rebuild every classroom,\" Synehubov said. Volodymyr Zelensky asked Germany "
     "for more air defence systems."),
    ("fx-1", "2024-06-10", "Market Wire", "Talvec buys sensor maker Brisk Labs",
     "Talvec said on Monday it would buy the sensor maker Brisk Labs for $300 million. "
     "\"This deal doubles our engineering team,\" said chief executive Omar Reyes in Berlin. "
     "Analysts said the price was high."),
]


@pytest.fixture(scope="session")
def views_store(tmp_path_factory, settings):
    """A store of VIEWS_ARTICLES with stories, corpus entities and merged events up to date."""
    folder = tmp_path_factory.mktemp("views")
    path = folder / "views.db"
    _corpus_store(path, [_write_jsonl(folder / "articles.jsonl", VIEWS_ARTICLES)], settings)
    return path


@pytest.fixture
def views_conn(views_store):
    """A connection to the views store (the tests only read it)."""
    conn = db.open_store(views_store, create=False)
    yield conn
    conn.close()


INTERNAL_ID = -189963739208214  # presstrace's own gazetteer entry (Donbas's id in real stores)
HOSTILE_PLACE = '<b>Evil</b> "Town" & <script>x</script>'
# Rows added to the views store for the map: (article input id, start, end, name, geonameid,
# lat, lon, country, feature, kind, confidence). "Russian" is a demonym of Russia; the
# hostile name stands in for any untrusted text a place name can carry.
MAP_PLACES = [
    ("kh-1", 0, 7, "Russia", 2017370, 60.0, 100.0, "RU", "PCLI", "demonym", 0.95),
    ("kh-2", 0, 7, "Russia", 2017370, 60.0, 100.0, "RU", "PCLI", "demonym", 0.95),
    ("fx-1", 0, 6, HOSTILE_PLACE, None, 48.85, 2.35, "FR", "PPL", "toponym", 0.9),
]


@pytest.fixture(scope="session")
def map_store(views_store, tmp_path_factory):
    """The views store's places set by hand, whatever the places layer gives today: as in
    an older store, no confidence and no demonyms, and Moscow holds an internal (negative)
    id; Germany none (an entry of presstrace's own gazetteer, with coordinates); Berlin a
    low confidence (0.3), one Kharkiv a high one; and MAP_PLACES are added: two demonyms
    and a place with a hostile name."""
    path = tmp_path_factory.mktemp("map") / "map.db"
    shutil.copy(views_store, path)
    conn = db.open_store(path, create=False)
    with conn:
        conn.execute("DELETE FROM places WHERE kind = 'demonym'")
        conn.execute("UPDATE places SET confidence = NULL")
        conn.execute("UPDATE places SET geonameid = ? WHERE name = 'Moscow'", (INTERNAL_ID,))
        conn.execute("UPDATE corpus_entities SET geonameid = ? WHERE name = 'Moscow'", (INTERNAL_ID,))
        conn.execute("UPDATE places SET geonameid = NULL WHERE name = 'Germany'")
        conn.execute("UPDATE places SET confidence = 0.3 WHERE name = 'Berlin'")
        conn.execute("UPDATE places SET confidence = 0.9 WHERE id = (SELECT min(id) FROM places "
                     "WHERE name = 'Kharkiv')")
        for input_id, *row in MAP_PLACES:
            aid = conn.execute("SELECT id FROM articles WHERE input_id = ?", (input_id,)).fetchone()[0]
            text = conn.execute("SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
                                (row[0] + 1, row[1] - row[0], aid)).fetchone()[0]
            conn.execute("INSERT INTO places (article_id, seq, start, end, text, name, geonameid, lat, "
                         "lon, country, feature, kind, confidence) VALUES (?, (SELECT coalesce(max(seq), 0) + 100 "
                         "FROM places WHERE article_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (aid, aid, row[0], row[1], text, *row[2:]))
    conn.close()
    return path


@pytest.fixture(scope="session")
def map_facts():
    """What the map store holds that tests look for: the internal id, the hostile name."""
    return {"internal_id": INTERNAL_ID, "hostile": HOSTILE_PLACE}


@pytest.fixture
def map_conn(map_store):
    """A connection to the map store (the tests only read it)."""
    conn = db.open_store(map_store, create=False)
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def story_of():
    """A function: the story id of the article with this input id."""
    return _story_of


def _story_of(conn, input_id):
    return conn.execute("SELECT sa.story_id FROM story_articles sa JOIN articles a "
                        "ON a.id = sa.article_id WHERE a.input_id = ?", (input_id,)).fetchone()[0]


PEOPLE = ["Olena Kovalenko", "Marta Ivanova", "Pavel Sokolov", "Anna Berg", "Tomas Novak",
          "Irina Petrenko", "David Miller", "Sofia Rossi", "Jan Kowalski", "Lena Fischer"]
PLACES = ["Kyiv", "Kharkiv", "Odesa", "Lviv", "Warsaw", "Berlin", "Paris", "Vienna", "Riga", "Prague"]
THINGS = ["grain exports", "power repairs", "rail links", "water supplies", "school repairs",
          "bridge works", "port traffic", "fuel deliveries", "bus routes", "hospital wards"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
SENTENCES = [
    "{p} said on {d} that {t} in {c} would resume within {n} weeks.",
    "\"We are working day and night on {t},\" {p} told reporters in {c}.",
    "Officials in {c} added that {n} trucks carrying supplies for {t} had arrived since {d}.",
    "According to local media, crews from {c} began inspecting {t} on {d} morning.",
    "{p}, who leads the {c} office, warned that {t} could face delays of {n} days.",
    "The ministry in {c} set aside {n} million euros for {t}, {p} said.",
    "Residents of {c} queued for hours on {d} as {t} slowed to a crawl.",
    "Analysts said {t} in {c} had fallen by {n} percent compared with last year.",
]


@pytest.fixture(scope="session")
def make_text():
    """A function: an invented article of seven sentences, drawn with the given Random."""
    return _make_text


@pytest.fixture(scope="session")
def write_corpus():
    """A function writing an invented JSON Lines corpus (see `_write_corpus`)."""
    return _write_corpus


def _make_text(rng: random.Random) -> str:
    parts = []
    for template in rng.sample(SENTENCES, 7):
        parts.append(template.format(p=rng.choice(PEOPLE), c=rng.choice(PLACES), t=rng.choice(THINGS),
                                     d=rng.choice(DAYS), n=rng.randint(2, 90)))
    return " ".join(parts)


def _write_corpus(path: Path, n: int, seed: int = 7) -> list[dict]:
    """n distinct articles, plus an exact copy, a near-duplicate, a bad line and an empty text."""
    rng = random.Random(seed)
    rows = [{"id": f"a{k}", "date": f"2025-0{1 + k % 9}-1{k % 10}", "source": f"Outlet {k % 3}",
             "title": f"Story {k}", "text": _make_text(rng)} for k in range(n)]
    near = dict(rows[1], id="near-copy", source="Wire",
                text=rows[1]["text"] + " The wire service contributed to this report.")
    lines = [json.dumps(r) for r in rows[:n // 2]]
    lines += ['{"id": "broken", "text": ', json.dumps(dict(rows[0], id="same-text", source="Mirror")),
              json.dumps({"id": "blank", "text": "   "}), json.dumps(near)]
    lines += [json.dumps(r) for r in rows[n // 2:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rows


DASK_SAMPLE = SAMPLES / "ua_ru_press_sample.jsonl"


@pytest.fixture(scope="session")
def shard_size() -> int:
    """JSON Lines lines per shard in the Dask tests: the corpus makes four shards."""
    return 2


@pytest.fixture(scope="session")
def dask_corpus(tmp_path_factory) -> Path:
    """Four sample articles, a bad line, an empty text, and copies of two of the articles:
    one in the same shard as its original, one in a later shard."""
    rows = [json.loads(line) for line in DASK_SAMPLE.read_text(encoding="utf-8").splitlines()[:4]]
    lines = [json.dumps(r) for r in rows[:2]]
    lines += ['{"id": "broken", "text": ', json.dumps({"id": "blank", "text": "  "})]
    lines += [json.dumps(rows[2]), json.dumps({**rows[2], "id": "copy2"})]
    lines += [json.dumps(rows[3]), json.dumps({**rows[0], "id": "copy0"})]
    path = tmp_path_factory.mktemp("dask") / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def local_shards(dask_corpus, settings, shard_size):
    """The Dask corpus cut into shards and analysed in this process: (folder, run stats)."""
    from presstrace.runners.dask import run_shards

    out = dask_corpus.parent / "local"
    stats = run_shards([str(dask_corpus)], out, settings, shard_size=shard_size)
    return out, stats


@pytest.fixture(scope="session")
def store_columns() -> dict[str, set[str]]:
    """Table name -> column names of a freshly migrated store."""
    import sqlite3

    from presstrace.store.migrations import migrate

    conn = sqlite3.connect(":memory:")
    migrate(conn)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    out = {t: {r[1] for r in conn.execute(f"PRAGMA table_info({t})")} for t in tables}
    conn.close()
    return out
