"""The 新旧対照表 as the lines a legal department prints (DESIGN §6): the site model of a comparison, shared by the
HTML page, `terms-site diff`, the Word file and the PDF.

A comparison (`compare.py`) is a tree of aligned provisions; a table is flat.  A changed article becomes its own
row (its heading or first line) followed by rows for its 項 and 号 at the level that changed, with the unchanged
ones between them folded into 「第1条第2項～第3項（略）」, so the two columns stay level and a provision's label is
printed once.  Unchanged articles fold into 「第6条～第10条（略）」, a renumbered run into
「第22条～第27条（略）← 第21条～第26条」; 前文, 附則, 別表 and closing lines are never folded into an article run.
Pure functions; no MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .compare import Comparison, Row, Spans, Status, char_spans, own_text, provision_text
from .model import Kind, Provision

Namer = Callable[[Provision], str]


class LineKind(StrEnum):
    ROW = "row"  # a provision (or its own lines) on each side
    FOLD = "fold"  # 「第6条～第10条（略）」: a run of unchanged provisions


@dataclass(frozen=True)
class Cell:
    """One side of a line: the provision, the text shown (its own lines, or all of it with `whole`), the spans."""

    provision: Provision
    text: str
    spans: Spans = ()
    whole: bool = False  # the text includes the provision's 項・号 (an added, deleted or folded provision)
    label: str = ""  # a fold's label on this side: 「第22条～第27条（略）」


@dataclass(frozen=True)
class Line:
    kind: LineKind
    status: Status
    depth: int  # 0 article level, 1 項, 2 号 …: the indentation in the table
    old: Cell | None
    new: Cell | None
    folded: tuple[Line, ...] = ()  # a fold's provisions, shown when it is expanded
    anchors: tuple[str, ...] = ()  # the new side's anchors this line stands for: `changes/#art14` lands here

    @property
    def expandable(self) -> bool:
        """A fold with text to show: a published 「第6条～第10条（略）」 folded would only repeat its （略）."""
        return any(c is not None and c.provision.kind is not Kind.OMITTED for f in self.folded for c in (f.old, f.new))

    @property
    def anchor(self) -> str | None:
        cell = self.new or self.old
        return cell.provision.anchor if cell is not None else None


# kinds that are never part of an article run: a table names them on their own
_APART = {Kind.PREAMBLE: "preamble", Kind.SUPPLEMENT: "supplement", Kind.APPENDIX: "appendix",
          Kind.CLOSING: "closing", Kind.OMITTED: "omitted"}


@dataclass(frozen=True)
class Words:
    """How a fold is labelled: 「第6条～第10条（略）」, or "Article 6–Article 10 (unchanged)" in English."""

    omitted: str = "（略）"
    range: str = "～"


JA = Words()
EN = Words(" (unchanged)", "–")


# the lines of the last tables, by comparison (identity: comparisons are kept by cache.py): the page, the Word
# file and the PDF of one revision show the same table
_MADE: dict[int, tuple[Comparison, Namer, Words, list[Line]]] = {}


def table_lines(comparison: Comparison, name: Namer, words: Words = JA) -> list[Line]:
    """The table's lines; `name` cites a provision's own part (「第14条」, 「第2項」, 「附則」)."""
    made = _MADE.get(id(comparison))
    if made is not None and made[0] is comparison and made[1] is name and made[2] == words:
        return list(made[3])
    lines = _lines(comparison.rows, 0, "", "", name, words)
    if len(_MADE) >= 64:
        _MADE.pop(next(iter(_MADE)))
    _MADE[id(comparison)] = (comparison, name, words, lines)
    return list(lines)


def _lines(rows: Sequence[Row], depth: int, old_prefix: str, new_prefix: str, name: Namer,
           words: Words) -> list[Line]:
    out: list[Line] = []
    run: list[Row] = []
    moved = _moved(rows)

    def flush() -> None:
        if run:
            out.append(_fold(tuple(run), depth, old_prefix, new_prefix, name, words))
            run.clear()

    for k, row in enumerate(rows):
        if k in moved:
            # an unchanged provision that changed places (sections IV and V swapped): a row of its own with
            # its new and old numbers marked, or the fold 「III.～VII.（略）」 would hide the move
            flush()
            out.append(_moved_line(row, depth))
            continue
        if row.status is Status.UNCHANGED:
            if run and _group(run[-1]) != _group(row):
                flush()
            run.append(row)
            continue
        flush()
        out.extend(_expand(row, depth, old_prefix, new_prefix, name, words))
    flush()
    return _side_by_side(out)


def _side_by_side(lines: list[Line]) -> list[Line]:
    """A run of deleted and added provisions at one level shares rows, as a table prints a rewritten 号: the
    deleted text left, the text that replaced it right, both underlined whole."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        end = k
        while end < len(lines) and lines[end].kind is LineKind.ROW and \
                lines[end].status in (Status.ADDED, Status.DELETED):
            end += 1
        if end == k:
            out.append(lines[k])
            k += 1
            continue
        deleted = [line for line in lines[k:end] if line.status is Status.DELETED]
        added = [line for line in lines[k:end] if line.status is Status.ADDED]
        for n in range(max(len(deleted), len(added))):
            d = deleted[n] if n < len(deleted) else None
            a = added[n] if n < len(added) else None
            if d is not None and a is not None:
                out.append(Line(LineKind.ROW, Status.CHANGED, d.depth, d.old, a.new, anchors=a.anchors))
            else:
                out.append(d or a)  # type: ignore[arg-type]
        k = end
    return out


