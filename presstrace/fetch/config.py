"""The `[fetch]` settings as one typed object, read once per run."""
from __future__ import annotations

from dataclasses import dataclass

from ..settings import Settings

PAGE_TYPES = ("text/html", "application/xhtml+xml")
LISTING_TYPES = ("application/xml", "text/xml", "application/rss+xml", "application/atom+xml",
                 "application/rdf+xml", "application/x-rss+xml",
                 "application/gzip", "application/x-gzip")  # sitemap.xml.gz


@dataclass(frozen=True)
class FetchConfig:
    user_agent: str
    timeout: float
    retries: int
    backoff: float
    max_wait: float
    host_delay: float
    host_concurrency: int
    concurrency: int
    max_bytes: int
    max_redirects: int
    max_links: int
    max_sitemaps: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "FetchConfig":
        get = lambda key: settings.get("fetch", key)  # noqa: E731
        return cls(user_agent=str(get("user_agent")), timeout=float(get("timeout_seconds")),
                   retries=max(0, int(get("retries"))), backoff=float(get("backoff_seconds")),
                   max_wait=float(get("max_wait_seconds")),
                   host_delay=max(0.0, float(get("host_delay_seconds"))),
                   host_concurrency=max(1, int(get("host_concurrency"))),
                   concurrency=max(1, int(get("concurrency"))), max_bytes=int(get("max_bytes")),
                   max_redirects=max(0, int(get("max_redirects"))),
                   max_links=max(1, int(get("max_links_per_source"))),
                   max_sitemaps=max(1, int(get("max_sitemaps"))))

    @property
    def agent_token(self) -> str:
        """The product token robots.txt rules are matched against ("presstrace")."""
        return self.user_agent.split("/", 1)[0].split()[0] or "presstrace"
