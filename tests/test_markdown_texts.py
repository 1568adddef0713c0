"""Real terms as companies and communities write them in Markdown (tests/corpus/, from sina-tos on): the anchors
a reader expects from the numbers the text prints, structure read from Markdown's own (heading levels, nested
and restarting lists, quotes, admonitions), and anchors that stay put across the history."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CORPUS, corpus_file, strip_foreign_front_matter
from site_builder.loader import load_source
from site_builder.model import Document, Kind, ParsedText, Provision, Severity
from site_builder.parser import parse


def parsed(pattern: str) -> ParsedText:
    return parse(strip_foreign_front_matter(corpus_file(pattern).read_text(encoding="utf-8")), pattern)


def by_anchor(text: ParsedText) -> dict[str, Provision]:
    return {p.anchor: p for p in text.walk() if p.anchor}


def defects(text: ParsedText) -> list[str]:
    return [d.message for d in text.diagnostics if d.severity is not Severity.WARNING]


def history(folder: str, tmp_path: Path) -> Document:
    """Every version of a corpus folder as one document, dated in order."""
    root = tmp_path / "src"
    (root / folder).mkdir(parents=True)
    (root / folder / "document.yml").write_text(f"title: {folder}\n", encoding="utf-8")
    for i, path in enumerate(sorted(CORPUS.glob(f"{folder}/{folder}_*"))):
        body = strip_foreign_front_matter(path.read_text(encoding="utf-8"))
        (root / folder / f"2020-01-{i + 1:02d}.md").write_text(f"---\neffective: 2020-01-{i + 1:02d}\n---\n{body}",
                                                              encoding="utf-8")
    return load_source(root).documents[0]


def test_roman_numeral_sections_keep_their_numbers() -> None:
    """思惟奈ちゃん: `## I.`–`## VIII.`, each with its own `1.` list."""
    text = parsed("sina-tos/sina-tos_07_*")
    sections = [p for p in text.provisions if p.kind is Kind.SECTION]
    assert [p.anchor for p in sections] == [f"sec{n}" for n in range(1, 9)]
    # v04 swapped IV and V: the anchors follow the printed numerals
    assert sections[3].heading == "IV. 禁止事項" and sections[4].heading == "V. 利用者のデータ・責任"
    assert by_anchor(text)["sec4-i1"].kind is Kind.ITEM
    assert defects(text) == []


def test_a_real_duplicate_section_is_a_defect_with_its_line_and_still_an_anchor() -> None:
    """The guideline has two `## VI.`: the text's own mistake, reported; both sections published."""
    text = parsed("sina-guideline/sina-guideline_03_*")
    assert defects(text) == ["duplicate 「VI.」 (#sec6, first at line 93): renumber it; until then the second one is "
                             "#sec6-dup2"]
    anchors = by_anchor(text)
    assert anchors["sec6"].heading.startswith("VI. 利用者のデータ") and anchors["sec6-dup2"].heading == "VI. ペナルティ"
    assert anchors["sec7"].heading == "VII. 保証", "a duplicate does not shift the sections after it"


def test_lists_restarting_under_a_sub_heading_paragraph_are_numbered_inside_it() -> None:
    """Inside `## V.`, blocks between `---` rules, each an intro line and a list restarting at 1."""
    anchors = by_anchor(parsed("sina-guideline/sina-guideline_03_*"))
    assert "sec5-i13" in anchors and "sec5-i14" not in anchors
    assert [a for a in anchors if a.startswith("sec5-h") and a.count("-") == 1] == ["sec5-h1", "sec5-h2", "sec5-h3"]
    assert "グローバルチャットをご利用いただく場合の追加禁止事項" in anchors["sec5-h2"].blocks[0].text
    assert [a for a in anchors if a.startswith("sec5-h2-i")] == [f"sec5-h2-i{n}" for n in range(1, 7)]


def test_dotted_sections_nest_under_their_parent() -> None:
    """公共データ利用規約: `## 1.` and `### 1.1.`–`### 1.7.`, each with a list restarting at `1.`; the English
    edition has the same structure."""
    ja, en = parsed("pdl-ja/pdl-ja_03_*"), parsed("pdl-en/pdl-en_03_*")
    for text in (ja, en):
        anchors = by_anchor(text)
        assert [a for a in anchors if a.count("-") == 1 and a.startswith("sec1-")] == [f"sec1-{n}" for n in range(1, 8)]
        assert "sec1-7-i7" in anchors and "sec1-8" not in anchors
    assert [p.anchor for p in ja.walk() if p.kind is not Kind.PREAMBLE] == \
        [p.anchor for p in en.walk() if p.kind is not Kind.PREAMBLE][:1] + \
        [p.anchor for p in ja.walk() if p.kind is not Kind.PREAMBLE][1:]


