"""`terms-site`: the command line (DESIGN §10)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from .builddate import build_date
from .loader import load_source
from .model import Severity
from .render import navigation, render_site

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
    for d in source.diagnostics:
        print(d.format(base), file=sys.stderr if d.severity is Severity.ERROR else sys.stdout)
    errors = len(source.errors)
    warnings = len(source.diagnostics) - errors
    versions = sum(len(doc.versions) for doc in source.documents)
    print(f"{root}: {len(source.documents)} document(s), {versions} version(s), {len(source.notices)} notice(s); "
          f"{errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    root = Path(args.source)
    source = load_source(root)
    if source.errors:
        for d in source.errors:
            print(d.format(root.resolve().parent), file=sys.stderr)
        return 1
    as_of = build_date(args.as_of)
    out = Path(args.out)
    # write beside the target and swap, so a failure never leaves a half-written export
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".terms-export-", dir=out.parent))
    try:
        for page in render_site(source, as_of):
            target = tmp / "docs" / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.markdown, encoding="utf-8")
        config = dict(EXPORT_CONFIG, nav=navigation(source, as_of))
        (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    print(f"wrote {out}/docs and {out}/mkdocs.yml (build date {as_of}); build it with: mkdocs build -f {out}/mkdocs.yml")
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
    export.set_defaults(func=cmd_export)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ValueError as exc:
        print(f"terms-site: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
