"""Fixtures of the reader tests."""
from __future__ import annotations

import pytest

PAGE = ("<html><head><title>Repairs in Lviv</title></head><body><article><p>Officials in Lviv "
        "said on Monday that repairs to the main bridge would take three weeks. \"We are "
        "working day and night,\" the mayor told reporters.</p></article></body></html>").encode()


@pytest.fixture()
def crawl(tmp_path, write_warc):
    """A WARC file of a warcinfo record, one HTML page and one image."""
    return write_warc(tmp_path / "crawl.warc.gz", [("https://example.org/lviv", "text/html", PAGE),
                                                    ("https://example.org/a.png", "image/png", b"\x89PNG")],
                      warcinfo=True)
