"""The parse stage alone (issue: read real terms as they are written — throughput must not regress).

    python bench/parse_bench.py [--docs 20 --versions 10 --articles 60] [--markdown]

Parses every version of the bench corpus (bench/corpus_gen.py, generated from the real texts) and, with
--markdown, of the Markdown texts in tests/corpus/ repeated to the same volume; prints the median of 5 runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from corpus_gen import write_source  # noqa: E402

from site_builder.parser import parse  # noqa: E402

MARKDOWN = ("sina-tos", "sina-guideline", "alesinfiny-terms", "pdl-ja", "pdl-en", "kenpo", "covenant-ja",
            "thisisbot-tos", "pyconjp-teikan", "pyconjp-privacy", "pyconjp-coc")


def bodies(args: argparse.Namespace) -> list[str]:
    out: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "src"
        write_source(root, args.docs, args.versions, args.articles)
        for path in sorted(root.rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            out.append(text.split("\n---\n", 1)[1] if text.startswith("---\n") else text)
    return out


def markdown_bodies() -> list[str]:
    out = []
    for folder in MARKDOWN:
        for path in sorted((REPO / "tests" / "corpus" / folder).glob(f"{folder}_*")):
            out.append(path.read_text(encoding="utf-8"))
    return out


def run(texts: list[str]) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        for i, text in enumerate(texts):
            parse(text, f"v{i}.md")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--docs", type=int, default=20)
    p.add_argument("--versions", type=int, default=10)
    p.add_argument("--articles", type=int, default=60)
    p.add_argument("--markdown", action="store_true")
    args = p.parse_args()
    texts = bodies(args)
    chars = sum(len(t) for t in texts)
    seconds = run(texts)
    print(f"bench corpus: {len(texts)} versions, {chars / 1e6:.1f} M characters: parse {seconds:.2f} s "
          f"({chars / seconds / 1e6:.2f} M chars/s)")
    if args.markdown:
        md = markdown_bodies()
        md_chars = sum(len(t) for t in md)
        seconds = run(md)
        print(f"Markdown corpus: {len(md)} versions, {md_chars / 1e6:.2f} M characters: parse {seconds:.2f} s "
              f"({md_chars / seconds / 1e6:.2f} M chars/s)")


if __name__ == "__main__":
    main()
