"""Regular expressions from rule packs, compiled only when they cannot hang perflint."""

from __future__ import annotations

import re

MAX_PATTERN = 2000


def safe_regex(source: str) -> re.Pattern[str]:
    """Compile a pack author's regex, refusing what can backtrack catastrophically.

    Python's ``re`` has no time limit, so a pattern such as ``(a+)+$`` could hang
    perflint on a long line.  Refused at load: a repeat inside a repeat (both
    unbounded), and backreferences; the message says which.
    """
    if len(source) > MAX_PATTERN:
        raise ValueError(f"regex longer than {MAX_PATTERN} characters")
    from re import _parser as parser  # the stdlib's own regex parser

    def walk(items, inside_repeat: bool) -> None:  # noqa: ANN001
        for op, arg in items:
            name = str(op)
            if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                low, high, sub = arg
                unbounded = high == parser.MAXREPEAT or high > 100
                if inside_repeat and unbounded:
                    raise ValueError(f"nested repetition in {source!r} can backtrack catastrophically")
                walk(sub, inside_repeat or unbounded)
            elif name == "SUBPATTERN":
                walk(arg[-1], inside_repeat)
            elif name == "BRANCH":
                for branch in arg[1]:
                    walk(branch, inside_repeat)
            elif name in ("GROUPREF", "GROUPREF_EXISTS"):
                raise ValueError(f"backreference in {source!r} is not allowed")
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(arg[1], inside_repeat)

    walk(parser.parse(source), False)
    return re.compile(source)
