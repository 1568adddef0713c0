"""`terms-site`: the command line (DESIGN §10)."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from . import output
from .builddate import build_date
from .compare import Comparison, Row, Status, compare
from .compare_export import TableDocument, to_docx, to_pdf
from .compare_table import LineKind, fold_text, table_lines
from .dates import parse_date
from .loader import PLACEHOLDER_SUMMARY, Problems, load_source, read_text, split_front_matter
from .model import Severity
from .parser import parse
from .render import SIDE_NAMES, cite, comparison_table, navigation, render_api, render_site
from .verify import check_feeds, check_links, check_search, check_text

EXPORT_CONFIG = {
    "site_name": "terms-site export",
    "docs_dir": "docs",
    # attr_list gives the provision headings their ids ({#art14}); nothing else is needed
    "markdown_extensions": ["attr_list", "tables", "toc"],
}


def cmd_check(args: argparse.Namespace) -> int:
    root = Path(args.source)
    source = load_source(root)
    base = root.resolve().parent
    # each line flushed as it is printed: piped (`check 2>&1 | less`, CI logs) the two streams would otherwise
    # interleave out of order, and the summary line could come before the errors it counts
    for d in source.diagnostics:
        print(d.format(base), file=sys.stdout if d.severity is Severity.WARNING else sys.stderr, flush=True)
    failures = len(source.failures)
    warnings = len(source.diagnostics) - failures
    versions = sum(len(doc.versions) for doc in source.documents)
    print(f"{root}: {len(source.documents)} document(s), {versions} version(s), {len(source.notices)} notice(s); "
          f"{failures} error(s), {warnings} warning(s)", flush=True)
    return 1 if failures else 0


def cmd_export(args: argparse.Namespace) -> int:
    root = Path(args.source)
    source = load_source(root)
    if source.errors:
        for d in source.errors:
            print(d.format(root.resolve().parent), file=sys.stderr)
        return 1
    as_of = build_date(args.as_of)
    out = Path(args.out)
    try:
        # checked before anything is written: export replaces only a folder it made (DESIGN §11)
        where = output.check_export_target(out, root)
        staging = output.new_staging(where)
    except output.OutputError as exc:
        print(f"terms-site export: {exc}", file=sys.stderr)
        return 2
    try:
        if args.format == "json":
            # the API files alone (DESIGN §5), as the site publishes them, for an app's own server
            for page in render_api(source, as_of, ("docx", "pdf")):
                target = staging / page.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(page.markdown, encoding="utf-8")
        else:
            for page in render_site(source, as_of):
                target = staging / "docs" / page.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(page.markdown, encoding="utf-8")
            config = dict(EXPORT_CONFIG, nav=navigation(source, as_of))
            (staging / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
        (staging / output.EXPORT_MARKER).write_text("written by terms-site export; replaced by the next export\n",
                                                    encoding="utf-8")
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"terms-site export: {output.explain(exc, out)}; {out} was left as it was", file=sys.stderr)
        return 2
    try:
        output.put_in_place(staging, where)
    except output.OutputError as exc:
        print(f"terms-site export: {exc}; {out} was left as it was", file=sys.stderr)
        return 2
    if args.format == "json":
        print(f"wrote {out}/api/v1/ (build date {as_of})")
    else:
        print(f"wrote {out}/docs and {out}/mkdocs.yml (build date {as_of}); build it with: mkdocs build -f {out}/mkdocs.yml")
    return 0


def _read_version(path: Path) -> tuple[str, int]:
    """A version file's body and first body line; the front matter is optional here."""
    problems = Problems([])
    text = read_text(path, problems)
    errors = [d for d in problems.items if d.severity is Severity.ERROR]
    if text is None or errors:
        raise ValueError(errors[0].format() if errors else f"{path}: cannot read")
    if text.startswith("---\n"):
        split = split_front_matter(path, text, problems)
        if split is None:
            raise ValueError(problems.items[-1].format())
        return split[2], split[3]
    return text, 1


def _row_json(row: Row) -> dict[str, object]:
    return {
        "status": row.status.value,
        "old": row.old_anchor,
        "new": row.new_anchor,
        "old_spans": [list(s) for s in row.old_spans],
        "new_spans": [list(s) for s in row.new_spans],
        "children": [_row_json(c) for c in row.children],
    }