def _moved(rows: Sequence[Row]) -> set[int]:
    """Indices of paired rows whose old position breaks the order of the others (the longest run in order
    stays; what is not in it moved)."""
    import bisect

    paired = [(k, r.old.line) for k, r in enumerate(rows) if r.old is not None and r.new is not None]
    tails: list[int] = []
    ends: list[int] = []
    back: dict[int, int] = {}
    for k, line in paired:
        pos = bisect.bisect_left(tails, line)
        if pos == len(tails):
            tails.append(line)
            ends.append(k)
        else:
            tails[pos], ends[pos] = line, k
        back[k] = ends[pos - 1] if pos else -1
    keep: set[int] = set()
    k = ends[-1] if ends else -1
    while k >= 0:
        keep.add(k)
        k = back[k]
    return {k for k, _ in paired if k not in keep}


def _moved_line(row: Row, depth: int) -> Line:
    assert row.old is not None and row.new is not None
    old_text, new_text = own_text(row.old), own_text(row.new)
    old_spans: Spans = ((0, len(row.old.label)),) if row.old.label and old_text.startswith(row.old.label) else ()
    new_spans: Spans = ((0, len(row.new.label)),) if row.new.label and new_text.startswith(row.new.label) else ()
    return Line(LineKind.ROW, row.status, depth, Cell(row.old, row.old_text, old_spans, whole=bool(row.old.children)),
                Cell(row.new, row.new_text, new_spans, whole=bool(row.new.children)), anchors=_subtree(row.new))


def _group(row: Row) -> str:
    p = row.new or row.old
    assert p is not None
    return _APART.get(p.kind, "main")


def _expand(row: Row, depth: int, old_prefix: str, new_prefix: str, name: Namer, words: Words) -> list[Line]:
    """A changed, added or deleted provision: one line, or its own line and the lines of its children."""
    if row.status in (Status.ADDED, Status.DELETED) or not row.children:
        old = Cell(row.old, row.old_text, row.old_spans, whole=bool(row.old and row.old.children)) \
            if row.old is not None else None
        new = Cell(row.new, row.new_text, row.new_spans, whole=bool(row.new and row.new.children)) \
            if row.new is not None else None
        return [Line(LineKind.ROW, row.status, depth, old, new, anchors=_subtree(row.new))]
    assert row.old is not None and row.new is not None
    own_old, own_new = own_text(row.old), own_text(row.new)
    old_spans, new_spans = char_spans(own_old, own_new) if own_old != own_new else ((), ())
    own_status = Status.UNCHANGED if own_old == own_new else row.status
    head = Line(LineKind.ROW, own_status, depth, Cell(row.old, own_old, old_spans), Cell(row.new, own_new, new_spans),
                anchors=(row.new.anchor,) if row.new.anchor else ())
    old_name, new_name = _prefix_name(row.old, name), _prefix_name(row.new, name)
    return [head, *_lines(row.children, depth + 1, old_prefix + old_name, new_prefix + new_name, name, words)]


