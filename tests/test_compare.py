"""The comparison on real revisions: each pair must show exactly the changes tests/corpus/README.md lists,
verified against the texts — that and nothing else."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import SAMPLE, corpus_file, strip_foreign_front_matter
from site_builder.compare import Comparison, Row, Status, char_spans, compare
from site_builder.parser import parse


def body(path: Path) -> str:
    text = strip_foreign_front_matter(path.read_text(encoding="utf-8"))
    # the corpus renderer's own marker, different in each file; not part of the statute
    return "\n".join(line for line in text.split("\n") if not line.startswith("<!-- revision_id:"))


def compare_files(old: Path, new: Path) -> Comparison:
    return compare(parse(body(old), old), parse(body(new), new))


def not_unchanged(rows: tuple[Row, ...]) -> dict[str | None, Status]:
    return {(r.new_anchor or r.old_anchor): r.status for r in rows if r.status is not Status.UNCHANGED}


def spans_text(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [text[s:e] for s, e in spans]


def walk(rows: tuple[Row, ...]) -> list[Row]:
    out: list[Row] = []
    for r in rows:
        out.append(r)
        out.extend(walk(r.children))
    return out


def test_your_connect_matches_the_official_table() -> None:
    """The rows the published 現改比較表 underlines, and only those."""
    folder = SAMPLE / "your-connect-terms"
    result = compare_files(folder / "2024-04-01.md", folder / "2026-03-01.md")
    assert not_unchanged(result.rows) == {
        "preamble": Status.CHANGED, "art1": Status.CHANGED, "art2": Status.CHANGED, "art3": Status.CHANGED,
        "art4": Status.CHANGED, "art5": Status.CHANGED, "art11": Status.CHANGED,
        "art14": Status.ADDED, "suppl": Status.ADDED,
    }
    unchanged = [r.old_text for r in result.rows if r.status is Status.UNCHANGED]
    assert unchanged == ["第6条～第10条 (略)", "第12条～第13条 (略)"]
    by_anchor = {r.new_anchor: r for r in result.rows}
    preamble = by_anchor["preamble"]
    assert spans_text(preamble.old_text, preamble.old_spans) == ["エヌ・ティ・ティ・コミュニケーションズ"]
    assert spans_text(by_anchor["preamble"].new_text, by_anchor["preamble"].new_spans) == ["NTTドコモビジネス"]
    art5 = by_anchor["art5"]
    assert spans_text(art5.old_text, art5.old_spans) == ["4か月", "書面", "書面"]
    assert spans_text(art5.new_text, art5.new_spans) == ["30日", "電子メール", "電子メール"]
    art1 = {r.new_anchor: r for r in walk(by_anchor["art1"].children)}
    assert art1["art1-p1-i4"].status is Status.ADDED
    assert result.counts() == {Status.CHANGED: 7, Status.ADDED: 2, Status.UNCHANGED: 2}


def test_ikaskey_07_08_inserted_items_renumber_the_rest() -> None:
    result = compare_files(corpus_file("ikaskey/terms_07_*.md"), corpus_file("ikaskey/terms_08_*.md"))
    assert not_unchanged(result.rows) == {"art4": Status.CHANGED, "suppl": Status.CHANGED}
    art4 = next(r for r in result.rows if r.new_anchor == "art4")
    items = [r for r in walk(art4.children) if r.new_anchor and r.new_anchor.count("-") == 2 or
             r.old_anchor and r.old_anchor.count("-") == 2]
    changed = {(r.old_anchor, r.new_anchor, r.status) for r in items if r.status is not Status.UNCHANGED}
    assert changed == {(None, "art4-p1-i13", Status.ADDED), (None, "art4-p1-i14", Status.ADDED)}
    moved = {(r.old_anchor, r.new_anchor) for r in items if r.renumbered}
    assert moved == {("art4-p1-i13", "art4-p1-i15"), ("art4-p1-i14", "art4-p1-i16")}
    # on the old side only the two renumbered numbers are marked
    assert spans_text(art4.old_text, art4.old_spans) == ["13.", "14."]


def test_ikaskey_05_06_is_notation_only() -> None:
    result = compare_files(corpus_file("ikaskey/terms_05_*.md"), corpus_file("ikaskey/terms_06_*.md"))
    assert not_unchanged(result.rows) == {"art1": Status.NOTATION, "art2": Status.NOTATION, "art3": Status.NOTATION}
    assert all(r.old_anchor == r.new_anchor for r in result.rows)


def test_ikaskey_06_07_three_sub_bullets() -> None:
    result = compare_files(corpus_file("ikaskey/terms_06_*.md"), corpus_file("ikaskey/terms_07_*.md"))
    assert not_unchanged(result.rows) == {"art4": Status.CHANGED}
    changed = [r.new_anchor for r in walk(result.rows) if r.status is Status.CHANGED and not r.children]
    assert changed == ["art4-p1-i10-s3", "art4-p1-i10-s4", "art4-p1-i10-s5"]


def test_ikaskey_01_02_only_the_history_line() -> None:
    """The publisher's changelog claims a 1年 → 1週間 change that never reached the text."""
    result = compare_files(corpus_file("ikaskey/terms_01_*.md"), corpus_file("ikaskey/terms_02_*.md"))
    rows = [r for r in walk(result.rows) if r.status is not Status.UNCHANGED and not r.children]
    assert [(r.status, r.new_text) for r in rows] == [(Status.ADDED, "2023/05/08 v1.0.1 バックアップの保管期間の修正")]


