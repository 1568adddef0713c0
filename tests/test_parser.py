"""The parser on data-driven fixtures and on every real text: the sample (the five seeds as the project
publishes them) and the corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import SAMPLE, corpus_file, corpus_texts, strip_foreign_front_matter
from site_builder.markdown_blocks import annotate, heading_text, is_markdown
from site_builder.model import Kind, ParsedText, Provision, Severity
from site_builder.parser import parse

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "parser_cases.yml").read_text(encoding="utf-8")
)


def by_anchor(parsed: ParsedText) -> dict[str, Provision]:
    return {p.anchor: p for p in parsed.walk() if p.anchor}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_fixture(case: dict[str, Any]) -> None:
    parsed = parse(case["text"], "case.md")
    assert parsed.anchors() == case["anchors"]
    for anchor, heading in case.get("headings", {}).items():
        assert by_anchor(parsed)[anchor].heading == heading
    if case.get("no_warnings"):
        assert [d.format() for d in parsed.diagnostics] == []


def test_page_text_keeps_numbers_as_written() -> None:
    parsed = parse("第十四条（製品改善）\n１　本文。\n２　次項。\n", "x.md")
    unnumbered = parse("第十四条　本文。\n２　次項。\n", "y.md")
    assert [p.label for p in unnumbered.walk()[0].children] == ["", "２"]
    art = by_anchor(parsed)["art14"]
    assert art.heading == "第十四条（製品改善）"
    assert [p.label for p in art.children] == ["１", "２"]
    assert [p.anchor for p in art.children] == ["art14-p1", "art14-p2"]


# --- real texts -------------------------------------------------------------------------------------------


def sample_text(path: str) -> str:
    """A sample version's body: the seeds' texts as the project publishes them (source_terms/)."""
    return (SAMPLE / path).read_text(encoding="utf-8").split("---\n", 2)[2]


def test_hasso_anchors() -> None:
    parsed = parse(sample_text("hasso-terms/2023-09-28.md"), "hasso-terms/2023-09-28.md")
    anchors = set(parsed.anchors())
    assert {f"art{n}" for n in range(1, 26)} <= anchors
    assert {f"art1-p1-i{n}" for n in range(1, 10)} <= anchors
    assert {"art5-p3-i1", "art5-p3-i2", "art14-p1", "art14-p2"} <= anchors
    assert {f"art23-p2-i{n}" for n in range(1, 7)} <= anchors
    assert "art1-p1-i10" not in anchors
    assert len(parsed.articles()) == 25
    # ①「利用契約」 is followed by its definition in a paragraph of its own: both belong to item 1
    item = by_anchor(parsed)["art1-p1-i1"]
    assert item.label == "①" and "本規約に同意の上" in item.blocks[0].text
    # 第23条第2項①, whose sentence the seed's PDF broke over a page, is one item, not an item and a 細分
    assert "art23-p2-i1-s1" not in anchors
    assert "提供する通話品質" in by_anchor(parsed)["art23-p2-i1"].blocks[0].text


def test_hasso_closing_lines_are_not_part_of_article_25() -> None:
    parsed = parse(sample_text("hasso-terms/2023-09-28.md"), "hasso-terms/2023-09-28.md")
    assert "適用開始日" not in by_anchor(parsed)["art25-p1"].blocks[0].text
    assert parsed.provisions[-1].kind is Kind.CLOSING


def test_cybozu_sections() -> None:
    parsed = parse(sample_text("cybozu-data-policy/2025-06-19.md"), "cybozu-data-policy/2025-06-19.md")
    assert parsed.articles() == []
    anchors = parsed.anchors()
    assert anchors[:4] == ["preamble", "sec1", "sec2", "sec3"]
    assert {"sec3-1", "sec3-2", "sec4"} <= set(anchors)
    assert [a for a in anchors if a.startswith("sec3-1-i")] == [f"sec3-1-i{n}" for n in range(1, 6)]
    assert [a for a in anchors if a.startswith("sec3-2-i")] == [f"sec3-2-i{n}" for n in range(1, 8)]
    closing = parsed.provisions[-1]
    assert closing.kind is Kind.CLOSING
    # each 沿革 line stays a paragraph of its own
    assert "2017年7月28日 制定\n\n2020年9月18日 改定" in closing.blocks[0].text


def test_your_connect_rebuilt_versions() -> None:
    folder = SAMPLE / "your-connect-terms"
    old = parse((folder / "2024-04-01.md").read_text(encoding="utf-8").split("---\n", 2)[2], "old.md")
    new = parse((folder / "2026-03-01.md").read_text(encoding="utf-8").split("---\n", 2)[2], "new.md")
    assert [a.anchor for a in old.articles()] == ["art1", "art2", "art3", "art4", "art5", "art11"]
    assert [a.anchor for a in new.articles()] == ["art1", "art2", "art3", "art4", "art5", "art11", "art14"]
    assert "suppl-p1" in new.anchors() and "suppl" not in old.anchors()
    assert {"art1-p1-i4", "art14-p6"} <= set(new.anchors())
    assert [d.format() for d in old.diagnostics + new.diagnostics] == []


@pytest.mark.parametrize("name", ["*20180401*.derived.txt", "*20240401*.derived.txt"])
def test_gyosei_tetsuzuki_ho(name: str) -> None:
    parsed = parse(corpus_file(f"gyosei-tetsuzuki-ho/{name}").read_text(encoding="utf-8"), name)
    articles = parsed.articles()
    assert len(articles) == 48
    anchors = set(parsed.anchors())
    assert {"art36_2", "art36_3", "art46", "suppl"} <= anchors
    art = by_anchor(parsed)["art36_2"]
    assert (art.label, art.caption) == ("第三十六条の二", "（行政指導の中止等の求め）")
    assert art.heading == "（行政指導の中止等の求め） 第三十六条の二"  # as e-Gov shows it: caption first
    # 第3条第1項 has sixteen items in both versions
    assert {f"art3-p1-i{n}" for n in range(1, 17)} <= anchors
    assert "art3-p1-i8" in anchors and "art3-p1-i10" in anchors
    assert not [d for d in parsed.diagnostics if d.severity is Severity.ERROR]


def test_ikaskey_kanji_to_arabic_headings_keep_anchors() -> None:
    v05 = parse(strip_foreign_front_matter(corpus_file("ikaskey/terms_05_*.md").read_text(encoding="utf-8")))
    v06 = parse(strip_foreign_front_matter(corpus_file("ikaskey/terms_06_*.md").read_text(encoding="utf-8")))
    assert v05.anchors() == v06.anchors()
    assert len(v05.articles()) == 17
    assert by_anchor(v05)["art1"].heading == "第一条 適用"
    assert by_anchor(v06)["art1"].heading == "第1条 適用"


def test_ikaskey_08_inserted_items() -> None:
    v07 = parse(strip_foreign_front_matter(corpus_file("ikaskey/terms_07_*.md").read_text(encoding="utf-8")))
    v08 = parse(strip_foreign_front_matter(corpus_file("ikaskey/terms_08_*.md").read_text(encoding="utf-8")))
    items07 = [a for a in v07.anchors() if a.startswith("art4-p1-i") and "-s" not in a]
    items08 = [a for a in v08.anchors() if a.startswith("art4-p1-i") and "-s" not in a]
    assert len(items07) == 14 and len(items08) == 16
    assert "運営を妨げる行為" in by_anchor(v08)["art4-p1-i13"].blocks[0].text
    assert {f"art4-p1-i10-s{n}" for n in range(1, 6)} <= set(v08.anchors())


def test_ikaskey_without_articles() -> None:
    parsed = parse(strip_foreign_front_matter(corpus_file("ikaskey/terms_01_*.md").read_text(encoding="utf-8")))
    assert parsed.articles() == []
    assert parsed.anchors()[:2] == ["preamble", "sec1"]
    assert "sec1-i1" in parsed.anchors()


def test_eccube_paragraphs_and_items() -> None:
    parsed = parse(corpus_file("eccube/ec-cube2_2011-06-10_*.md").read_text(encoding="utf-8"))
    assert len(parsed.articles()) == 12
    anchors = set(parsed.anchors())
    assert {"art2-p3-i1", "art2-p3-i3", "art5-p2-i1", "art5-p2-i4"} <= anchors


def test_appi_seirei_markdown_headings() -> None:
    parsed = parse(corpus_file("appi-seirei/*20260731*.md").read_text(encoding="utf-8"))
    anchors = set(parsed.anchors())
    assert {"ch1", "art1", "art1-p1-i1", "art1-p1-i1-s1", "art3-p2", "art32", "suppl"} <= anchors
    assert not [d for d in parsed.diagnostics if d.severity is Severity.ERROR]


def test_twilio_notices_parse_without_crashing() -> None:
    for path in sorted((SAMPLE / "notices").glob("*.md")):
        parsed = parse(path.read_text(encoding="utf-8").split("---\n", 2)[2], path)
        assert parsed.walk()
        assert not [d for d in parsed.diagnostics if d.severity is Severity.ERROR], path


def test_every_corpus_text_parses_without_losing_a_line() -> None:
    """Every non-blank line of every text ends up in exactly one provision's text or heading."""
    files = corpus_texts()
    assert len(files) > 15
    for path in files:
        body = strip_foreign_front_matter(path.read_text(encoding="utf-8"))
        parsed = parse(body, path)
        placed: list[str] = []
        for p in parsed.walk():
            placed.append(p.heading)
            placed.append(p.label)
            placed.extend(b.text for b in p.blocks)
        joined = "".join("".join(x.split()) for x in placed)
        # Markdown syntax is not text: a Setext underline, a heading's {#id} (kept as the provision's ids)
        infos = annotate(body) if is_markdown(body) else None
        ids = {i for p in parsed.walk() for i in p.ids}
        for number, line in enumerate(body.split("\n"), 1):
            if infos is not None and infos[number - 1].markup:
                continue
            if infos is not None and infos[number - 1].heading:
                written, own = heading_text(line.strip().lstrip("#"))
                assert set(own) <= ids, f"{path.name}:{number}: ids {own} not kept"
                line = written
            text = "".join(line.split()).lstrip("#")
            for marker in ("-", "*", "+"):
                if text.startswith(marker):
                    text = text[1:]
            assert text in joined, f"{path.name}:{number}: line lost by the parser: {line!r}"
