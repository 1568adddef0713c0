"""Search at scale (#14): at 40 and at 200 generated documents × 60 articles (bench/corpus_gen.py, real texts),
what a reader's browser downloads before and after opening the search box, the time from the first keystroke
to the first result, and the median and max query time.  Needs Debian's Chromium.

    python bench/search_bench.py [--docs 40 200]

The pages are the sample site's; the search files under search/ are those of the generated documents, written
by the same function the plugin uses (site_builder.search.index_files), so the figures are the index's, not
a build's.  Bytes are what a server that compresses (GitHub Pages does) sends: the gzip size of each file fetched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import http.server
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from build_bench import site_config  # noqa: E402
from corpus_gen import write_source  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from site_builder.loader import load_source  # noqa: E402
from site_builder.search import index_files  # noqa: E402

AS_OF = dt.date(2026, 2, 15)
# what readers type: words of the texts, their other spellings, synonyms, article numbers, a typo, two terms
QUERIES = ["返金", "払い戻し", "個人情報の取り扱い", "個人情報の取扱い", "第14条", "14条2項", "第十四条", "委託", "解約 返還",
           "聴聞", "行政指導", "開示請求", "パスワード", "損害", "第三者", "ユーザ", "サーバー", "クッキー", "届け出",
           "受付", "準拠峰", "利用規約3 委託", "存在しない語句"]

MEASURE_QUERIES = """async ([worker, index, queries]) => {
  const w = new Worker(worker);
  const data = await (await fetch(index)).json();
  let resolve = null;
  w.onmessage = ev => { if (resolve) { const r = resolve; resolve = null; r(ev.data); } };
  const next = () => new Promise(r => { resolve = r; });
  w.postMessage({type: 0, data: data});
  await next();
  // the first query loads the index; its answers come as the documents arrive: wait until they stop
  w.postMessage({type: 2, data: "利用"});
  for (;;) {
    const quiet = new Promise(r => setTimeout(() => r(null), 1500));
    const got = await Promise.race([next(), quiet]);
    if (got === null) break;
  }
  resolve = null;
  const times = [], counts = [];
  for (const q of queries) {
    const t = performance.now();
    const reply = next();
    w.postMessage({type: 2, data: q});
    const r = await reply;
    times.push(performance.now() - t);
    counts.push(r.data.items.length);
  }
  w.terminate();
  return {times, counts};
}"""


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")  # every run measures a first visit
            super().end_headers()

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def measure(site: Path, label: str, queries: list[str]) -> dict[str, float]:
    httpd, base = serve(site)
    fetched: list[str] = []

    def size(urls: list[str]) -> int:
        total = 0
        for url in urls:
            path = urlsplit(url).path.lstrip("/")
            file = site / (path + "index.html" if path.endswith("/") or not path else path)
            if file.is_file():
                total += gz(file)
        return total

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda r: fetched.append(r.url))
            page.goto(base + "/")
            page.wait_for_load_state("networkidle")
            before = list(fetched)
            search_before = [u for u in before if "/search/" in u or "search-worker" in u]
            box = page.locator("input.md-search__input")
            box.focus()  # the reader opens the search box
            page.wait_for_timeout(300)
            opened = len(fetched)
            t0 = time.perf_counter()
            box.press_sequentially("返")  # the first keystroke
            page.locator("li.md-search-result__item").first.wait_for(timeout=60_000)
            first_result = (time.perf_counter() - t0) * 1000
            page.wait_for_load_state("networkidle")
            after = fetched[opened:]
            session_start = len(fetched)
            result = page.evaluate(MEASURE_QUERIES, [base + "/assets/javascripts/terms-search-worker.js",
                                                     base + "/search/search_index.json", queries])
            session = fetched[session_start:]
            browser.close()
    finally:
        httpd.shutdown()
    times = result["times"]
    figures = {
        "before_kib": size(search_before) / 1024,
        "page_kib": size(before) / 1024,
        "after_kib": size(after) / 1024,
        "files": len(after),
        "session_kib": size(session) / 1024,
        "first_ms": first_result,
        "median_ms": statistics.median(times),
        "max_ms": max(times),
    }
    print(f"{label}: before opening search {figures['before_kib']:.1f} KiB of search files "
          f"(page {figures['page_kib']:.0f} KiB in all); after the first keystroke {figures['after_kib']:.0f} KiB "
          f"in {figures['files']} files; first result {first_result:.0f} ms after the first keystroke; "
          f"query median {figures['median_ms']:.1f} ms, max {figures['max_ms']:.1f} ms over {len(times)} queries "
          f"({sum(1 for c in result['counts'] if c)} with results), which fetched {figures['session_kib']:.0f} KiB "
          f"in {len(session)} files from a fresh worker")
    return figures


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, nargs="+", default=[40, 200])
    args = ap.parse_args()
    env = {**os.environ, "TERMS_AS_OF": AS_OF.isoformat(), "NO_MKDOCS_2_WARNING": "true"}
    work = Path(tempfile.mkdtemp(prefix="terms-search-bench-"))
    try:
        (work / "docs").mkdir()
        sample = site_config(work / "sample", REPO / "source_terms", plugin=True, docs_dir=work / "docs")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(sample)], env=env, check=True)
        site = work / "sample" / "site"
        measure(site, "sample site (5 documents)", QUERIES)
        for n in args.docs:
            source = write_source(work / f"source{n}", n, 3, 60)
            t0 = time.perf_counter()
            loaded = load_source(source)
            t1 = time.perf_counter()
            files = index_files(loaded, AS_OF)
            t2 = time.perf_counter()
            shutil.rmtree(site / "search")
            for f in files:
                (site / f.path).parent.mkdir(parents=True, exist_ok=True)
                (site / f.path).write_text(f.content, encoding="utf-8")
            raw = sum(len(f.content.encode("utf-8")) for f in files)
            packed = sum(len(gzip.compress(f.content.encode("utf-8"), 6)) for f in files)
            print(f"{n} documents × 60 articles: index {raw / 1024 / 1024:.1f} MiB raw, {packed / 1024:.0f} KiB gzip "
                  f"in {len(files)} files; written in {t2 - t1:.1f} s (the sources loaded in {t1 - t0:.1f} s)")
            rng = random.Random(3)
            texts = [
                line for p in sorted(source.rglob("*.md"))[:20] for line in p.read_text(encoding="utf-8").split("\n")
                if len(line) > 20 and not line.startswith(("---", "第", "effective", "announced", "label", "summary"))]
            phrases = [t[k : k + rng.choice([2, 3, 4, 6])] for t in rng.sample(texts, 30)
                       for k in [rng.randrange(len(t) - 6)]]
            measure(site, f"{n} documents", QUERIES + phrases)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