def _prefix_name(p: Provision, name: Namer) -> str:
    """What a child's citation starts with: 「第1条」, 「第1条第2項」; nothing for an unnumbered block."""
    if p.kind is Kind.SUPPLEMENT and p.caption:
        return f"附則{p.caption}"
    return name(p) if p.numbers or p.kind in (Kind.PREAMBLE, Kind.SUPPLEMENT, Kind.APPENDIX) else ""


def _subtree(p: Provision | None) -> tuple[str, ...]:
    return tuple(q.anchor for q in p.walk() if q.anchor) if p is not None else ()


def _fold(rows: tuple[Row, ...], depth: int, old_prefix: str, new_prefix: str, name: Namer,
          words: Words) -> Line:
    olds = [r.old for r in rows if r.old is not None]
    news = [r.new for r in rows if r.new is not None]
    new_label = fold_label(news, new_prefix, name, words)
    old_label = fold_label(olds, old_prefix, name, words)
    folded = tuple(
        Line(LineKind.ROW, Status.UNCHANGED, depth,
             Cell(r.old, r.old_text, whole=bool(r.old.children)) if r.old is not None else None,
             Cell(r.new, r.new_text, whole=bool(r.new.children)) if r.new is not None else None,
             anchors=_subtree(r.new))
        for r in rows
    )
    return Line(
        LineKind.FOLD, Status.UNCHANGED, depth,
        Cell(olds[0], "", label=old_label) if olds else None,
        Cell(news[0], "", label=new_label) if news else None,
        folded=folded, anchors=tuple(a for line in folded for a in line.anchors),
    )


def fold_label(provisions: Sequence[Provision], prefix: str, name: Namer, words: Words = JA) -> str:
    """「第6条～第10条（略）」, 「第1条第2項～第3項（略）」, 「附則（平成二九年…）（略）」; a published placeholder
    standing alone keeps its own words (「第6条～第10条（略）」 as the author wrote it)."""
    if len(provisions) == 1 and provisions[0].kind is Kind.OMITTED:
        return provision_text(provisions[0])
    named = [p for p in provisions if p.kind is not Kind.OMITTED]
    # chapter headings inside an article run: the run is named by its articles, as printed tables do
    articles = [p for p in named if p.kind is not Kind.CHAPTER] or named
    names = [n for n in (_name(p, name) for p in articles) if n]
    if not names:
        return words.omitted.strip()
    first, last = names[0], names[-1]
    # 「第1条第2項～第3項」: the second name drops the prefix they share
    text = prefix + first if len(names) == 1 else f"{prefix}{first}{words.range}{last}"
    return f"{text}{words.omitted}"


def _name(p: Provision, name: Namer) -> str:
    if not p.numbers and p.kind not in (Kind.PREAMBLE, Kind.SUPPLEMENT, Kind.CLOSING, Kind.APPENDIX):
        # an unnumbered block (a sub-heading, a bullet): known by its heading, if it has one
        return p.heading[:30] if p.heading else ""
    if p.kind is Kind.SUPPLEMENT and p.caption:
        return f"附則{p.caption}"  # 附則（平成二九年三月三一日法律第四号）: known by its amending law, not a count
    if p.kind is Kind.CLOSING:
        text = provision_text(p)
        return text if len(text) <= 20 else ""  # 「以上」 stands for itself
    return name(p) or p.heading


def renumbered(line: Line) -> bool:
    """A fold whose provisions changed their numbers: its two labels differ (「…← 第21条～第26条」)."""
    return line.kind is LineKind.FOLD and any(
        f.old is not None and f.new is not None and f.old.provision.numbers != f.new.provision.numbers
        for f in line.folded
    )


def fold_text(line: Line) -> str:
    """One label for both sides, as a one-column listing (and the text format) prints it."""
    new = line.new.label if line.new else ""
    old = line.old.label if line.old else ""
    if not new:
        return old
    return f"{new}← {old.removesuffix(JA.omitted).removesuffix(EN.omitted)}" if renumbered(line) and old else new
