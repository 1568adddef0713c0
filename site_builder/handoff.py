"""What the plugin hands MkDocs as finished HTML (render.Part), and how the page around it learns of it.

A version page's provisions and a 新旧対照表 are nine tenths of the site's HTML.  Python-Markdown would only pass
them through, after reading every tag of them (about 60 % of a version page's build), so the plugin gives MkDocs
a Markdown page with a placeholder for each part and puts the part in when the page is written (on_post_page).
What MkDocs would have learnt from reading them is given back here: the table of contents (their headings) and
the ids that links may point at.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from markdown.extensions.toc import nest_toc_tokens

from .render import HeadingStyle, Part, placeholder

# the `toc` options a heading we write ourselves can follow; with any other the pages go through Python-Markdown
_FOLLOWED = {"permalink", "permalink_title", "permalink_class", "toc_depth", "title"}


def heading_style(extensions: Sequence[Any], configs: Mapping[str, Mapping[str, Any]]) -> HeadingStyle | None:
    """The site's headings as its markdown_extensions make them, or None where our HTML could not follow them
    (no attr_list, an option such as `permalink_leading` or `baselevel`): the parts then stay Markdown."""
    names = {str(e) for e in extensions}
    if "attr_list" not in names:
        return None
    if "toc" not in names:
        return HeadingStyle(permalink=None)
    options = dict(configs.get("toc") or {})
    if set(options) - _FOLLOWED:
        return None
    permalink = options.get("permalink", False)
    depth = options.get("toc_depth", 6)
    if not isinstance(depth, int) or isinstance(depth, bool):
        return None  # "2-4" ranges: not followed
    text = None if permalink in (False, None) else "&para;" if permalink is True else str(permalink)
    return HeadingStyle(
        permalink=text, permalink_title=str(options.get("permalink_title", "Permanent link")),
        permalink_class=str(options.get("permalink_class", "headerlink")), toc_depth=depth,
    )


def fill(content: str, parts: Sequence[Part]) -> str:
    """The page's HTML with its parts in place of their placeholders."""
    for n, part in enumerate(parts):
        content = content.replace(placeholder(n), part.html, 1)
    return content


def missing(content: str, parts: Sequence[Part]) -> list[int]:
    """Parts whose placeholder Python-Markdown did not leave as it was (an extension rewrote it)."""
    return [n for n in range(len(parts)) if placeholder(n) not in content]


def outline(content: str, toc: Iterable[tuple[int, str, str]], parts: Sequence[Part]) -> list[dict[str, Any]]:
    """The page's table-of-contents tokens: Python-Markdown's (`toc`: its headings, flattened, in page order)
    with each part's headings where the part stands, nested as the `toc` extension nests them."""
    placed: list[tuple[int, int, tuple[int, str, str]]] = []
    for order, entry in enumerate(toc):
        at = content.find(f'id="{entry[1]}"')
        placed.append((at if at >= 0 else len(content), order, entry))
    for n, part in enumerate(parts):
        at = content.find(placeholder(n))
        placed.extend((at, k, heading) for k, heading in enumerate(part.headings))
    placed.sort(key=lambda p: (p[0], p[1]))
    tokens = [{"level": level, "id": anchor, "name": name} for _, _, (level, anchor, name) in placed]
    nested: list[dict[str, Any]] = nest_toc_tokens(tokens)
    return nested


def flatten(items: Iterable[Any]) -> list[tuple[int, str, str]]:
    """MkDocs' table of contents (AnchorLink objects with children) as (level, id, title), in page order."""
    out: list[tuple[int, str, str]] = []
    for item in items:
        out.append((item.level, item.id, item.title))
        out.extend(flatten(item.children))
    return out
