"""The comparison of two versions (新旧対照表, DESIGN §6): aligned provisions and the changed characters.

Alignment is by identity, not by number: provisions whose text is unchanged are paired first (so an inserted
article renumbers the rest without making them "changed"), then the provisions between those pairs are paired by
similarity, preferring the same number.  Character spans come from diff-match-patch with its semantic cleanup:
Japanese has no spaces, so the diff is per character, and the cleanup turns it into readable spans (コンピュータ →
コンピューター marks only ー; a rewritten sentence is one span).  Pure functions; no MkDocs.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from diff_match_patch import diff_match_patch

from .model import Kind, ParsedText, Provision
from .numerals import KANJI_NUMERAL_CHARS, kanji_to_int
from .textrender import link_definitions, reader_text


class Status(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    NOTATION = "notation"  # only 表記: 全角/半角, spacing, 第一条→第1条
    ADDED = "added"
    DELETED = "deleted"


Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Row:
    status: Status
    old: Provision | None
    new: Provision | None
    old_text: str
    new_text: str
    old_spans: Spans = ()
    new_spans: Spans = ()
    children: tuple[Row, ...] = ()

    @property
    def old_anchor(self) -> str | None:
        return self.old.anchor if self.old is not None else None

    @property
    def new_anchor(self) -> str | None:
        return self.new.anchor if self.new is not None else None

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old.numbers != self.new.numbers


@dataclass(frozen=True)
class Comparison:
    rows: tuple[Row, ...]
    # each side's reference-link definitions (`[label]: url`), for rendering a provision that uses one
    definitions: tuple[str, str] = ("", "")

    @property
    def identical(self) -> bool:
        return all(r.status is Status.UNCHANGED and not r.renumbered for r in self.rows)

    def counts(self) -> dict[Status, int]:
        """Provisions per status at article level (what the 沿革 shows as changed / added / deleted)."""
        return dict(Counter(r.status for r in self.rows))


# --- the text of a provision ---------------------------------------------------------------------------------


def own_text(p: Provision) -> str:
    """The provision's own lines: heading (or number and text), without its children."""
    lines: list[str] = []
    if p.heading:
        lines.append(p.heading)
        lines.extend(b.text for b in p.blocks)
    elif p.blocks:
        first, *rest = p.blocks
        lines.append(f"{p.label}{p.label_sep}{first.text}" if p.label else first.text)
        lines.extend(b.text for b in rest)
    elif p.label:
        lines.append(p.label)
    return "\n".join(line for line in lines if line)


_TEXTS: dict[int, tuple[Provision, str]] = {}


def keep_texts(live: set[int]) -> None:
    """Forget the texts of provisions not among `live` (by id): a rebuild under `serve` replaces the saved
    version's parsed tree, and this memo would otherwise keep the old one alive (cache.sweep)."""
    for key in [k for k in _TEXTS if k not in live]:
        del _TEXTS[key]


def provision_text(p: Provision) -> str:
    """The whole provision as plain text, children included, as a 対照表 prints it."""
    # asked for again and again (alignment, cache keys, search): memoised by identity, the provision kept
    # alongside so that its id cannot be reused by another object while the entry lives
    hit = _TEXTS.get(id(p))
    if hit is not None and hit[0] is p:
        return hit[1]
    text = "\n".join(part for part in [own_text(p), *(provision_text(c) for c in p.children)] if part)
    if len(_TEXTS) > 500_000:
        _TEXTS.clear()
    _TEXTS[id(p)] = (p, text)
    return text


def _body_text(p: Provision) -> str:
    """The text without the provision's own number: equal across a renumbering."""
    text = provision_text(p)
    if p.label and text.startswith(p.label):
        return text[len(p.label) :]
    return text


_KANJI_RUN = re.compile(f"[{KANJI_NUMERAL_CHARS}]+")
_SPACE = re.compile(r"\s+")
# only a text with Markdown or HTML syntax in it can differ from another in markup alone
_MARKUP = re.compile(r"[*_\[\]<>`#\\{}|~]")
_LIST_NUMBER = re.compile(r"^(\s*)(\d+)([.)])(?=\s)", re.MULTILINE)
_EMPHASIS = re.compile(r"\*{2,}")  # an unclosed ** the author later closed: the same words


