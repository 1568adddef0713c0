"""Cross references inside a version (DESIGN §9): 第10条, 第4条第2項, 第36条の2, 同条, 前条, 次条, 前項, 同項,
本条第1項, 前各号, 第1項第3号, 「第6条から第10条まで」 — found in a provision's text and resolved from where they
stand (前項 inside 第6条第4項 is 第6条第3項).

References to other documents and laws (民法第548条の4, 本契約本文の第35条, 法第2条第2項) are left alone: a
number right after a law's or another document's name is not one of ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from .model import Kind, ParsedText
from .numerals import KANJI_NUMERAL_CHARS, branch_numbers, id_number, to_int
from .textrender import map_text

_N = rf"[0-9０-９{KANJI_NUMERAL_CHARS}]+"
_TRIGGER = re.compile(r"第|本条|同条|同項|前|次")
_REF = re.compile(
    # the lookahead makes every match start at a reference: the groups are all optional, and without it the
    # pattern would match the empty string at every character of every text
    rf"(?=第|本条|同|前|次)"
    rf"(?P<art>第(?P<an>{_N})条(?P<ab>(?:の{_N})*)|本条|同条|前条|次条)?"
    rf"(?P<para>第(?P<pn>{_N})項|前項|同項|次項)?"
    rf"(?P<item>第(?P<inn>{_N})号|前各号|各号)?"
)
# what stands right before a reference to another law or document
# what joins two numbers of one reference; a parenthetical may stand between (「第168条の2（第9号に係る部分に限る。）又は」)
_CONNECTOR = re.compile(r"(?:（[^（）]*）)?(?:から|、|及び|又は|並びに|若しくは|および|または|ないし|～)")
_FOREIGN_BEFORE = re.compile(r"(法|律|令|規則|条例|条約|協定|憲章|約款|規程|規約の|本文の|契約書の|[）」]|附則|同法|同令)$")


@dataclass(frozen=True)
class Ref:
    start: int
    end: int
    text: str
    anchor: str | None  # None: a reference to a provision this version does not have


@dataclass(frozen=True)
class RefIndex:
    """What references in one version can point to."""

    anchors: frozenset[str]
    articles: tuple[str, ...]  # main-provision article anchors in order (前条, 次条)

    @classmethod
    def of(cls, parsed: ParsedText) -> RefIndex:
        return cls(frozenset(parsed.anchors()), tuple(a.anchor for a in parsed.articles() if a.anchor))

    def neighbour(self, article: str, step: int) -> str | None:
        if article not in self.articles:
            return None
        i = self.articles.index(article) + step
        return self.articles[i] if 0 <= i < len(self.articles) else None


def _num(text: str) -> int | None:
    return to_int(text)


@lru_cache(maxsize=65536)
def _where(anchor: str | None) -> tuple[str | None, int | None]:
    """(article anchor, paragraph number) of the provision a text belongs to: 「art6-p4-i2」 → ("art6", 4)."""
    if not anchor or not re.match(r"art\d", anchor):
        return None, None
    m = re.match(r"(art[\d_]+)(?:-p(\d+))?", anchor)
    assert m is not None
    return m.group(1), int(m.group(2)) if m.group(2) else None


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every 「…」 in a text, outermost."""
    spans: list[tuple[int, int]] = []
    depth = start = 0
    for i, ch in enumerate(text):
        if ch == "「":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "」" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i))
    if depth:
        spans.append((start, len(text)))
    return spans


def _parenthetical_end(text: str, at: int) -> int:
    """The end of a （…） that starts at `at`, or `at` when none does."""
    if not text.startswith("（", at):
        return at
    depth = 0
    for i in range(at, len(text)):
        if text[i] == "（":
            depth += 1
        elif text[i] == "）":
            depth -= 1
            if depth == 0:
                return i + 1
    return at


