"""The front matter of an imported text, from what the text itself says: 施行日 (「令和8年3月1日から施行する」,
「施行日：2026年3月1日」), else its latest 改定日, else its 制定日; 「第3版」 as the version's label; the first line
as the document's title."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from ..dates import find_dates

_EDITION = re.compile(r"第\s*([0-9０-９一二三四五六七八九十]+)\s*版")
_KINDS = (("施行", "effective"), ("実施", "effective"), ("適用開始", "effective"), ("発効", "effective"),
          ("改定", "revised"), ("改正", "revised"), ("改訂", "revised"), ("更新", "revised"),
          ("制定", "enacted"))


@dataclass(frozen=True)
class Found:
    effective: dt.date | None
    source: str  # the line the date was read from, for the report
    label: str | None
    title: str


def read_front_matter(text: str) -> Found:
    dated: dict[str, list[tuple[dt.date, str]]] = {"effective": [], "revised": [], "enacted": []}
    for line in text.splitlines():
        dates = find_dates(line)
        if not dates:
            continue
        for word, kind in _KINDS:
            if word in line:
                dated[kind].extend((d, line.strip()) for d in dates)
                break
    effective, source = None, ""
    for kind in ("effective", "revised", "enacted"):
        if dated[kind]:
            effective, source = max(dated[kind])
            break
    m = _EDITION.search(text)
    label = f"第{unicodedata.normalize('NFKC', m.group(1))}版" if m else None
    first = next((ln.strip().lstrip("#").strip() for ln in text.splitlines() if ln.strip()), "")
    title = first.replace("*", "") if len(first) <= 40 and "。" not in first else ""
    return Found(effective, source, label, title)