@lru_cache(maxsize=200_000)  # unchanged articles recur in every version
def normalize(text: str) -> str:
    """Text with only its notation removed: full/half width, spacing, kanji numerals (第一条 = 第1条)."""
    text = unicodedata.normalize("NFKC", text)
    text = _KANJI_RUN.sub(lambda m: str(kanji_to_int(m.group()) or m.group()), text)
    return _SPACE.sub("", text)


# --- character spans ----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no time limit: the same input always gives the same spans (reproducible builds)
    return dmp


# The units a careful reader underlines whole: a number (with its separators), a run of kanji numerals, a
# katakana word, a Latin word.  Any other character (kanji, hiragana, punctuation) is a unit of its own, since
# Japanese has no spaces to find its words by.
_TOKEN = re.compile(
    r"[0-9０-９]+(?:[,.，．][0-9０-９]+)*[十百千万億兆]*"
    f"|[{KANJI_NUMERAL_CHARS}万億兆]+"
    r"|[ァ-ヺヽヾｦ-ﾟー]+"
    r"|[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9０-９'’-]*"
    r"|[^\S\n]+"
    r"|[*_~`]+"  # a Markdown delimiter (`**`) is one unit: a span never ends between its characters
    r"|.",
    re.DOTALL,
)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def char_spans(old: str, new: str) -> tuple[Spans, Spans]:
    """The changed character ranges [start, end) on each side, in whole units (see `_TOKEN`).

    The diff runs over units, each encoded as one character (diff-match-patch's own trick for lines), so that
    「第31条」→「第35条」 marks 31 and 35, not 1 and 5, and an English word is marked whole, not as letters."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    codes: dict[str, str] = {}

    def encode(units: list[str]) -> str:
        # code points from plane 15 up: never confused with text, and room for a million distinct units
        return "".join(codes.setdefault(u, chr(0xF0000 + len(codes))) for u in units)

    dmp = _dmp()
    diffs = dmp.diff_main(encode(old_tokens), encode(new_tokens), False)
    dmp.diff_cleanupSemantic(diffs)
    units = {code: unit for unit, code in codes.items()}
    decoded = [(op, "".join(units[c] for c in coded)) for op, coded in diffs]
    # 「、内閣情報官」 or 「内閣情報官、」 deleted is the same diff: slide a lone edit to the boundary a reader
    # would choose (after punctuation, at a line's start); it never moves inside a word, which scores worst
    dmp.diff_cleanupSemanticLossless(decoded)
    old_spans: list[tuple[int, int]] = []
    new_spans: list[tuple[int, int]] = []
    i = j = 0
    for op, text in decoded:
        n = len(text)
        if op == 0:
            i += n
            j += n
        elif op < 0:
            old_spans.append((i, i + n))
            i += n
        else:
            new_spans.append((j, j + n))
            j += n
    return _trim(old, _merge(old_spans)), _trim(new, _merge(new_spans))


def _trim(text: str, spans: Spans) -> Spans:
    """Drop line breaks and spaces at the edges of a span: they are the layout, not the change.  Punctuation
    stays inside: an inserted 「、」 is a changed character a reader must see.  A span of spacing only is kept."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e) if s < e else (start, end))
    return tuple(out)


def _merge(spans: list[tuple[int, int]]) -> Spans:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)


# --- alignment ----------------------------------------------------------------------------------------------

_COMPATIBLE = {
    Kind.ARTICLE: {Kind.ARTICLE},
    Kind.OMITTED: {Kind.OMITTED},
    Kind.SECTION: {Kind.SECTION},
}


def _compatible(a: Provision, b: Provision) -> bool:
    return b.kind in _COMPATIBLE.get(a.kind, {a.kind})


def _bigrams(text: str) -> Counter[str]:
    return Counter(text[i : i + 2] for i in range(max(len(text) - 1, 1)))