def find_refs(text: str, here: str | None, index: RefIndex) -> list[Ref]:
    """Every reference in `text`, resolved from the provision `here` (its anchor)."""
    if not _TRIGGER.search(text):
        return []  # most lines of a terms text cite nothing
    article, paragraph = _where(here)
    refs: list[Ref] = []
    last_article = article  # 同条 is the last article named, or this one
    last_paragraph: tuple[str | None, int | None] = (None, None)  # 同項: only after a paragraph was named
    previous: tuple[int, str | None, int | None] | None = None  # (end, article, paragraph) of the last reference
    foreign_before = False  # the last reference was to another law or document
    foreign_until = 0  # end of a parenthetical that belongs to such a reference
    quoted = _quoted_spans(text) if "「" in text else []
    for m in _REF.finditer(text):
        item_only = m.group("item") == m.group(0) and (m.group("inn") or m.group("item") == "前各号")
        if not m.group(0) or not (m.group("art") or m.group("para") or item_only):
            continue
        if m.group("item") == "各号" and not (m.group("art") or m.group("para")):
            continue  # 「各号」 alone says nothing about which
        # 「第二項から第四項まで」「同項第三号又は第四号」: a number continues the reference before it
        continues = previous is not None and _CONNECTOR.fullmatch(text[previous[0] : m.start()]) is not None
        if m.start() < foreign_until or any(a < m.start() < b for a, b in quoted):
            continue  # 「第76条第2項」とあるのは…: a quotation of words, not a reference
        if _FOREIGN_BEFORE.search(text[max(0, m.start() - 4) : m.start()]) or (continues and foreign_before):
            # 「内閣府設置法第三十七条若しくは第五十四条」: the second number is that law's too, and so is
            # every number in a parenthetical right after it (「第168条の2（第9号に係る部分に限る。）」)
            end = _parenthetical_end(text, m.end())
            foreign_until = end
            previous, foreign_before = (end, None, None), True
            continue
        foreign_before = False
        target_article: str | None = None
        art = m.group("art")
        if art is None and continues and previous is not None:
            target_article = previous[1]
        elif art is None:
            target_article = article
        elif art == "本条":
            target_article = article
        elif art == "同条":
            target_article = last_article
        elif art == "前条":
            target_article = index.neighbour(article, -1) if article else None
        elif art == "次条":
            target_article = index.neighbour(article, 1) if article else None
        else:
            numbers = branch_numbers(f"{m.group('an')}{m.group('ab') or ''}")
            target_article = f"art{id_number(numbers)}" if numbers else None
        if target_article is None:
            continue
        anchor = target_article
        para = m.group("para")
        pnum: int | None = None
        if para == "前項":
            if art is None and paragraph:
                pnum = paragraph - 1
        elif para == "次項":
            if art is None and paragraph:
                pnum = paragraph + 1
        elif para == "同項":
            if last_paragraph[0] == target_article:
                pnum = last_paragraph[1]
        elif para:
            pnum = _num(m.group("pn"))
        if para and not pnum:
            continue  # 前項 in a first paragraph, 同項 with nothing before it: leave it as text
        if pnum:
            anchor = f"{target_article}-p{pnum}"
        item = m.group("item")
        if item and m.group("inn"):
            inum = _num(m.group("inn"))
            if pnum:
                base = anchor
            elif art is None and continues and previous is not None and previous[2]:
                base = f"{target_article}-p{previous[2]}"
            elif art is None and paragraph:
                base = f"{target_article}-p{paragraph}"
            else:
                base = f"{target_article}-p1"
            anchor = f"{base}-i{inum}"
        elif item == "前各号" and not para and not art:
            anchor = f"{target_article}-p{paragraph}" if paragraph else target_article
        if art:
            last_article = target_article
        if pnum:
            last_paragraph = (target_article, pnum)
        previous = (m.end(), target_article, pnum or (previous[2] if continues and previous else None))
        refs.append(Ref(m.start(), m.end(), m.group(0), anchor if anchor in index.anchors else None))
    return refs


def link_html(html: str, here: str | None, index: RefIndex) -> str:
    """Rendered HTML with its references made links."""

    def link(text: str) -> str:
        out: list[str] = []
        at = 0
        for ref in find_refs(text, here, index):
            if ref.anchor is not None:
                out += [text[at : ref.start], f'<a class="terms-ref" href="#{escape(ref.anchor)}">{ref.text}</a>']
                at = ref.end
        return "".join(out) + text[at:]

    return map_text(html, link)


def dangling(parsed: ParsedText) -> list[tuple[int, str]]:
    """(line, reference) for every reference to a provision this version does not have: a lint warning."""
    index = RefIndex.of(parsed)
    out: list[tuple[int, str]] = []
    for p in parsed.walk():
        if p.kind in (Kind.SUPPLEMENT, Kind.OMITTED):
            continue  # 「第6条～第10条（略）」 names articles a published excerpt leaves out
        if p.anchor and p.anchor.startswith("suppl"):
            continue  # an amending law's 附則 speaks of that law's articles, not ours
        for block in p.blocks:
            for ref in find_refs(block.text, p.anchor, index):
                if ref.anchor is None and ref.text.startswith("第") and "条" in ref.text:
                    out.append((block.line + block.text[: ref.start].count("\n"), ref.text))
    return out
