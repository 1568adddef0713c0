"""Anchors that survive the history (DESIGN §4, §5): the rule for provisions that print no number.

A provision whose anchor comes from a printed number (第14条, `## 3.`, ②) keeps it by construction.  One that
prints none — an unnumbered heading (`hN`, `secN`), a block after a list (`sec5-h1`) — is numbered by its
place, and a place moves when a heading is added above it.  So, version by version, oldest first:

1. a numberless provision that has a counterpart in the version before (same kind, same parent, the same text
   or, failing that, the most similar heading and text) takes that counterpart's anchor, and its descendants'
   anchors follow it;
2. a numberless provision with no counterpart keeps its place's anchor if no earlier version used it for
   something else, and otherwise gets the next one no version has used.

The same sources always give the same anchors: the rule reads only the texts, in the order of their effective
dates.
"""

from __future__ import annotations

import dataclasses
import re
from difflib import SequenceMatcher

from .model import ParsedText, Provision

# a counterpart whose heading and text are this similar is the same provision, rewritten
_SIMILAR = 0.6
_LAST = re.compile(r"^(.*?)(\d+)$")


def _own_text(p: Provision) -> str:
    return "\n".join([p.heading, *(b.text for b in p.blocks)])


def _text(p: Provision) -> str:
    return "\n".join(_own_text(c) for c in p.walk())


def carry(previous: ParsedText | None, current: ParsedText, used_before: set[str]) -> ParsedText:
    """`current` with the anchors of its numberless provisions carried from `previous` (already carried itself);
    `used_before` holds every anchor of every earlier version."""
    if not any(not p.numbered for p in current.walk()):
        return current
    taken = {p.anchor for p in current.walk() if p.anchor and p.numbered}
    old_roots = list(previous.provisions) if previous is not None else []
    provisions = _siblings(old_roots, list(current.provisions), {}, taken, used_before)
    return dataclasses.replace(current, provisions=tuple(provisions))


def _siblings(old: list[Provision], new: list[Provision], renamed: dict[str, str], taken: set[str],
              used_before: set[str]) -> list[Provision]:
    """The anchors of `new` (siblings under one parent) given their counterparts among `old`; `renamed` maps
    a parent's anchor as parsed to its anchor as published."""
    counterpart = _match(old, new)
    out: list[Provision] = []
    for i, p in enumerate(new):
        anchor = p.anchor
        if anchor is not None and not p.numbered:
            match = counterpart.get(i)
            if match is not None and match.anchor and match.anchor not in taken:
                anchor = match.anchor
            else:
                anchor = _fresh(_prefixed(anchor, renamed), taken, used_before)
        elif anchor is not None:
            anchor = _prefixed(anchor, renamed)
        if anchor is not None:
            taken.add(anchor)
        local = dict(renamed)
        if p.anchor is not None and anchor is not None and anchor != p.anchor:
            local[p.anchor] = anchor
        old_children = list(counterpart[i].children) if i in counterpart else _same_anchor_children(old, anchor)
        children = _siblings(old_children, list(p.children), local, taken, used_before)
        out.append(dataclasses.replace(p, anchor=anchor, children=tuple(children)))
    return out


def _same_anchor_children(old: list[Provision], anchor: str | None) -> list[Provision]:
    """A numbered provision's counterpart is the one with the same anchor."""
    for p in old:
        if anchor is not None and p.anchor == anchor:
            return list(p.children)
    return []


def _prefixed(anchor: str, renamed: dict[str, str]) -> str:
    """An anchor under a renamed parent: `h2-i1` when `h3` became `h2`."""
    for before, after in renamed.items():
        if anchor.startswith(before + "-"):
            return after + anchor[len(before):]
    return anchor


def _fresh(anchor: str, taken: set[str], used_before: set[str]) -> str:
    """The anchor of a new provision: its place's, unless an earlier version or a sibling has it already."""
    if anchor not in taken and anchor not in used_before:
        return anchor
    m = _LAST.match(anchor)
    if m is None:
        n, base = 2, anchor + "-"
    else:
        base, n = m.group(1), int(m.group(2)) + 1
    while f"{base}{n}" in taken or f"{base}{n}" in used_before:
        n += 1
    return f"{base}{n}"


def _match(old: list[Provision], new: list[Provision]) -> dict[int, Provision]:
    """Counterparts of the numberless provisions of `new` among the numberless ones of `old`, in order: the
    same text first, then the most similar."""
    olds = [p for p in old if not p.numbered and p.anchor]
    news = [(i, p) for i, p in enumerate(new) if not p.numbered and p.anchor]
    found: dict[int, Provision] = {}
    free = list(olds)
    for i, p in news:  # the same text
        text = _text(p)
        same = next((o for o in free if o.kind is p.kind and _text(o) == text), None)
        if same is not None:
            found[i] = same
            free.remove(same)
    for i, p in news:  # rewritten: the most similar heading and text, above a threshold
        if i in found:
            continue
        best, score = None, _SIMILAR
        for o in free:
            if o.kind is not p.kind:
                continue
            ratio = SequenceMatcher(None, _own_text(o)[:400], _own_text(p)[:400], autojunk=False).ratio()
            if ratio > score:
                best, score = o, ratio
        if best is not None:
            found[i] = best
            free.remove(best)
    return found
