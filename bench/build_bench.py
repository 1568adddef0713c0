"""The cost of publishing as documents × versions pile up (issue: a build that stays fast).

    python bench/build_bench.py [--corpus 20x10x60 200x3x60] [--skip-serve]

Reports, on a corpus generated from the real texts in the project (bench/corpus_gen.py):
- the full `mkdocs build` with the plugin, and a bare MkDocs build of the same pages (`terms-site export`, then
  MkDocs with the same theme and extensions but without the plugin), and their ratio (target ≤ 0.5);
- peak memory of the full build (target < 1 GiB): the main process, and the largest of the workers it forks to
  compare and render on every core; the weight of a version page (≤ 150 KiB) and of the site (< 150 MB);
- our own stages: load + parse, compare, render;
- under plain `mkdocs serve` and under `mkdocs serve --dirty`, the time from saving one version to its new page
  being served (target < 2 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from corpus_gen import write_source  # noqa: E402

from site_builder.compare import compare  # noqa: E402
from site_builder.loader import load_source  # noqa: E402
from site_builder.render import render_site  # noqa: E402

AS_OF = "2026-01-01"
ENV = {**os.environ, "TERMS_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1767225600"}


def site_config(folder: Path, source: Path, *, plugin: bool, docs_dir: Path) -> Path:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "!ENV [TERMS_SOURCE, source_terms]", str(source)))
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(folder / "site")
    if not plugin:
        config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "terms" in p)]
    path = folder / "mkdocs.yml"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def timed_build(config: Path) -> tuple[float, float, float]:
    """Wall time, peak RSS (MiB) of the build's process and of the largest of its workers, of one
    `mkdocs build` in a child process.

    The build's own peak is its VmHWM, not getrusage's ru_maxrss: Linux carries a process's ru_maxrss over from
    the process that forked it, so a child of this script, which holds a whole rendered corpus after
    `stages()`, reported this script's size instead of its own (921 MiB for a build that peaks at 496)."""
    cmd = [sys.executable, "-c", "import resource,sys,runpy; sys.argv=['mkdocs','build','-q','-f',sys.argv[1]];"
           "\ntry: runpy.run_module('mkdocs', run_name='__main__')\nexcept SystemExit: pass\n"
           "hwm=[l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
           "print(hwm, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)", str(config)]
    t0 = time.perf_counter()
    result = subprocess.run(cmd, env=ENV, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t0
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    own, workers = (int(n) for n in result.stderr.strip().splitlines()[-1].split())
    return elapsed, own / 1024, workers / 1024


def best_of(n: int, fn):  # type: ignore[no-untyped-def]
    """The fastest of n runs; each run's time is printed (the first of a full build makes the Word/PDF files,
    the later ones find them in .cache/terms-site/downloads/, as a CI that keeps that folder does)."""
    results = [fn() for _ in range(n)]
    if n > 1:
        print("  runs: " + ", ".join(f"{r[0]:.1f} s" for r in results))
    return min(results, key=lambda r: r[0])


def stages(source_dir: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    t0 = time.perf_counter()
    source = load_source(source_dir)
    out["load + parse"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in source.documents:
        for a, b in zip(doc.versions, doc.versions[1:], strict=False):
            compare(a.parsed, b.parsed)
    out["compare (every revision once)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    render_site(source, dt.date.fromisoformat(AS_OF))
    out["render (compare included)"] = time.perf_counter() - t0
    return out


def serve_latency(work: Path, source: Path, *, dirty: bool, runs: int = 3) -> float:
    """Save one version under `mkdocs serve [--dirty]`; seconds until the served page shows the change (median)."""
    config = site_config(work / ("serve-dirty" if dirty else "serve"), source, plugin=True, docs_dir=work / "docs")
    port = 8765 + os.getpid() % 1000 + (1 if dirty else 0)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}",
         *(["--dirty"] if dirty else [])],
        env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    doc = sorted(p for p in source.iterdir() if p.is_dir())[0]
    version = sorted(doc.glob("*.md"))[-1]
    url = f"http://127.0.0.1:{port}/{doc.name}/{version.stem}/"
    try:
        deadline = time.time() + 600
        while time.time() < deadline:  # the first build
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        times = []
        for _ in range(runs):
            time.sleep(1.5)  # let the watcher settle
            marker = f"ベンチ確認{time.time_ns()}"
            text = version.read_text(encoding="utf-8")
            t0 = time.perf_counter()
            version.write_text(text.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
            while time.perf_counter() - t0 < 300:
                try:
                    if marker in urllib.request.urlopen(url, timeout=2).read().decode("utf-8"):
                        break
                except OSError:
                    pass
                time.sleep(0.05)
            times.append(time.perf_counter() - t0)
        return sorted(times)[len(times) // 2]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def weights(site: Path) -> tuple[float, float, float]:
    """(median and largest version page in KiB, whole site in MiB): what a reader downloads and a host stores."""
    versions = [p.stat().st_size for p in site.glob("*/*/index.html") if re.match(r"\d{4}-\d\d-\d\d$", p.parent.name)]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    versions.sort()
    return versions[len(versions) // 2] / 1024, versions[-1] / 1024, total / 2**20


def _part(site: Path, path: Path) -> str:
    rel = path.relative_to(site).parts
    if rel[0] in ("api", "search", "assets"):
        return rel[0]
    if path.suffix in (".docx", ".pdf"):
        return "Word/PDF"
    if path.name != "index.html" or len(rel) < 2 or not (site / "api" / "v1" / rel[0]).is_dir():
        return "other"
    if len(rel) == 2:
        return "current copies"
    if re.match(r"\d{4}-\d\d-\d\d$", rel[1]):
        return "version pages" if len(rel) == 3 else "新旧対照表 pages"
    return "history, compare"


def site_parts(site: Path) -> dict[str, int]:
    """Bytes of the site by what they are for."""
    parts: dict[str, int] = {}
    for path in site.rglob("*"):
        if path.is_file():
            name = _part(site, path)
            parts[name] = parts.get(name, 0) + path.stat().st_size
    return dict(sorted(parts.items(), key=lambda kv: -kv[1]))


def text_floor(site: Path) -> dict[str, int]:
    """What the published contract obliges the site to hold, with no markup at all: every version's text on
    its page and in the API (v1 holds it twice: `text` and `plain`), the text in force again at `/<doc>/` and
    in the search index, and each page's chrome (header, the navigation of every document, footer), counted
    as it is now.  The 新旧対照表 pages, anchors and permalinks come on top of this."""
    def read_text(provisions: list[dict[str, object]]) -> int:
        return sum(len(str(p["plain"]).encode()) + read_text(p["children"]) for p in provisions)  # type: ignore

    every = in_force = 0
    for index in site.glob("api/v1/*/index.json"):
        doc = json.loads(index.read_text(encoding="utf-8"))
        for version in doc["versions"]:
            size = read_text(json.loads((index.parent / version["provisions"]).read_text(encoding="utf-8"))
                             ["provisions"])
            every += size
            in_force += size if version["id"] == doc["in_force"] else 0
    chrome = 0
    for page in site.rglob("index.html"):
        html = page.read_bytes()
        start, end = html.find(b"<article"), html.find(b"</article>")
        chrome += len(html) - (end - start) if 0 <= start < end else 0
    return {"version pages": every, "API v1 (text and plain)": 2 * every, "current copies": in_force,
            "search": in_force, "page chrome": chrome}


def run(work: Path, docs: int, versions: int, articles: int, args: argparse.Namespace) -> None:
    source = write_source(work / "source", docs, versions, articles)
    shutil.rmtree(work / "docs", ignore_errors=True)
    (work / "docs").mkdir()
    n_versions = sum(1 for _ in source.rglob("*.md"))
    print(f"corpus: {docs} documents × {versions} versions × {articles} articles "
          f"({n_versions} version files, {sum(p.stat().st_size for p in source.rglob('*.md')) / 2**20:.1f} MiB)")
    if args.only_serve:
        print(f"serve --dirty: saved version republished in {serve_latency(work, source, dirty=True):.2f} s")
        return
    for name, seconds in stages(source).items():
        print(f"  stage {name}: {seconds:.2f} s")
    full, full_mem, workers_mem = best_of(args.runs, lambda: timed_build(site_config(
        work / "full", source, plugin=True, docs_dir=work / "docs")))
    export = work / "export"
    shutil.rmtree(export, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "site_builder.cli", "export", str(export), "--source", str(source),
                    "--as-of", AS_OF], env=ENV, check=True, capture_output=True)
    bare, bare_mem, _ = best_of(args.runs, lambda: timed_build(site_config(work / "bare", source, plugin=False,
                                                                        docs_dir=export / "docs")))
    site = work / "full" / "site"
    pages = sum(1 for _ in site.rglob("*.html"))
    median, largest, total = weights(site)
    print(f"full build (plugin): {full:.2f} s, peak {full_mem:.0f} MiB (largest worker {workers_mem:.0f} MiB), "
          f"{pages} pages")
    print(f"bare build (exported pages, no plugin): {bare:.2f} s, peak {bare_mem:.0f} MiB")
    print(f"ratio full / bare: {full / bare:.2f} (target ≤ 0.5)")
    print(f"version page: median {median:.0f} KiB, largest {largest:.0f} KiB (target ≤ 150 KiB); "
          f"site {total:.0f} MiB ({total * 2**20 / 1e6:.0f} MB; target < 150 MB)")
    print("  site by part: " + ", ".join(f"{k} {v / 2**20:.1f}" for k, v in site_parts(site).items()) + " MiB")
    floor = text_floor(site)
    print(f"  floor, the text the contract publishes and the chrome alone: {sum(floor.values()) / 1e6:.0f} MB ("
          + ", ".join(f"{k} {v / 2**20:.1f}" for k, v in floor.items()) + " MiB)")
    if not args.skip_serve:
        print(f"serve: saved version republished in {serve_latency(work, source, dirty=False):.2f} s "
              "(median of 3; target < 2 s)")
        print(f"serve --dirty: saved version republished in {serve_latency(work, source, dirty=True):.2f} s "
              "(median of 3)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", nargs="+", default=["20x10x60", "200x3x60"],
                    help="documents x versions x articles, one run each (CI: --corpus 20x10x60)")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--skip-serve", action="store_true")
    ap.add_argument("--only-serve", action="store_true", help="measure only the serve latency")
    args = ap.parse_args()
    for corpus in args.corpus:
        docs, versions, articles = (int(n) for n in corpus.split("x"))
        work = Path(tempfile.mkdtemp(prefix="terms-bench-"))
        try:
            run(work, docs, versions, articles, args)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
