"""Ingest progress: tqdm's bar with rate and ETA on a terminal, a summary at the end.

The total is estimated before reading (`readers.estimate_inputs`) and is unknown for
standard input and WARC archives; the line then shows the rate only.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Optional, TextIO

from tqdm import tqdm

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
    """tqdm's bar on stderr (rate, ETA, the counts as its postfix); silent when the stream
    is not a terminal. tqdm draws it: only what an ingest counts is ours."""

    def __init__(self, total: Optional[int], stream: TextIO = sys.stderr,
                 enabled: Optional[bool] = None):
        self.total = total
        self.enabled = stream.isatty() if enabled is None else enabled
        self.bar = tqdm(total=total or None, file=stream, unit="inputs", dynamic_ncols=True,
                        mininterval=REFRESH_SECONDS, disable=not self.enabled)

    def update(self, stats: IngestStats, force: bool = False) -> None:
        """Move the bar to the inputs done and show the counts (tqdm redraws at most every
        REFRESH_SECONDS unless `force`)."""
        if not self.enabled:
            return
        self.bar.n = stats.inputs
        self.bar.set_postfix_str(self.counts(stats), refresh=False)
        if force:
            self.bar.refresh()
        else:
            self.bar.update(0)

    @staticmethod
    def counts(stats: IngestStats) -> str:
        """What the inputs became so far, beside the bar."""
        return (f"analysed {stats.analysed}, duplicates {stats.duplicates}, "
                f"stored before {stats.skipped}, errors {stats.errors + stats.failed}")

    def close(self) -> None:
        """End the bar so later output starts on a new line."""
        self.bar.close()
