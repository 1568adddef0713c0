"""Generate large, realistic terms from the real texts in the project: articles taken from the corpus and the sample,
renumbered into one document, and revisions of it that edit, insert and delete articles."""

from __future__ import annotations

import random
import re
from pathlib import Path

from site_builder.parser import parse

SAMPLE = Path(__file__).resolve().parent.parent / "source_terms"  # the seeds as the project publishes them
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"  # the project's copy of shared/corpus


def _strip_front_matter(text: str) -> str:
    return text[text.index("\n---\n", 4) + 5 :] if text.startswith("---\n") else text


def real_articles() -> list[str]:
    """Every article body (its text after the heading) from the real texts, as written."""
    files = sorted(CORPUS.rglob("*.derived.*")) + sorted((CORPUS / "ikaskey").glob("*.md"))
    files += sorted((CORPUS / "eccube").glob("ec-cube*.md")) + [SAMPLE / "hasso-terms" / "2023-09-28.md"]
    bodies: list[str] = []
    for path in files:
        text = _strip_front_matter(path.read_text(encoding="utf-8"))
        lines = text.split("\n")
        for article in parse(text).articles():
            # the article's own source lines, as written (indentation included), without its heading line
            end = max(b.line + b.text.count("\n") for p in article.walk() for b in p.blocks) if any(
                p.blocks for p in article.walk()) else article.line
            body = "\n".join(lines[article.line : end]).strip("\n")
            first = article.children[0] if article.children else None
            if first is not None and first.blocks and first.blocks[0].line == article.line:
                # statute style: 「第十二条　行政庁は…」 — the first paragraph stands on the heading line
                body = first.blocks[0].text.split("\n")[0] + ("\n" + body if body else "")
            if body.strip() and not any(line.lstrip().startswith("#") for line in body.split("\n")):
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


def write_source(out: Path, docs: int, versions: int, articles: int, seed: int = 1) -> Path:
    """N documents × M versions × K articles of real text; each revision edits, inserts and deletes articles."""
    import datetime as dt
    import shutil

    shutil.rmtree(out, ignore_errors=True)
    pool = real_articles()
    for d in range(docs):
        rng = random.Random(seed * 1000 + d)
        folder = out / f"doc{d + 1:02d}"
        folder.mkdir(parents=True)
        (folder / "document.yml").write_text(f"title: 利用規約{d + 1}\npublisher: 株式会社ベンチ\n", encoding="utf-8")
        current = document(articles, seed=seed * 1000 + d)
        day = dt.date(2020, 1, 1)
        for v in range(versions):
            if v:
                current = revise(current, rng, edits=3, inserts=1, deletes=1, pool=pool)
                day += dt.timedelta(days=90)
            announced = day - dt.timedelta(days=30)
            front = (f"---\neffective: {day.isoformat()}\nannounced: {announced.isoformat()}\nlabel: 第{v + 1}版\n"
                     f"summary: 第{v + 1}版への改定です。\n---\n")
            (folder / f"{day.isoformat()}.md").write_text(front + render(current), encoding="utf-8")
    return out