@dataclass
class _Unit:
    p: Provision
    text: str
    key: str  # normalised text without the own number
    grams: Counter[str] | None = None

    def bigrams(self) -> Counter[str]:
        if self.grams is None:
            self.grams = _bigrams(self.key)
        return self.grams


def _units(provisions: Sequence[Provision]) -> list[_Unit]:
    return [_Unit(p, provision_text(p), normalize(_body_text(p))) for p in provisions]


def _similarity(a: _Unit, b: _Unit) -> float:
    ga, gb = a.bigrams(), b.bigrams()
    total = sum(ga.values()) + sum(gb.values())
    return 2 * sum((ga & gb).values()) / total if total else 1.0


def _unique_pairs(old: list[_Unit], new: list[_Unit]) -> list[tuple[int, int]]:
    """Pairs of units whose number-less text occurs once on each side, kept in order (longest increasing run)."""
    count_old = Counter(u.key for u in old)
    count_new = Counter(u.key for u in new)
    index_new = {u.key: j for j, u in enumerate(new) if count_new[u.key] == 1}
    candidates = [
        (i, index_new[u.key]) for i, u in enumerate(old)
        if count_old[u.key] == 1 and u.key in index_new and _compatible(u.p, new[index_new[u.key]].p)
    ]
    return _longest_increasing(candidates)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of pairs increasing in both indices (patience sorting, O(n log n))."""
    import bisect

    tails: list[int] = []
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[pos] = j
            tail_index[pos] = k
        previous[k] = tail_index[pos - 1] if pos > 0 else -1
    out: list[tuple[int, int]] = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        out.append(pairs[k])
        k = previous[k]
    return out[::-1]


_MAX_GAP_CELLS = 250_000


def _align_gap(old: list[_Unit], new: list[_Unit]) -> list[tuple[int | None, int | None]]:
    """Global alignment of two short runs by similarity (Needleman–Wunsch, gaps free)."""
    n, m = len(old), len(new)
    if n == 0 or m == 0:
        return [(i, None) for i in range(n)] + [(None, j) for j in range(m)]

    def score(i: int, j: int) -> float:
        a, b = old[i], new[j]
        if not _compatible(a.p, b.p):
            return -1.0
        same_number = a.p.numbers == b.p.numbers and a.p.kind == b.p.kind
        if a.p.kind is Kind.SUPPLEMENT and a.p.caption and b.p.kind is Kind.SUPPLEMENT:
            # a 附則 is known by its amending law 「（平成二九年三月三一日法律第四号）」, not by its position
            return 2.0 if a.p.caption == b.p.caption else -1.0
        if n * m > _MAX_GAP_CELLS:  # a huge rewrite: pair by number only
            return 1.0 if same_number else -1.0
        sim = _similarity(a, b)
        if same_number and a.p.kind in (Kind.PREAMBLE, Kind.CLOSING):
            return 1.0 + sim
        threshold = 0.25 if same_number else 0.5
        return sim + (0.3 if same_number else 0.0) if sim >= threshold else -1.0

    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 1 diagonal, 2 up (deleted), 3 left (added)
    for i in range(1, n + 1):
        move[i][0] = 2
    for j in range(1, m + 1):
        move[0][j] = 3
    for i in range(1, n + 1):
        row, prev = best[i], best[i - 1]
        for j in range(1, m + 1):
            s = score(i - 1, j - 1)
            diagonal = prev[j - 1] + s if s > 0 else float("-inf")
            up, left = prev[j], row[j - 1]
            if diagonal >= up and diagonal >= left:
                row[j], move[i][j] = diagonal, 1
            elif up >= left:
                row[j], move[i][j] = up, 2
            else:
                row[j], move[i][j] = left, 3
    out: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i > 0 or j > 0:
        step = move[i][j]
        if step == 1:
            out.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif step == 2:
            out.append((i - 1, None))
            i -= 1
        else:
            out.append((None, j - 1))
            j -= 1
    return out[::-1]


def align(old: list[_Unit], new: list[_Unit]) -> list[tuple[int | None, int | None]]:
    anchors = _unique_pairs(old, new)
    out: list[tuple[int | None, int | None]] = []
    i0 = j0 = 0
    for i1, j1 in [*anchors, (len(old), len(new))]:
        for gi, gj in _align_gap(old[i0:i1], new[j0:j1]):
            out.append((None if gi is None else i0 + gi, None if gj is None else j0 + gj))
        if i1 < len(old):
            out.append((i1, j1))
        i0, j0 = i1 + 1, j1 + 1
    return out


# --- rows ---------------------------------------------------------------------------------------------------


def _words(text: str, definitions: str) -> str:
    """What a reader reads, for the check that only the Markdown changed: rendered, but with list numbers kept
    as text (a renumbered 号 is a change, not notation) and an author's stray ** ignored."""
    return _EMPHASIS.sub("", normalize(reader_text(_LIST_NUMBER.sub(r"\1\2\\\3", text), definitions)))


