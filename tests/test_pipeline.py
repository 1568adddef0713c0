"""The build's plumbing: work on every core (parallel.py), pages kept on disk (pagestore.py), and the site model
(sitemodel.py) that rendering reads instead of computing."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLE, corpus_source
from site_builder import cache, compare, parallel, render
from site_builder.compact import compact
from site_builder.loader import load_source
from site_builder.model import Source
from site_builder.pagestore import PageStore
from site_builder.parallel import ordered_map
from site_builder.render import HeadingStyle, Page, Part, render_site
from site_builder.search import files as search_files
from site_builder.search import variants
from site_builder.sitemodel import build_model


def _square_or_fail(n: int) -> tuple[int, int]:
    if n == 13:
        raise ValueError("第13条 failed")
    return n, os.getpid()


def test_ordered_map_keeps_order_and_uses_other_processes() -> None:
    results = list(ordered_map(_square_or_fail, list(range(12)), workers=2))
    assert [n for n, _ in results] == list(range(12))
    assert any(pid != os.getpid() for _, pid in results)
    # one worker: the same results, in this process
    assert {pid for _, pid in ordered_map(_square_or_fail, [1, 2], workers=1)} == {os.getpid()}


def test_ordered_map_raises_what_a_worker_raised() -> None:
    with pytest.raises(ValueError, match="第13条"):
        list(ordered_map(_square_or_fail, list(range(20)), workers=2))


class _Unpicklable:
    """What a worker is handed must not be pickled to reach it (a document with its parsed versions)."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __reduce__(self):  # type: ignore[no-untyped-def]
        raise TypeError("pickled")


def test_ordered_map_hands_items_over_by_inheritance_and_gives_back_shared_objects() -> None:
    items = [_Unpicklable(n) for n in range(6)]
    shared = [("第1条", n) for n in range(6)]
    results = list(ordered_map(lambda it: (os.getpid(), shared[it.n], [shared[it.n]], ("新", it.n)), items,
                               workers=2, shared=shared))
    assert any(pid != os.getpid() for pid, *_ in results)
    for k, (_, same, inside, fresh) in enumerate(results):
        assert same is shared[k] and inside[0] is shared[k]  # the parent's own object, not a copy of it
        assert fresh == ("新", k)
    # without `shared`, a result is a copy, as before
    copies = list(ordered_map(lambda it: shared[it.n], items, workers=2))
    assert copies == shared and not any(c is s for c, s in zip(copies, shared, strict=True))


def test_comparisons_made_on_two_cores_point_into_the_parents_versions(tmp_path: Path) -> None:
    """Over every corpus text: the comparisons a two-core model brings back are the ones one core makes, and
    their rows are the parent's own provisions, not copies of them."""
    root = tmp_path / "src"
    corpus_source(root)
    source = load_source(root)
    day = dt.date(2026, 1, 1)
    cache.COMPARED.items.clear()
    build_model(source, day, workers=1)
    one = dict(cache.COMPARED.items)
    cache.COMPARED.items.clear()
    build_model(source, day, workers=2)
    assert len(one) >= 16 and cache.COMPARED.items == one
    parsed = [p for d in source.documents for v in d.versions for p in v.parsed.walk()]
    own, by_value = {id(p) for p in parsed}, set(parsed)
    rows = [r for comparison in cache.COMPARED.items.values() for r in comparison.rows]
    for r in rows:
        rows.extend(r.children)
    provisions = [p for r in rows for p in (r.old, r.new) if p is not None]
    # a row may hold a provision the comparison made (a chapter shown by its heading alone); any other is the
    # parent's own object, never a copy of one
    copies = [p for p in provisions if id(p) not in own and p in by_value]
    assert sum(id(p) in own for p in provisions) > 0.9 * len(provisions) and not copies


def test_a_site_rendered_on_two_cores_is_the_site_rendered_on_one() -> None:
    source = load_source(SAMPLE)
    day = dt.date(2026, 2, 15)
    one = render_site(source, day, headings=HeadingStyle(), memo=False)
    cache.COMPARED.items.clear()
    two = render_site(source, day, headings=HeadingStyle(), workers=2, memo=False)
    assert one == two
    assert any(page.parts for page in two)


