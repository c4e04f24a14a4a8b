"""A progress line on stderr for long runs in a terminal: files done, findings so far, rate.

Shown only when stderr is a terminal, the run has at least ``MIN_FILES`` files
and ``-q`` was not given; redrawn at most ten times a second on one line (``\\r``)
and erased at the end, so nothing of it is left in a scrollback or a log.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

MIN_FILES = 20
_INTERVAL = 0.1


class Progress:
    def __init__(self, total: int, lang: str, stream: TextIO | None = None, quiet: bool = False):
        self.stream = stream if stream is not None else sys.stderr
        self.total, self.lang = total, lang
        self.enabled = not quiet and total >= MIN_FILES and _is_terminal(self.stream)
        self.done = self.findings = 0
        self.start = self.drawn = time.monotonic()

    def advance(self, findings: int) -> None:
        self.done += 1
        self.findings += findings
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.drawn < _INTERVAL and self.done < self.total:
            return
        self.drawn = now
        rate = self.done / max(now - self.start, 1e-6)
        if self.lang == "zh":
            text = f"perflint: {self.done}/{self.total} 个文件，{self.findings} 处问题，{rate:.0f} 个文件/秒"
        else:
            text = f"perflint: {self.done}/{self.total} files, {self.findings} findings, {rate:.0f} files/s"
        self.stream.write("\r" + text + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