def test_author_ids_are_kept_and_licence_articles_in_an_admonition_are_found() -> None:
    """AlesInfiny: `{#id}` on every heading; the CC BY 4.0 日本語訳 inside a `??? quote` block (4-space indented)
    holds 第1条–第8条; the Apache licence inside a fenced block is text, its `1. Definitions.` no section."""
    text = parsed("alesinfiny-terms/alesinfiny-terms_05_*")
    ids = {i for p in text.walk() for i in p.ids}
    assert {"top", "alesinfiny-maris-license", "definitions", "license-grant", "disclaimer", "cc-by-4.0"} <= ids
    assert [p.anchor for p in text.walk() if p.kind is Kind.ARTICLE] == [f"art{n}" for n in range(1, 9)]
    assert by_anchor(text)["art1"].heading == "第1条　定義"
    assert by_anchor(text)["art1-p1-i11"].label == "k.", "its definitions a. to k. are 号"
    assert not any("Definitions" in p.heading for p in text.walk())
    assert not any("{#" in p.heading for p in text.walk())


def test_kenpo_plain_and_markdown_give_the_same_anchors() -> None:
    """日本国憲法 v01 (e-Gov plain text, 「○２」 項) and v02 (`### 第一条`, `#### ○２`, `#### 一`): notation only."""
    plain, markdown = parsed("kenpo/kenpo_01_*"), parsed("kenpo/kenpo_02_*")
    assert plain.anchors() == markdown.anchors()
    anchors = by_anchor(markdown)
    assert anchors["art9-p2"].label == "○２" and "art7-p1-i10" in anchors and "art103" in anchors
    assert len(markdown.articles()) == 103


def test_rest_and_myst_editions_of_the_articles_of_association_agree() -> None:
    """PyCon JP 定款: reST (captions underlined `----`) and MyST (`### （名称）`); 「第７章 附則」 is a 附則 whose
    第40条 continues the numbering."""
    rest, myst = parsed("pyconjp-teikan/pyconjp-teikan_03_*"), parsed("pyconjp-teikan/pyconjp-teikan_04_*")
    assert rest.anchors() == myst.anchors()
    anchors = by_anchor(myst)
    assert anchors["art1"].heading == "（名称） 第１条" and anchors["art1"].caption == "（名称）"
    assert anchors["art4-p2"].label == "２"
    assert anchors["suppl"].kind is Kind.SUPPLEMENT and "art40" in {c.anchor for c in anchors["suppl"].walk()}
    assert defects(myst) == []


def test_parenthesised_sub_sections_and_kana_items() -> None:
    """PyCon JP プライバシーポリシー: `## 5.`, `### (1)`–`### (4)`, bullets `* ア`/`* イ`/`* ウ`."""
    anchors = by_anchor(parsed("pyconjp-privacy/pyconjp-privacy_05_*"))
    assert [a for a in anchors if a.startswith("sec5-") and a.count("-") == 1] == [f"sec5-{n}" for n in range(1, 5)]
    kana = [(a, anchors[a].label) for a in anchors if a.startswith("sec5-4-i") and a.count("-") == 2]
    assert kana == [("sec5-4-i1", "ア"), ("sec5-4-i2", "イ"), ("sec5-4-i3", "ウ")]


def test_numbered_headings_under_an_unnumbered_one() -> None:
    """Contributor Covenant: `### 1. 更生`–`### 4. 永久的な禁止` under the unnumbered `## 執行ガイドライン`."""
    anchors = by_anchor(parsed("covenant-ja/covenant-ja_05_*"))
    assert anchors["sec6"].heading == "執行ガイドライン"
    assert [anchors[f"sec6-{n}"].heading for n in range(1, 5)] == ["1. 更生", "2. 警告", "3. 一時的な禁止", "4. 永久的な禁止"]


def test_a_section_inserted_with_renumbering_follows_the_printed_numbers() -> None:
    """This is bot v05 inserts `## 11. 準拠法…`; the old 11 prints 12 and is #sec12."""
    before, after = by_anchor(parsed("thisisbot-tos/thisisbot-tos_04_*")), by_anchor(parsed("thisisbot-tos/thisisbot-tos_05_*"))
    assert before["sec11"].heading.startswith("11. 規約の発効") and "sec12" not in before
    assert after["sec11"].heading.startswith("11. 準拠法") and after["sec12"].heading.startswith("12. 規約の発効")


