"""Cross references and defined terms: every form on real text (行政手続法 is full of them), the Hasso links a
reader follows, and the lint for references to provisions a version lacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CORPUS, SAMPLE, corpus_file, corpus_texts, page, strip_foreign_front_matter
from site_builder.cli import main
from site_builder.definitions import find_definitions
from site_builder.parser import parse
from site_builder.refs import RefIndex, find_refs


def refs_in(parsed_text: str, anchor: str) -> list[tuple[str, str | None]]:
    parsed = parse(parsed_text)
    index = RefIndex.of(parsed)
    p = next(x for x in parsed.walk() if x.anchor == anchor)
    return [(r.text, r.anchor) for b in p.blocks for r in find_refs(b.text, p.anchor, index)]


@pytest.fixture(scope="module")
def law() -> str:
    return corpus_file("gyosei-tetsuzuki-ho/*20180401*.derived.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        # 第1項各号 / 前項各号 / 前条第七号 (前条 from 第3条 is 第2条)
        ("art3-p3", [("第一項各号", "art3-p1"), ("前項各号", "art3-p2"), ("前条第七号", "art2-p1-i7")]),
        # 同条 follows 前条: 「前条第一項…同条第三項」 is 第15条第3項
        ("art16-p1", [("前条第一項", "art15-p1"), ("同条第三項", "art15-p3")]),
        # a range 「前条第二項から第四項まで」, 前項 from where it stands, 同条 again
        ("art17-p3", [("前条第二項", "art16-p2"), ("第四項", "art16-p4"), ("前項", "art17-p2"),
                      ("同条第二項", "art16-p2"), ("第四項", "art16-p4")]),
        # an absolute 第十五条第三項
        ("art22-p3", [("第十五条第三項", "art15-p3"), ("前項", "art22-p2"), ("同条第三項", "art15-p3")]),
        # 同項第三号又は第四号: the second number continues the first
        ("art15-p3", [("第一項", "art15-p1"), ("同項第三号", "art15-p1-i3"), ("第四号", "art15-p1-i4"),
                      ("同項各号", "art15-p1")]),
        # 第十九条 from 第十七条; 次条 — 第三十六条の二 is a branch article
        ("art17-p1", [("第十九条", "art19"), ("同条第二項第六号", "art19-p2-i6")]),
    ],
)
def test_reference_forms_in_the_statute(law: str, anchor: str, expected: list[tuple[str, str | None]]) -> None:
    assert refs_in(law, anchor) == expected


def test_branch_articles_next_article_and_foreign_laws(law: str) -> None:
    parsed = parse(law)
    index = RefIndex.of(parsed)
    assert index.neighbour("art36", 1) == "art36_2" and index.neighbour("art36_2", 1) == "art36_3"
    text = ("第三十六条の二の規定は、次条の場合に準用する。"
            "民法第五百四十八条の四及び内閣府設置法第三十七条若しくは第五十四条を除く。")
    found = [(r.text, r.anchor) for r in find_refs(text, "art36-p1", index)]
    assert found == [("第三十六条の二", "art36_2"), ("次条", "art36_2")]


def test_simple_forms() -> None:
    text = ("第1条（目的）\n本文。\n第2条（定義）\n1. 用語は次のとおり。\n 1. 一号\n 2. 二号\n 3. 前各号のほか\n"
            "2. 前項の規定は、第1項第3号及び本条第1項に適用する。\n3. 同項の規定は第4条から第6条までに適用する。\n"
            "第4条（甲）\n本文。\n第5条（乙）\n本文。\n第6条（丙）\n前条に従う。\n")
    assert refs_in(text, "art2-p1-i3") == [("前各号", "art2-p1")]
    assert refs_in(text, "art2-p2") == [("前項", "art2-p1"), ("第1項第3号", "art2-p1-i3"), ("本条第1項", "art2-p1")]
    assert refs_in(text, "art2-p3") == [("第4条", "art4"), ("第6条", "art6")]  # 同項 names nothing here
    assert refs_in(text, "art6-p1") == [("前条", "art5")]


def test_references_to_other_documents_are_not_ours() -> None:
    text = "第35条（変更）\n乙は、本契約本文の第35条にかかわらず、民法第548条の4に従い変更する。\n"
    assert refs_in(text, "art35-p1") == []


def test_hasso_links(sample_site: Path) -> None:
    soup = page(sample_site, "hasso-terms/")

    def hrefs(anchor: str) -> list[tuple[str, str]]:
        return [(a.get_text(), a["href"]) for a in soup.select(f"#{anchor} a.terms-ref")]

    assert ("第10条", "#art10") in hrefs("art5-p3-i1")
    assert hrefs("art6-p4") == [("前項", "#art6-p3")]
    assert ("前項", "#art9-p1") in hrefs("art9-p2")
    assert ("前項", "#art17-p1") in hrefs("art17-p2")
    assert hrefs("art10-p3") == [("本条第1項", "#art10-p1"), ("第2項", "#art10-p2")]
    assert soup.select_one("#art10-p3").get_text("").count("本条第1項および第2項") == 1


def test_your_connect_does_not_link_the_contract_body(sample_site: Path) -> None:
    soup = page(sample_site, "your-connect-terms/2026-03-01/")
    texts = [a.get_text() for a in soup.select("a.terms-ref")]
    assert "第35条" not in texts and "第16条" not in texts  # 本契約本文の第35条, 本契約本文の第16条
    assert ("第4条", "#art4") in [(a.get_text(), a["href"]) for a in soup.select("#art3-p1-i2 a.terms-ref")]


def test_hasso_defined_terms(sample_site: Path) -> None:
    from site_builder.loader import load_source

    version = load_source(SAMPLE).documents[1].versions[0]
    glossary = find_definitions(version.parsed)
    data = glossary.get("お客様保有データ")
    assert data is not None and data.anchor == "art1-p1-i3"
    assert data.text.startswith("お客様が本サービスの利用に際して本設備用サーバーに登録")
    terms = {d.term for d in glossary.terms}
    assert {"利用契約", "サービスパートナー", "外部サービス", "外部サービス保有データ", "オプション"} <= terms
    soup = page(sample_site, "hasso-terms/")
    use = soup.select_one('#art22-p1 a.terms-defined[href="#art1-p1-i3"]')
    assert use is not None and use.get_text() == "お客様保有データ"
    # its definition: once in the page's glossary, named by aria-describedby
    definition = soup.select_one(f'.terms-glossary[hidden] > span#{use["aria-describedby"]}')
    assert definition is not None
    assert definition.get_text().startswith("「お客様保有データ」: お客様が本サービスの利用に際して")
    assert len(soup.select(".terms-glossary > span")) == len(glossary.terms)
    assert soup.select("#art1-p1-i3 a.terms-defined[href='#art1-p1-i3']") == []  # not inside its own definition


def test_per_clause_history_links_to_the_comparison_row(sample_site: Path) -> None:
    soup = page(sample_site, "your-connect-terms/2026-03-01/")
    history = soup.select_one("#art5").find_next("details", class_="terms-clause-history")
    links = [(a.get_text(), a["href"]) for a in history.select("a")]
    assert links == [("2026年3月1日施行の改定（変更）", "../2026-03-01/changes/#art5")]
    changes = page(sample_site, "your-connect-terms/2026-03-01/changes/")
    row = changes.select_one("#art5").find_parent("tr")
    # the article's own row, then its changed 項 in rows of their own
    assert row.select_one("a.cmp-link").get_text().startswith("第5条")
    assert changes.select_one("#art5-p4").find_parent("tr")["class"][:2] == ["cmp-row", "cmp-changed"]
    # the link an earlier build published still lands on the same row
    assert changes.select_one("#cmp-art5").find_parent("tr") is row


def test_check_warns_about_references_to_missing_provisions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "src"
    (root / "doc").mkdir(parents=True)
    (root / "doc" / "document.yml").write_text("title: 規約\n", encoding="utf-8")
    (root / "doc" / "2026-03-01.md").write_text(
        "---\neffective: 2026-03-01\n---\n第1条（目的）\n第9条に定める場合を除き、民法第548条の4に従う。\n", encoding="utf-8"
    )
    assert main(["check", str(root)]) == 0
    out = capsys.readouterr().out
    assert "2026-03-01.md:5: warning: 第9条 is cited but this version has no such provision" in out
    assert "548" not in out


def test_no_false_reference_warnings_on_the_real_texts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE)]) == 0
    assert "is cited" not in capsys.readouterr().out
    from site_builder.refs import dangling

    for pattern in ("gyosei-tetsuzuki-ho/*2018*.derived.txt", "gyosei-tetsuzuki-ho/*2024*.derived.txt",
                    "appi-seirei/*20260731*.md", "eccube/ec-cube2_2014-10-09_*.md"):
        assert dangling(parse(corpus_file(pattern).read_text(encoding="utf-8"))) == [], pattern


def test_editing_a_later_version_leaves_earlier_version_pages_unchanged(tmp_path: Path) -> None:
    """A version page shows its own text and its own past: saving the next version must not change it (so that
    mkdocs serve --dirty rebuilds only the pages a save affects)."""
    import datetime as dt
    import shutil

    from site_builder.loader import load_source
    from site_builder.render import render_site

    root = tmp_path / "src"
    shutil.copytree(SAMPLE, root)
    before = {p.path: p.markdown for p in render_site(load_source(root), dt.date(2026, 2, 15))}
    new = root / "your-connect-terms" / "2026-03-01.md"
    new.write_text(new.read_text(encoding="utf-8").replace("30日前までに", "60日前までに"), encoding="utf-8")
    after = {p.path: p.markdown for p in render_site(load_source(root), dt.date(2026, 2, 15))}
    changed = sorted(path for path in before if before[path] != after[path])
    # the feeds carry summaries and counts, which this edit leaves as they were
    # (and the API files that carry its text and its counts)
    assert changed == ["api/v1/your-connect-terms/2026-03-01.json", "api/v1/your-connect-terms/index.json",
                       "your-connect-terms/2026-03-01/changes/index.md", "your-connect-terms/2026-03-01/index.md"]
    assert "terms-clause-history" not in after["your-connect-terms/2024-04-01/index.md"]  # nothing before it


def test_articles_of_a_treaty_are_not_ours() -> None:
    """The CC BY 4.0 日本語訳 cites 「WIPO著作権条約第11条」: a treaty's article, not this text's 第11条."""
    text = "第1条（定義）\n本文。\n第11条（雑則）\nWIPO著作権条約第11条および国際協定第2条に基づき、第1条を適用する。\n"
    assert refs_in(text, "art11-p1") == [("第1条", "art1")]


@pytest.mark.parametrize(("text", "term", "definition"), [
    # as real terms write them: the abbreviation names the phrase before its parenthesis
    ("この利用規約（以下、「本規約」という）は、…", "本規約", "この利用規約"),
    ("株式会社インターコム（以下、「インターコム」という）が「Hasso」として提供するサービス（以下、「本サービス」という）に関する",
     "本サービス", "株式会社インターコムが「Hasso」として提供するサービス"),
    ("- (4) CRMサービスとの連携（以下、「CRM連携機能」といいます）", "CRM連携機能", "CRMサービスとの連携"),
    ("個人情報の保護に関する法律（以下「個人情報保護法」といいます。）に準拠", "個人情報保護法", "個人情報の保護に関する法律"),
    # an enumeration is named whole (pyconjp-privacy)
    ("一般社団法人PyCon JP Association（以下、「当法人」といいます。）は、当法人が主催するイベント参加者、登壇者、"
     "運営ボランティアスタッフ、および協賛企業の関係者等（以下、「参加者等」といいます。）の個人情報", "参加者等",
     "当法人が主催するイベント参加者、登壇者、運営ボランティアスタッフ、および協賛企業の関係者等"),
    ("当法人が主催するイベントの参加者（以下併せて「参加者等」と総称します。）の", "参加者等",
     "当法人が主催するイベントの参加者"),
    # named together: the enumeration whole (your-connect 第1条第1項(3))
    ("- (3) 音声テキスト化、要約機能（総称して以下、「AI要約機能」といいます。）", "AI要約機能", "音声テキスト化、要約機能"),
])
def test_parenthetical_abbreviations_are_defined_terms(text: str, term: str, definition: str) -> None:
    from site_builder.parser import parse

    glossary = find_definitions(parse(f"第1条（定義）\n{text}\n\n第2条（利用）\n{term}を利用します。\n"))
    found = glossary.get(term)
    assert found is not None and found.anchor.startswith("art1"), [d.term for d in glossary.terms]
    assert found.text == definition


def test_abbreviations_link_on_the_page(sample_site: Path) -> None:
    """Two of the three Japanese samples define terms only by abbreviation: their uses now show the definition."""
    soup = page(sample_site, "cybozu-data-policy/")
    uses = soup.select("a.terms-defined")
    assert uses and all(soup.select_one(f'span#{u["aria-describedby"]}').get_text().startswith("「") for u in uses)
    yc = page(sample_site, "your-connect-terms/")
    assert any(u.get_text() == "CRMサービス事業者" or u.get_text() == "本契約本文" for u in yc.select("a.terms-defined"))


@pytest.mark.parametrize("folder", sorted(p.name for p in CORPUS.iterdir() if p.is_dir()))
def test_abbreviations_in_every_corpus_text_name_a_phrase(folder: str) -> None:
    """Every real text: what an abbreviation is said to name is a phrase of the text, without the parenthesis
    itself, and not the tail of an enumeration or a bare particle."""
    from site_builder.definitions import _IKA

    for path in corpus_texts(folder):
        text = strip_foreign_front_matter(path.read_text(encoding="utf-8", errors="replace"))
        abbreviations = {m.group("term") for m in _IKA.finditer(text)}
        for d in find_definitions(parse(text)).terms:
            if d.term not in abbreviations or d.text.startswith("とは"):
                continue
            assert "（以下" not in d.text and "(以下" not in d.text and "「" + d.term + "」" not in d.text, (path.name, d)
            assert not re.match(r"(?:および|及び|並びに|又は|または|その他|[はがをにの、。])", d.text), (path.name, d)