def test_the_site_model_holds_every_comparison_rendering_reads() -> None:
    source = load_source(SAMPLE)
    cache.COMPARED.items.clear()
    model = build_model(source, dt.date(2026, 2, 15), workers=2)
    revisions = [(a.digest, b.digest) for d in source.documents for a, b in zip(d.versions, d.versions[1:], strict=False)]
    assert revisions and all(key in cache.COMPARED for key in revisions)
    assert all(e.comparison is cache.COMPARED.items[(e.previous.digest, e.version.digest)]
               for entries in model.timeline.by_doc.values() for e in entries
               if e.previous is not None and e.version is not None)


def test_page_store_rewrites_a_page_only_when_it_changed(tmp_path: Path) -> None:
    store = PageStore(tmp_path)
    page = Page("terms/2026-03-01/index.md", "利用規約", "---\ntitle: 利用規約\n---\n\n<!--terms-part-0-->\n",
                (Part("<h2 id=\"art1\">第1条（目的）</h2>", ((2, "art1", "第1条（目的）"),), frozenset({"art1"})),))
    path, kept = store.put(page)
    assert Path(path).read_text(encoding="utf-8") == page.markdown
    assert kept[0].html == "" and kept[0].ids == {"art1"}  # the HTML stays on disk, not in memory
    assert store.parts(page.path, kept) == page.parts
    os.utime(path, (1, 1))
    store.put(page)
    assert os.stat(path).st_mtime == 1  # unchanged: not rewritten, so `serve --dirty` leaves it alone
    changed = Page(page.path, page.title, page.markdown, (Part("<h2 id=\"art1\">第1条（目的及び適用範囲）</h2>"),))
    store.put(changed)
    assert os.stat(path).st_mtime > 1
    assert store.parts(page.path, kept)[0].html == changed.parts[0].html
    # a worker writes (and changes nothing the build holds); the build records what it wrote
    other = Page("terms/index.md", "利用規約", "本文\n")
    stored = store.write(other)
    assert Path(stored.source).read_text(encoding="utf-8") == other.markdown and other.path not in store.digests
    store.record(stored)
    assert store.digests[other.path] == stored.digest
    store.remove()
    assert not tmp_path.exists()


def test_compact_cuts_indentation_and_keeps_what_a_reader_sees() -> None:
    html = ("<nav>\n      <ul>\n        <li>\n          第1条（目的）\n        </li>\n      </ul>\n    </nav>\n"
            "<pre>  1. 字下げ\n      された行</pre>\n<p>a <code>x   y</code>\n   b</p>\n"
            "<script>var s = `\n    文字列`;</script>")
    out = compact(html)
    assert out.startswith("<nav>\n<ul>\n<li>\n第1条（目的）\n</li>")
    assert "<pre>  1. 字下げ\n      された行</pre>" in out and "<code>x   y</code>\n" in out
    assert "`\n    文字列`" in out
    assert " ".join(re.sub("<[^>]+>", " ", out).split()) == " ".join(re.sub("<[^>]+>", " ", html).split())


def test_loading_on_two_cores_gives_the_source_and_its_diagnostics_in_order(tmp_path: Path) -> None:
    """Every corpus text, with a stray file and a broken document among the folders: what a parallel load finds,
    and the order it says it in, is what a load in one process finds."""
    root = tmp_path / "src"
    corpus_source(root)
    (root / "gyosei-zz-stray.md").write_text("# 迷子のファイル\n", encoding="utf-8")
    (root / "broken").mkdir()
    (root / "broken" / "document.yml").write_text("title: 壊れた規約\n", encoding="utf-8")
    (root / "broken" / "2026-03-01.md").write_text("---\neffective: 2026-02-30\n---\n第1条 本文\n", encoding="utf-8")
    one = load_source(root)
    cache.PARSED.items.clear()
    cache.DANGLING.items.clear()
    two = load_source(root, workers=2)
    assert two == one
    said = [d.format() for d in two.diagnostics]
    assert any("gyosei-zz-stray.md" in d for d in said) and any("2026-03-01.md" in d for d in said)


