"""What a reader does in a real browser (headless Debian Chromium): follow a link to a clause, reach a
permalink with the keyboard.  Skipped, with the reason, where Chromium or Playwright is missing; CI installs both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import need_chromium, serving


@pytest.fixture(autouse=True)
def _chromium() -> None:
    need_chromium()


@pytest.fixture(scope="module")
def server(sample_site: Path) -> Iterator[str]:
    with serving(sample_site) as url:
        yield url


def test_link_to_a_clause_lands_on_it_highlighted(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/hasso-terms/#art14-p2")
    target = page.locator("#art14-p2")
    assert "お客様情報を用いて" in target.inner_text()
    assert page.evaluate("document.querySelector(':target').id") == "art14-p2"
    # highlighted: the :target rule draws an outline that its neighbour does not have
    assert target.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert page.locator("#art14-p1").evaluate("e => getComputedStyle(e).outlineStyle") == "none"
    # and it is in view
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    page.close()


def test_permalinks_are_quiet_until_wanted_and_one_tab_stop_each(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/hasso-terms/")
    link = page.locator('#art5-p3-i1 > a[aria-label]')
    assert link.get_attribute("aria-label") == "第5条第3項第1号"
    # the printed number is the link, in the text's colour; the ¶ in the gutter is drawn on the same link
    assert link.inner_text() == "①"
    assert link.evaluate("e => getComputedStyle(e).color") == page.locator("#art5-p3-i1 > p").evaluate(
        "e => getComputedStyle(e).color")
    pilcrow = "e => getComputedStyle(e, '::before')"
    assert link.evaluate(pilcrow + ".content") == '"¶"'
    # quiet: not shown until its provision is hovered or focused
    assert link.evaluate(pilcrow + ".opacity") == "0"
    page.locator("#art5-p3-i1 > p").hover()
    assert link.evaluate(pilcrow + ".opacity") == "1"
    # in a light grey, not the link colour
    assert link.evaluate(pilcrow + ".color") != page.locator("#art5-p3-i1 a.terms-ref").first.evaluate(
        "e => getComputedStyle(e).color")
    # the ¶ is where a pointer finds the link: the gutter left of the number
    hit = link.evaluate("""e => { const b = e.parentElement.getBoundingClientRect(), s = getComputedStyle(e, '::before');
        const x = b.left + e.parentElement.clientLeft + parseFloat(s.left) + parseFloat(s.width) / 2;
        const y = b.top + parseFloat(s.top) + 8;
        return [x < e.getBoundingClientRect().left, document.elementFromPoint(x, y) === e]; }""")
    assert hit == [True, True]
    page.mouse.move(0, 0)
    link.focus()
    assert link.evaluate(pilcrow + ".opacity") == "1"
    page.keyboard.press("Enter")
    assert page.url.endswith("/hasso-terms/#art5-p3-i1")
    # one control per provision: its permalink is its only focusable element outside its text
    counts = page.evaluate("""() => [...document.querySelectorAll('.terms-paragraph[id], .terms-item[id], .terms-subitem[id]')]
        .map(p => p.querySelectorAll(':scope > a, :scope > button').length)""")
    assert len(counts) > 100 and set(counts) == {1}
    assert page.locator("button.terms-copy").count() == 0
    # Tab from 第5条第3項's permalink: the links in its text, then 第5条第3項第1号's permalink
    page.locator('#art5-p3 > a[aria-label]').focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('div[id] > a[aria-label]')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#art5-p3-i1"
    page.close()


def test_a_printed_version_shows_each_number_and_no_pilcrow(server: str, browser: object, tmp_path: Path) -> None:
    """On paper the permalink is its printed number (１, (1), 2項.) and the ¶ drawn in the gutter is gone."""
    from pdfminer.high_level import extract_text

    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/your-connect-terms/2024-04-01/")
    page.emulate_media(media="print")
    link = page.locator("#art1-p1 > a[aria-label]")
    assert link.evaluate("e => getComputedStyle(e, '::before').display") == "none"
    pdf = tmp_path / "version.pdf"
    pdf.write_bytes(page.pdf())
    text = extract_text(str(pdf))
    assert "¶" not in text
    assert "1. Your Connectサービスは、お客様" in " ".join(text.split())
    page.close()


def test_permalinks_are_44px_tap_targets_on_a_phone(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)  # type: ignore[attr-defined]
    page.goto(f"{server}/hasso-terms/")
    # the target is the ¶ drawn before the number (::before, placed in its provision's box); a tap at its centre
    # must reach the link
    boxes = page.evaluate("""() => [...document.querySelectorAll('div[id] > a[aria-label]')].map(a => {
        const b = a.parentElement.getBoundingClientRect(), s = getComputedStyle(a, '::before');
        const left = b.left + a.parentElement.clientLeft + parseFloat(s.left), top = b.top + parseFloat(s.top) + scrollY;
        const w = parseFloat(s.width), h = parseFloat(s.height);
        a.scrollIntoView({block: "center"});
        const c = a.parentElement.getBoundingClientRect();
        const hit = document.elementFromPoint(c.left + a.parentElement.clientLeft + parseFloat(s.left) + w / 2,
            c.top + parseFloat(s.top) + h / 2) === a;
        return [left, top, w, h, s.opacity, hit]; })""")
    assert len(boxes) > 100
    assert all(w >= 44 and h >= 44 and o == "1" and left >= 0 for left, _, w, h, o, _hit in boxes), boxes[:3]
    assert all(hit for *_, hit in boxes), [b for b in boxes if not b[5]][:3]
    # no two targets overlap
    rects = sorted(boxes, key=lambda b: b[1])
    for (l1, t1, w1, h1, *_), (l2, t2, w2, *_) in zip(rects, rects[1:], strict=False):
        assert not (t2 < t1 + h1 - 0.5 and l2 < l1 + w1 and l1 < l2 + w2), ((l1, t1), (l2, t2))
    # the 目次's and the article history's controls are 44 px tall too
    assert page.locator(".terms-toc summary").bounding_box()["height"] >= 44
    page.close()


def test_phone_width_has_no_sideways_scroll(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    page.goto(f"{server}/hasso-terms/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.close()


# --- 新旧対照表 ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def notation_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site with いかすきー 05 → 06, whose only changes are 第一条 → 第1条 (notation)."""
    from conftest import build_site, corpus_file, strip_foreign_front_matter

    root = tmp_path_factory.mktemp("notation") / "src"
    (root / "ikaskey").mkdir(parents=True)
    (root / "ikaskey" / "document.yml").write_text("title: いかすきー利用規約\n", encoding="utf-8")
    for name, date in (("terms_05_*.md", "2023-07-06"), ("terms_06_*.md", "2023-07-07")):
        text = strip_foreign_front_matter(corpus_file(f"ikaskey/{name}").read_text(encoding="utf-8"))
        (root / "ikaskey" / f"{date}.md").write_text(f"---\neffective: {date}\n---\n{text}", encoding="utf-8")
    site = build_site(root.parent / "build", root, "2024-01-01", strict=False)
    with serving(site) as url:
        yield url


