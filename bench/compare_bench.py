"""How long the 新旧対照表 of two versions of a 1,000-article document takes (target: < 0.5 s).

    python bench/compare_bench.py [--articles 1000] [--runs 5]

The document is made of real articles from the project (bench/corpus_gen.py); the revision edits 20 articles,
deletes 5 and inserts 5 in the middle, so most of the document is renumbered.  Parsing is timed separately.

    python bench/compare_bench.py --near-identical

makes every article the same sentence with its own figures (a 料金表 of 1,000 near-identical articles), so that
similarity cannot tell the articles apart and only their content can; the same edits are made."""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import document, real_articles, render, revise  # noqa: E402

import site_builder.compare as compare_module  # noqa: E402
from site_builder.compare import Status, compare  # noqa: E402
from site_builder.parser import parse  # noqa: E402


def _tariff(n: int) -> tuple[str, str]:
    return (f"（料金区分{n}）", f"料金区分{n}の利用者の月額料金は、{n * 10 + 100}円とする。"
            f"ただし、第{(n % 7) + 1}項に定める割引を適用する場合は、{n * 9 + 90}円とする。")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--near-identical", action="store_true")
    args = ap.parse_args()
    rng = random.Random(7)
    if args.near_identical:
        old_articles = [_tariff(n) for n in range(1, args.articles + 1)]
        pool = [_tariff(n)[1] for n in range(args.articles + 1, args.articles + 50)]
    else:
        old_articles = document(args.articles)
        pool = real_articles()
    new_articles = revise(old_articles, rng, edits=20, inserts=5, deletes=5, pool=pool)
    old_text, new_text = render(old_articles), render(new_articles)

    t0 = time.perf_counter()
    old, new = parse(old_text), parse(new_text)
    parse_s = time.perf_counter() - t0

    times = []
    result = None
    for _ in range(args.runs):
        # cold every run: the memos that make a site build fast would make this a benchmark of a dict lookup
        compare_module.normalize.cache_clear()
        compare_module._TEXTS.clear()
        t0 = time.perf_counter()
        result = compare(old, new)
        times.append(time.perf_counter() - t0)
    assert result is not None
    tracemalloc.start()
    compare(old, new)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    counts = result.counts()
    print(f"document: {len(old.articles())} → {len(new.articles())} articles, "
          f"{len(old_text):,} → {len(new_text):,} characters")
    print(f"rows: changed {counts.get(Status.CHANGED, 0)}, added {counts.get(Status.ADDED, 0)}, "
          f"deleted {counts.get(Status.DELETED, 0)}, unchanged {counts.get(Status.UNCHANGED, 0)} "
          f"(renumbered {sum(r.renumbered for r in result.rows)})")
    print(f"parse both versions: {parse_s:.3f} s")
    print(f"compare: median {statistics.median(times):.3f} s, max {max(times):.3f} s over {args.runs} runs "
          f"(target < 0.5 s); peak memory {peak / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