def test_the_search_index_made_on_two_cores_is_the_one_made_on_one(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "src"
    corpus_source(root)
    source = load_source(root)
    day = dt.date(2026, 1, 1)
    one = search_files._index_files(source, day, [])
    variants._pairs.cache_clear()
    monkeypatch.setattr(parallel, "BATCHED_MINIMUM", 10)  # the corpus is smaller than a batch is worth
    pids: set[int] = set()
    real = parallel.ordered_map

    def spying(task, items, workers, shared=()):  # type: ignore[no-untyped-def]
        for result in real(lambda item: (os.getpid(), task(item)), items, workers, shared):
            pids.add(result[0])
            yield result[1]

    monkeypatch.setattr(parallel, "ordered_map", spying)
    assert search_files._index_files(source, day, [], workers=2) == one
    assert pids - {os.getpid()}  # it was made elsewhere


def test_a_reload_carries_anchors_again_only_for_the_document_that_changed(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `serve` every save loads the source again; carrying numberless anchors over a document's versions
    is done again only for the document whose text changed, and gives what a fresh load gives (every corpus
    text, statutes with numberless provisions among them)."""
    from site_builder import loader

    root = tmp_path / "src"
    corpus_source(root)
    shutil.copytree(SAMPLE, root, dirs_exist_ok=True)
    calls: list[int] = []
    real = loader.carry

    def counting(previous, current, used):  # type: ignore[no-untyped-def]
        calls.append(len(current.provisions))
        return real(previous, current, used)

    monkeypatch.setattr(loader, "carry", counting)
    cache.CARRIED.items.clear()
    first = load_source(root)
    carried_once = len(calls)
    assert carried_once == sum(len(d.versions) for d in first.documents)
    assert load_source(root) == first and len(calls) == carried_once  # nothing changed: nothing carried again
    doc = next(d for d in first.documents if d.slug == "gyosei")
    saved = doc.versions[-1].path
    saved.write_text(saved.read_text(encoding="utf-8") + "\n附則に続く一文。\n", encoding="utf-8")
    again = load_source(root)
    assert len(calls) == carried_once + len(doc.versions)
    cache.CARRIED.items.clear()
    assert again == load_source(root)  # what the kept results give is what carrying afresh gives


def test_page_store_remembers_the_page_object_it_last_wrote(tmp_path: Path) -> None:
    """Under `serve` the same page object (kept by rendering) is the same content: not encoded or hashed again;
    another object for the path is written as any page is."""
    store = PageStore(tmp_path, remember=True)
    page = Page("terms/index.md", "利用規約", "第1条　本規約は、本サービスに適用します。\n")
    first = store.write(page)
    assert store.write(page) is first
    (tmp_path / "pages" / page.path).unlink()  # only what the store itself wrote is remembered, not the disk
    assert store.write(page) is first
    changed = Page(page.path, page.title, "第1条　本規約は、当サービスに適用します。\n")
    stored = store.write(changed)
    assert stored.digest != first.digest
    assert Path(stored.source).read_text(encoding="utf-8") == changed.markdown
    # without `remember` (a build's workers) nothing is kept
    plain = PageStore(tmp_path / "b")
    assert plain.write(page) is not plain.write(page)


def test_a_sweep_forgets_what_no_version_has_any_more(tmp_path: Path) -> None:
    """Under `serve` each save adds its version's parse, comparisons and pages to the memos; once the rebuild
    is done, what belongs to the text the save replaced is forgotten, and the other versions' entries stay."""
    root = tmp_path / "src"
    shutil.copytree(SAMPLE, root)
    as_of = dt.date(2026, 2, 15)

    def rebuild() -> Source:
        source = load_source(root, memo=True)
        render_site(source, as_of, headings=HeadingStyle(permalink=None), memo=True)
        cache.sweep(source)
        return source

    before = rebuild()
    doc = next(d for d in before.documents if d.slug == "sample-service-terms")
    saved, kept = doc.versions[-1], doc.versions[0]
    assert (saved.digest, str(saved.path), saved.body_line) in cache.PARSED
    old_pages = [k for k in {**render._PAGES.before, **render._PAGES.now} if saved.digest in repr(k)]
    assert old_pages
    saved.path.write_text(saved.path.read_text(encoding="utf-8").replace("本サービス", "当サービス"), encoding="utf-8")
    after = rebuild()
    live = {v.digest for d in after.documents for v in d.versions}
    assert saved.digest not in live
    assert all(k[0] in live for k in cache.PARSED.items) and all(k[0] in live for k in cache.DANGLING.items)
    assert all(a in live and b in live for a, b in cache.COMPARED.items)
    assert (kept.digest, str(kept.path), kept.body_line) in cache.PARSED  # not saved: kept for the next save
    assert (doc.versions[0].digest, doc.versions[1].digest) in cache.COMPARED
    # the pages of the replaced text: asked for by neither this rebuild nor the one before, after one more
    rebuild()
    assert not [k for k in {**render._PAGES.before, **render._PAGES.now} if saved.digest in repr(k)]
    # the provisions of the replaced parse are not kept alive by the text memo
    assert not any(entry[0] is p for entry in compare._TEXTS.values() for p in saved.parsed.walk()[:3])
