"""The model → the Markdown of every generated page (DESIGN §5), through the Jinja2 templates in `templates/`.

Pure functions: the same source and the same build date give the same pages, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from .api import API, document_file, index_file, version_file
from .api import forget as forget_api_files
from .cache import Generations, compare_versions, glossary_of
from .compare import Comparison, Status, provision_text
from .compare_export import TableDocument
from .compare_html import cell_html
from .compare_table import EN as EN_WORDS
from .compare_table import JA as JA_WORDS
from .compare_table import table_lines
from .dates import ja
from .definitions import Glossary, link_terms
from .editions import Edition, anchors_of, name_of
from .labels import date_text, labels
from .model import Document, Kind, ParsedText, Provision, Source, Version, VersionKind
from .parallel import ordered_map
from .parser import describe
from .refs import RefIndex, find_refs, link_html
from .sitemodel import SiteModel, build_model
from .textrender import link_definitions, read_as_text, render_block, render_inline
from .timeline import Entry, Timeline, build_timeline, by_month, version_verb


@dataclass(frozen=True)
class HeadingStyle:
    """What the site's Python-Markdown `toc` extension adds to a heading (its permalink), so that a heading we
    write as HTML comes out as the one MkDocs would have made of our Markdown heading."""

    permalink: str | None = "¶"  # None: no permalink
    permalink_title: str = "Permanent link"
    permalink_class: str = "headerlink"
    toc_depth: int = 6


@dataclass(frozen=True)
class Part:
    """A finished piece of a page's HTML (a version's provisions, a 新旧対照表) that the plugin hands to MkDocs
    directly: its Markdown holds `placeholder(n)` instead, so Python-Markdown never re-reads our HTML."""

    html: str
    headings: tuple[tuple[int, str, str], ...] = ()  # (level, id, table-of-contents name), in page order
    ids: frozenset[str] = frozenset()  # every id in it: MkDocs validates links to them


@dataclass(frozen=True)
class Page:
    path: str  # src_uri, e.g. "hasso-terms/2023-09-28/index.md"
    title: str
    markdown: str
    # with `headings` given to render_site: the page's finished HTML, which its Markdown names by placeholder
    parts: tuple[Part, ...] = ()


def placeholder(n: int) -> str:
    return f"<!--terms-part-{n}-->"


T = TypeVar("T")

_REGION = re.compile(r"<!--terms-region-->\n?(.*?)<!--/terms-region-->", re.S)
_ID = re.compile(r'\sid="([^"]*)"')


def _split_parts(markdown: str, outline: list[tuple[int, str, str]]) -> tuple[str, tuple[Part, ...]]:
    """Cut the regions a template marked (in HTML mode) out of its Markdown: each becomes a Part."""
    parts: list[Part] = []

    def cut(m: re.Match[str]) -> str:
        body = re.sub(r"\n\s*\n", "\n", m.group(1)).strip("\n")
        ids = frozenset(html.unescape(i) for i in _ID.findall(body))
        parts.append(Part(body, tuple(h for h in outline if h[1] in ids), ids))
        return f"\n\n{placeholder(len(parts) - 1)}\n\n"

    return _REGION.sub(cut, markdown), tuple(parts)


@pass_context
def heading_html(context: Any, level: int, text: str, anchor: str, toc_text: str, cite_text: str) -> Markup:
    """A provision's heading as Python-Markdown would make it of `## text {#anchor data-toc-label data-cite}`
    (attr_list, then toc's permalink), recorded in the page's outline for its table of contents."""
    style: HeadingStyle = context["headings"]

    def attr(value: str) -> str:  # as ElementTree writes an attribute: no quotes (attr_list drops them)
        return value.replace('"', "").replace("}", "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    shown = html.escape(" ".join(text.split()), quote=False)
    toc_name = html.escape(toc_text.replace('"', "").replace("}", ""), quote=False) if toc_text else shown
    if level <= style.toc_depth:
        context["outline"].append((level, anchor, toc_name))
    cite_attr = f' data-cite="{attr(cite_text)}"' if attr(cite_text) else ""
    link = ""
    if style.permalink is not None:
        title = f' title="{attr(style.permalink_title)}"' if style.permalink_title else ""
        link = f'<a class="{attr(style.permalink_class)}" href="#{attr(anchor)}"{title}>{style.permalink}</a>'
    return Markup(f'<h{level}{cite_attr} id="{attr(anchor)}">{shown}{link}</h{level}>')


SITE_INTRO = (
    "各文書の現行版と、これまでのすべての版を掲載しています。条・項・号にはそれぞれ固定のリンク（¶）があり、"
    "版が改定されても同じ条項を指し続けます。"
)

_MD_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def _md_heading(text: str) -> Markup:
    """Source text in a Markdown heading: HTML-escaped, and Markdown's punctuation backslash-escaped so that
    「第1条 (定義)」 stays text and a trailing 「{…}」 is never read as an attribute list."""
    return Markup(_MD_PUNCT.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False)))


def _attr_id(anchor: str, toc_label: str = "", cite_text: str = "") -> Markup:
    """attr_list's {#art14}, with the table-of-contents label when it differs from the heading and the citation
    the copy action uses."""
    extra = ""
    for key, value in (("data-toc-label", toc_label), ("data-cite", cite_text)):
        value = value.replace('"', "").replace("}", "")
        if value:
            extra += f' {key}="{html.escape(value, quote=False)}"'
    return Markup("{#" + anchor + extra + "}")


def toc_label(p: Provision) -> str:
    """「第一条（目的）」 for the table of contents even where the page shows 「（目的） 第一条」."""
    if p.kind is Kind.ARTICLE and p.caption and not p.heading.startswith(p.label):
        return f"{p.label}{p.caption}"
    return ""


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    label: str
    children: tuple[TocEntry, ...] = ()


_TOC_KINDS = (Kind.CHAPTER, Kind.ARTICLE, Kind.SECTION, Kind.SUPPLEMENT, Kind.APPENDIX)


def toc_entries(parsed: ParsedText, lang: str) -> tuple[TocEntry, ...]:
    """The 目次 at the top of a version, as e-Gov gives it: 章 with their 条, 条 with their captions, 附則, 別表
    (and numbered sections where a text has no 条).  Labels are the words a reader sees, not Markdown."""
    own = cite_en if lang == "en" else cite

    def entry(p: Provision) -> TocEntry:
        label = read_as_text(toc_label(p) or p.heading or own(p)).strip()
        kids = tuple(entry(c) for c in p.children if c.anchor and c.kind in _TOC_KINDS) \
            if p.kind is Kind.CHAPTER else ()
        return TocEntry(p.anchor or "", " ".join(label.split()), kids)

    return tuple(entry(p) for p in parsed.provisions if p.anchor and p.kind in _TOC_KINDS)


def _md_cell(text: str) -> Markup:
    return _md_heading(text)


def cite_en(p: Provision) -> str:
    """The provision's own part of an English citation, which the parent's part precedes: Article 14, (2),
    Section 4 + (b) = Section 4(b), Section 1 + .2 = Section 1.2."""
    num = "-".join(str(n) for n in p.numbers)
    label = p.label.strip().rstrip(".")
    if p.kind is Kind.ARTICLE:
        return f"Article {num}"
    if p.kind is Kind.CHAPTER:
        return f"Chapter {num}"
    if p.kind is Kind.SECTION:
        return f"Section {'.'.join(str(n) for n in p.numbers)}" if p.numbered and p.numbers else p.heading
    if p.kind is Kind.SUBSECTION:
        if not p.numbered or not p.numbers:
            return ""  # an unnumbered block: cited as the provision it is in
        if re.fullmatch(r"\d+(\.\d+)+", label):
            return f".{p.numbers[-1]}"
        return f"({label.strip('()')})" if label else f"({num})"
    if p.kind in (Kind.PARAGRAPH, Kind.ITEM, Kind.SUBITEM):
        return f"({label.strip('()（）')})" if label and not label.isdigit() else f"({num})"
    if p.kind is Kind.SUPPLEMENT:
        return "Supplementary Provisions"
    if p.kind is Kind.APPENDIX:
        return p.label or f"Appendix {num}"
    if p.kind is Kind.PREAMBLE:
        return "Preamble"
    return p.label


@pass_context
def _cite(context: Any, p: Provision) -> str:
    lang = context.get("lang") or getattr(context.get("doc"), "lang", "ja")
    return cite_en(p) if lang == "en" else cite(p)


_BULLETS = {"•", "・", "-", "*", "+"}


def cite(p: Provision) -> str:
    """The provision's own part of a citation: 第14条, 第2項, 第3号, 附則, 別表第1, 1."""
    num = "の".join(str(n) for n in p.numbers)
    if p.kind in (Kind.ARTICLE, Kind.PARAGRAPH, Kind.ITEM, Kind.CHAPTER):
        return describe(p.kind, p.numbers)
    if p.kind is Kind.SUPPLEMENT:
        return "附則" if p.numbers == (1,) else f"附則{num}"
    if p.kind is Kind.APPENDIX:
        return p.label or f"別表第{num}"
    if p.kind is Kind.SECTION:
        return p.label or p.heading
    if p.kind in (Kind.SUBSECTION, Kind.SUBITEM):
        if p.label in _BULLETS:
            return ""  # a bullet has no number of its own: cited as the provision it is in
        return p.label or f"({num})"
    if p.kind is Kind.PREAMBLE:
        return "前文"
    return p.label


def status_key(version: Version, as_of: dt.date, current: Version | None) -> str:
    if version.effective > as_of:
        return "upcoming"
    if current is not None and version.id == current.id:
        return "current"
    return "old"


def status(version: Version, as_of: dt.date, current: Version | None, lang: str = "ja") -> str:
    """施行予定, 現行版 or 旧版 (upcoming, in force, superseded)."""
    return labels(lang)[status_key(version, as_of, current)]


def version_name(version: Version, lang: str = "ja") -> str:
    words, date = labels(lang), date_text(version.effective, lang)
    return words["named_version"].format(label=version.label, date=date) if version.label else \
        words["dated_version"].format(date=date)


_VERBS_EN = {"制定": "enacted", "改定": "revised", "施行": "in force"}


# --- 新旧対照表 -------------------------------------------------------------------------------------------

SIDE_NAMES = {"old": "改定前", "new": "改定後"}


def periods(old: Version | None, new: Version | None, lang: str = "ja") -> dict[str, str]:
    """Each column's period, as real tables head them: 「～2026年2月28日」 | 「2026年3月1日～」."""
    out = {"old": "", "new": ""}
    day = (lambda d: date_text(d, "en")) if lang == "en" else ja  # noqa: E731
    dash = " – " if lang == "en" else "～"
    if new is not None:
        out["new"] = f"{day(new.effective)}{dash}"
        out["old"] = f"{dash}{day(new.effective - dt.timedelta(days=1))}"
        if old is not None:
            out["old"] = f"{day(old.effective)}{dash}{day(new.effective - dt.timedelta(days=1))}"
    return out


def comparison_table(
    comparison: Comparison, *, new_side: str = "right", old_url: str | None = None, new_url: str | None = None,
    old: Version | None = None, new: Version | None = None, api_urls: dict[str, str] | None = None,
    lang: str = "ja",
) -> Markup:
    """The table's HTML; `old_url`/`new_url` are where the row links point (None: no links, as in a PR);
    `old`/`new` give the column headers their periods."""
    sides = ["new", "old"] if new_side == "left" else ["old", "new"]
    html_text = _env().get_template("compare_table.html.j2").render(
        lines=table_lines(comparison, cite_en if lang == "en" else cite, EN_WORDS if lang == "en" else JA_WORDS),
        sides=sides, side_names={"old": labels(lang)["cmp_old"], "new": labels(lang)["cmp_new"]},
        periods=periods(old, new, lang), W=labels(lang),
        urls={"old": old_url, "new": new_url}, api_urls=api_urls,
        definitions=dict(zip(("old", "new"), comparison.definitions, strict=True)),
        notation_count=sum(r.status is Status.NOTATION for r in comparison.rows),
    )
    # Markdown must see one HTML block: no blank line may split it
    return Markup(re.sub(r"\n\s*\n", "\n", html_text).strip())


def change_counts(comparison: Comparison) -> dict[str, int]:
    counts = comparison.counts()
    return {s.value: counts.get(s, 0) for s in Status}


# not swept under `serve` (cache.sweep): a save adds an article or two, and the next save of another version
# renders its page from these
_ARTICLES: dict[tuple[object, ...], Markup] = {}


@pass_context
def linked(context: Any, html_text: str, anchor: str | None) -> Markup:
    """Rendered provision text with its cross references and defined terms made links."""
    refs: RefIndex | None = context.get("refs")
    if refs is not None:
        html_text = link_html(str(html_text), anchor, refs)
    definitions = context.get("definitions")
    if definitions:
        html_text = link_terms(str(html_text), anchor, definitions)
    return Markup(html_text)


def article_body(p: Provision, cite_prefix: str, refs: RefIndex | None = None,
                 definitions: Glossary | None = None, link_defs: str = "", lang: str = "ja") -> Markup:
    """An article's HTML, rendered once per distinct article: most articles are unchanged from one version to the
    next and appear on the current page too.  The key holds everything the HTML depends on (anchors, kinds,
    labels, text) and nothing it does not (source line numbers shift between versions)."""
    # what the article's references resolve to, not the version's whole anchor set: inserting an article
    # elsewhere changes that set, and the article must still come from the cache
    resolved = tuple(
        (r.start, r.anchor) for c in p.walk() for b in c.blocks for r in find_refs(b.text, c.anchor, refs)
    ) if refs is not None else ()
    key = (cite_prefix, tuple((c.kind, c.anchor, c.label, c.label_sep, c.heading, c.ids) for c in p.walk()),
           provision_text(p), resolved, definitions, link_defs, lang)
    html_text = _ARTICLES.get(key)
    if html_text is None:
        if len(_ARTICLES) > 50_000:
            _ARTICLES.clear()
        html_text = Markup(_env().get_template("article_body.html.j2").render(
            p=p, cite=cite_prefix, refs=refs, definitions=definitions, link_defs=link_defs, lang=lang))
        _ARTICLES[key] = html_text
    return html_text


@pass_context
def _block(context: Any, text: str) -> Markup:
    """Source Markdown as HTML, with the page's reference-link definitions (`link_defs`) in reach."""
    return Markup(render_block(text, context.get("link_defs") or "", breaks=(context.get("lang") or "ja") != "en"))


@pass_context
def _day(context: Any, date: dt.date) -> str:
    """A date in the page's language: 2026年3月1日, or 1 March 2026."""
    return date_text(date, context.get("lang") or "ja")


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("site_builder", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
        auto_reload=False,  # the templates are part of the package: compile each once
    )
    env.filters["block"] = _block
    env.filters["inline"] = lambda text: Markup(render_inline(text))
    env.filters["ja"] = ja
    env.filters["day"] = _day
    env.filters["md_heading"] = _md_heading
    env.filters["md_cell"] = _md_cell
    env.filters["cite"] = _cite
    # YAML front matter values: JSON strings are valid YAML, and Japanese stays readable
    env.filters["yaml_str"] = lambda value: Markup(json.dumps(str(value), ensure_ascii=False))
    # a page title goes into Material's <title>, header and navigation, which print it unescaped
    env.filters["meta_title"] = lambda value: Markup(json.dumps(html.escape(str(value), quote=False), ensure_ascii=False))
    env.filters["toc_label"] = toc_label
    env.filters["cell_html"] = cell_html
    env.filters["version_name"] = version_name
    env.globals["article_body"] = article_body
    env.globals["heading_html"] = heading_html
    env.globals["linked"] = linked
    # attr_list's {#id} would open a Jinja comment if written in a template
    env.filters["attr_id"] = _attr_id
    return env


def _tidy(markdown: str) -> str:
    """Collapse the blank lines template logic leaves behind (cosmetic; HTML blocks never contain blank lines)."""
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


_PAGES: Generations[tuple[object, ...], Page] = Generations()


def _cached_page(key: tuple[object, ...], make: Callable[[], Page], memo: bool = True) -> Page:
    """Pages by everything they show: a rebuild under `mkdocs serve` re-renders only what a save changed."""
    if not memo:
        return _PAGES.get(key) or make()
    page = _PAGES.get(key)
    if page is None:
        if len(_PAGES) > 20_000:
            _PAGES.clear()
        page = _PAGES[key] = make()
    return page


def _document_key(doc: Document) -> tuple[object, ...]:
    """A document's document.yml, as its pages show it (the description and publisher are in each <meta>)."""
    return doc.slug, doc.title, doc.publisher, doc.lang, doc.description, repr(doc.settings)


def _versions_key(doc: Document, upto: Version | None = None) -> tuple[object, ...]:
    """What a document's pages show of it: its document.yml, every version's name and dates, and the text of
    every version — or, with `upto`, of the versions up to that one: a version page is a snapshot, so saving a
    later version leaves it as it was."""
    texts = [v.digest for v in doc.versions]
    if upto is not None:
        texts = texts[: [v.id for v in doc.versions].index(upto.id) + 1]
    names = tuple((v.id, v.effective, v.announced, v.label, v.summary, v.kind) for v in doc.versions)
    return (*_document_key(doc), names, tuple(texts))


def render_version(doc: Document, version: Version, as_of: dt.date, *, current_page: bool,
                   edition: Edition | None = None, headings: HeadingStyle | None = None, memo: bool = True) -> Page:
    """A version's page; with `headings`, its provisions as a finished Part (see render_site)."""
    def make() -> Page:
        return _render_version(doc, version, as_of, current_page=current_page, edition=edition, headings=headings)

    if not version.digest:  # built by hand (tests), not loaded: nothing to key the cache on
        return make()
    key = ("version", _versions_key(doc, version), version.id, as_of, current_page,
           _versions_key(edition.other) if edition else None, edition.prevails if edition else None, headings)
    return _cached_page(key, make, memo)


def edition_context(doc: Document, version: Version, edition: Edition | None, current_page: bool) -> dict[str, Any] | None:
    """What a version page says about its other-language edition: its name and link, which edition prevails,
    whether one of them lags; and the counterpart's anchors, for each article's link to it."""
    if edition is None:
        return None
    other = edition.other
    counterpart = edition.counterpart(version) or other.current(version.effective)
    lang = doc.lang
    prefix = "../" if current_page else "../../"
    prevails_here = edition.prevails == doc.lang
    later_missing = [v for v in edition.missing_here(doc) if v.effective > version.effective]
    lines = []
    other_name = name_of(other.lang, lang)
    if lang == "en":
        lines.append(f"The {name_of(edition.prevails, 'en')} prevails." if not prevails_here else
                     "This edition prevails over the other-language edition.")
        if later_missing:
            v = later_missing[0]
            kind = " (an editorial revision)" if v.kind is VersionKind.EDITORIAL else ""
            lines.append(f"The {other_name} has a later version, effective {date_text(v.effective, 'en')}{kind}, "
                         "that this English edition does not reflect yet.")
    else:
        lines.append(f"{name_of(edition.prevails, 'ja')}が優先します。" if prevails_here else
                     f"{other_name}は参考訳です。{name_of(edition.prevails, 'ja')}が優先します。")
        if edition.counterpart(version) is None and counterpart is not None:
            lines.append(f"{other_name}はこの版（{ja(version.effective)}施行）にまだ対応していません。"
                         f"{other_name}の最新は{ja(counterpart.effective)}施行の版です。")
    return {
        "lang": other.lang,
        "name": other_name,
        "title": other.title,
        "url": f"{prefix}{other.slug}/{counterpart.id}/" if counterpart is not None else f"{prefix}{other.slug}/",
        "anchors": anchors_of(counterpart) if counterpart is not None else set(),
        "lines": lines,
        "lags": bool(later_missing) or edition.counterpart(version) is None,
    }


def _period_end(doc: Document, version: Version) -> dt.date | None:
    """The last day a version applies: the day before the next one takes effect (announced or in force)."""
    later = [v for v in doc.versions if v.effective > version.effective]
    return min(v.effective for v in later) - dt.timedelta(days=1) if later else None


def page_description(doc: Document, what: str) -> str:
    """A page's <meta name="description"> (and og:description): the document, which page of it, its publisher
    and its own description: search engines and link previews show it."""
    if doc.lang == "en":
        parts = [f"{doc.title}: {what}.", f"Published by {doc.publisher}." if doc.publisher else "", doc.description or ""]
    else:
        parts = [f"{doc.title}（{what}）。", f"{doc.publisher}が公表しています。" if doc.publisher else "",
                 doc.description or ""]
        return "".join(parts)
    return " ".join(p for p in parts if p)


def _render_version(doc: Document, version: Version, as_of: dt.date, *, current_page: bool,
                    edition: Edition | None = None, headings: HeadingStyle | None = None) -> Page:
    current = doc.current(as_of)
    env = _env()
    has_chapters = any(p.kind is Kind.CHAPTER for p in version.parsed.provisions)
    name = version_name(version, doc.lang)
    context: dict[str, Any] = {
        "doc": doc,
        "version": version,
        "current": current,
        "status": status(version, as_of, current),
        "is_current_page": current_page,
        "upcoming": doc.upcoming(as_of) if current_page else (),
        "version_name": name,
        "page_title": doc.title if current_page else f"{doc.title} {name}",
        "description": page_description(doc, name),
        "has_chapters": has_chapters,
        "versions_oldest_first": list(doc.versions),
        "link_prefix": "" if current_page else "../",
        "statuses": {v.id: status(v, as_of, current) for v in doc.versions},
        "previous": previous_version(doc, version),
        "history_prefix": "" if current_page else "../",
        "verbs": {v.id: _VERBS_EN.get(version_verb(doc, v), version_verb(doc, v)) if doc.lang == "en"
                  else version_verb(doc, v) for v in doc.versions},
        "L": labels(doc.lang),
        "status_key": status_key(version, as_of, current),
        "refs": RefIndex.of(version.parsed),
        "link_defs": link_definitions(version.body),
        "lang": doc.lang,
        "definitions": glossary_of(version),
        "clause_history": clause_history(doc, version, "" if current_page else "../"),
        "anchors_url": "anchors.json" if current_page else "../anchors.json",
        "version_order": [v.id for v in doc.versions].index(version.id),
        "toc": toc_entries(version.parsed, doc.lang),
        "headings": headings,
        "outline": [],
        "edition": edition_context(doc, version, edition, current_page),
        "period_end": _period_end(doc, version),
        "history_rows": [None if k is None else history_row(doc, doc.versions[k], as_of, current)
                         for k in history_window(doc.versions, version, current)],
    }
    markdown, parts = _split_parts(_tidy(env.get_template("version.md.j2").render(context)), context["outline"])
    path = f"{doc.slug}/index.md" if current_page else f"{doc.slug}/{version.id}/index.md"
    return Page(path, context["page_title"], markdown, parts)


_STATUS_JA = {Status.CHANGED: "変更", Status.ADDED: "新設", Status.NOTATION: "表記の変更", Status.DELETED: "削除"}
_STATUS_EN = {Status.CHANGED: "changed", Status.ADDED: "added", Status.NOTATION: "notation", Status.DELETED: "deleted"}


_DOC_DATA: Generations[tuple[object, ...], Any] = Generations()


def _per_document(key: tuple[object, ...], make: Callable[[], Any]) -> Any:
    """Data every page of a document shares, computed once per document (not once per page)."""
    value = _DOC_DATA.get(key)
    if value is None:
        if len(_DOC_DATA) > 10_000:
            _DOC_DATA.clear()
        value = _DOC_DATA[key] = make()
    return value


def clause_history(doc: Document, upto: Version, prefix: str) -> dict[str, list[dict[str, str]]]:
    """For each article, the revisions up to `upto` that changed it, linking to its row of each 新旧対照表.

    Up to this version only: a version page is a snapshot (later changes are on the current page and in the
    沿革), and saving one version must not change every other version's page."""
    result: dict[str, list[dict[str, str]]] = _per_document(
        ("clauses", _versions_key(doc, upto), upto.id, prefix), lambda: _clause_history(doc, upto, prefix))
    return result


def _clause_history(doc: Document, upto: Version, prefix: str) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    last = [v.id for v in doc.versions].index(upto.id)
    for old, new in zip(doc.versions[:last], doc.versions[1 : last + 1], strict=True):
        for row in compare_versions(old, new).rows:
            if row.status is Status.UNCHANGED or row.new_anchor is None or not row.new_anchor.startswith("art"):
                continue
            label = f"Revision effective {date_text(new.effective, 'en')} ({_STATUS_EN[row.status]})" \
                if doc.lang == "en" else f"{ja(new.effective)}施行の改定（{_STATUS_JA[row.status]}）"
            out.setdefault(row.new_anchor, []).append({"url": f"{prefix}{new.id}/changes/#{row.new_anchor}",
                                                       "label": label})
    for anchor, changes in out.items():
        if len(changes) > CLAUSE_HISTORY:
            # the latest revisions; the earlier ones are a click away, and the page does not grow with the years
            earlier = len(changes) - CLAUSE_HISTORY
            label = f"{earlier} earlier revisions (history)" if doc.lang == "en" else f"それ以前の改定{earlier}件（沿革）"
            out[anchor] = [{"url": f"{prefix}history/", "label": label}, *changes[-CLAUSE_HISTORY:]]
    return out


# a version page lists this many revisions of an article, and about this many rows of the document's 沿革: the
# page of a document with decades of revisions weighs what the page of a young one does
CLAUSE_HISTORY = 5
HISTORY_ROWS = 12


def history_row(doc: Document, v: Version, as_of: dt.date, current: Version | None) -> dict[str, Any]:
    key = status_key(v, as_of, current)
    return {"version": v, "name": version_name(v, doc.lang), "end": _period_end(doc, v),
            "status": labels(doc.lang)[key], "key": key}


def history_window(versions: Sequence[Version], here: Version, current: Version | None) -> list[int | None]:
    """Which versions (by index, newest first) a version page's 沿革 table shows, None where some are left out:
    all of them up to HISTORY_ROWS; beyond, the newest three, the one in force, this one and its neighbours,
    and the first (制定)."""
    n = len(versions)
    if n <= HISTORY_ROWS:
        return list(range(n - 1, -1, -1))
    at = [v.id for v in versions].index(here.id)
    kept = {0, n - 1, n - 2, n - 3, *range(max(0, at - 2), min(n, at + 3))}
    if current is not None:
        kept.add([v.id for v in versions].index(current.id))
    out: list[int | None] = []
    for k in sorted(kept, reverse=True):
        if out and out[-1] is not None and out[-1] - k > 1:
            out.append(None)
        out.append(k)
    return out


def citations(parsed: ParsedText, lang: str) -> dict[str, str]:
    """Every anchor's citation as its page cites it: 第14条第2項, a chapter's articles without their chapter."""
    own = cite_en if lang == "en" else cite
    out: dict[str, str] = {}

    def walk(p: Provision, prefix: str) -> None:
        here = prefix + own(p)
        if p.anchor:
            out.setdefault(p.anchor, here)
        for c in p.children:
            walk(c, "" if p.kind is Kind.CHAPTER and c.kind is Kind.ARTICLE else here)

    for p in parsed.provisions:
        walk(p, "")
    return out


def render_anchor_history(doc: Document, memo: bool = True) -> Page:
    if not all(v.digest for v in doc.versions):
        return _render_anchor_history(doc)
    return _cached_page(("anchors", _versions_key(doc), doc.lang), lambda: _render_anchor_history(doc), memo)


def _render_anchor_history(doc: Document) -> Page:
    """/<doc>/anchors.json: every anchor that not all versions have, with the versions that have it, so that a
    link to a deleted (or not yet added) provision can say where it is.  One file per document, fetched only
    when a page lacks the anchor a reader arrived with: no version page depends on the others' anchors.

    `versions` names each version once, in the document's order; an anchor's `at` are places in that list (a
    page knows its own, `data-version-order`), so the notice can tell 「加わりました」 from 「ありました」 and link
    to the version; `cite` names the provision as a reader would.  The names are not repeated per anchor: a
    renumbering revision leaves hundreds of anchors that only some versions have, and a reader on a phone
    downloads this file to read one notice (54 KB a document at 3 versions × 60 articles when they were)."""
    had: dict[str, list[int]] = {}
    cites: dict[str, str] = {}
    for k, v in enumerate(doc.versions):
        for anchor, name in citations(v.parsed, doc.lang).items():
            had.setdefault(anchor, []).append(k)
            cites.setdefault(anchor, name)
    data = {
        "versions": [{"id": v.id, "name": version_name(v, doc.lang)} for v in doc.versions],
        "anchors": {a: {"cite": cites[a], "at": ks} for a, ks in sorted(had.items()) if len(ks) < len(doc.versions)},
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return Page(f"{doc.slug}/anchors.json", f"{doc.title} anchors", text)


DOWNLOADS = {"docx": "Word（.docx）", "pdf": "PDF"}


def render_changes(doc: Document, old: Version, new: Version, comparison: Comparison, new_side: str,
                   downloads: Sequence[str] = (), headings: HeadingStyle | None = None, memo: bool = True) -> Page:
    if not (old.digest and new.digest):
        return _render_changes(doc, old, new, comparison, new_side, downloads, headings)
    key = ("changes", *_document_key(doc), new_side, tuple(downloads), headings,
           *((v.id, v.digest, v.effective, v.announced, v.label, v.summary) for v in (old, new)))
    return _cached_page(key, lambda: _render_changes(doc, old, new, comparison, new_side, downloads, headings), memo)


def table_document(doc: Document, old: Version, new: Version, comparison: Comparison,
                   new_side: str) -> TableDocument:
    """The table with what a Word file or PDF says around it."""
    span = periods(old, new)
    meta = [f"改定前：{version_name(old)}", f"改定後：{version_name(new)}"]
    if new.announced:
        meta.append(f"公表日：{ja(new.announced)}")
    meta.append(f"施行日：{ja(new.effective)}")
    return TableDocument(
        title=f"{doc.title} 新旧対照表", as_of=new.announced,
        headers={side: f"{SIDE_NAMES[side]}（{span[side]}）" for side in ("old", "new")},
        sides=("new", "old") if new_side == "left" else ("old", "new"),
        lines=tuple(table_lines(comparison, cite)), meta=tuple(meta), definitions=comparison.definitions,
    )


def _render_changes(doc: Document, old: Version, new: Version, comparison: Comparison, new_side: str,
                    downloads: Sequence[str] = (), headings: HeadingStyle | None = None) -> Page:
    files = [{"name": DOWNLOADS[f], "href": f"../changes.{f}"} for f in downloads]
    api = f"../../../{API}/{doc.slug}/"
    table = comparison_table(comparison, new_side=new_side, old_url=f"../../{old.id}/", new_url="../", old=old, new=new,
                             api_urls={"old": f"{api}{old.id}.json", "new": f"{api}{new.id}.json"}, lang=doc.lang)
    markdown = _env().get_template("changes.md.j2").render(
        doc=doc, old=old, new=new, old_name=version_name(old, doc.lang), new_name=version_name(new, doc.lang),
        counts=change_counts(comparison), table=table, as_of=new.announced, files=files, L=labels(doc.lang),
        lang=doc.lang, page_title=f"{doc.title} {labels(doc.lang)['cmp_title']} {version_name(new, doc.lang)}",
        headings=headings,
    )
    markdown, parts = _split_parts(_tidy(markdown), [])
    return Page(f"{doc.slug}/{new.id}/changes/index.md", f"{doc.title} 新旧対照表", markdown, parts)


def linker(from_dir: str, directory_urls: bool = True) -> Callable[[str], str]:
    """URLs between generated pages, for links inside HTML blocks (Markdown links MkDocs resolves itself):
    `link("your-connect-terms/2026-03-01/")` from "changelog/" is "../your-connect-terms/2026-03-01/"."""

    here = [p for p in from_dir.split("/") if p]

    def relpath(target: str) -> str:  # posixpath.relpath, without its getcwd() on every call
        there = [p for p in target.split("/") if p]
        common = 0
        while common < min(len(here), len(there)) and here[common] == there[common]:
            common += 1
        return "/".join([".."] * (len(here) - common) + there[common:]) or "."

    def link(target: str) -> str:
        rel = relpath(target.rstrip("/") or ".")
        if not target.endswith("/"):  # a file such as feed.xml
            return rel
        rel = "./" if rel == "." else rel + "/"
        return rel if directory_urls else f"{rel}index.html"

    return link


def render_history(doc: Document, entries: list[Entry], directory_urls: bool, titles: dict[str, str],
                   headings: HeadingStyle | None = None) -> Page:
    what = "history of every version" if doc.lang == "en" else "沿革：すべての版の公表日・施行日と改定概要"
    markdown = _env().get_template("history.md.j2").render(
        doc=doc, entries=list(reversed(entries)), link=linker(f"{doc.slug}/history/", directory_urls), titles=titles,
        description=page_description(doc, what), headings=headings,
    )
    markdown, parts = _split_parts(_tidy(markdown), [])
    return Page(f"{doc.slug}/history/index.md", f"{doc.title} 沿革", markdown, parts)


def render_changelog(timeline: Timeline, titles: dict[str, str], directory_urls: bool,
                     headings: HeadingStyle | None = None) -> Page:
    markdown = _env().get_template("changelog.md.j2").render(
        upcoming=timeline.upcoming(), months=by_month(timeline.past()), titles=titles,
        link=linker("changelog/", directory_urls), headings=headings,
    )
    markdown, parts = _split_parts(_tidy(markdown), [])
    return Page("changelog/index.md", "改定履歴", markdown, parts)


def _entry_title(e: Entry) -> str:
    if e.kind == "notice":
        return e.title
    assert e.version is not None
    label = "（施行予定）" if e.upcoming else ""
    return f"{e.title} {e.verb}: {version_name(e.version)}{label}"


def render_feed(entries: list[Entry], *, title: str, path: str, site_url: str | None, author: str,
                titles: dict[str, str]) -> Page:
    """An Atom feed (RFC 4287).  Nothing in it depends on the build time: same source, same bytes."""
    folder = posixpath.dirname(path) + "/"
    base = site_url.rstrip("/") + "/" if site_url else ""
    host = re.sub(r"^https?://", "", base).split("/")[0] or "terms-site"
    link = linker(folder)

    def href(target: str) -> str:  # absolute with site_url; else relative to the feed, as RFC 3986 resolves
        return base + target if base else link(target)

    def entry_href(e: Entry) -> str:
        if e.notice is not None:
            return href(f"notices/{e.notice.id}/")
        assert e.doc is not None and e.version is not None
        return href(f"{e.doc.slug}/{e.version.id}/")

    def entry_id(e: Entry) -> str:
        key = f"notices/{e.notice.id}" if e.notice is not None else f"{e.doc.slug}/{e.version.id}"  # type: ignore[union-attr]
        return f"tag:{host},{e.date.isoformat()}:{key}"

    def entry_content(e: Entry) -> str:
        parts = [f"<p>公表日: {ja(e.announced) if e.announced else '—'} / 施行日: {ja(e.effective) if e.effective else '—'}</p>"]
        if e.version is not None and e.version.summary:
            parts.append(render_block(e.version.summary))
        if e.counts is not None and e.doc is not None and e.version is not None:
            parts.append(
                f"<p>変更 {e.counts.changed}・新設 {e.counts.added}・削除 {e.counts.deleted} — "
                f'<a href="{html.escape(href(f"{e.doc.slug}/{e.version.id}/changes/"))}">新旧対照表</a></p>'
            )
        if e.notice is not None:
            if e.notice.summary:
                parts.append(render_block(e.notice.summary))
            parts.append(render_block(e.notice.body))
            docs = "、".join(titles.get(s, s) for s in e.notice.documents)
            if docs:
                parts.append(f"<p>対象文書: {html.escape(docs)}</p>")
        return "\n".join(parts)

    newest = max((e.updated for e in entries), default=dt.date(1970, 1, 1))
    xml = _env().get_template("feed.xml.j2").render(
        entries=entries, title=title, feed_id=f"tag:{host},2026:{path}", updated=f"{newest.isoformat()}T00:00:00+09:00",
        self_href=href(path), alternate_href=href(folder), base=base, author=author,
        entry_title=_entry_title, entry_id=entry_id, entry_href=entry_href, entry_content=entry_content,
    )
    return Page(path, title, xml)


def previous_version(doc: Document, version: Version) -> Version | None:
    index = [v.id for v in doc.versions].index(version.id)
    return doc.versions[index - 1] if index > 0 else None


def render_compare_any(doc: Document, as_of: dt.date) -> list[Page]:
    """`/<doc>/compare/`: any two versions side by side, computed in the reader's browser from the versions'
    JSON (`api.py`), so the build writes one page per document instead of one per pair."""
    # by default the newest version (an upcoming one, if announced) against the one in force
    current = doc.current(as_of)
    default_new = doc.versions[-1]
    older = [v for v in doc.versions if v.effective < default_new.effective]
    default_old = current if current is not None and current is not default_new else \
        (older[-1] if older else default_new)
    markdown = _env().get_template("compare_any.md.j2").render(
        doc=doc, versions=list(reversed(doc.versions)), current=current, default_old=default_old.id,
        default_new=default_new.id, api=f"../../{API}/{doc.slug}/",
    )
    return [Page(f"{doc.slug}/compare/index.md", f"{doc.title} 版の比較", _tidy(markdown))]


_FILE_PAGES: dict[str, Page] = {}


def _file_page(file: tuple[str, str], title: str, memo: bool) -> Page:
    """A generated file as a Page; with `memo`, the last one for the same text (version_file keeps the text, and
    the page store knows a page it wrote from the same object: pagestore.PageStore.write)."""
    path, text = file
    if not memo:
        return Page(path, title, text)
    last = _FILE_PAGES.get(path)
    if last is None or last.markdown is not text or last.title != title:
        last = _FILE_PAGES[path] = Page(path, title, text)
    return last


def api_pages(doc: Document, as_of: dt.date, entries: list[Entry], downloads: Sequence[str] = (),
              memo: bool = False) -> list[Page]:
    """A document's files under `/api/v1/`: its versions and consent answers, each version's provisions."""
    if not doc.versions:
        return []
    return [Page(*_titled(document_file(doc, as_of, entries, downloads), doc.title)),
            *(_file_page(version_file(doc, v, cite), v.id, memo) for v in doc.versions)]


def render_api(source: Source, as_of: dt.date, downloads: Sequence[str] = (),
               timeline: Timeline | None = None) -> list[Page]:
    """`/api/v1/`: the documents, each document's versions and consent answers, each version's provisions."""
    timeline = timeline or build_timeline(source, as_of)
    pages = [Page(*_titled(index_file(source.documents, as_of), "API"))]
    for doc in source.documents:
        pages.extend(api_pages(doc, as_of, timeline.by_doc[doc.slug], downloads))
    return pages


def _titled(file: tuple[str, str], title: str) -> tuple[str, str, str]:
    return file[0], title, file[1]


@dataclass(frozen=True)
class RenderOptions:
    directory_urls: bool = True
    site_url: str | None = None
    downloads: tuple[str, ...] = ()  # the formats each comparison is also offered in
    site_author: str | None = None
    headings: HeadingStyle | None = None  # see render_site
    # keep rendered pages for the next rebuild (`mkdocs serve`); a build renders each page once, and keeping
    # them would hold the whole site in memory
    memo: bool = True


def render_document(model: SiteModel, doc: Document, options: RenderOptions) -> list[Page]:
    """Every page of one document: its current page, each version, each 新旧対照表, its 沿革, 版の比較,
    anchors.json, feed and API files.  Reads the model; computes nothing the model holds."""
    as_of, headings, memo = model.as_of, options.headings, options.memo
    current = doc.current(as_of)
    shown = current or (doc.versions[0] if doc.versions else None)
    if shown is None:
        return []
    edition = model.editions.get(doc.slug)
    pages = [render_version(doc, shown, as_of, current_page=True, edition=edition, headings=headings, memo=memo)]
    for version in doc.versions:
        pages.append(render_version(doc, version, as_of, current_page=False, edition=edition, headings=headings,
                                    memo=memo))
    new_side = str((doc.settings.get("compare") or {}).get("new_side", "right"))
    entries = model.timeline.by_doc[doc.slug]
    for entry in entries:
        if entry.previous is not None and entry.version is not None and entry.comparison is not None:
            pages.append(render_changes(doc, entry.previous, entry.version, entry.comparison, new_side,
                                        options.downloads, headings, memo=memo))
    history = model.timeline.of_document(doc.slug)
    pages.append(render_history(doc, history, options.directory_urls, model.titles, headings))
    pages.extend(render_compare_any(doc, as_of))
    pages.append(render_anchor_history(doc, memo))
    pages.append(render_feed(
        list(reversed(history)), title=f"{doc.title} 改定履歴", path=f"{doc.slug}/feed.xml",
        site_url=options.site_url, author=doc.publisher or doc.title, titles=model.titles,
    ))
    pages.extend(api_pages(doc, as_of, entries, options.downloads, memo))
    if not memo:  # a build: what this document's pages shared is not needed by the next document's
        _ARTICLES.clear()
        _DOC_DATA.clear()
        _FILE_PAGES.clear()
        forget_api_files()
    return pages


def iter_pages(model: SiteModel, options: RenderOptions, workers: int = 1) -> Iterator[Page]:
    """Every generated page and feed, document by document (each rendered on one of `workers` processes), so
    that the caller can write each away as it comes."""
    return iter_rendered(model, options, workers, _itself)


def _itself(page: Page) -> Page:
    return page


def iter_rendered(model: SiteModel, options: RenderOptions, workers: int, each: Callable[[Page], T]) -> Iterator[T]:
    """each(page) for every generated page, in the order of iter_pages; a document's pages go through `each` on
    the worker that rendered them, so what comes back is only what `each` returns (pagestore.PageStore.write)."""
    env = _env()
    source, as_of = model.source, model.as_of
    summaries = [{"doc": doc, "current": doc.current(as_of), "upcoming": doc.upcoming(as_of)}
                 for doc in source.documents if doc.versions]
    home = env.get_template("home.md.j2").render(
        documents=summaries, notices=list(reversed(source.notices)), site_intro=SITE_INTRO
    )
    yield each(Page("index.md", "規約一覧", _tidy(home)))
    for pages in ordered_map(lambda doc: [each(p) for p in render_document(model, doc, options)],
                             list(source.documents), workers):
        yield from pages
    by_slug = {d.slug: d for d in source.documents}
    for notice in source.notices:
        markdown = env.get_template("notice.md.j2").render(
            notice=notice, documents=[by_slug[s] for s in notice.documents if s in by_slug]
        )
        yield each(Page(f"notices/{notice.id}/index.md", notice.title, _tidy(markdown)))
    yield each(Page(*_titled(index_file(source.documents, as_of), "API")))
    yield each(render_changelog(model.timeline, model.titles, options.directory_urls, options.headings))
    yield each(render_feed(
        model.timeline.newest_first(), title="改定履歴", path="changelog/feed.xml", site_url=options.site_url,
        author=options.site_author or "、".join(dict.fromkeys(d.publisher for d in source.documents if d.publisher))
        or "terms-site", titles=model.titles,
    ))


def render_site(
    source: Source, as_of: dt.date, *, directory_urls: bool = True, site_url: str | None = None,
    downloads: Sequence[str] = (), site_author: str | None = None, headings: HeadingStyle | None = None,
    workers: int = 1, memo: bool = True,
) -> list[Page]:
    """Every generated page and feed: home, changelog, each document's current page, history, versions and
    comparisons, each notice; `downloads` are the formats each comparison is also offered in.

    Without `headings` every page is Markdown (`terms-site export`, the goldens).  With them (the plugin), a
    version's provisions and a 新旧対照表 — nine tenths of the site's HTML — come as finished `Part`s, their
    headings written as the site's `toc` extension would write them: MkDocs gets them without Python-Markdown
    re-parsing a few hundred KB of HTML a page."""
    model = build_model(source, as_of, workers)
    options = RenderOptions(directory_urls, site_url, tuple(downloads), site_author, headings, memo)
    return list(iter_pages(model, options, workers))


# notices named in the navigation; older ones are on the changelog, which lists them all
NAV_NOTICES = 10
# more documents than this and the navigation names none of them: the home page (規約一覧) lists them all, and a
# sidebar of hundreds of titles (600 bytes of Material's markup each, on every page) helps nobody find one
NAV_DOCUMENTS = 30


def navigation(source: Source, as_of: dt.date, max_documents: int = NAV_DOCUMENTS) -> list[dict[str, Any]]:
    """MkDocs `nav`: the home page, the changelog, each document's current page and the latest notices.  Every
    page carries the navigation, so it names one page a document, whatever the number of versions, and no
    document at all beyond `max_documents`: a page weighs the same at 50 documents and at 500.  A document's
    own pages (沿革, 版の比較, each version and 新旧対照表) are linked from the document's bar on each of them
    (theme/main.html) and from its 沿革.
    Labels from the source are HTML-escaped: Material prints navigation titles as they are."""
    esc = html.escape
    nav: list[dict[str, Any]] = [{"規約一覧": "index.md"}, {"改定履歴": "changelog/index.md"}]
    published = [doc for doc in source.documents if doc.versions]
    if len(published) <= max_documents:
        nav += [{esc(doc.title): f"{doc.slug}/index.md"} for doc in published]
    if source.notices:
        latest = list(reversed(source.notices))[:NAV_NOTICES]
        nav.append({"お知らせ": [{esc(n.title): f"notices/{n.id}/index.md"} for n in latest]})
    return nav


def nav_paths(nav: list[Any]) -> set[str]:
    """Every page path named in a nav structure."""
    out: set[str] = set()
    for entry in nav:
        values = entry.values() if isinstance(entry, dict) else [entry]
        for value in values:
            out |= nav_paths(value) if isinstance(value, list) else {value}
    return out
