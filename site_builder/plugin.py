"""The MkDocs plugin `terms`: glue between MkDocs and the plain-Python pipeline.

This is the only module that imports mkdocs (DESIGN §2): loading, parsing and rendering live in their own
modules, so the pipeline could move to another site engine.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc

from . import handoff, output
from .builddate import build_date, is_preview
from .cache import sweep
from .compact import compact
from .dates import ja
from .downloads import Download, Job, make, plan
from .loader import load_source
from .model import Severity, Source
from .output import Target
from .pagestore import PageStore
from .parallel import Forked, cores, settle, unsettle
from .rebuild import REUSE_TEMPLATE, Built, CompiledTemplates, QuietLinks, keep_outputs, site_key, surroundings
from .render import NAV_DOCUMENTS, HeadingStyle, Part, RenderOptions, iter_rendered, nav_paths, navigation
from .search import INDEX, IndexFile, index_files, skip_material_index, use_our_worker
from .serving import Afterwards, put_linked
from .sitemodel import build_model

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def _has_search(config: MkDocsConfig) -> bool:
    # Material registers its search plugin as "material/search"
    return any(name.split("/")[-1] == "search" for name in config.plugins)


def _write_index(site: Path, files: list[IndexFile]) -> None:
    """The search files, `search_index.json` last: it names the others, which must be there when it is read."""
    for f in sorted(files, key=lambda f: f.path == INDEX):
        output.replace_file(site / f.path, f.content.encode("utf-8"))


class _PluginConfig(base.Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    # the folder of terms versions (DESIGN §3), relative to mkdocs.yml
    source = c.Type(str, default="source_terms")
    # build date (YYYY-MM-DD): which version is in force; TERMS_AS_OF overrides it, today when neither is set
    as_of = c.Optional(c.Type(str))
    # each 新旧対照表 is also offered as these files (DESIGN §5): what goes to the 稟議 and to a regulator
    downloads = c.ListOfItems(c.Choice(("docx", "pdf")), default=["docx", "pdf"])
    # the site's own synonym groups for search, added to the shipped table (site_builder/search/synonyms.txt)
    synonyms = c.ListOfItems(c.ListOfItems(c.Type(str)), default=[])
    # up to this many documents the navigation names each one; beyond, only the home page that lists them all
    nav_documents = c.Type(int, default=NAV_DOCUMENTS)
    # hand a version's provisions and each 新旧対照表 to MkDocs as finished HTML (handoff.py) instead of through
    # Python-Markdown, which only passes them on; off: every generated page is Markdown, as `terms-site export`
    finished_html = c.Type(bool, default=True)


THEME = Path(__file__).parent / "theme"
ASSETS = ("assets/stylesheets/terms.css", "assets/javascripts/terms.js")


def _use_package_theme(config: MkDocsConfig) -> None:
    """The plugin brings its own Material overrides (templates, CSS, JS): `plugins: [search, terms]` in a site's
    mkdocs.yml is all it takes.  They go after the site's own custom_dir, so a site can still override them."""
    dirs = config.theme.dirs
    if str(THEME) not in dirs:
        material = next((k for k, d in enumerate(dirs) if Path(d).name == "material" or "/material/" in d), len(dirs))
        dirs.insert(material, str(THEME))
    css = [str(c) for c in config.extra_css]
    if ASSETS[0] not in css:
        config.extra_css.append(ASSETS[0])
    scripts = [str(getattr(j, "path", j)) for j in config.extra_javascript]
    if ASSETS[1] not in scripts:
        config.extra_javascript.append(ASSETS[1])


