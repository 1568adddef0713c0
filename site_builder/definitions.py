"""Defined terms (用語の定義): where a version defines a term, its uses elsewhere in that version link to the
definition and show it on hover and focus (DESIGN §9).

Two forms are recognised, both as real terms write them: an item that starts with the quoted term
(Hasso 第1条: ③「お客様保有データ」, its definition in the item's next paragraph) and a sentence
「「X」とは、…をいう」.  Parenthetical abbreviations (「（以下「本規約」という）」) are not linked: they name
everything, and a page where every 「お客様」 is a link reads worse, not better.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from html import escape

from .model import Kind, ParsedText
from .textrender import map_text

_ITEM_TERM = re.compile(r"^「([^」]{2,30})」(?:および「([^」]{2,30})」)?\s*(.*)$", re.S)
_TOWA = re.compile(r"「([^」]{2,30})」とは、?([^。]{4,200}?)(?:をいう|をいいます)")


@dataclass(frozen=True)
class Definition:
    term: str
    anchor: str
    text: str  # the definition, shortened for a tooltip


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Glossary:
    """The terms one version defines, with the pattern that finds their uses (compiled once per version)."""

    terms: tuple[Definition, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)

    def get(self, term: str) -> Definition | None:
        return self._by_term.get(term)

    @cached_property
    def _by_term(self) -> dict[str, Definition]:
        return {d.term: d for d in self.terms}

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        # longest first: 「外部サービス保有データ」 before 「外部サービス」
        return re.compile("|".join(re.escape(d.term) for d in sorted(self.terms, key=lambda d: -len(d.term))))


def find_definitions(parsed: ParsedText) -> Glossary:
    found: dict[str, Definition] = {}
    for p in parsed.walk():
        if not p.anchor or not p.blocks:
            continue
        text = p.blocks[0].text
        if p.kind is Kind.ITEM:
            m = _ITEM_TERM.match(text.strip())
            if m:
                definition = _short(m.group(3) or "\n".join(b.text for b in p.blocks[1:]))
                for term in (m.group(1), m.group(2)):
                    if term and definition:
                        found.setdefault(term, Definition(term, p.anchor, definition))
                continue
        for block in p.blocks:
            for m in _TOWA.finditer(block.text):
                found.setdefault(m.group(1), Definition(m.group(1), p.anchor, _short(m.group(2))))
    return Glossary(tuple(found.values()))


def link_terms(html: str, here: str | None, glossary: Glossary) -> str:
    """The first use of each defined term in this piece of HTML links to its definition (not inside the
    definition itself, not inside a link)."""
    if not glossary:
        return html
    seen: set[str] = set()

    def replace(m: re.Match[str]) -> str:
        d = glossary.get(m.group(0))
        if d is None or d.term in seen or d.anchor == here or (here or "").startswith(d.anchor + "-"):
            return m.group(0)
        seen.add(d.term)
        tip = escape(f"「{d.term}」: {d.text}")
        # shown by CSS on hover and on focus; not also a title, which would repeat it on every use
        return f'<a class="terms-defined" href="#{escape(d.anchor)}" data-definition="{tip}">{m.group(0)}</a>'


    return map_text(html, lambda text: glossary.pattern.sub(replace, text))