def test_eccube_brackets_are_notation() -> None:
    result = compare_files(corpus_file("eccube/ec-cube2_2007-07-20_*.md"), corpus_file("eccube/ec-cube2_2010-10-14_*.md"))
    statuses = {r.status for r in walk(result.rows)}
    assert Status.CHANGED not in statuses and Status.NOTATION in statuses


def test_eccube_utf8_conversion_changed_nothing() -> None:
    result = compare_files(corpus_file("eccube/ec-cube2_2007-04-18_*.md"), corpus_file("eccube/ec-cube2_2007-07-20_*.md"))
    assert result.identical


def test_eccube_riyou_to_shiyou() -> None:
    result = compare_files(corpus_file("eccube/ec-cube2_2010-10-14_*.md"), corpus_file("eccube/ec-cube2_2010-10-25_*.md"))
    leaves = [r for r in walk(result.rows) if r.status is Status.CHANGED and not r.children]
    assert [(r.new_anchor, spans_text(r.old_text, r.old_spans), spans_text(r.new_text, r.new_spans)) for r in leaves] == [
        ("art5-p2-i1", ["利"], ["使"])
    ]


def test_eccube_only_the_added_long_vowel() -> None:
    result = compare_files(corpus_file("eccube/ec-cube2_2010-10-25_*.md"), corpus_file("eccube/ec-cube2_2011-06-10_*.md"))
    assert not_unchanged(result.rows) == {"art5": Status.CHANGED, "art7": Status.CHANGED, "art10": Status.CHANGED}
    # a katakana word is marked whole on both sides, as a careful reader underlines it
    for row in result.rows:
        old_words, new_words = spans_text(row.old_text, row.old_spans), spans_text(row.new_text, row.new_spans)
        for old_word, new_word in zip(old_words, new_words, strict=True):
            assert new_word == old_word + "ー" or new_word.replace("ー", "") == old_word.replace("ー", "")
    assert sum(len(r.new_spans) for r in result.rows) == 7


def test_eccube_subete() -> None:
    result = compare_files(corpus_file("eccube/ec-cube2_2011-06-10_*.md"), corpus_file("eccube/ec-cube2_2014-10-09_*.md"))
    leaves = {r.new_anchor for r in walk(result.rows) if r.status is Status.CHANGED and not r.children}
    assert leaves == {"art1-p3", "art2-p3-i3"}


def test_gyosei_tetsuzuki_ho_main_provision() -> None:
    result = compare_files(
        corpus_file("gyosei-tetsuzuki-ho/*20180401*.derived.txt"), corpus_file("gyosei-tetsuzuki-ho/*20240401*.derived.txt")
    )
    main = [r for r in result.rows if (r.new_anchor or r.old_anchor or "").startswith("art")]
    assert len(main) == 48
    assert not_unchanged(tuple(main)) == {"art3": Status.CHANGED}
    leaves = [r.new_anchor for r in walk(tuple(main)) if r.status is Status.CHANGED and not r.children]
    assert leaves == ["art3-p1-i8", "art3-p1-i10"]
    i8 = next(r for r in walk(tuple(main)) if r.new_anchor == "art3-p1-i8")
    assert "".join(spans_text(i8.old_text, i8.old_spans)) in ("、少年鑑別所又は婦人補導院", "、又は婦人補導院")
    # 附則: three new amending-law blocks, the 平成29年法律第4号 block reduced to 抄
    suppl = [r for r in result.rows if (r.new_anchor or r.old_anchor or "").startswith("suppl")]
    assert sum(r.status is Status.ADDED for r in suppl) == 3
    assert sum(r.status is Status.DELETED for r in suppl) == 0
    reduced = [r for r in suppl if r.status is Status.CHANGED]
    assert len(reduced) == 1 and "平成二九年三月三一日法律第四号" in reduced[0].old_text