def _text_side(text: str, spans: tuple[tuple[int, int], ...], open_mark: str, close_mark: str) -> str:
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], open_mark, text[start:end], close_mark]
        at = end
    out.append(text[at:])
    return "".join(out)


def format_text(comparison: Comparison) -> str:
    """For a terminal: the table's lines with [-removed-] and {+added+}, each unchanged run as one （略） line."""
    out: list[str] = []
    for line in table_lines(comparison, cite):
        pad = "  " * line.depth
        if line.kind is LineKind.FOLD:
            out.append(f"  {pad}{fold_text(line)}")
            continue
        cell = line.new or line.old
        assert cell is not None
        out.append(f"{_STATUS_MARK[line.status]} {pad}{line.status.value} {cell.provision.anchor or ''}".rstrip())
        old = "（新設）" if line.old is None else _text_side(line.old.text, line.old.spans, "[-", "-]")
        new = "（削る）" if line.new is None else _text_side(line.new.text, line.new.spans, "{+", "+}")
        out.append(f"    {pad}{SIDE_NAMES['old']}: " + old.replace("\n", f"\n      {pad}"))
        out.append(f"    {pad}{SIDE_NAMES['new']}: " + new.replace("\n", f"\n      {pad}"))
    return "\n".join(out) + "\n"


_STATUS_MARK = {Status.CHANGED: "~", Status.NOTATION: "=", Status.ADDED: "+", Status.DELETED: "-", Status.UNCHANGED: " "}


def cmd_diff(args: argparse.Namespace) -> int:
    try:
        old_body, old_line = _read_version(Path(args.old))
        new_body, new_line = _read_version(Path(args.new))
    except (OSError, ValueError) as exc:
        print(f"terms-site diff: {exc}", file=sys.stderr)
        return 2
    comparison = compare(parse(old_body, args.old, old_line), parse(new_body, args.new, new_line))
    if args.format in ("docx", "pdf"):
        return _write_file(args, comparison)
    if args.format == "json":
        print(json.dumps({"rows": [_row_json(r) for r in comparison.rows]}, ensure_ascii=False, indent=1))
    elif args.format == "html":
        print(f"<p><strong>{html.escape(args.old)} → {html.escape(args.new)}</strong></p>")
        print(comparison_table(comparison))
    else:
        sys.stdout.write(format_text(comparison))
    return 0 if comparison.identical else 1


def _write_file(args: argparse.Namespace, comparison: Comparison) -> int:
    """`--format docx|pdf`: the table as a file, written whole or not at all."""
    table = TableDocument(
        title=args.title or "新旧対照表", as_of=None,
        headers={"old": f"改定前（{Path(args.old).name}）", "new": f"改定後（{Path(args.new).name}）"},
        sides=("new", "old") if args.new_side == "left" else ("old", "new"),
        lines=tuple(table_lines(comparison, cite)), definitions=comparison.definitions,
    )
    data = to_docx(table) if args.format == "docx" else to_pdf(table)
    if args.output is None:
        if sys.stdout.isatty():
            print(f"terms-site diff: a .{args.format} file is binary: give -o FILE", file=sys.stderr)
            return 2
        sys.stdout.buffer.write(data)
    else:
        target = Path(args.output)
        temporary = target.with_name(f".{target.name}.partial")
        try:
            temporary.write_bytes(data)
            os.replace(temporary, target)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            print(f"terms-site diff: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    return 0 if comparison.identical else 1


def cmd_verify(args: argparse.Namespace) -> int:
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"terms-site verify: {site} is not a built site (no index.html): run mkdocs build first", file=sys.stderr)
        return 2
    source = load_source(Path(args.source))
    if source.errors:
        for d in source.errors:
            print(d.format(), file=sys.stderr)
        return 2
    as_of = build_date(args.as_of)
    problems = check_links(site) + check_text(site, source, as_of) + check_feeds(site) + check_search(site, source)
    for problem in problems:
        print(problem.format())
    pages = len(list(site.rglob("*.html")))
    print(f"{site}: {pages} page(s) checked; {len(problems)} problem(s)")
    return 1 if problems else 0


