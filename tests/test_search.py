"""Japanese search that lands on the article: real queries typed into Material's search box in Chromium, and
the index behind it (only provisions in force and upcoming)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import (
    CORPUS,
    SAMPLE,
    build_site,
    corpus_file,
    corpus_texts,
    serving,
    strip_foreign_front_matter,
)
from site_builder.loader import load_source
from site_builder.search import index_files, read_index, use_our_worker
from site_builder.search.units import editions

# (query, where the first result must land): the three stock Material finds nothing for come first
QUERIES = [
    ("利用状況データ", "cybozu-data-policy/#sec3"),
    ("CRM連携", "your-connect-terms/2026-03-01/#art14"),  # upcoming version, labelled 施行予定
    ("返金されない", "hasso-terms/#art6-p7"),  # inflected phrase, in the 項 that says it
    ("ユーザーサポート", "hasso-terms/#art13"),  # katakana
    ("解約", "hasso-terms/#art10"),  # two characters, heading above body
    ("返金", "hasso-terms/#art6-p7"),
    # two documents have the article: either is the article (ranking by the reader's document is #14's)
    ("準拠法", ("hasso-terms/#art25", "sample-service-terms/#art14")),
    ("免責", "hasso-terms/#art23"),  # two headings match: the closer one first
    ("秘密情報", "hasso-terms/#art19"),
    ("特定個人情報", "hasso-terms/#art21"),
    ("個人情報の取り扱い", "hasso-terms/#art20"),
    ("禁止事項", ("hasso-terms/#art18", "sample-service-terms/#art5")),
    ("製品改善", "hasso-terms/#art14"),
    ("提供地域", "hasso-terms/#art3"),
    ("委託", "hasso-terms/#art24"),
    ("お客様保有データ", "hasso-terms/#art22"),
    ("解約 返還", "hasso-terms/#art10-p3"),  # every space-separated term, in the 項 that has both
    ("ユーザーサポート　日本語", "hasso-terms/#art13-p3"),  # full-width space
    ("ＣＲＭ連携", "your-connect-terms/2026-03-01/#art14"),  # full-width letters
    ("操作ログ", "your-connect-terms/#art11-p1"),  # only the version in force says 操作ログ
    ("動作ログ", "your-connect-terms/2026-03-01/#art11-p1"),  # only the upcoming one says 動作ログ
    ("利用中止", "your-connect-terms/#art2"),  # in both: the version in force first
    ("甲の義務", "your-connect-terms/#art4"),
    ("再許諾不可", "your-connect-terms/#art1-p1"),
    ("入力データの取扱い", "cybozu-data-policy/#sec2"),
    ("本ポリシーの改定", "cybozu-data-policy/#sec4"),
]


def _locations(source_dir: Path, as_of: object) -> list[str]:
    source = load_source(source_dir)
    return [f"{e.url}#{u.anchor}" for d in source.documents for e in editions(d, as_of) for u in e.units]  # type: ignore[arg-type]


def test_index_has_only_what_is_in_force_and_upcoming() -> None:
    import datetime as dt

    locations = _locations(SAMPLE, dt.date(2026, 2, 15))
    assert "hasso-terms/#art13" in locations
    assert "your-connect-terms/#art11" in locations and "your-connect-terms/2026-03-01/#art14" in locations
    assert not any("/changes/" in loc or "history" in loc or "2024-04-01" in loc for loc in locations)
    assert len(locations) == len(set(locations))
    doc = next(d for d in load_source(SAMPLE).documents if d.slug == "your-connect-terms")
    upcoming = [e for e in editions(doc, dt.date(2026, 2, 15)) if e.upcoming]
    assert [e.label for e in upcoming] == ["（2026年3月1日施行予定）"]
    art14 = next(u for u in upcoming[0].units if u.anchor == "art14")
    assert art14.title == "第14条 (CRM連携機能に関する条件)"
    after = _locations(SAMPLE, dt.date(2026, 3, 1))
    assert "your-connect-terms/#art14" in after
    assert not any("2026-03-01/" in loc for loc in after)


def test_units_are_clean_text_with_the_offset_of_each_provision() -> None:
    import datetime as dt

    doc = next(d for d in load_source(SAMPLE).documents if d.slug == "hasso-terms")
    unit = next(u for u in editions(doc, dt.date(2026, 2, 15))[0].units if u.anchor == "art6")
    assert not any(mark in unit.text for mark in ("**", "](", "<br", "|"))
    assert unit.parts[0].anchor == "art6" and unit.parts[0].cite == "6"
    for part in unit.parts[1:]:
        # each provision's text starts at its offset: its printed number, or the text of its first block
        assert part.offset > 0 and part.parent >= 0
    paragraph = next(p for p in unit.parts if p.anchor == "art6-p2")
    assert paragraph.cite == "6/2" and unit.text[paragraph.offset:].startswith("2")


def test_the_build_fails_loudly_if_material_changes_its_worker_config() -> None:
    page = '<script id="__config">{"search": "../assets/javascripts/workers/search.2c215733.min.js"}</script>'
    assert '"search": "../assets/javascripts/terms-search-worker.js"' in use_our_worker(page, "x.md")
    assert '"search": "../assets/javascripts/terms-search-worker.js?doc=a-b"' in use_our_worker(page, "x.md", "a-b")
    with pytest.raises(ValueError, match="Material's search configuration has changed"):
        use_our_worker('<script id="__config">{"search_worker": "w.js"}</script>', "x.md")


def test_built_site_uses_our_index_and_worker(sample_site: Path) -> None:
    html = (sample_site / "hasso-terms" / "index.html").read_text(encoding="utf-8")
    # the reader's document goes to the worker, so that its results come first
    assert '"search": "../assets/javascripts/terms-search-worker.js?doc=hasso-terms"' in html
    assert '"search": "assets/javascripts/terms-search-worker.js"' in (sample_site / "index.html").read_text(encoding="utf-8")
    assert (sample_site / "assets" / "javascripts" / "terms-search-worker.js").is_file()
    # what every page load fetches is only the name of the index: nothing of the texts
    assert (sample_site / "search" / "search_index.json").stat().st_size < 400

    def load(name: str) -> object:
        return json.loads((sample_site / name).read_text(encoding="utf-8"))

    meta, shards = read_index(load)
    assert [d["slug"] for d, _ in shards] == ["cybozu-data-policy", "hasso-terms", "sample-service-terms",
                                              "sample-service-terms-en", "your-connect-terms"]
    # 47 articles, sections, 前文 and 附則, and the two closing 改定履歴 blocks; the bilingual sample's two
    # editions, 14 articles and a 前文 each
    assert sum(len(rows) for _, rows in shards) == 49 + 30
    variants = dict(meta["variants"])
    assert variants.get("取扱い") == "取り扱い" and variants.get("受付") == "受け付け"
    assert ["返金", "払い戻し", "払戻し", "返還", "キャッシュバック"] in meta["synonyms"]


def test_index_files_depend_only_on_the_source() -> None:
    import datetime as dt

    first = index_files(load_source(SAMPLE), dt.date(2026, 2, 15))
    again = index_files(load_source(SAMPLE), dt.date(2026, 2, 15), [["サブスク", "定期購入"]])
    assert [f.path for f in first][1:] != [f.path for f in again][1:]  # a site's own synonyms change the meta
    assert first == index_files(load_source(SAMPLE), dt.date(2026, 2, 15))
    assert ["サブスク", "定期購入"] in json.loads(again[1].content)["synonyms"]


@pytest.fixture(scope="module")
def search_page(sample_site: Path, browser: object) -> Iterator[object]:
    with serving(sample_site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        page.goto(f"{url}/hasso-terms/")
        page.locator("input.md-search__input").focus()
        yield page
        page.close()


def run_query(page: object, query: str) -> list[tuple[str, str]]:
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.fill("")
    box.press_sequentially(query)
    box.press("End")  # Material reacts to key events, as to the last keystroke of an IME
    meta = page.locator(".md-search-result__meta")  # type: ignore[attr-defined]
    meta.filter(has_not_text="入力してください").wait_for()
    links = page.locator("li.md-search-result__item > a.md-search-result__link:first-child")  # type: ignore[attr-defined]
    page.wait_for_timeout(150)  # type: ignore[attr-defined]
    # where the result lands: page and anchor (the ?hl= words to highlight aside)
    hrefs = [urlsplit(links.nth(i).get_attribute("href") or "") for i in range(min(3, links.count()))]
    return [(f"{h.path}#{h.fragment}", links.nth(i).locator("h1").inner_text()) for i, h in enumerate(hrefs)]


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_lands_on_the_article(search_page: object, query: str, expected: str | tuple[str, ...]) -> None:
    results = run_query(search_page, query)
    assert results, f"no result for {query!r}"
    href, title = results[0]
    assert href.endswith(tuple("/" + e for e in ((expected,) if isinstance(expected, str) else expected))), results
    assert title.startswith(("第", "1 ", "2 ", "3 ", "4 ")), title  # the article's heading is the title


def test_matches_are_highlighted(search_page: object) -> None:
    run_query(search_page, "返金されない")
    marks = search_page.locator("li.md-search-result__item mark")  # type: ignore[attr-defined]
    assert marks.count() >= 1 and marks.first.inner_text() == "返金されない"


def test_no_match_shows_the_empty_state(search_page: object) -> None:
    box = search_page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.fill("")
    box.press_sequentially("存在しない語句")
    box.press("End")
    meta = search_page.locator(".md-search-result__meta")  # type: ignore[attr-defined]
    meta.filter(has_text="何も見つかりませんでした").wait_for()
    assert search_page.locator("li.md-search-result__item").count() == 0  # type: ignore[attr-defined]


# ------------------------------------------------------------------------------------------------------------
# Queries as people type them (#14): spellings the text does not use, several terms, synonyms, article numbers,
# the document's name, typos.  (query, the page the reader is on, where the first result must land, what the
# result's document line must say, or "")
READER_QUERIES = [
    # okurigana from the dictionary: the text writes 取扱い / 取り扱い
    ("入力データの取り扱い", "/hasso-terms/", "cybozu-data-policy/#sec2", ""),
    ("個人情報の取扱い", "/hasso-terms/", "hasso-terms/#art20", ""),
    # kanji and Arabic numerals, with and without 第
    ("第二十条", "/hasso-terms/", "hasso-terms/#art20", ""),
    ("20条", "/hasso-terms/", "hasso-terms/#art20", ""),
    ("第14条第2項", "/hasso-terms/", "hasso-terms/#art14-p2", ""),
    # the reader's own document first
    ("第14条", "/sample-service-terms/", "sample-service-terms/#art14", ""),
    # (the version in force has no 第14条: the upcoming one's)
    ("第14条", "/your-connect-terms/", "your-connect-terms/2026-03-01/#art14", ""),
    ("第11条", "/your-connect-terms/", "your-connect-terms/#art11", ""),
    ("準拠法", "/sample-service-terms/", "sample-service-terms/#art14", ""),
    # long vowel marks, small kana, full width
    ("ユーザサポート", "/hasso-terms/", "hasso-terms/#art13", ""),
    ("ﾕｰｻﾞｰｻﾎﾟｰﾄ", "/hasso-terms/", "hasso-terms/#art13", ""),
    # a word the text does not use: the synonym, in the 項 that says it
    ("払い戻し", "/hasso-terms/", "hasso-terms/#art6-p7", ""),
    ("退会", "/hasso-terms/", "hasso-terms/#art10", ""),
    # every term, one of them by a synonym
    ("払い戻し 利用料金", "/hasso-terms/", "hasso-terms/#art6-p7", ""),
    # the document's name and a term
    ("Hasso 解約", "/", "hasso-terms/#art10", ""),
    ("クラウドデータポリシー 利用状況データ", "/", "cybozu-data-policy/#sec3", ""),
    # not every term matches: the ones that match most, marked as such
    ("解約 存在しない語句", "/hasso-terms/", "hasso-terms/#art10", "一部の語に一致"),
    # a typo of one character: close spellings, marked as such
    ("ユーザーサボート", "/hasso-terms/", "hasso-terms/#art13", "近い表記"),
    ("準拠峰", "/hasso-terms/", "hasso-terms/#art25", "近い表記"),
]


def search_from(page: object, base: str, where: str, query: str) -> list[tuple[str, str, str]]:
    """(landing, heading, document line) of the first results, typed on the page `where`."""
    if urlsplit(page.url).path != where:  # type: ignore[attr-defined]
        page.goto(base + where)  # type: ignore[attr-defined]
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.focus()
    box.fill("")
    box.press_sequentially(query)
    box.press("End")
    page.locator(".md-search-result__meta").filter(has_not_text="入力してください").wait_for()  # type: ignore[attr-defined]
    page.wait_for_timeout(200)  # type: ignore[attr-defined]
    items = page.locator("li.md-search-result__item")  # type: ignore[attr-defined]
    out = []
    for i in range(min(3, items.count())):
        # Material's card: the provision as its heading (h1), then the document line (h2) and the snippet
        links = items.nth(i).locator("a.md-search-result__link")
        h = urlsplit(links.first.get_attribute("href") or "")
        doc_line = links.last.locator("h2")
        out.append((f"{h.path}#{h.fragment}", links.first.locator("h1").inner_text(),
                    doc_line.inner_text() if doc_line.count() else ""))
    return out


def assert_lands(page: object, url: str, where: str, query: str, expected: str, note: str) -> None:
    """The first result of `query`, typed on the page `where`, lands on `expected`; its document line carries
    `note` (「一部の語に一致」, 「近い表記」), or neither when `note` is empty."""
    results = search_from(page, url, where, query)
    assert results, f"no result for {query!r}"
    landing, _, doc_line = results[0]
    assert landing.endswith("/" + expected), results
    assert (note in doc_line) if note else ("一部の語に一致" not in doc_line and "近い表記" not in doc_line), results


def _page_on(site: Path, browser: object) -> Iterator[tuple[object, str]]:
    """A 1280 px page in the run's browser, and the address the site is served at."""
    with serving(site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        yield page, url
        page.close()


@pytest.fixture(scope="module")
def browser_page(sample_site: Path, browser: object) -> Iterator[tuple[object, str]]:
    yield from _page_on(sample_site, browser)


@pytest.mark.parametrize(("query", "where", "expected", "note"), READER_QUERIES,
                         ids=[f"{q}@{w}" for q, w, _, _ in READER_QUERIES])
def test_queries_as_readers_type_them(browser_page: tuple[object, str], query: str, where: str, expected: str,
                                      note: str) -> None:
    assert_lands(*browser_page, where, query, expected, note)


def test_exact_matches_rank_above_close_spellings(browser_page: tuple[object, str]) -> None:
    page, url = browser_page
    results = search_from(page, url, "/hasso-terms/", "解約 存在しない語句")
    assert all("一部の語に一致" in line for _, _, line in results), results
    # a term spelt right finds only itself: no close spellings of it are added
    exact = search_from(page, url, "/hasso-terms/", "準拠法")
    assert exact and not any("近い表記" in line for _, _, line in exact), exact


def test_the_count_is_the_real_count(browser_page: tuple[object, str]) -> None:
    import datetime as dt

    page, url = browser_page
    search_from(page, url, "/hasso-terms/", "サービス")
    meta = page.locator(".md-search-result__meta").inner_text()  # type: ignore[attr-defined]
    count = int(re.sub(r"\D", "", meta))
    # every unit that says it, and the document whose name has it; Material used to stop at 50
    sample = load_source(SAMPLE)
    units = [u for d in sample.documents for e in editions(d, dt.date(2026, 2, 15)) for u in e.units]
    named = [d for d in sample.documents if "サービス" in d.title]
    expected = sum(1 for u in units if "サービス" in u.text or "サービス" in u.title) + len(named)
    assert expected > 50 and count == expected, meta


def test_nothing_is_downloaded_before_search_and_the_landing_is_highlighted(sample_site: Path, browser: object) -> None:
    with serving(sample_site) as url:
        page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
        fetched: list[str] = []
        page.on("request", lambda r: fetched.append(r.url))
        page.goto(f"{url}/hasso-terms/")
        page.wait_for_load_state("networkidle")
        assert not [u for u in fetched if "/search/terms/" in u], fetched
        # on a phone the search box is behind the icon
        page.locator("label.md-search__icon, label[for='__search']").first.click()
        box = page.locator("input.md-search__input")
        # an IME commits its text with no keyup; a paste from a menu neither: the input event must search
        box.evaluate("(el, q) => { el.value = q; el.dispatchEvent(new InputEvent('input', {bubbles: true})); }", "払い戻し")
        first = page.locator("li.md-search-result__item a.md-search-result__link").first
        first.wait_for()
        shards = [u for u in fetched if "/search/terms/" in u]
        # the meta, the pair shards the query's characters need, and the texts of the documents shown
        assert "/meta." in shards[0] and any("/pairs" in u for u in shards), shards
        assert any("/hasso-terms." in u for u in shards) and not any("/cybozu-data-policy." in u for u in shards), shards
        first.click()
        page.wait_for_url("**/hasso-terms/**#art6-p7")
        hits = page.locator("#art6-p7 mark.terms-hit")
        hits.first.wait_for()
        assert hits.first.inner_text() == "返金"
        box_ = hits.first.bounding_box()
        assert box_ is not None and 0 <= box_["y"] <= 844  # scrolled to it
        page.close()


def test_the_pair_index_finds_every_unit_of_every_corpus_text_by_its_own_words(tmp_path: Path) -> None:
    """Every folder of the corpus, the latest version of each a document: any piece of a unit's text, folded as
    a query is, finds that unit through the pair index (the index and the query agree)."""
    import datetime as dt
    import random

    from site_builder.search import fold, postings
    from site_builder.search.files import read_index

    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        versions = [p for p in corpus_texts() if p.parent == folder]
        doc = tmp_path / "src" / folder.name
        doc.mkdir(parents=True)
        (doc / "document.yml").write_text(f"title: {folder.name}\nlang: ja\n", encoding="utf-8")
        body = strip_foreign_front_matter(versions[-1].read_text(encoding="utf-8", errors="replace"))
        (doc / "2024-01-01.md").write_text(f"---\neffective: 2024-01-01\n---\n{body}", encoding="utf-8")
    files = {f.path: json.loads(f.content) for f in index_files(load_source(tmp_path / "src"), dt.date(2026, 1, 1))}
    meta, docs = read_index(files.__getitem__)
    assert len(docs) == len([p for p in CORPUS.iterdir() if p.is_dir()])
    table = fold.Table.of([tuple(v) for v in meta["variants"]])
    shards = [files["search/terms/" + name] for name in meta["pairs"]]
    rng = random.Random(14)
    number = 0
    for _, rows in docs:
        for row in rows:
            text = row[3]
            for _ in range(3):
                k = rng.randrange(max(1, len(text) - 8))
                piece = fold.fold(text[k : k + rng.choice((2, 4, 8))], table)
                if len(piece) < 2 or piece not in fold.fold(text, table):
                    continue  # a piece cut inside a variant folds differently alone; the worker checks the text
                found: set[int] | None = None
                for pair in postings.pairs(piece):
                    ids = set(postings.decode(shards[postings.shard_of(pair, len(shards))].get(pair, "")))
                    found = ids if found is None else found & ids
                assert found is not None and number in found, (row[1], piece)
            number += 1
    assert number > 300  # the corpus has 369 units in its latest versions


def _corpus_source(root: Path) -> Path:
    """Four real texts as a site's source: a statute, the constitution, a privacy policy and shop terms."""
    docs = {
        "gyosei-tetsuzuki-ho": ("行政手続法", "gyosei-tetsuzuki-ho/*20240401*.derived.txt", "2024-04-01"),
        "kenpo": ("日本国憲法", "kenpo/kenpo_01_*.md", "1947-05-03"),
        "pyconjp-privacy": ("PyCon JP プライバシーポリシー", "pyconjp-privacy/pyconjp-privacy_05_*.md", "2026-03-14"),
        "eccube": ("EC-CUBE ご利用規約", "eccube/ec-cube2_2014-*.md", "2014-10-09"),
    }
    for slug, (title, pattern, effective) in docs.items():
        folder = root / slug
        folder.mkdir(parents=True)
        (folder / "document.yml").write_text(f"title: {title}\nlang: ja\n", encoding="utf-8")
        body = strip_foreign_front_matter(corpus_file(pattern).read_text(encoding="utf-8"))
        (folder / f"{effective}.md").write_text(f"---\neffective: {effective}\n---\n{body}", encoding="utf-8")
    return root


CORPUS_QUERIES = [
    ("聴聞の通知", "/gyosei-tetsuzuki-ho/", "gyosei-tetsuzuki-ho/#art15", ""),
    ("第十五条", "/gyosei-tetsuzuki-ho/", "gyosei-tetsuzuki-ho/#art15", ""),
    ("15条1項", "/gyosei-tetsuzuki-ho/", "gyosei-tetsuzuki-ho/#art15-p1", ""),
    ("第15条", "/kenpo/", "kenpo/#art15", ""),  # the reader's document first
    ("行政手続法 審査基準", "/", "gyosei-tetsuzuki-ho/#art5", ""),
    ("表現の自由", "/kenpo/", "kenpo/#art21-p1", ""),
    ("9条2項", "/kenpo/", "kenpo/#art9-p2", ""),
    ("検閲", "/kenpo/", "kenpo/#art21-p2", ""),
    ("基本的人件", "/kenpo/", "kenpo/#art11-p1", "近い表記"),
    ("クッキーの取り扱い", "/pyconjp-privacy/", "pyconjp-privacy/#sec6", ""),
    ("問合せ窓口", "/pyconjp-privacy/", "pyconjp-privacy/#sec7", ""),
    ("パーソナルデータ 第三者提供", "/pyconjp-privacy/", "pyconjp-privacy/#sec3", ""),
    ("入会申込み", "/eccube/", "eccube/#art2-p1", ""),  # the text also writes 申し込み
]


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory: pytest.TempPathFactory, browser: object) -> Iterator[tuple[object, str]]:
    root = tmp_path_factory.mktemp("corpus-search")
    yield from _page_on(build_site(root / "build", _corpus_source(root / "src"), "2026-12-01", strict=False), browser)