CHANGES = "/your-connect-terms/2026-03-01/changes/"


def test_comparison_stacks_old_above_new_at_phone_width(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    page.goto(server + CHANGES)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    row = page.locator("table.terms-compare-table > tbody > tr.cmp-changed").first
    old_box = row.locator("td.cmp-old").bounding_box()
    new_box = row.locator("td.cmp-new").bounding_box()
    assert old_box and new_box and new_box["y"] >= old_box["y"] + old_box["height"] - 1
    assert row.locator("td.cmp-old").evaluate("e => getComputedStyle(e, '::before').content") == '"改定前"'
    page.close()


def test_comparison_side_by_side_on_a_wide_screen(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(server + CHANGES)
    row = page.locator("table.terms-compare-table > tbody > tr.cmp-changed").first
    old_box = row.locator("td.cmp-old").bounding_box()
    new_box = row.locator("td.cmp-new").bounding_box()
    assert old_box and new_box and abs(old_box["y"] - new_box["y"]) < 1 and new_box["x"] > old_box["x"]
    page.close()


def test_folded_rows_expand_to_the_full_text(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + CHANGES)
    fold = page.locator("#art3-p2").locator("xpath=ancestor::tbody[1]")
    assert fold.locator("tr.cmp-fold td.cmp-new .cmp-fold-label").inner_text() == "第3条第2項（略）"
    assert fold.locator("tr.cmp-folded").count() == 0
    button = fold.get_by_label("第3条第2項（略）の本文を表示")
    button.click()
    shown = fold.locator("tr.cmp-folded")
    shown.first.wait_for()
    assert "前項の規定により必要な措置" in shown.first.locator("td.cmp-old").inner_text()
    assert "前項の規定により必要な措置" in shown.first.locator("td.cmp-new").inner_text()
    assert button.get_attribute("aria-expanded") == "true" and page.url.endswith("/changes/")
    button.click()  # and folds again
    assert fold.locator("tr.cmp-folded").count() == 0
    page.close()


def test_a_link_to_a_provision_lands_on_its_row(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(server + CHANGES + "#art14-p2")
    row = page.locator("#art14-p2").locator("xpath=ancestor::tr[1]")
    assert row.locator("td.cmp-new").inner_text().startswith("第14条")
    box = row.bounding_box()
    assert box is not None and box["y"] < 900 and box["y"] + box["height"] > 0
    assert row.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.close()


def test_print_has_the_table_on_page_one_and_no_widgets(server: str, browser: object, tmp_path: Path) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + CHANGES)
    page.emulate_media(media="print")
    for selector in (".cmp-expand", ".terms-compare-actions", ".md-header", ".md-sidebar--primary"):
        hidden = page.locator(selector).first.evaluate("e => getComputedStyle(e).display")
        assert hidden == "none", selector
    assert page.locator("table.terms-compare-table thead").evaluate(
        "e => getComputedStyle(e).display") == "table-header-group"
    from pdfminer.high_level import extract_pages, extract_text

    pdf = tmp_path / "print.pdf"
    pdf.write_bytes(page.pdf(prefer_css_page_size=True))
    pages = list(extract_pages(str(pdf)))
    assert len(pages) >= 2
    first = extract_text(str(pdf), page_numbers=[0])
    # no blank first page: the title, the note and the first changed words are on page 1
    assert "新旧対照表" in first and "（下線部は変更箇所）" in first and "NTTドコモビジネス" in first
    # the header row repeats on the next page
    assert "改定前" in extract_text(str(pdf), page_numbers=[1])
    page.close()


def test_any_two_versions_can_be_compared(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(server + "/your-connect-terms/compare/")
    table = page.locator(".terms-compare-result table.terms-compare-table")
    table.wait_for()
    # by default the newest version against the one in force (the sample site is built on 2026-02-15)
    assert page.locator("select[name=old]").input_value() == "2024-04-01"
    assert page.locator("select[name=new]").input_value() == "2026-03-01"
    assert [d.inner_text() for d in table.locator("tr.cmp-d0 td.cmp-old del").all()][:1] == [
        "エヌ・ティ・ティ・コミュニケーションズ"]
    assert "NTTドコモビジネス" in table.locator("tr.cmp-d0 td.cmp-new ins").first.inner_text()
    # on a phone each cell says which side it is, as on the 新旧対照表 pages
    assert table.locator("td.cmp-old").first.get_attribute("data-side") == "改定前"
    added = table.locator('tr.cmp-added[data-anchor="art14"]')
    assert added.locator("td.cmp-old").inner_text() == "（新設）"
    # a published placeholder keeps its own words
    assert table.locator("tr.cmp-fold .cmp-fold-label", has_text="第6条～第10条 (略)").count() == 2
    # the same version twice: nothing differs; the choice is in the URL, so it can be shared
    page.select_option("select[name=old]", "2026-03-01")
    page.get_by_role("button", name="比べる").click()
    page.wait_for_function("document.querySelector('.terms-compare-note').textContent.includes('違いはありません')")
    assert "old=2026-03-01" in page.url and page.locator(".terms-compare-result ins").count() == 0
    page.goto(server + "/your-connect-terms/compare/?old=2026-03-01&new=2024-04-01")
    table.wait_for()
    assert page.locator("select[name=old]").input_value() == "2026-03-01"
    assert "NTTドコモビジネス" in table.locator("td.cmp-old del").first.inner_text()
    page.close()


def test_changed_words_stay_underlined_in_print_on_a4_landscape(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + CHANGES)
    page.emulate_media(media="print")
    ins = page.locator("td.cmp-new ins").first
    dele = page.locator("td.cmp-old del").first
    assert "underline" in ins.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in dele.evaluate("e => getComputedStyle(e).textDecorationLine")
    pdf = page.pdf(prefer_css_page_size=True)
    # the first page's MediaBox: A4 landscape is 842 × 595 points
    import re

    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box is not None
    width, height = float(box.group(1)), float(box.group(2))
    assert (round(width), round(height)) == (842, 595)
    page.close()


def test_notation_only_rows_can_be_hidden(notation_server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(notation_server + "/ikaskey/2023-07-07/changes/")
    rows = page.locator("table.terms-compare-table > tbody > tr.cmp-row.cmp-notation")
    assert rows.count() == 3 and rows.first.is_visible()
    assert "第一条" in rows.first.locator("td.cmp-old del").inner_text() + rows.first.inner_text()
    page.get_by_label("表記のみの変更（3件）を隠す").check()
    assert not rows.first.is_visible()
    page.close()


# --- the upcoming banner reads the reader's date -----------------------------------------------------------


@pytest.fixture(scope="module")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    """A site built today, as the daily rebuild publishes it, with a revision that takes effect tomorrow."""
    import datetime as dt

    from conftest import build_site
    from site_builder.builddate import today_in_japan

    tomorrow = today_in_japan() + dt.timedelta(days=1)
    root = tmp_path_factory.mktemp("live") / "src"
    (root / "t").mkdir(parents=True)
    (root / "t" / "document.yml").write_text("title: テスト規約\n", encoding="utf-8")
    (root / "t" / "2020-04-01.md").write_text("---\neffective: 2020-04-01\n---\n第1条（目的）\n旧い本文。\n", encoding="utf-8")
    (root / "t" / f"{tomorrow}.md").write_text(
        f"---\neffective: {tomorrow}\nannounced: 2020-05-01\nsummary: 第1条を改めます。\n---\n第1条（目的）\n新しい本文。\n",
        encoding="utf-8")
    site = build_site(root.parent / "build", root, None, strict=False)
    with serving(site) as url:
        yield url, tomorrow


@pytest.mark.parametrize(("days", "time"), [(-1, "23:59:00"), (0, "00:00:30"), (4, "12:00:00")])
def test_statuses_follow_the_readers_date_until_the_rebuild(live_site: tuple[str, object], browser: object,
                                                             days: int, time: str) -> None:
    """Built today; opened before the next rebuild, on the effective day or after: every page says the same."""
    import datetime as dt

    url, tomorrow = live_site
    assert isinstance(tomorrow, dt.date)
    # days from the effective day, in Japan: midnight there is still the day before in UTC
    now = dt.datetime.fromisoformat(f"{tomorrow + dt.timedelta(days=days)}T{time}+09:00")
    in_force = now.date() >= tomorrow
    page = browser.new_page()  # type: ignore[attr-defined]
    page.clock.set_fixed_time(now)
    page.goto(f"{url}/t/")
    banner = page.locator(".terms-upcoming")
    assert ("terms-upcoming--in-force" in (banner.get_attribute("class") or "")) is in_force
    assert ("適用されています" in banner.inner_text()) is in_force
    states = page.locator("[data-terms-words]").all_inner_texts()
    # this page (the version before), then the 沿革 table, newest first
    assert states == (["旧版", "現行版", "旧版"] if in_force else ["現行版", "施行予定", "現行版"])
    page.goto(f"{url}/t/{tomorrow}/")
    assert page.locator(".terms-meta [data-terms-words]").inner_text() == ("現行版" if in_force else "施行予定")
    page.goto(f"{url}/changelog/")
    assert page.locator(".terms-badge-upcoming").first.is_visible() is not in_force
    assert page.locator(".terms-preview").count() == 0
    page.close()


def test_a_preview_shows_the_day_it_previews(server: str, browser: object) -> None:
    """The sample site is a TERMS_AS_OF=2026-02-15 preview: opened on 2026-03-05, it still shows 2026-02-15."""
    import datetime as dt

    page = browser.new_page()  # type: ignore[attr-defined]
    page.clock.set_fixed_time(dt.datetime.fromisoformat("2026-03-05T12:00:00+09:00"))
    page.goto(f"{server}/your-connect-terms/")
    assert page.locator(".terms-upcoming").inner_text().strip() == (
        "2026年3月1日から改定後のYour Connect利用規約が適用されます。")
    assert page.locator(".terms-meta [data-terms-words]").inner_text() == "現行版"
    preview = page.locator(".terms-preview")
    assert preview.is_visible() and "2026年2月15日時点の表示" in preview.inner_text()
    page.close()


def test_editorial_filter_hides_editorial_entries(tmp_path_factory: pytest.TempPathFactory, browser: object) -> None:
    from conftest import build_site

    root = tmp_path_factory.mktemp("editorial") / "src"
    (root / "doc").mkdir(parents=True)
    (root / "doc" / "document.yml").write_text("title: テスト規約\n", encoding="utf-8")
    (root / "doc" / "2025-01-01.md").write_text("---\neffective: 2025-01-01\n---\n第一条　本文。\n", encoding="utf-8")
    (root / "doc" / "2025-02-01.md").write_text("---\neffective: 2025-02-01\nkind: editorial\n---\n第1条　本文。\n",
                                                encoding="utf-8")
    site = build_site(root.parent / "b", root, "2025-03-01")
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto((site / "changelog" / "index.html").as_uri())
    editorial = page.locator("article.terms-entry-editorial")
    assert editorial.is_visible()
    page.get_by_label("表記の修正（内容の変更を伴わない改定）を隠す").check()
    assert not editorial.is_visible()
    assert page.locator("article.terms-entry-revision:not(.terms-entry-editorial)").is_visible()
    page.close()


# --- linking to clauses -------------------------------------------------------------------------------------


def test_following_a_permalink_copies_a_citation_and_both_urls(server: str, browser: object) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{server}/hasso-terms/2023-09-28/")
    link = page.get_by_role("link", name="第14条第2項", exact=True)
    page.locator("#art14-p2 > p").hover()
    link.click()
    assert page.url.endswith("/hasso-terms/2023-09-28/#art14-p2")
    page.wait_for_function("document.querySelector('.terms-status') && document.querySelector('.terms-status').textContent")
    assert page.evaluate("navigator.clipboard.readText()") == (
        "Hasso 利用規約 第14条第2項（2023年9月28日版）\n"
        f"{server}/hasso-terms/#art14-p2\n"
        f"{server}/hasso-terms/2023-09-28/#art14-p2"
    )
    status = page.get_by_role("status")
    assert status.inner_text() == "第14条第2項の引用とURLをコピーしました。" and status.is_visible()
    # an article heading's permalink does it too
    page.locator("#art14").hover()
    page.locator("#art14 > a.headerlink").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('Hasso 利用規約 第14条（'))")
    context.close()


def test_cross_reference_link_lands_highlighted(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/hasso-terms/")
    page.locator('#art6-p4 a.terms-ref[href="#art6-p3"]').click()
    assert page.url.endswith("#art6-p3")
    assert page.locator("#art6-p3").evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.close()


def test_link_to_a_provision_this_version_lacks(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    # 第14条 was added in 2026-03-01: the old version says so, by its citation, and points forward
    page.goto(f"{server}/your-connect-terms/2024-04-01/#art14-p2")
    notice = page.locator(".terms-missing-anchor")
    notice.wait_for()  # shown once anchors.json has arrived: on a loaded machine, after the page's load event
    assert notice.locator("p").first.inner_text() == "この版には第14条第2項がありません。2026年3月1日施行版で加わりました。"
    assert "最後にあった版" not in notice.inner_text()
    box = notice.bounding_box()
    assert box is not None and box["y"] >= page.locator(".md-header").bounding_box()["height"] - 1
    notice.locator("a").click()
    assert page.url.endswith("/your-connect-terms/2026-03-01/#art14-p2")
    assert page.locator("#art14-p2").is_visible()
    assert page.locator(".terms-missing-anchor").count() == 0
    # a provision no version has: said so, with the 目次 to go on from
    page.goto(f"{server}/your-connect-terms/2026-03-01/#art99")
    notice.wait_for()
    assert notice.locator("p").first.inner_text() == "この文書のどの版にも第99条はありません。"
    assert notice.locator("a").get_attribute("href") == "#terms-toc"
    page.evaluate("location.hash = '#art1-p9'")
    page.wait_for_function("document.querySelector('.terms-missing-anchor p') && "
                           "document.querySelector('.terms-missing-anchor p').textContent.includes('第1条第9項')")
    # an id that is not a provision's (Material's own, a typo) gets no notice
    page.goto(f"{server}/your-connect-terms/2026-03-01/#__search")
    page.wait_for_load_state("networkidle")
    assert notice.count() == 0
    page.close()


def test_link_to_a_deleted_provision_points_to_the_last_version_that_had_it(tmp_path_factory: pytest.TempPathFactory,
                                                                             browser: object) -> None:
    from conftest import build_site

    root = tmp_path_factory.mktemp("deleted") / "src"
    (root / "t").mkdir(parents=True)
    (root / "t" / "document.yml").write_text("title: テスト規約\n", encoding="utf-8")
    (root / "t" / "2024-04-01.md").write_text(
        "---\neffective: 2024-04-01\n---\n第1条（目的）\n本規約は目的を定めます。\n\n第2条（廃止）\n１　旧制度を定めます。\n"
        "２　旧制度の細目を定めます。\n", encoding="utf-8")
    (root / "t" / "2025-04-01.md").write_text(
        "---\neffective: 2025-04-01\nsummary: 第2条第2項を削除しました。\n---\n第1条（目的）\n本規約は目的を定めます。\n\n"
        "第2条（廃止）\n１　旧制度を定めます。\n", encoding="utf-8")
    site = build_site(root.parent / "build", root, "2025-05-01", strict=False)
    with serving(site) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(f"{url}/t/#art2-p2")
        notice = page.locator(".terms-missing-anchor")
        notice.wait_for()
        assert notice.locator("p").first.inner_text() == "この版には第2条第2項がありません。2024年4月1日施行版にありました。"
        assert notice.locator("a").inner_text() == "最後にあった版（2024年4月1日施行版）で読む"
        notice.locator("a").click()
        assert page.url.endswith("/t/2024-04-01/#art2-p2")
        page.close()


def test_defined_term_shows_its_definition_on_hover_focus_and_tap(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/hasso-terms/")
    term = page.locator('#art22-p1 a.terms-defined[href="#art1-p1-i3"]')
    tooltip = page.locator(".terms-tooltip[role=tooltip]")
    # assistive technology reads the definition with the term
    described = page.locator("#" + (term.get_attribute("aria-describedby") or "missing"))
    assert described.inner_text().startswith("「お客様保有データ」: お客様が本サービスの利用に際して")
    assert not tooltip.is_visible()
    term.focus()
    assert tooltip.is_visible() and tooltip.inner_text() == described.inner_text()
    page.keyboard.press("Escape")
    assert not tooltip.is_visible()
    term.evaluate("e => e.blur()")
    term.hover()
    assert tooltip.is_visible()
    box, near = tooltip.bounding_box(), term.bounding_box()
    assert box and near and 0 < box["y"] - (near["y"] + near["height"]) < 20  # beside the term
    page.mouse.move(0, 0)
    assert not tooltip.is_visible()
    page.close()
    # on a phone: the first tap shows the definition, along the bottom of the screen; the second follows the link
    phone = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)  # type: ignore[attr-defined]
    phone.goto(f"{server}/your-connect-terms/2026-03-01/")
    term = phone.locator("#art1-p4 a.terms-defined").first
    term.scroll_into_view_if_needed()
    term.tap()
    tooltip = phone.locator(".terms-tooltip")
    definition = phone.locator("#" + (term.get_attribute("aria-describedby") or "missing")).inner_text()
    assert tooltip.is_visible() and tooltip.inner_text() == definition and definition.startswith("「AI要約機能」")
    box = tooltip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 844
    assert "#" not in phone.url
    term.tap()
    phone.wait_for_function("location.hash.length > 1")
    # the tooltip goes on hashchange, which the browser fires after the hash is set: waited for, not raced
    tooltip.wait_for(state="hidden", timeout=5000)
    assert not tooltip.is_visible()
    phone.close()


def test_from_an_article_to_its_english_counterpart_and_back(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(server + "/sample-service-terms/2026-01-01/#art14")
    page.locator("#art14 ~ p.terms-edition-link a").first.click()
    page.wait_for_url("**/sample-service-terms-en/2026-01-01/#art14")
    heading = page.locator("#art14")
    assert heading.inner_text().startswith("Article 14")
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    page.locator("#art14 ~ p.terms-edition-link a").first.click()
    page.wait_for_url("**/sample-service-terms/2026-01-01/#art14")
    assert page.locator("#art14").inner_text().startswith("第14条")
    page.close()


def test_pages_make_no_failing_requests(server: str, browser: object) -> None:
    """Material fetched <feed dir>/sitemap.xml for every link[rel=alternate] (it takes them for languages)."""
    page = browser.new_page()  # type: ignore[attr-defined]
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    for path in ("/your-connect-terms/", "/your-connect-terms/2026-03-01/changes/", "/changelog/"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    assert failed == []
    page.close()


def test_dark_mode_keeps_the_changed_words_readable(server: str, browser: object) -> None:
    """Material's palette toggle: in dark mode the ins/del backgrounds are dark too, the underline stays."""
    page = browser.new_page(color_scheme="dark")  # type: ignore[attr-defined]
    page.goto(server + CHANGES)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    ins = page.locator("td.cmp-new ins").first

    def luminance(css: str) -> float:
        r, g, b = (int(x) / 255 for x in css[css.index("(") + 1: css.index(")")].split(",")[:3])
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    background = luminance(ins.evaluate("e => getComputedStyle(e).backgroundColor"))
    text = luminance(ins.evaluate("e => getComputedStyle(e).color"))
    contrast = (max(background, text) + 0.05) / (min(background, text) + 0.05)
    assert contrast >= 4.5, contrast  # WCAG AA for body text
    assert "underline" in ins.evaluate("e => getComputedStyle(e).textDecorationLine")
    page.close()