def _status(a: _Unit, b: _Unit, defs: tuple[str, str] = ("", "")) -> Status:
    if a.text == b.text:
        return Status.UNCHANGED
    if a.p.kind is Kind.OMITTED and b.p.kind is Kind.OMITTED and a.p.numbers == b.p.numbers:
        return Status.NOTATION  # 「2～3（略）」 and 「第1条2～3（略）」 leave out the same paragraphs
    if _body_text(a.p) == _body_text(b.p):
        # only the own number differs: renumbered (unchanged), or 第一条 → 第1条 (notation)
        return Status.UNCHANGED if a.p.numbers != b.p.numbers else Status.NOTATION
    if normalize(a.text) == normalize(b.text) or a.key == b.key:
        return Status.NOTATION
    if (_MARKUP.search(a.text) or _MARKUP.search(b.text)) and _words(a.text, defs[0]) == _words(b.text, defs[1]):
        return Status.NOTATION  # only the Markdown changed: `**P**ublic` → Public, a comment, a link's form
    return Status.CHANGED


_MOVED_SIMILARITY = 0.6
_MAX_MOVED_PAIRS = 250_000
_IDF_SAMPLE = 200


def pair_moved(old: list[_Unit], new: list[_Unit],
               pairs: list[tuple[int | None, int | None]]) -> list[tuple[int | None, int | None]]:
    """Pair what the alignment left deleted and added across the whole text, by content: a run of articles moved
    to another place and amended there is a changed pair at its new place, not a （削る） and a （新設）."""
    deleted = [i for i, j in pairs if j is None and i is not None]
    added = [j for i, j in pairs if i is None and j is not None]
    if not deleted or not added or len(deleted) * len(added) > _MAX_MOVED_PAIRS:
        return pairs
    # Far apart, plain similarity is not enough: in a 料金表 of near-identical articles every deleted article
    # resembles every added one.  What must match is what sets an article apart from the others (its
    # caption, its figures), so each bigram counts by how rare it is in the document (idf).
    # (the frequencies are estimated on an even sample of the document: an exact count costs more than the rest
    # of the comparison on a 1,000-article text)
    units = [*old, *new]
    sample = units[:: max(1, len(units) // _IDF_SAMPLE)]
    frequency: Counter[str] = Counter()
    for u in sample:
        frequency.update(set(u.bigrams()))
    total = len(sample)
    weight: defaultdict[str, float] = defaultdict(lambda: math.log(total + 1))
    weight.update({g: math.log((total + 1) / (df + 1)) for g, df in frequency.items()})

    def distinct(a: _Unit, b: _Unit) -> float:
        ga, gb = a.bigrams(), b.bigrams()
        mass = sum(weight[g] * c for g, c in ga.items()) + sum(weight[g] * c for g, c in gb.items())
        return 2 * sum(weight[g] * c for g, c in (ga & gb).items()) / mass if mass else 0.0

    candidates = sorted(
        ((sim, i, j) for i in deleted for j in added
         if _compatible(old[i].p, new[j].p) and (sim := distinct(old[i], new[j])) >= _MOVED_SIMILARITY),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    moved: dict[int, int] = {}  # new index → old index
    taken: set[int] = set()
    for _, i, j in candidates:
        if i not in taken and j not in moved:
            moved[j] = i
            taken.add(i)
    if not moved:
        return pairs
    out: list[tuple[int | None, int | None]] = []
    for old_at, new_at in pairs:
        if new_at is None and old_at in taken:
            continue  # shown at its new place
        if old_at is None and new_at is not None and new_at in moved:
            out.append((moved[new_at], new_at))
        else:
            out.append((old_at, new_at))
    return out


def _rows(old: Sequence[Provision], new: Sequence[Provision], defs: tuple[str, str] = ("", "")) -> tuple[Row, ...]:
    a, b = _units(old), _units(new)
    rows: list[Row] = []
    for i, j in pair_moved(a, b, align(a, b)):
        if i is None:
            assert j is not None
            rows.append(Row(Status.ADDED, None, b[j].p, "", b[j].text, (), ((0, len(b[j].text)),) if b[j].text else ()))
        elif j is None:
            rows.append(Row(Status.DELETED, a[i].p, None, a[i].text, "", ((0, len(a[i].text)),) if a[i].text else (), ()))
        else:
            rows.append(_pair(a[i], b[j], defs))
    return tuple(rows)


def _pair(a: _Unit, b: _Unit, defs: tuple[str, str]) -> Row:
    status = _status(a, b, defs)
    if status is Status.UNCHANGED:
        return Row(status, a.p, b.p, a.text, b.text)
    if not (a.p.children or b.p.children):
        old_spans, new_spans = char_spans(a.text, b.text)
        return Row(status, a.p, b.p, a.text, b.text, old_spans, new_spans)
    children = _rows(a.p.children, b.p.children, defs)
    old_spans, new_spans = _composed_spans(own_text(a.p), own_text(b.p), children)
    return Row(status, a.p, b.p, a.text, b.text, old_spans, new_spans, children)


def _composed_spans(own_old: str, own_new: str, children: tuple[Row, ...]) -> tuple[Spans, Spans]:
    """A provision's spans from its own lines' diff and its children's rows, each at its offset in the text.

    Diffing the whole article instead would misread an inserted 号 and the renumbering after it as scattered
    character edits; this way an inserted item is one span and a renumbered one has only its number marked."""
    own_o, own_n = char_spans(own_old, own_new)
    old_spans, new_spans = list(own_o), list(own_n)
    offset_old = len(own_old) + 1 if own_old else 0
    offset_new = len(own_new) + 1 if own_new else 0
    for row in children:
        child_old, child_new = row.old_spans, row.new_spans
        if row.status is Status.UNCHANGED and row.renumbered and row.old is not None and row.new is not None:
            child_old = ((0, len(row.old.label)),) if row.old.label else ()
            child_new = ((0, len(row.new.label)),) if row.new.label else ()
        old_spans.extend((offset_old + s, offset_old + e) for s, e in child_old)
        new_spans.extend((offset_new + s, offset_new + e) for s, e in child_new)
        if row.old_text:
            offset_old += len(row.old_text) + 1
        if row.new_text:
            offset_new += len(row.new_text) + 1
    return _merge(old_spans), _merge(new_spans)


def comparable_units(parsed: ParsedText) -> list[Provision]:
    """The article-level rows of a 対照表: chapters are split into their heading and their articles."""
    out: list[Provision] = []
    for p in parsed.provisions:
        if p.kind is Kind.CHAPTER:
            out.append(Provision(p.kind, p.anchor, p.numbers, p.label, p.caption, p.heading, p.line, p.blocks, ()))
            out.extend(p.children)
        else:
            out.append(p)
    return out


def compare(old: ParsedText, new: ParsedText) -> Comparison:
    # a `[label]` in one provision may be defined at the end of the text: each side's definitions, for the
    # check that only the Markdown of a provision changed
    defs = (_definitions(old), _definitions(new))
    return Comparison(_rows(comparable_units(old), comparable_units(new), defs), defs)


def _definitions(text: ParsedText) -> str:
    blocks = [b.text for p in text.walk() for b in p.blocks if "]:" in b.text]
    return link_definitions("\n\n".join(blocks)) if blocks else ""
