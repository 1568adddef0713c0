"""What a page need not carry: the indentation of its markup.

Material's templates indent every line of the navigation and the table of contents; on a version page that is
several KB of spaces.  A run of whitespace that holds a line break renders as one space, or as nothing between
blocks, so it is cut to the line break, everywhere except where whitespace is shown as written (`pre`, `code`,
`kbd`, `textarea`) or is not markup (`script`, `style`).  The text a reader sees is unchanged.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|code|kbd|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_BREAK = re.compile(r"[ \t\r\f]*\n\s*")


def compact(html: str) -> str:
    pieces = _KEPT.split(html)
    # split() returns [text, kept element, its tag name, text, …]
    out = []
    for k in range(0, len(pieces), 3):
        out.append(_BREAK.sub("\n", pieces[k]))
        if k + 1 < len(pieces):
            out.append(pieces[k + 1])
    return "".join(out)