class TermsPlugin(BasePlugin[_PluginConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.source: Source | None = None
        self.as_of: dt.date | None = None
        self.user_nav = False
        # atomic output: `mkdocs build` writes beside site/ and swaps at the end (see on_shutdown)
        self.atomic = False
        self.target: Target | None = None
        self.staging: Path | None = None
        self.built = False
        # MkDocs keeps a plugin with on_startup across `serve` rebuilds, so these survive from one to the next
        self.store: PageStore | None = None
        self.command: str | None = None  # None: built by mkdocs.commands.build.build() without the CLI
        self.last_nav: tuple[tuple[str, str], ...] = ()
        # each generated page's finished parts (handoff.py), by page path, their HTML in the store
        self.headings: HeadingStyle | None = None
        self.parts: dict[str, tuple[Part, ...]] = {}
        # `mkdocs serve` rebuilds every page on a save; a generated page whose source and surroundings (the
        # navigation, the config, the theme) did not change is written again as it was built last time
        self.built_pages: dict[str, Built] = {}
        self.surroundings = b""
        self.reused: set[str] = set()
        self.reused_count = 0
        self.compiled_templates = CompiledTemplates()
        self.dirty = False
        self.site = b""  # rebuild.site_key() of this rebuild
        self.written: list[str] = []  # what MkDocs writes this rebuild, to keep (rebuild.keep_outputs)
        self.handed_over: set[str] = set()  # the pages linked as they were built, not built (`_hand_over`)
        # a build's Word/PDF files not in the cache: made while MkDocs builds the pages (`_add_downloads`)
        self.making: Future[list[Download]] | None = None
        # a build's search index, made on a process of its own while MkDocs builds the pages (on_files)
        self.indexing: Forked[list[IndexFile]] | None = None
        self.made_later: set[str] = set()
        self.quiet = QuietLinks(self.handed_over, self.made_later)
        # `serve`: the search index and a saved revision's Word/PDF are made after the reload (serving.py);
        # until then the site has the last ones: the index files, and each download's file in the cache
        self.afterwards = Afterwards()
        self.last_index: list[IndexFile] = []
        self.last_download: dict[str, Path] = {}
        self.pending: list[Job] = []

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.atomic = command in ("build", "gh-deploy") and not dirty
        self.command = command
        self.dirty = dirty

    def _workers(self) -> int:
        """A build works on every core; `serve` in-process, where the caches keep what a save did not change
        for the next rebuild (and where forking beside the server's threads is not safe)."""
        return 1 if self.command == "serve" else cores()

    def _drop_store(self) -> None:
        """After a build, not after a `serve` rebuild: the next one starts from what this one stored."""
        if self.command != "serve" and self.store is not None:
            self.store.remove()
            self.store = None

    def _source_dir(self, config: MkDocsConfig) -> Path:
        return (Path(config.config_file_path or ".").parent / self.config.source).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.afterwards.wait()  # the last rebuild's files first: MkDocs is about to empty site_dir
        pages_log = logging.getLogger("mkdocs.structure.pages")
        if self.quiet not in pages_log.filters:
            pages_log.addFilter(self.quiet)
        _use_package_theme(config)
        skip_material_index(config.plugins)
        self.headings = handoff.heading_style(config.markdown_extensions, config.mdx_configs) \
            if self.config.finished_html else None
        if self.headings is None and self.config.finished_html:
            log.info("terms: markdown_extensions has no attr_list, or toc options the plugin does not follow: "
                     "generated pages go through Python-Markdown whole (slower)")
        try:
            self.as_of = build_date(self.config.as_of)
        except ValueError as exc:
            raise PluginError(f"terms: {exc}") from exc
        # for main.html: the date the pages show, and whether it is a preview of another day
        config.extra["terms_build"] = {"date": self.as_of.isoformat(), "date_ja": ja(self.as_of),
                                       "preview": is_preview(self.as_of)}
        root = self._source_dir(config)
        unsettle()
        source = load_source(root, self._workers(), memo=self.command == "serve")
        for d in source.diagnostics:
            # a defect in one text is a warning here: the site is published (--strict still fails on it)
            (log.error if d.severity is Severity.ERROR else log.warning)(d.format(root.parent))
        if source.errors:
            first = source.errors[0].format(root.parent)
            raise PluginError(f"terms: {len(source.errors)} error(s) in {root.name}/, the first: {first}")
        self.source = source
        if self.atomic:
            # MkDocs empties site_dir before it builds, and --strict aborts only after the last page is written:
            # build into a folder of this build's own and put it in place once the whole build has succeeded.
            try:
                self.target = output.target(Path(config.site_dir))
                self.staging = output.new_staging(self.target)
            except output.OutputError as exc:
                raise PluginError(f"terms: {exc}") from exc
            config.site_dir = str(self.staging)
            self.built = False
        # our nav only when the site's own mkdocs.yml sets none
        self.user_nav = config.nav is not None
        log.info("terms: %d document(s), %d notice(s), in force on %s", len(source.documents),
                 len(source.notices), self.as_of)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.source is None or self.as_of is None:
            return files
        downloads = list(self.config.downloads)
        serving = self.command == "serve"
        workers = self._workers()
        model = build_model(self.source, self.as_of, workers)
        settle()
        options = RenderOptions(directory_urls=config.use_directory_urls, site_url=config.site_url or None,
                                downloads=tuple(downloads), site_author=config.site_author or None,
                                headings=self.headings, memo=serving)
        if self.store is None:
            self.store = PageStore(Path(tempfile.mkdtemp(prefix="terms-pages-")), remember=serving)
        self.parts = {}
        titles: list[tuple[str, str]] = []
        # by output path too: docs/about.md and a generated about/index.md are both /about/
        by_dest = {f.dest_uri: f for f in files}
        # pages our navigation does not name (old versions, 新旧対照表, 沿革) are reached from the document's pages;
        # MkDocs is told so, instead of listing them in its log
        nav: list[Any] | None = None if self.user_nav else navigation(self.source, self.as_of,
                                                                       self.config.nav_documents)
        in_nav = nav_paths(nav) if nav is not None else None
        generated_pages: list[tuple[File, bytes]] = []
        # each page goes to the store as it comes, so the site's HTML is never all in memory (pagestore.py)
        # (a worker writes the pages it renders and sends back their records)
        for page in iter_rendered(model, options, workers, self.store.write):
            self.store.record(page)
            titles.append((page.path, page.title))
            existing = files.get_file_from_path(page.path)
            if page.path == "index.md" and existing is not None:
                continue  # the site's own home page wins
            inclusion = (InclusionLevel.NOT_IN_NAV if in_nav is not None and page.path not in in_nav
                         else InclusionLevel.UNDEFINED)
            if page.parts:
                self.parts[page.path] = page.parts
            generated = File.generated(config, page.path, abs_src_path=page.source, inclusion=inclusion)
            clash = existing or by_dest.get(generated.dest_uri)
            if clash is not None:
                raise PluginError(f"terms: docs/{clash.src_uri} clashes with the generated page {page.path} "
                                  f"(both would be {generated.dest_uri}): rename one of them")
            if serving and not generated.is_documentation_page():  # API, anchors, feeds
                self._link(files, config, generated.dest_uri, Path(page.source))
            elif generated.is_documentation_page():
                generated_pages.append((generated, page.digest))
            else:
                files.append(generated)
        self.site = site_key(nav, [Path(f.abs_src_path) for f in files.documentation_pages() if f.abs_src_path],
                             config) if self._keeping() else b""
        self._hand_over(generated_pages, files, config, same_titles=tuple(titles) == self.last_nav)
        if self.command != "serve" and _has_search(config):
            # The index needs the source alone, and MkDocs builds the pages on one core: it is made meanwhile,
            # on a process forked now (before the Word/PDF thread starts: a fork beside a thread is not safe)
            source, as_of, synonyms = self.source, self.as_of, list(self.config.synonyms)
            self.indexing = Forked(lambda: index_files(source, as_of, synonyms, 1))
        cache = Path(config.config_file_path or ".").resolve().parent / ".cache" / "terms-site" / "downloads"
        self._add_downloads(files, config, plan(self.source, self.as_of, downloads, cache,
                                                   tidy=self.command != "serve"))
        if tuple(titles) != self.last_nav:
            # every page shows the navigation: `serve --dirty` must rebuild them all
            self.store.touch_all()
        self.last_nav = tuple(titles)
        if nav is not None:
            named = nav_paths(nav)
            for f in files.documentation_pages():
                # the site's own pages (docs/about.md) are listed after ours, as MkDocs would list them
                if f.src_uri not in named and f.inclusion is not InclusionLevel.NOT_IN_NAV:
                    nav.append(f.src_uri)
            config.nav = nav
        return files

    def _keeping(self) -> bool:
        """Plain `serve` keeps each page it writes for the next rebuild (rebuild.py).  `--dirty` needs not: MkDocs
        itself leaves a page whose source is older than its output."""
        return self.command == "serve" and not self.dirty and self.store is not None

    def _hand_over(self, pages: list[tuple[File, bytes]], files: Files, config: MkDocsConfig, *,
                   same_titles: bool) -> None:
        """The generated pages to MkDocs.  Under plain `serve`, one the navigation does not name and that is as
        it was last written (its content and the site around it) is linked into the site as it was instead, and
        MkDocs told it is excluded from this build: MkDocs then neither converts it nor lays it out, and links
        to it still resolve (their INFO notes are rebuild.QuietLinks').  Nine pages in ten, on the bench corpus."""
        self.handed_over.clear()
        for generated, digest in pages:
            built = self.built_pages.get(generated.src_uri)
            if (self._keeping() and same_titles and built is not None and built.digest == digest
                    and built.site == self.site and generated.inclusion is InclusionLevel.NOT_IN_NAV
                    and built.kept.is_file()):
                put_linked(built.kept, Path(config.site_dir) / generated.dest_uri)
                generated.inclusion = InclusionLevel.EXCLUDED
                self.handed_over.add(generated.src_uri)
            files.append(generated)

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        if self.command == "serve":
            env.bytecode_cache = self.compiled_templates
        return env

    def on_nav(self, nav: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.command == "serve":
            self.surroundings = surroundings(nav, config)
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: MkPage, config: MkDocsConfig, files: Files) -> str | None:
        built = self.built_pages.get(page.file.src_uri)
        if not self._keeping() or built is None or self.store is None:
            return markdown
        if (built.digest, built.surroundings) != (self.store.digests.get(page.file.src_uri), self.surroundings):
            return markdown
        # unchanged: no Markdown to convert, and a template that writes the last output as it is
        self.reused.add(page.file.src_uri)
        page.meta["template"] = REUSE_TEMPLATE
        return ""

    def on_page_content(self, html: str, /, *, page: MkPage, config: MkDocsConfig, files: Files) -> str | None:
        if page.file.src_uri in self.reused:
            built = self.built_pages[page.file.src_uri]
            page.present_anchor_ids, page.toc = set(built.ids), built.toc
            return ""  # the output goes in at on_page_context, after Material's search plugin has read the page
        parts = self.parts.get(page.file.src_uri)
        if not parts:
            return html
        lost = handoff.missing(html, parts)
        if lost:
            raise PluginError(f"terms: {page.file.src_uri}: a Markdown extension rewrote the placeholder of part "
                              f"{lost[0]}; leave HTML comments as they are, or remove the extension")
        # what Python-Markdown would have learnt from the parts: their anchors (links to them are validated) and
        # their headings (Material's table of contents)
        page.present_anchor_ids = (page.present_anchor_ids or set()).union(*(part.ids for part in parts))
        if any(part.headings for part in parts):
            page.toc = get_toc(handoff.outline(html, handoff.flatten(page.toc), parts))  # type: ignore[arg-type]
        return html

    def on_page_context(self, context: Any, /, *, page: MkPage, config: MkDocsConfig, nav: Any) -> Any:
        if page.file.src_uri in self.reused:
            page.content = self.built_pages[page.file.src_uri].kept.read_text(encoding="utf-8")
        return context

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or self.source is None:
            return output
        if page.file.src_uri in self.reused:
            self.reused.discard(page.file.src_uri)
            self.reused_count += 1
            return output
        output = self._finish(output, page, config)
        if self._keeping() and self.store is not None and page.file.src_uri in self.store.digests:
            # kept once MkDocs has written it (on_post_build)
            self.built_pages[page.file.src_uri] = Built(
                self.store.digests[page.file.src_uri], self.site, self.surroundings,
                self.store.root / "built" / page.file.dest_uri, frozenset(page.present_anchor_ids or ()), page.toc)
            self.written.append(page.file.dest_uri)
        return output

    def _finish(self, output: str, page: Any, config: MkDocsConfig) -> str:
        """The page as written: without its indentation, with our search, and with its parts in place — only
        now, after the theme laid out the page around their placeholders: the parts are most of the site's HTML,
        and kept out of MkDocs' pages (which it holds until the build ends) and out of the passes above."""
        assert self.source is not None
        output = compact(output)
        if _has_search(config):
            first = page.file.src_uri.split("/", 1)[0]
            doc = first if any(d.slug == first for d in self.source.documents) else None
            try:
                output = use_our_worker(output, page.file.src_uri, doc)
            except ValueError as exc:
                raise PluginError(f"terms: {exc}") from exc
        kept = self.parts.get(page.file.src_uri)
        if kept and self.store is not None:
            output = handoff.fill(output, self.store.parts(page.file.src_uri, kept))
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # the Word/PDF files made beside MkDocs' pages, first: the search index below forks, which is not safe
        # beside the thread that waits on them
        self._write_made(config)
        # after Material's search plugin (listed before us): replace its index with the provisions in force
        if self.config.enabled and self.source is not None and self.as_of is not None and _has_search(config):
            path = Path(config.site_dir) / "search" / "search_index.json"
            if not path.is_file():
                raise PluginError("terms: Material's search plugin wrote no search/search_index.json; "
                                  "put 'search' before 'terms' in plugins")
            if self.command == "serve" and self.last_index:
                _write_index(Path(config.site_dir), self.last_index)  # a second out of date, never missing
            else:
                indexing, self.indexing = self.indexing, None
                index = indexing.result() if indexing is not None else \
                    index_files(self.source, self.as_of, self.config.synonyms, self._workers())
                _write_index(Path(config.site_dir), index)
                self.last_index = index if self.command == "serve" else []
        if self.command == "serve" and self.source is not None and self.as_of is not None:
            sweep(self.source)  # before the thread starts: it uses the memos too
            self._finish_afterwards(config)
        if self._keeping() and self.store is not None:
            keep_outputs(Path(config.site_dir), self.store.root / "built", self.written, handed_over=bool(self.handed_over))
            self.written = []
        if self.command == "serve" and (self.reused_count or self.handed_over):
            log.info("terms: %d unchanged page(s) written as they were built", self.reused_count + len(self.handed_over))
        self.reused_count = 0
        self._drop_store()
        self.built = True  # strict mode may still abort: on_build_error then says so

    def _link(self, files: Files, config: MkDocsConfig, path: str, kept: Path) -> None:
        """`path` in the site is a link to the file `kept` on disk (serving.py), made now: MkDocs emptied site_dir
        before on_files.  MkDocs is handed the file too, for its link checks; copying a file onto a link to
        itself, it finds them the same file and leaves it (shutil.SameFileError)."""
        put_linked(kept, Path(config.site_dir) / path)
        files.append(File.generated(config, path, abs_src_path=str(kept)))

    def _add_downloads(self, files: Files, config: MkDocsConfig, jobs: list[Job]) -> None:
        """Each 新旧対照表's Word/PDF.  A build makes what the cache lacks and hands MkDocs every file.  Under
        `serve` a cached file is linked into the site, and one to be made whose last version is in the site is made
        after the reload (`self.pending`, `_finish_afterwards`), its last version linked until then."""
        self.pending = []
        if self.command != "serve":
            for download in make([job for job in jobs if job.ready]):
                files.append(File.generated(config, download.path, content=download.content))
            missing = [job for job in jobs if not job.ready]
            if missing:
                # Laying out the files is most of a cold build's own work (13 s of CPU on the bench corpus), and
                # MkDocs builds the pages on one core: they are made on the others meanwhile (processes, so the
                # thread only waits) and written into the site once the pages are (on_post_build).  MkDocs
                # knows them from now on, excluded from its copying, so that links to them resolve.
                for job in missing:
                    files.append(File.generated(config, job.path, content=b"", inclusion=InclusionLevel.EXCLUDED))
                    self.made_later.add(job.path)
                pool = ThreadPoolExecutor(1, thread_name_prefix="terms-downloads")
                self.making = pool.submit(make, missing)
                pool.shutdown(wait=False)  # the job runs on; the thread ends with it
            return
        to_make: list[Job] = []
        for job in jobs:
            last = self.last_download.get(job.path)
            if job.ready and job.cached is not None:
                self._link(files, config, job.path, job.cached)
                self.last_download[job.path] = job.cached
            elif last is not None and last.is_file():
                self._link(files, config, job.path, last)
                self.pending.append(job)
            else:
                to_make.append(job)
        for job, download in zip(to_make, make(to_make), strict=True):
            if job.cached is not None and job.cached.is_file():  # make() kept it (not in a read-only checkout)
                self._link(files, config, job.path, job.cached)
                self.last_download[job.path] = job.cached
            else:
                files.append(File.generated(config, download.path, content=download.content))

    def _write_made(self, config: MkDocsConfig) -> None:
        """The Word/PDF files `_add_downloads` had made during the build, into the site: a failure to make one
        fails the build, as it did when they were made first."""
        making, self.making = self.making, None
        self.made_later.clear()
        if making is not None:
            for download in making.result():
                output.replace_file(Path(config.site_dir) / download.path, download.content)

    def _finish_afterwards(self, config: MkDocsConfig) -> None:
        """Under `serve`, once the pages are written: the saved revision's Word/PDF and the search index."""
        site, source, as_of, pending = Path(config.site_dir), self.source, self.as_of, self.pending
        searching = _has_search(config)
        index_was = {f.path for f in self.last_index}
        assert source is not None and as_of is not None

        def finish() -> None:
            for job, download in zip(pending, make(pending), strict=True):
                output.replace_file(site / download.path, download.content)
                if job.cached is not None and job.cached.is_file():
                    self.last_download[job.path] = job.cached
            if searching:
                files = index_files(source, as_of, self.config.synonyms, 1)
                if {f.path for f in files} != index_was:
                    _write_index(site, files)
                    # the last index's shards (their names are their digests): what a fresh build would hold
                    for stale in index_was - {f.path for f in files}:
                        (site / stale).unlink(missing_ok=True)
                self.last_index = files

        self.pending = []
        if pending or searching:
            self.afterwards.start("the search index and Word/PDF files", finish)

    def on_build_error(self, *, error: Exception) -> None:
        self.built = False
        if self.indexing is not None:
            self.indexing.cancel()
            self.indexing = None
        if self.making is not None:  # let it finish (into the cache) rather than leave its processes behind
            self.making.exception()
            self.making = None
        self.made_later.clear()
        self._drop_store()
        if isinstance(error, OSError):
            # a full disk or a read-only folder is the machine's state, not a bug: say what to do, no traceback
            self._discard()
            raise Abort(f"terms: {output.explain(error, self.staging or 'site')}; the previous site was left as it was")

    def _discard(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None

    def on_shutdown(self) -> None:
        self.afterwards.wait()
        if self.store is not None:
            self.store.remove()
            self.store = None
        # MkDocs keeps a plugin with on_startup for the rest of the process (its `plugins` option caches it): a
        # later build() in the same process must not find this session's serve state, such as the last search
        # index, and publish it as its own
        self.command = None
        self.last_index, self.last_download, self.pending = [], {}, []
        self.built_pages, self.last_nav, self.surroundings = {}, (), b""
        self.written, self.dirty = [], False
        self.handed_over.clear()
        logging.getLogger("mkdocs.structure.pages").removeFilter(self.quiet)
        if self.staging is None or self.target is None:
            return
        staging, self.staging = self.staging, None
        if not self.built or not staging.is_dir():
            shutil.rmtree(staging, ignore_errors=True)
            log.error("terms: the build failed; %s was left as it was", self.target.path)
            return
        try:
            output.put_in_place(staging, self.target)
        except output.OutputError as exc:
            # MkDocs has no later event: Abort makes `mkdocs build` exit 1 with this message, never 0 with a
            # site that is not in place
            raise Abort(f"terms: {exc}; the previous site was left as it was") from exc

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        if self.config.enabled:
            server.watch(str(self._source_dir(config)))
        return server