@pytest.mark.parametrize(("folder", "version", "heading", "anchor"), [
    # v06 adds 「## 警告/Caution!」 above 目次: 目次 keeps #h1, the new section gets an anchor never used
    ("thisisbot-tos", "2020-01-06", "目次", "h1"),
    ("thisisbot-tos", "2020-01-06", "警告/Caution!", "h2"),
    # v03 adds 問い合わせ先 and 改変記録 after the Japanese part: the English part keeps #sec2
    ("pyconjp-coc", "2020-01-03", "PyCon JP Code of Conduct(English version)", "sec2"),
    ("pyconjp-coc", "2020-01-07", "PyCon JP Code of Conduct(English version)", "sec2"),
    ("pyconjp-coc", "2020-01-03", "問い合わせ先", "sec3"),
])
def test_an_anchor_stays_put_when_a_heading_is_added_above_it(
    tmp_path: Path, folder: str, version: str, heading: str, anchor: str
) -> None:
    doc = history(folder, tmp_path)
    v = next(v for v in doc.versions if v.id == version)
    found = [p for p in v.parsed.provisions if p.heading == heading]
    assert found and found[-1].anchor == anchor, [(p.anchor, p.heading) for p in v.parsed.provisions]


def test_carried_anchors_are_unique_and_never_reused(tmp_path: Path) -> None:
    """Across every version of every Markdown folder: anchors unique per version, and an anchor that names one
    numberless provision never names another one later."""
    for folder in ("thisisbot-tos", "pyconjp-coc", "covenant-ja", "sina-guideline"):
        doc = history(folder, tmp_path / folder)
        owner: dict[str, str] = {}
        for v in doc.versions:
            anchors = v.parsed.anchors()
            assert len(anchors) == len(set(anchors)), (folder, v.id)
            for p in v.parsed.walk():
                if p.anchor and not p.numbered and p.heading:
                    # these texts never rewrite a numberless heading: one anchor, one heading, in every version
                    assert owner.setdefault(p.anchor, p.heading) == p.heading, (folder, v.id, p.anchor)
        shutil.rmtree(tmp_path / folder)


# (folder, old, new) → the rows a correct comparison shows, (status, anchor), as tests/corpus/README.md lists
# the changes; markup-only changes (a comment, `**P**ublic`, a link's form, a directive) are notation
COMPARISONS = [
    ("pdl-ja", 1, 2, [("notation", "preamble")]),
    ("pdl-ja", 2, 3, [("notation", "sec1")]),
    ("pdl-ja", 3, 4, [("notation", "sec1")]),
    ("pdl-ja", 3, 5, []),
    ("pdl-en", 1, 2, [("notation", "preamble")]),
    ("pdl-en", 2, 3, [("notation", "preamble"), ("notation", "sec1")]),
    ("pyconjp-teikan", 1, 2, [("changed", "preamble")]),
    ("pyconjp-teikan", 3, 4, [("notation", "preamble"), ("notation", "suppl")]),
    ("pyconjp-teikan", 4, 5, [("notation", "preamble")]),
    ("pyconjp-teikan", 5, 6, [("changed", "preamble"), ("changed", "art4"), ("changed", "suppl")]),
    ("alesinfiny-terms", 1, 2, [("changed", "sec1"), ("notation", "sec2")]),
    ("alesinfiny-terms", 2, 3, [("notation", "sec2")]),
    ("alesinfiny-terms", 4, 5, [("notation", "sec2")]),
    ("covenant-ja", 1, 2, [("changed", "sec2"), ("changed", "sec5"), ("changed", "sec6")]),
    ("covenant-ja", 3, 4, [("changed", "sec2")]),
    ("pyconjp-coc", 1, 2, [("changed", "sec1")]),
    ("pyconjp-coc", 5, 6, [("changed", "sec3")]),
    ("pyconjp-coc", 6, 7, [("notation", "preamble")]),
    ("pyconjp-privacy", 1, 2, [("notation", "sec5")]),
    ("pyconjp-privacy", 4, 5, [("changed", "sec5"), ("changed", "sec7")]),
    ("kenpo", 1, 2, None),  # notation only, in every row
]


@pytest.mark.parametrize(("folder", "old", "new", "expected"), COMPARISONS,
                         ids=[f"{c[0]} {c[1]}-{c[2]}" for c in COMPARISONS])