def cmd_new(args: argparse.Namespace) -> int:
    """Start the next version of a document from its latest one."""
    root = Path(args.source)
    folder = root / args.doc
    source = load_source(root)
    doc = next((d for d in source.documents if d.slug == args.doc), None)
    if doc is None or not doc.versions:
        errors = [d.format() for d in source.errors if d.path.is_relative_to(folder)]
        print(f"terms-site new: no document {args.doc!r} with a version in {root}" + (f": {errors[0]}" if errors else ""),
              file=sys.stderr)
        return 2
    try:
        date = parse_date(args.date) if args.date else dt.date.today() + dt.timedelta(days=1)
    except ValueError as exc:
        print(f"terms-site new: --date: {exc}", file=sys.stderr)
        return 2
    latest = doc.versions[-1]
    target = folder / f"{date.isoformat()}{latest.path.suffix}"
    if target.exists():
        print(f"terms-site new: {target} exists already", file=sys.stderr)
        return 2
    if date <= latest.effective:
        print(f"terms-site new: {date} is not after the latest version's effective date {latest.effective}",
              file=sys.stderr)
        return 2
    front = (
        "---\n"
        f"effective: {date.isoformat()}\n"
        f"announced: {dt.date.today().isoformat()}  # 公表日: the day the change is published\n"
        f"label: {json.dumps(args.label or '', ensure_ascii=False)}  # 版, e.g. 第12版\n"
        f"summary: |\n  {PLACEHOLDER_SUMMARY}\n"
        "kind: revision  # or editorial for 表記の修正 that changes no meaning\n"
        "---\n"
    )
    output.replace_file(target, (front + latest.body.lstrip("\n")).encode("utf-8"))  # never a half-written version file
    print(f"wrote {target} from {latest.path.name}: edit the text and the front matter, then terms-site check")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """A new terms site in a folder: mkdocs.yml, a first document in source_terms/, the publish workflow."""
    from importlib.resources import files

    from jinja2 import Environment

    folder = Path(args.folder)
    slug = args.doc
    today = dt.date.today()
    init = files("site_builder").joinpath("templates/init")
    env = Environment(autoescape=False, keep_trailing_newline=True)
    values = {"site_name": args.site_name or f"{args.publisher} 利用規約", "title": args.title,
              "publisher": args.publisher, "effective": today.isoformat(), "announced": today.isoformat()}
    plan = {
        folder / "mkdocs.yml": env.from_string(init.joinpath("mkdocs.yml.j2").read_text(encoding="utf-8")).render(values),
        folder / "docs" / ".keep": "",
        folder / "source_terms" / slug / "document.yml":
            env.from_string(init.joinpath("document.yml.j2").read_text(encoding="utf-8")).render(values),
        folder / "source_terms" / slug / f"{today.isoformat()}.md":
            env.from_string(init.joinpath("version.md.j2").read_text(encoding="utf-8")).render(values),
        folder / ".github" / "workflows" / "publish.yml": init.joinpath("publish.yml").read_text(encoding="utf-8"),
        folder / ".gitignore": init.joinpath("gitignore.j2").read_text(encoding="utf-8"),
    }
    existing = [p for p in plan if p.exists()] + ([folder / "source_terms"] if (folder / "source_terms").exists() else [])
    if existing:
        print(f"terms-site init: {existing[0]} exists already; init writes only into a folder without a site",
              file=sys.stderr)
        return 2
    for path, text in plan.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_whole(path, text)
    print(f"wrote a terms site in {folder}: {', '.join(str(p.relative_to(folder)) for p in plan)}")
    print(f"next: cd {folder} && terms-site import your-terms.docx --doc {slug} --force   # or edit the sample\n"
          "      mkdocs serve")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """A Word or PDF terms file as the next version file of a document."""
    from .importer import NotImportable, read_file
    from .importer.frontmatter import read_front_matter

    path = Path(args.file)
    if not path.is_file():
        print(f"terms-site import: {path}: no such file", file=sys.stderr)
        return 2
    try:
        imported = read_file(path)
    except NotImportable as exc:
        print(f"terms-site import: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a damaged file: python-docx and pdfminer raise many kinds; say which file
        print(f"terms-site import: {path}: cannot be read ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 2
    if not imported.text.strip():
        print(f"terms-site import: {path}: no text found" + "".join(f"; {r}" for r in imported.report), file=sys.stderr)
        return 2
    found = read_front_matter(imported.text)
    try:
        effective = parse_date(args.effective) if args.effective else found.effective
    except ValueError as exc:
        print(f"terms-site import: --effective: {exc}", file=sys.stderr)
        return 2
    if effective is None:
        print(f"terms-site import: {path}: the text names no 施行日 (or 改定日, 制定日): give --effective DATE",
              file=sys.stderr)
        return 2
    slug = args.doc or path.stem
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", slug):
        print(f"terms-site import: {slug!r} cannot be a URL: give --doc SLUG (letters, digits, '-', '_')",
              file=sys.stderr)
        return 2
    folder = Path(args.source) / slug
    target = folder / f"{effective.isoformat()}.md"
    if target.exists() and not args.force:
        print(f"terms-site import: {target} exists already: --force replaces it", file=sys.stderr)
        return 2
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    front = ["---", f"effective: {effective.isoformat()}"]
    if found.label:
        front.append(f"label: {json.dumps(found.label, ensure_ascii=False)}")
    where = f"; 施行日 from 「{found.source[:60]}」" if found.source and not args.effective else ""
    front += [f"# imported from {path.name} (sha256 {digest[:16]}){where}", "---", ""]
    folder.mkdir(parents=True, exist_ok=True)
    meta = folder / "document.yml"
    if not meta.exists():
        _write_whole(meta, f"title: {json.dumps(found.title or slug, ensure_ascii=False)}\n")
    _write_whole(target, "\n".join(front) + imported.text)
    print(f"wrote {target}" + (f" (施行日 {effective.isoformat()} from the text)" if where else ""))
    for line in imported.report:
        print(f"  {path.name}: {line}")
    return _summary_against_previous(folder, target)


def _write_whole(target: Path, text: str) -> None:
    output.replace_file(target, text.encode("utf-8"))


def _summary_against_previous(folder: Path, target: Path) -> int:
    """The 新旧対照表's counts of the imported version against the one before it: is this the change made?"""
    earlier = sorted(p for p in folder.glob("*.md") if p.stem < target.stem and not p.name.startswith("."))
    check = [d for d in load_source(folder.parent).errors if d.path == target]
    for d in check:
        print(d.format(), file=sys.stderr)
    if not earlier:
        return 1 if check else 0
    old_body, old_line = _read_version(earlier[-1])
    new_body, new_line = _read_version(target)
    comparison = compare(parse(old_body, str(earlier[-1]), old_line), parse(new_body, str(target), new_line))
    counts = comparison.counts()
    print(f"新旧対照表 against {earlier[-1].name}: 変更 {counts.get(Status.CHANGED, 0)}・新設 {counts.get(Status.ADDED, 0)}"
          f"・削除 {counts.get(Status.DELETED, 0)}・表記のみ {counts.get(Status.NOTATION, 0)}"
          + ("（本文に違いはありません）" if comparison.identical else ""))
    return 1 if check else 0


def _git(*args: str) -> str:
    result = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ValueError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def cmd_pr_summary(args: argparse.Namespace) -> int:
    """The 新旧対照表 of every version file a pull request adds or changes, as Markdown with HTML tables, for
    $GITHUB_STEP_SUMMARY or a comment.  A changed file is compared with its base-branch text, a new one with the
    version before it."""
    root = Path(args.source)
    try:
        changed = _git("diff", "--name-only", "--diff-filter=AMR", f"{args.base}...HEAD", "--", str(root)).split()
    except ValueError as exc:
        print(f"terms-site pr-summary: {exc}", file=sys.stderr)
        return 2
    source = load_source(root)
    by_path = {v.path.resolve(): (d, v) for d in source.documents for v in d.versions}
    out = ["## 新旧対照表", ""]
    shown = 0
    for name in changed:
        found = by_path.get(Path(name).resolve())
        if found is None:
            continue
        doc, version = found
        try:
            old_text = _git("show", f"{args.base}:{name}")
            old_body = old_text.split("\n---\n", 1)[1] if old_text.startswith("---\n") else old_text
            against = f"{args.base} の {Path(name).name}"
            old_parsed = parse(old_body)
        except ValueError:
            index = [v.id for v in doc.versions].index(version.id)
            if index == 0:
                out += [f"### {html.escape(doc.title)} {version.id}", "", "最初の版です（比較する版がありません）。", ""]
                continue
            previous = doc.versions[index - 1]
            against, old_parsed = previous.path.name, previous.parsed
        comparison = compare(old_parsed, version.parsed)
        counts = comparison.counts()
        out += [
            f"### {html.escape(doc.title)} {version.id}（{html.escape(against)} との比較）", "",
            f"変更 {counts.get(Status.CHANGED, 0)}・新設 {counts.get(Status.ADDED, 0)}・削除 {counts.get(Status.DELETED, 0)}"
            f"・表記のみ {counts.get(Status.NOTATION, 0)}", "",
            str(comparison_table(comparison)), "",
        ]
        shown += 1
    if not shown and len(out) == 2:
        out.append("このプルリクエストは規約の版を変更していません。")
    print("\n".join(out))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="terms-site", description="Publish terms of service with their history.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check the source folder; file:line messages, exit 1 on errors")
    check.add_argument("source", nargs="?", default=os.environ.get("TERMS_SOURCE", "source_terms"))
    check.set_defaults(func=cmd_check)
    export = sub.add_parser("export", help="write the generated Markdown pages and a plain mkdocs.yml to OUT")
    export.add_argument("out")
    export.add_argument("--source", default=os.environ.get("TERMS_SOURCE", "source_terms"))
    export.add_argument("--as-of", default=None, help="build date YYYY-MM-DD (default: TERMS_AS_OF or today)")
    export.add_argument("--format", choices=["site", "json"], default="site",
                        help="json: only the /api/v1/ files, without building the site")
    export.set_defaults(func=cmd_export)
    diff = sub.add_parser("diff", help="compare two version files (exit 0 same, 1 different, 2 error)")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--format", choices=["text", "json", "html", "docx", "pdf"], default="text")
    diff.add_argument("-o", "--output", help="file to write (docx, pdf)")
    diff.add_argument("--title", help="title of the docx/pdf, e.g. 「○○利用規約 新旧対照表」")
    diff.add_argument("--new-side", choices=["right", "left"], default="right",
                      help="left: 改定後 | 改定前, the government order")
    diff.set_defaults(func=cmd_diff)
    verify = sub.add_parser("verify", help="check a built site: links, anchors, every source line on its page")
    verify.add_argument("site", nargs="?", default="site")
    verify.add_argument("--source", default=os.environ.get("TERMS_SOURCE", "source_terms"))
    verify.add_argument("--as-of", default=None, help="the build date the site was built for (default: TERMS_AS_OF or today)")
    verify.set_defaults(func=cmd_verify)
    summary = sub.add_parser("pr-summary", help="新旧対照表 of the version files changed since --base (for CI)")
    summary.add_argument("--base", required=True, help="the base revision, e.g. origin/main")
    summary.add_argument("--source", default=os.environ.get("TERMS_SOURCE", "source_terms"))
    summary.set_defaults(func=cmd_pr_summary)
    new = sub.add_parser("new", help="start the next version of a document from its latest one")
    new.add_argument("doc", help="the document's folder name")
    new.add_argument("--date", help="effective date of the new version (default: tomorrow)")
    new.add_argument("--label", help="版, e.g. 第12版")
    new.add_argument("--source", default=os.environ.get("TERMS_SOURCE", "source_terms"))
    new.set_defaults(func=cmd_new)
    init = sub.add_parser("init", help="start a terms site in a folder: mkdocs.yml, source_terms/, publish workflow")
    init.add_argument("folder", nargs="?", default=".")
    init.add_argument("--title", default="利用規約", help="the first document's title")
    init.add_argument("--publisher", default="株式会社サンプル", help="the company that publishes the terms")
    init.add_argument("--doc", default="terms", help="the first document's folder name")
    init.add_argument("--site-name", help="the site's name (default: 「<publisher> 利用規約」)")
    init.set_defaults(func=cmd_init)
    imp = sub.add_parser("import", help="a Word (.docx) or PDF terms file as a version file, numbering resolved")
    imp.add_argument("file")
    imp.add_argument("--doc", help="the document's folder name (default: the file's name)")
    imp.add_argument("--effective", help="施行日, when the text does not say it (2026-03-01, 令和8年3月1日)")
    imp.add_argument("--source", default=os.environ.get("TERMS_SOURCE", "source_terms"))
    imp.add_argument("--force", action="store_true", help="replace an existing version file")
    imp.set_defaults(func=cmd_import)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ValueError as exc:
        print(f"terms-site: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a full disk, a read-only folder: the machine's state, said without a traceback
        print(f"terms-site {args.command}: {output.explain(exc, exc.filename or '.')}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