def test_appi_seirei_only_article_32() -> None:
    result = compare_files(corpus_file("appi-seirei/*20260521*.md"), corpus_file("appi-seirei/*20260731*.md"))
    main = tuple(r for r in result.rows if not (r.new_anchor or r.old_anchor or "").startswith("suppl"))
    assert not_unchanged(main) == {"art32": Status.CHANGED}
    art32 = next(r for r in main if r.new_anchor == "art32")
    # the 「、」 that separates the inserted name is inserted with it: inside the span
    assert "".join(spans_text(art32.new_text, art32.new_spans)) in ("国家情報局長、", "、国家情報局長")
    assert "".join(spans_text(art32.old_text, art32.old_spans)) in ("内閣情報官、", "、内閣情報官")
    suppl = tuple(r for r in result.rows if (r.new_anchor or r.old_anchor or "").startswith("suppl"))
    assert [r.status for r in suppl if r.status is not Status.UNCHANGED] == [Status.ADDED]


@pytest.mark.parametrize(
    ("old", "new", "old_marked", "new_marked"),
    [
        ("サーバ上のデータ", "サーバー上のデータ", ["サーバ"], ["サーバー"]),
        # without a dictionary a katakana compound is one word: over-marked rather than cut inside a word
        ("有害なコンピュータプログラム", "有害なコンピュータープログラム",
         ["コンピュータプログラム"], ["コンピュータープログラム"]),
        # whole numbers, amounts and dates, never a digit of them
        ("第31条に定める", "第35条に定める", ["31"], ["35"]),
        ("2016年10月1日から", "2017年4月1日から", ["2016年10"], ["2017年4"]),
        ("百万円以下の罰金", "三百万円以下の罰金", ["百万"], ["三百万"]),
        ("1,000円", "1,500円", ["1,000"], ["1,500"]),
        # English: word by word, not letters
        ("The quick brown fox", "The quick red fox", ["brown"], ["red"]),
        ("This Code is an event", "This Code applies to an event", ["is"], ["applies to"]),
        # punctuation is a changed character too
        ("営業、宣伝、広告", "営業・広告", ["、宣伝、"], ["・"]),
        ("A、B", "A、C、B", [], ["C、"]),
        # a rewritten sentence is one span on each side, not confetti
        ("乙は第1項の規定により廃止しようとするときには、書面により通知するものとします。",
         "乙は第1項の規定により廃止しようとするときには、その30日前までに電子メールで知らせます。",
         ["書面により通知するものとし"], ["その30日前までに電子メールで知らせ"]),
    ],
)
def test_character_spans(old: str, new: str, old_marked: list[str], new_marked: list[str]) -> None:
    o, n = char_spans(old, new)
    assert spans_text(old, o) == old_marked
    assert spans_text(new, n) == new_marked


def test_deleted_article_and_renumbering_by_content() -> None:
    old = parse("第1条（目的）\n目的を定める。\n第2条（削除される条）\nこの条は削られる。\n"
                "第3条（定義）\n用語を定義する。\n第4条（準拠法）\n日本法に準拠する。\n")
    new = parse("第1条（目的）\n目的を定める。\n第2条（定義）\n用語を定義する。\n第3条（準拠法）\n日本法に準拠する。\n")
    rows = compare(old, new).rows
    assert [(r.old_anchor, r.new_anchor, r.status) for r in rows] == [
        ("art1", "art1", Status.UNCHANGED), ("art2", None, Status.DELETED),
        ("art3", "art2", Status.UNCHANGED), ("art4", "art3", Status.UNCHANGED),
    ]
    assert rows[2].renumbered and not rows[0].renumbered


