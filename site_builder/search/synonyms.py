"""Synonyms of terms language (`synonyms.txt`, shipped with the package), and a site's own groups from
mkdocs.yml: a reader who types 払い戻し finds the article that says 返金."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("synonyms.txt")
_SEPARATOR = re.compile(r"\s*[、,，]\s*")


def parse(text: str) -> list[list[str]]:
    """One group a line; `#` starts a comment."""
    groups = []
    for line in text.split("\n"):
        line = line.split("#", 1)[0].strip()
        words = [w for w in _SEPARATOR.split(line) if w]
        if len(words) >= 2:
            groups.append(list(dict.fromkeys(words)))
    return groups


@cache
def shipped() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(g) for g in parse(TABLE.read_text(encoding="utf-8")))


def groups(extra: Iterable[Sequence[str]] = ()) -> list[list[str]]:
    """The shipped groups and the site's own, each word once in a group."""
    out = [list(g) for g in shipped()]
    for group in extra:
        words = list(dict.fromkeys(w.strip() for w in group if w.strip()))
        if len(words) >= 2:
            out.append(words)
    return out
