"""The 新旧対照表's lines on real revisions: rows at the level that changed, folds named as real tables name them."""

from __future__ import annotations

from conftest import corpus_file, strip_foreign_front_matter
from site_builder.compare import compare
from site_builder.compare_table import Line, LineKind, fold_text, table_lines
from site_builder.parser import parse
from site_builder.render import cite


def lines_of(old_glob: str, new_glob: str) -> list[Line]:
    old, new = (parse(strip_foreign_front_matter(corpus_file(g).read_text(encoding="utf-8"))) for g in (old_glob, new_glob))
    return table_lines(compare(old, new), cite)


def summary(lines: list[Line]) -> list[tuple[int, str, str]]:
    """(depth, status or fold, anchor or fold label) of each line."""
    out = []
    for line in lines:
        if line.kind is LineKind.FOLD:
            out.append((line.depth, "fold", fold_text(line)))
        else:
            out.append((line.depth, line.status.value, line.anchor or ""))
    return out


def marked(line: Line, side: str) -> list[str]:
    cell = line.old if side == "old" else line.new
    assert cell is not None
    return [cell.text[s:e] for s, e in cell.spans]


def test_ikaskey_items_inserted_with_renumbering() -> None:
    """07 → 08: 第4条 gets items 13 and 14, the old 13 and 14 become 15 and 16; one 付則 line added."""
    assert summary(lines_of("ikaskey/terms_07_*.md", "ikaskey/terms_08_*.md")) == [
        (0, "fold", "前文（略）"),
        (0, "fold", "第1条～第3条（略）"),
        (0, "unchanged", "art4"),
        (1, "unchanged", "art4-p1"),
        (2, "fold", "第4条第1項第1号～第12号（略）"),
        (2, "added", "art4-p1-i13"),
        (2, "added", "art4-p1-i14"),
        (2, "fold", "第4条第1項第15号～第16号（略）← 第4条第1項第13号～第14号"),
        (0, "fold", "第5条～第17条（略）"),
        (0, "unchanged", "suppl"),
        (1, "added", "suppl-i1"),
        (1, "fold", "附則第2号～第6号（略）← 附則第1号～第5号"),
    ]


def test_sections_that_swap_places_are_shown_not_folded() -> None:
    """sina-tos 03 → 04: I.3 deleted, II reworded, IV and V swap places with their text unchanged."""
    lines = lines_of("sina-tos/sina-tos_03_*.md", "sina-tos/sina-tos_04_*.md")
    rows = summary(lines)
    assert (1, "deleted", "sec1-i3") in rows
    assert (1, "fold", "I.第3号（略）← I.第4号") in rows
    moved = next(line for line in lines if line.anchor == "sec4")
    assert (marked(moved, "old"), marked(moved, "new")) == (["V."], ["IV."])
    assert (0, "fold", "V.～VII.（略）← IV.～VII.") in rows
    # the changed sentence of II is a row of its own, its list folded
    ii = next(line for line in lines if line.anchor == "sec2-h1")
    assert marked(ii, "old") == ["、施行7日前までに"]


def test_statute_rows_are_the_changed_items() -> None:
    """行政手続法 2018 → 2024: of 48 articles only 第3条第1項第8号 and 第10号 changed."""
    lines = lines_of("gyosei-tetsuzuki-ho/*20180401*.derived.txt", "gyosei-tetsuzuki-ho/*20240401*.derived.txt")
    main = [line for line in lines if not (line.anchor or "").startswith("suppl") and line.kind is LineKind.ROW
            and line.status.value == "changed"]
    assert [line.anchor for line in main] == ["art3-p1-i8", "art3-p1-i10"]
    folds = [fold_text(line) for line in lines if line.kind is LineKind.FOLD]
    assert "第3条第1項第1号～第7号（略）" in folds and "第1条～第2条（略）" in folds
    # 附則 are named by their amending law, never folded into an article run
    assert "附則～附則（平成二六年六月一三日法律第七〇号）（略）" in folds
    assert "附則（平成二九年三月三一日法律第四号）第141条（略）" in folds
    assert not any("附則" in f and "条～" in f for f in folds)


def test_a_closing_line_is_named_by_itself() -> None:
    old = parse("第1条（目的）\n目的。\n第2条（定義）\n定義。\n\n以上\n")
    new = parse("第1条（目的）\n目的を改める。\n第2条（定義）\n定義。\n\n以上\n")
    folds = [fold_text(line) for line in table_lines(compare(old, new), cite) if line.kind is LineKind.FOLD]
    assert folds == ["第2条（略）", "以上（略）"]