@pytest.mark.parametrize(("query", "where", "expected", "note"), CORPUS_QUERIES,
                         ids=[f"{q}@{w}" for q, w, _, _ in CORPUS_QUERIES])
def test_queries_on_real_texts(corpus_page: tuple[object, str], query: str, where: str, expected: str,
                               note: str) -> None:
    assert_lands(*corpus_page, where, query, expected, note)


def test_the_worker_folds_text_as_the_index_does(browser: object) -> None:
    """The index is keyed by site_builder/search/fold.py's fold, the query by the worker's: they must agree on
    every text, or a query misses what the index holds."""
    import datetime as dt

    from site_builder.search import fold, variants

    texts = [u.text for d in load_source(SAMPLE).documents for e in editions(d, dt.date(2026, 2, 15)) for u in e.units]
    for path in corpus_texts():  # every version of every real text
        texts += path.read_text(encoding="utf-8", errors="replace").split("\n")
    texts += ["ｶﾞｲﾄﾞﾗｲﾝ ﾊﾟｽﾜｰﾄﾞ", "ヴァイオリン ヴィ ヴ", "第二十一条 一〇 三百万円 二〇二四年", "Cookie の取扱い",
              "ＣＲＭ連携　１２３", "絵文字😀と𠮷野家", "サーバー・ユーザー", "ティ テイ 3ヶ月 3か月 3カ月", "①②㈱㎡"]
    pairs = variants.table(texts)
    table = fold.Table.of(pairs)
    expected = [fold.fold(t, table) for t in texts]
    worker = (Path(__file__).resolve().parent.parent / "site_builder" / "theme" / "assets" / "javascripts"
              / "terms-search-worker.js").read_text(encoding="utf-8")
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.set_content("<!doctype html><title>fold</title>")
        page.add_script_tag(content=worker)
        got = page.evaluate("([pairs, texts]) => { buildTable(pairs); return texts.map(t => fold(t).s); }",
                            [pairs, texts])
    finally:
        page.close()
    differ = [(t, e, g) for t, e, g in zip(texts, expected, got, strict=True) if e != g]
    assert not differ, differ[:5]
    assert fold.fold("受付け", table) == fold.fold("受け付け", table) == fold.fold("受付", table)
    assert fold.fold("第十四条") == "第14条" and fold.fold("サーバー") == fold.fold("サーバ")


def test_a_long_text_without_a_full_stop_is_analysed_in_pieces() -> None:
    """The dictionary's analyser refuses more than 49,149 bytes at a time: a 60,000-character list with no 。
    must not take the build down, and its words still get their spellings."""
    from site_builder.search import variants

    long = "、".join(["受付の期間"] * 12_000)
    assert ("受付", "受け付け") in variants.table([long])
