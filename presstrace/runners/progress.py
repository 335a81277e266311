"""Ingest progress: a one-line bar with rate and ETA on a terminal, a summary at the end.

The total is estimated before reading (`readers.estimate_inputs`) and is unknown for
standard input and WARC archives; the line then shows the rate only.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Optional, TextIO

REFRESH_SECONDS = 0.25


@dataclass
class IngestStats:
    """What an ingest did, input by input."""
    inputs: int = 0
    analysed: int = 0
    skipped: int = 0      # already stored (or the same text earlier in this run)
    duplicates: int = 0   # near-duplicates linked to an original, not analysed
    failed: int = 0       # the pipeline raised on the article (kept, status failed)
    errors: int = 0       # inputs that could not be read or are not analysable
    seconds: float = 0.0
    started: float = field(default_factory=time.monotonic, repr=False)

    def rate(self) -> float:
        """Inputs per second since the run started."""
        elapsed = time.monotonic() - self.started
        return self.inputs / elapsed if elapsed > 0 else 0.0

    def summary(self, db_path: str) -> str:
        """One line for the end of the run: the counts and the store they went to."""
        rate = self.inputs / self.seconds if self.seconds > 0 else 0.0
        return (f"{self.inputs} inputs in {self.seconds:.1f} s ({rate:.1f}/s): "
                f"{self.analysed} analysed, {self.duplicates} near-duplicates linked, "
                f"{self.skipped} already stored, {self.failed} failed, {self.errors} errors "
                f"-> {db_path}")


class Progress:
    """A self-overwriting stderr line; silent when the stream is not a terminal."""

    def __init__(self, total: Optional[int], stream: TextIO = sys.stderr,
                 enabled: Optional[bool] = None):
        self.total = total
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self._shown = 0.0

    def update(self, stats: IngestStats, force: bool = False) -> None:
        """Redraw the line (at most every REFRESH_SECONDS unless `force`)."""
        now = time.monotonic()
        if not self.enabled or (not force and now - self._shown < REFRESH_SECONDS):
            return
        self._shown = now
        self.stream.write("\r" + self.line(stats) + "\x1b[K")
        self.stream.flush()

    def line(self, stats: IngestStats) -> str:
        """The progress line: a bar, rate and ETA when the total is known, else the rate."""
        rate = stats.rate()
        done = stats.inputs
        if self.total:
            share = min(done / self.total, 1.0)
            bar = "#" * int(share * 24)
            left = (self.total - done) / rate if rate > 0 and done < self.total else 0.0
            head = f"[{bar:<24}] {done}/{self.total} {rate:.1f}/s ETA {_clock(left)}"
        else:
            head = f"{done} inputs {rate:.1f}/s"
        return (f"{head}  analysed {stats.analysed}, duplicates {stats.duplicates}, "
                f"stored before {stats.skipped}, errors {stats.errors + stats.failed}")

    def close(self) -> None:
        """End the line so later output starts on a new one."""
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
