"""Dates as Japanese terms write them: 2026-03-01, 2026年3月1日, 令和8年3月1日, 令和元年5月1日."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from .numerals import kanji_to_int

# First and last day of each era; 元年 is year 1, and it begins on the era's first day (令和元年4月1日 is 平成31年).
ERAS: dict[str, tuple[dt.date, dt.date | None]] = {
    "令和": (dt.date(2019, 5, 1), None),
    "平成": (dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    "昭和": (dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    "大正": (dt.date(1912, 7, 30), dt.date(1926, 12, 24)),
}

_NUM = r"[0-9０-９〇一二三四五六七八九十]+"
_JA_DATE = re.compile(rf"(令和|平成|昭和|大正)?\s*({_NUM}|元)\s*年\s*({_NUM})\s*月\s*({_NUM})\s*日")
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


def _num(text: str) -> int:
    if text == "元":
        return 1
    folded = unicodedata.normalize("NFKC", text)
    if folded.isdigit():
        return int(folded)
    value = kanji_to_int(text)
    if value is None:
        raise ValueError(text)
    return value


def parse_date(text: str) -> dt.date:
    """Parse one date; raise ValueError with a reason a person can act on."""
    text = unicodedata.normalize("NFKC", text.strip()) if text[:1].isdigit() else text.strip()
    try:
        m = _ISO_DATE.match(text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _JA_DATE.fullmatch(text)
        if m:
            return _from_match(m)
        reason = ""
    except ValueError as exc:  # 2026-02-30, 令和8年13月1日
        reason = f" ({exc})"
    raise ValueError(f"{text!r} is not a date{reason}; write it as 2026-03-01 (or 2026年3月1日, 令和8年3月1日)")


def _from_match(m: re.Match[str]) -> dt.date:
    era, year, month, day = m.group(1), _num(m.group(2)), _num(m.group(3)), _num(m.group(4))
    if not era:
        return dt.date(year, month, day)
    if year < 1:
        raise ValueError(f"{era}{year}年 does not exist: the first year is {era}元年")
    first, last = ERAS[era]
    date = dt.date(first.year + year - 1, month, day)
    if date < first:
        raise ValueError(f"{era} began on {ja(first)}")
    if last is not None and date > last:
        raise ValueError(f"{era} ended on {ja(last)}")
    return date


def find_dates(text: str) -> list[dt.date]:
    """Every date written in a text (附則「令和8年3月1日から実施します」), in order; invalid ones skipped."""
    out = []
    for m in _JA_DATE.finditer(text):
        try:
            out.append(_from_match(m))
        except ValueError:
            continue
    return out


def ja(date: dt.date) -> str:
    """2026-03-01 → 2026年3月1日 (no zero padding, as Japanese terms print it)."""
    return f"{date.year}年{date.month}月{date.day}日"