def test_the_comparison_shows_exactly_what_changed(
    tmp_path: Path, folder: str, old: int, new: int, expected: list[tuple[str, str]] | None
) -> None:
    from site_builder.cache import compare_versions
    from site_builder.compare import Status

    doc = history(folder, tmp_path)
    rows = [(r.status.value, r.new_anchor or r.old_anchor) for r in
            compare_versions(doc.versions[old - 1], doc.versions[new - 1]).rows if r.status is not Status.UNCHANGED]
    if expected is None:
        assert rows and {status for status, _ in rows} == {"notation"}, rows
    else:
        assert rows == expected


def _english_site(tmp_path: Path, body: str) -> Path:
    from conftest import build_site

    root = tmp_path / "src"
    (root / "terms").mkdir(parents=True)
    (root / "terms" / "document.yml").write_text("title: Terms of Service\nlang: en\n", encoding="utf-8")
    (root / "terms" / "2025-01-01.md").write_text(f"---\neffective: 2025-01-01\n---\n{body}", encoding="utf-8")
    return build_site(tmp_path / "b", root, "2025-06-01", strict=False)


def test_an_english_text_is_cited_in_english(tmp_path: Path) -> None:
    """The Digital Agency's English PDL: `### 1.7.` and its list: Section 1.7(3), never 第3号."""
    from conftest import page

    site = _english_site(tmp_path, strip_foreign_front_matter(corpus_file("pdl-en/pdl-en_03_*").read_text(encoding="utf-8")))
    soup = page(site, "terms/")
    link = soup.select_one('#sec1-7-i3 > a[aria-label]')
    assert link is not None and link["aria-label"] == "Section 1.7(3)"
    cites = [a["aria-label"] for a in soup.select("div[id] > a[aria-label]")]
    assert cites and not [c for c in cites if any(ch in c for ch in "第条項号")]


def test_english_structure_article_section_letter_and_paren(tmp_path: Path) -> None:
    body = ("# Terms of Service\n\n## Article 1. Definitions\n\nIn these terms:\n\n(a) \"Service\" means the app.\n\n"
            "## Section 2 Accounts\n\n### A. Registration\n\nYou must register.\n\n### B. Security\n\n"
            "1. Keep your password secret.\n2. Tell us of any breach.\n")
    text = parse(body, "en.md")
    assert text.anchors() == ["preamble", "art1", "art1-p1", "art1-p1-i1", "sec2", "sec2-1", "sec2-2", "sec2-2-i1",
                              "sec2-2-i2"]
    from conftest import page

    soup = page(_english_site(tmp_path, body), "terms/")
    assert soup.select_one("#sec2-2-i2 > a[aria-label]")["aria-label"] == "Section 2(B)(2)"
    assert soup.select_one("#art1-p1-i1 > a[aria-label]")["aria-label"] == "Article 1(1)(a)"


def test_a_note_after_a_list_stays_in_its_paragraph() -> None:
    """いかすきー 第6条: 1項., its list, a link line under the list, then 「2項.」 — the note is no 第2項."""
    text = parse(corpus_file("ikaskey/terms_05_*").read_text(encoding="utf-8"), "terms_05.md")
    anchors = by_anchor(text)
    assert "モデレーション基準" in anchors["art6-p1-h1"].blocks[0].text
    assert anchors["art6-p2"].label == "2項." and defects(text) == []


def test_an_english_page_has_no_japanese_interface(tmp_path: Path) -> None:
    """The words around English terms are English: dates, labels, status, history (Material's own UI language
    is the site's)."""
    import re

    from conftest import content_text, page

    site = _english_site(tmp_path, "## Section 1 Scope\n\nThese terms apply.\n\n## Section 2 Changes\n\nWe may change them.\n")
    text = content_text(page(site, "terms/"))
    assert "1 January 2025" in text and "Effective" in text and "History" in text and "in force" in text
    assert re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]+", text) == []


def test_english_wrapped_lines_are_joined_japanese_line_breaks_are_kept(tmp_path: Path) -> None:
    """English is hard-wrapped at 80 columns (the PDL): a line break there is a space; in Japanese it is the
    author's line break."""
    from conftest import page
    from site_builder.textrender import render_block

    site = _english_site(tmp_path, "## Section 1 Scope\n\nThese terms apply to the\nwhole website.\n")
    html = str(page(site, "terms/").select_one("article"))
    assert "to the\nwhole website" in html and "to the<br" not in html

    assert "<br>" in render_block("本規約は、次のとおり\n定めます。")
