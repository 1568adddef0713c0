"""The first pass: a version's body as `LineToken`s, by the line rules (site_builder/parser/lines.py) or, for a
Markdown source, from markdown-it's structure (site_builder/parser/markdown.py)."""

from __future__ import annotations

from ..markdown_blocks import is_markdown
from .lines import (
    _ARTICLE,
    _ARTICLE_OMITTED,
    _SUPPLEMENT,
    LineToken,
    _is_closing,
    _LexState,
    _split_lines,
    caption_articles,
    lex_lines,
)
from .markdown import lex_markdown


def lex(body: str, first_line: int = 1) -> list[LineToken]:
    lines = _split_lines(body, first_line)
    candidates = [ln for ln in lines if not ln.in_fence and ln.indent <= 4 and _ARTICLE.match(ln.content)]
    article_mode = any(not _ARTICLE_OMITTED.match(ln.content) for ln in candidates)
    # Trailing 「適用開始日：…」「2020年9月18日 改定」 lines belong to no provision.
    closing_from = len(lines)
    i = len(lines) - 1
    while i >= 0 and (not lines[i].content.strip() or (not lines[i].in_fence and _is_closing(lines[i]))):
        if lines[i].content.strip():
            closing_from = i
        i -= 1
    # 「附則↵この規約は、令和7年4月1日から施行します。」 is the 附則's (or the article's) text, not a closing line
    while closing_from < len(lines):
        before = next((ln for ln in reversed(lines[:closing_from]) if ln.content.strip()), None)
        heading = before is not None and (
            before.md_heading or _SUPPLEMENT.match(before.content.strip()) or _ARTICLE.match(before.content)
        )
        if not heading:
            break
        closing_from = next(
            (i for i in range(closing_from + 1, len(lines)) if lines[i].content.strip()), len(lines)
        )
    # articles written as Markdown headings: then a plain line that starts 「第5条 …」 is a sentence citing one.
    # Only when most articles are headings: one `## 第3条` in a plain text must not turn 第1条 and 第2条 into text
    headed = sum(1 for ln in candidates if ln.md_heading)
    heading_articles = headed > 0 and headed * 2 > len(candidates)
    state = _LexState(lines, 0, article_mode, heading_articles,
                      caption_articles(lines) if not article_mode and not is_markdown(body) else {})
    if is_markdown(body):
        return lex_markdown(lines, state, closing_from)
    return lex_lines(lines, state, closing_from)
