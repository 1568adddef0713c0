"""Defined terms (用語の定義): where a version defines a term, its uses elsewhere in that version link to the
definition and show it on hover, focus and tap (DESIGN §9).  Each definition is written once per page, in a
hidden glossary, and every use points at it with `aria-describedby`: a screen reader reads the definition
with the term, and terms.js shows it as a tooltip without the page repeating it at every use.

Three forms are recognised, as real terms write them: an item that starts with the quoted term (Hasso 第1条:
③「お客様保有データ」, its definition in the item's next paragraph), a sentence 「「X」とは、…をいう」, and a
parenthetical abbreviation 「株式会社インターコム（以下、「インターコム」という）」, whose definition is the phrase
before it (earlier parentheticals left out).  Only the first use in each provision links, so a term used
everywhere (お客様) does not turn every line into links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from html import escape

from .model import Kind, ParsedText
from .textrender import map_text, read_as_text

_ITEM_TERM = re.compile(r"^「([^」]{2,30})」(?:および「([^」]{2,30})」)?\s*(.*)$", re.S)
_TOWA = re.compile(r"「([^」]{2,30})」とは、?([^。]{4,200}?)(?:をいう|をいいます)")
# 「株式会社インターコム（以下、「インターコム」という）」: the term names what stands before the parenthesis
_IKA = re.compile(
    r"[（(](?P<before>総称して|併せて|あわせて)?[、，]?以下(?:、|，|(?P<after>併せて|総称して)|単に)*"
    r"「(?P<term>[^」]{2,30})」"
    r"(?:と総称し|と総称します|と称します|と称する|といいます|という|とします|とする|と略します|と略す)[。.]?[）)]"
)
# where the named phrase starts: after the last sentence, clause or line boundary
_PHRASE_START = re.compile(r".*(?:[。、，,：:\n]|^)", re.S)
_PARENTHESIS = re.compile(r"[（(][^（）()]*[）)]")
# the last item of an enumeration starts with a conjunction; the clause it stands in, after a particle and 、
_CONJUNCTION = re.compile(r"(?:および|及び|並びに|ならびに|又は|または|若しくは|もしくは|その他)")
_CLAUSE_START = re.compile(r".*(?:[。：:\n]|[はがをにでて][、，,]|^)", re.S)


@dataclass(frozen=True)
class Definition:
    term: str
    anchor: str
    text: str  # the definition, shortened for a tooltip


def _short(text: str, limit: int = 120) -> str:
    # the definition as a reader reads it: its Markdown rendered, not shown as syntax
    text = " ".join(read_as_text(text).split())
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
    def _ids(self) -> dict[str, str]:
        return {d.term: f"dfn-{k}" for k, d in enumerate(self.terms, 1)}

    def id_of(self, d: Definition) -> str:
        """The id of the definition's entry in the page's glossary (not a published anchor: only
        `aria-describedby` and terms.js use it)."""
        return self._ids[d.term]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        # longest first: 「外部サービス保有データ」 before 「外部サービス」
        return re.compile("|".join(re.escape(d.term) for d in sorted(self.terms, key=lambda d: -len(d.term))))


def _named(before: str, together: bool = False) -> str:
    """The phrase an abbreviation names: the text before its parenthesis (earlier parentheticals left out), back
    to the last 、 or 。 or line start: 「この利用規約」, 「株式会社インターコムが「Hasso」として提供するサービス」.  An
    enumeration (「参加者、登壇者、および協賛企業の関係者等」, or one said to be named together: 「総称して」, 「併せて」)
    is named whole: back to where its clause starts."""
    before = _PARENTHESIS.sub("", before)[-120:]  # 「株式会社X（以下「X」という）が提供するサービス」
    start = _PHRASE_START.match(before)
    phrase = before[start.end() if start else 0 :]
    if together or _CONJUNCTION.match(phrase.strip()):
        clause = _CLAUSE_START.match(before)
        phrase = before[clause.end() if clause else 0 :]
    phrase = phrase.strip().lstrip("#").strip()
    return phrase if len(phrase) >= 2 else ""


def find_definitions(parsed: ParsedText) -> Glossary:
    found: dict[str, Definition] = {}
    for p in parsed.walk():
        if not p.anchor or not p.blocks:
            continue
        text = p.blocks[0].text
        if p.kind is Kind.ITEM:
            m = _ITEM_TERM.match(text.strip())
            if m:
                # 「利用者」とは、…をいいます as an item: the definition without its 「とは」
                definition = _short(re.sub(r"^とは[、，]?", "", (m.group(3) or "\n".join(b.text for b in p.blocks[1:])).strip()))
                for term in (m.group(1), m.group(2)):
                    if term and definition:
                        found.setdefault(term, Definition(term, p.anchor, definition))
                continue
        for block in p.blocks:
            for m in _TOWA.finditer(block.text):
                found.setdefault(m.group(1), Definition(m.group(1), p.anchor, _short(m.group(2))))
            for m in _IKA.finditer(block.text):
                named = _named(block.text[: m.start()], together=bool(m.group("before") or m.group("after")))
                if named:
                    found.setdefault(m.group("term"), Definition(m.group("term"), p.anchor, _short(named)))
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
        return (f'<a class="terms-defined" href="#{escape(d.anchor)}" aria-describedby="{glossary.id_of(d)}">'
                f"{m.group(0)}</a>")


    return map_text(html, lambda text: glossary.pattern.sub(replace, text))
