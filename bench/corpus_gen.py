"""Generate large, realistic terms from the real texts in ../shared: articles taken from the corpus and seeds,
renumbered into one document, and revisions of it that edit, insert and delete articles."""

from __future__ import annotations

import random
import re
from pathlib import Path

from site_builder.compare import provision_text
from site_builder.parser import parse

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def _strip_front_matter(text: str) -> str:
    return text[text.index("\n---\n", 4) + 5 :] if text.startswith("---\n") else text


def real_articles() -> list[str]:
    """Every article body (its text after the heading) from the real texts, as written."""
    files = sorted((SHARED / "corpus").rglob("*.derived.*")) + sorted((SHARED / "corpus" / "ikaskey").glob("*.md"))
    files += sorted((SHARED / "corpus" / "eccube").glob("ec-cube*.md")) + sorted((SHARED / "seeds").glob("004_*.txt"))
    bodies: list[str] = []
    for path in files:
        text = _strip_front_matter(path.read_text(encoding="utf-8"))
        for article in parse(text).articles():
            # the article's text without its heading line, as the parser placed it
            body = "\n".join(provision_text(c) for c in article.children).strip()
            if body and "#" not in body:
                bodies.append(body)
    return list(dict.fromkeys(bodies))  # unique, in order


def document(n_articles: int, seed: int = 1) -> list[tuple[str, str]]:
    """(caption, body) for n articles drawn from the real texts."""
    rng = random.Random(seed)
    pool = real_articles()
    return [(f"（条項{i + 1}）", rng.choice(pool)) for i in range(n_articles)]


def render(articles: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"第{i + 1}条{caption}\n{body}" for i, (caption, body) in enumerate(articles)) + "\n"


def revise(articles: list[tuple[str, str]], rng: random.Random, edits: int, inserts: int, deletes: int,
           pool: list[str]) -> list[tuple[str, str]]:
    """A revision: some articles edited in a word, some inserted (renumbering the rest), some deleted."""
    out = list(articles)
    for _ in range(edits):
        i = rng.randrange(len(out))
        caption, body = out[i]
        body = re.sub(r"ものとします|しなければならない|することができる", "するものとする", body, count=1)
        out[i] = (caption, body.replace("。", "（改定）。", 1))
    for _ in range(deletes):
        out.pop(rng.randrange(len(out)))
    for k in range(inserts):
        out.insert(rng.randrange(len(out)), (f"（新設{k + 1}）", rng.choice(pool)))
    return out
