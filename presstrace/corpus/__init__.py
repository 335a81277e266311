"""Corpus views over the store: what many articles say together.

Stories (`stories`), entities across articles (`entities`), merged events (`events`),
near-duplicates (`dedupe`), and the views built on them: networks, timelines, map data,
entity profiles, outlet comparison (`network`, `timeline`, `mapdata`, `profile`,
`compare`), with `lookup` resolving what a caller names. `update.update_corpus` brings
stories, entities and merged events up to date after an ingest. Reads and writes the
store; the store never imports this package.
"""
