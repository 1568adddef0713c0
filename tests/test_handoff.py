"""The plugin hands a version's provisions and each 新旧対照表 to MkDocs as finished HTML (site_builder/handoff.py).

A reader must not be able to tell: every page built that way shows what the same page built from its Markdown
through Python-Markdown shows (`finished_html: false`), the table of contents included, on the real texts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import SAMPLE, build_site, corpus_source
from site_builder.handoff import heading_style
from site_builder.render import HeadingStyle

GOLDEN = Path(__file__).parent / "fixtures" / "golden_source"


def _shown(path: Path) -> tuple[str, str]:
    """A page's article and its table of contents, as markup with the whitespace between tags dropped."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    toc = soup.select_one(".md-sidebar--secondary")

    def norm(node: object) -> str:
        return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(node))) if node is not None else ""

    return norm(article), norm(toc)


# a site's own `toc` options the headings must follow: Python-Markdown's default permalink, a table of contents
# without the golden source's articles (h3, under their chapters)
TOC_OPTIONS = {"markdown_extensions": ["attr_list", "tables", {"toc": {"permalink": True, "toc_depth": 2}}]}


@pytest.mark.parametrize("source", ["sample", "golden", "corpus", "golden, toc options"])
def test_finished_html_shows_what_python_markdown_would(tmp_path: Path, source: str) -> None:
    if source == "corpus":
        root = tmp_path / "corpus_source"
        corpus_source(root)
    else:
        root = GOLDEN if source.startswith("golden") else SAMPLE
    extra = TOC_OPTIONS if "toc" in source else None
    fast = build_site(tmp_path / "fast", root, "2026-02-15", strict=False, extra=extra)
    slow = build_site(tmp_path / "slow", root, "2026-02-15", strict=False, options={"finished_html": False},
                      extra=extra)
    pages = sorted(p.relative_to(fast) for p in fast.rglob("index.html"))
    handed = 0
    for rel in pages:
        text = (fast / rel).read_text(encoding="utf-8")
        assert "terms-part-" not in text and "terms-region" not in text, rel
        # a provision's permalink (provisions.html.j2), or a 新旧対照表
        handed += re.search(r'<div class="terms-[a-z]+" id="[^"]+"><a href="#[^"]+" aria-label=', text) is not None \
            or "terms-compare" in text
        assert _shown(fast / rel) == _shown(slow / rel), rel
    assert handed >= (3 if source.startswith("golden") else 10)
    # the slow build had nothing handed: the comparison compares two different paths
    assert "terms-region" not in (slow / pages[0]).read_text(encoding="utf-8")
    if extra:  # the site's options were followed, not ours
        text = (fast / "sample-terms" / "index.html").read_text(encoding="utf-8")
        assert 'title="Permanent link">&para;</a></h3>' in text
        assert 'href="#art1"' not in str(BeautifulSoup(text, "html.parser").select_one(".md-sidebar--secondary"))


def test_heading_style_follows_the_sites_toc_options() -> None:
    ext = ["toc", "tables", "attr_list"]
    assert heading_style(ext, {"toc": {"permalink": "¶", "permalink_title": "リンク"}}) == \
        HeadingStyle("¶", "リンク", "headerlink", 6)
    assert heading_style(ext, {"toc": {"permalink": True, "toc_depth": 3}}) == \
        HeadingStyle("&para;", "Permanent link", "headerlink", 3)
    assert heading_style(ext, {}) == HeadingStyle(None, "Permanent link", "headerlink", 6)
    # what our HTML would not follow: the pages go through Python-Markdown instead
    assert heading_style(ext, {"toc": {"permalink_leading": True}}) is None
    assert heading_style(ext, {"toc": {"toc_depth": "2-3"}}) is None
    assert heading_style(["toc", "tables"], {}) is None