def test_markup_only_changes_are_notation_but_renumbered_items_are_not() -> None:
    """`**P**ublic` → Public is notation; a 号 renumbered from 2 to 3 is a change, though Markdown would
    render both lists alike."""
    from site_builder.compare import compare
    from site_builder.parser import parse

    same = compare(parse("## 1. 定義\n\n**P**ublic Data License の略です。\n"),
                   parse("## 1. 定義\n\nPublic Data License の略です。\n"))
    assert [r.status.value for r in same.rows] == ["notation"]
    moved = compare(parse("## 1. 定義\n\n次のとおり。\n\n1. 甲\n2. 乙\n"),
                    parse("## 1. 定義\n\n次のとおり。\n\n1. 甲\n3. 乙\n"))
    assert [r.status.value for r in moved.rows] == ["changed"]


def _statute(articles: list[tuple[str, str]]) -> str:
    return "".join(f"第{n}条（{cap}）\n{body}\n" for n, (cap, body) in enumerate(articles, start=1))


def test_moved_and_amended_articles_are_changed_pairs_not_delete_and_add() -> None:
    """A 罰則 run moved behind another chapter, renumbered and with its penalties raised at once."""
    general = [(f"目的{n}", f"この法律は第{n}の目的のために必要な事項を定めるものとする。") for n in range(1, 4)]
    others = [(f"雑則{n}", f"主務大臣は、第{n}号の事務を地方公共団体の長に委任することができる。") for n in range(1, 5)]
    penalties = [
        (f"罰則{n}", f"次の各号のいずれかに該当する者は、{n}年以下の懲役又は{amount}万円以下の罰金に処する。")
        for n, amount in zip(range(1, 8), [100, 50, 30, 20, 10, 5, 3], strict=True)
    ]
    raised = [(cap, body.replace("懲役", "拘禁刑").replace("100万", "300万").replace("50万", "150万"))
              for cap, body in penalties]
    old = parse(_statute(general + penalties + others))
    new = parse(_statute(general + others + raised))
    rows = compare(old, new).rows
    statuses = Counter(r.status for r in rows)
    assert statuses[Status.ADDED] == 0 and statuses[Status.DELETED] == 0
    changed = [r for r in rows if r.status is Status.CHANGED]
    assert [(r.old_anchor, r.new_anchor) for r in changed] == [(f"art{n}", f"art{n + 4}") for n in range(4, 11)]
    first = changed[0]
    # the new number is marked, as a renumbered article's is, and the amount whole
    assert spans_text(first.new_text, first.new_spans) == ["8", "拘禁刑", "300万"]
    assert spans_text(first.old_text, first.old_spans) == ["4", "懲役", "100万"]


WORD_NUMBERED = """この規約は、サービスの利用条件を定めます。

第1条（目的）
本規約は、当社が提供するサービスの利用条件を定めるものです。

第2条（定義）
本規約において使用する用語の定義は、次のとおりとします。
(1) 「会員」とは、登録をした者をいいます。

第3条（禁止事項）
会員は、次の行為をしてはなりません。

第4条（準拠法）
本規約は日本法に準拠します。
"""


def test_a_word_export_that_lost_its_numbering_is_notation_only() -> None:
    """The same text pasted from Word without its automatic numbering: each article is its caption line."""
    lost = re.sub(r"^第\d条", "", WORD_NUMBERED, flags=re.MULTILINE)
    parsed = parse(lost)
    articles = parsed.articles()
    # the articles are found by their captions and numbered by their place, as Word numbered them
    assert [(a.anchor, a.caption) for a in articles] == [
        ("art1", "（目的）"), ("art2", "（定義）"), ("art3", "（禁止事項）"), ("art4", "（準拠法）")]
    rows = compare(parse(WORD_NUMBERED), parsed).rows
    assert [(r.status, r.new_anchor) for r in rows] == [
        (Status.UNCHANGED, "preamble"), *((Status.NOTATION, f"art{n}") for n in range(1, 5))]
    # an article deleted in the numbered version is found by its caption, the rest by content
    shorter = re.sub(r"第3条（禁止事項）\n会員は、次の行為をしてはなりません。\n\n第4条", "第3条", WORD_NUMBERED)
    rows = compare(parse(shorter), parsed).rows
    assert [r.status for r in rows].count(Status.ADDED) == 1
    assert next(r for r in rows if r.status is Status.ADDED).new.caption == "（禁止事項）"


def test_two_bracketed_notes_are_not_articles() -> None:
    text = "（注意）\nこのページは参考です。\n\n(1)\n一つ目。\n"
    assert parse(text).articles() == []
