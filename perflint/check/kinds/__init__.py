"""The rule kinds: the engine implements kinds, packs instantiate them.

Each kind is a module with ``KIND`` (its name in packs and in the JSON
output), ``prepare(options)`` (compile the options once per process) and
``check(doc, prepared)`` (yield Hits).  ``KINDS`` is the only registry.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Protocol

from ...model.document import Document
from ..finding import Hit
from . import (
    consistency,
    grade,
    numbering,
    obligation,
    pairing,
    pattern,
    range_check,
    ratio,
    repetition,
    sections,
    sum_of_parts,
    table,
    target,
)


class Kind(Protocol):
    KIND: str

    def prepare(self, options: Mapping[str, Any]) -> Any: ...

    def check(self, doc: Document, prepared: Any) -> Iterator[Hit]: ...


KINDS: dict[str, Kind] = {
    module.KIND: module  # type: ignore[misc]
    for module in (sections, numbering, pattern, repetition, ratio, sum_of_parts, range_check, grade, target, consistency, pairing,
                   obligation, table)
}
