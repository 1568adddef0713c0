"""Find the Japanese legal structure (DESIGN §4) in a version's text.

Two passes, in the manner of markdown-it:

- `lexer.lex` turns the body into `LineToken`s that keep their source line — by the ordered line rules of
  `lines.py` for a plain text, or from markdown-it's structure (`markdown.py`) for a Markdown source;
- `builder._Builder` folds the tokens into the provision tree and gives every provision its anchor.

The parser never raises on text; the numberless provisions' anchors are then carried through the history by
site_builder/anchors.py.
"""

from __future__ import annotations

from pathlib import Path

from ..model import ParsedText
from .builder import _Builder, article_name, describe
from .lexer import lex
from .lines import LineToken

__all__ = ["LineToken", "article_name", "describe", "lex", "parse"]


def parse(body: str, path: Path | str = "<text>", first_line: int = 1) -> ParsedText:
    """Parse a version's body (front matter removed) whose first line is line `first_line` of `path`."""
    path = Path(path)
    tokens = lex(body, first_line)
    article_mode = any(t.type == "article" for t in tokens)
    builder = _Builder(path, article_mode)
    for token in tokens:
        builder.feed(token)
    return builder.result()
