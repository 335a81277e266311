"""Getting the news in: `presstrace fetch` and `watch` (docs/FETCH.md).

`sourcelist` reads SOURCES; `discover` fetches each source conditionally and lists its new
pages (`listings`: feeds with feedparser, sitemaps with lxml, URLs through courlan);
`client` makes every request politely (`robots`, `politeness`, `config`); `run` fetches
the pages, archives them (`archive`, WARC) and stores them through the ingest path;
`state` holds the store's `sources` and `fetches` tables. Entry point: `run.fetch`.
"""
from __future__ import annotations
