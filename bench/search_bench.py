"""Search: index size (raw and gzip), time until search is ready after page load, median and max query time —
on the sample site and on a generated 40-document site (bench/corpus_gen.py).  Needs Debian's Chromium.

    python bench/search_bench.py [--docs 40]
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

from build_bench import site_config  # noqa: E402
from corpus_gen import write_source  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

QUERIES = ["利用状況データ", "CRM連携", "返金されない", "ユーザーサポート", "解約", "返金", "準拠法", "免責", "秘密情報",
           "個人情報の取り扱い", "禁止事項", "委託", "解約 返還", "行政指導", "開示請求", "聴聞", "パスワード", "損害",
           "第三者", "個人情報"]

MEASURE = """async ([worker, index, queries]) => {
  const t0 = performance.now();
  const w = new Worker(worker);
  const data = await (await fetch(index)).json();
  const reply = () => new Promise(resolve => { w.onmessage = ev => resolve(ev.data); });
  w.postMessage({type: 0, data: data});
  await reply();
  const ready = performance.now() - t0;
  const times = [], counts = [];
  for (const q of queries) {
    const t = performance.now();
    w.postMessage({type: 2, data: q});
    const r = await reply();
    times.push(performance.now() - t);
    counts.push(r.data.items.length);
  }
  return {ready, times, counts, navigation: performance.now()};
}"""


def measure(site: Path, label: str, queries: list[str]) -> None:
    raw = (site / "search" / "search_index.json").read_bytes()
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"])
            page = browser.new_page()
            page.goto(base + "/")
            # after page load, the same steps as Material's search: load the worker, fetch the index, set up
            result = page.evaluate(MEASURE, [base + "/assets/javascripts/terms-search-worker.js",
                                             base + "/search/search_index.json", queries])
            browser.close()
    finally:
        httpd.shutdown()
    times = result["times"]
    print(f"{label}: index {len(raw) / 1024:.0f} KiB raw, {len(gzip.compress(raw)) / 1024:.0f} KiB gzip; "
          f"ready {result['ready']:.0f} ms after load; query median {statistics.median(times):.1f} ms, "
          f"max {max(times):.1f} ms over {len(times)} queries ({sum(1 for c in result['counts'] if c)} with results)")


def main() -> int:
    import subprocess

    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=40)
    args = ap.parse_args()
    env = {**os.environ, "TERMS_AS_OF": "2026-02-15", "NO_MKDOCS_2_WARNING": "true"}
    work = Path(tempfile.mkdtemp(prefix="terms-search-bench-"))
    try:
        (work / "docs").mkdir()
        sample = site_config(work / "sample", REPO / "source_terms", plugin=True, docs_dir=work / "docs")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(sample)], env=env, check=True)
        measure(work / "sample" / "site", "sample site (3 documents)", QUERIES)
        source = write_source(work / "source", args.docs, 2, 60)
        big = site_config(work / "big", source, plugin=True, docs_dir=work / "docs")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(big)], env=env, check=True)
        rng = random.Random(3)
        texts = [line for p in sorted(source.rglob("*.md"))[:20] for line in p.read_text(encoding="utf-8").split("\n")
                 if len(line) > 20 and not line.startswith(("---", "第", "effective", "announced", "label", "summary"))]
        phrases = [t[k : k + rng.choice([2, 3, 4, 6])] for t in rng.sample(texts, 30) for k in [rng.randrange(len(t) - 6)]]
        measure(work / "big" / "site", f"generated site ({args.docs} documents)", QUERIES + phrases)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
