"""Number normalisation for Japanese legal numbering.

Ids and alignment need one integer per number however the author wrote it: 第十四条, 第１４条, 第 14 条,
①, （１）, 一, イ, ア, (a).  The page text never goes through these functions; it stays as written.
"""

from __future__ import annotations

import re
import unicodedata

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
# 壱弐参 appear in old deeds; e-Gov texts use the plain forms.
_KANJI_ALIASES = {"壱": "一", "弐": "二", "参": "三", "拾": "十"}

KANJI_NUMERAL_CHARS = "".join(_KANJI_DIGITS) + "".join(_KANJI_UNITS) + "".join(_KANJI_ALIASES)

# イロハ order (号の細分 in statutes) and アイウ order (common in company terms).
IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"

# ① … ⑳ (U+2460…), ㉑ … ㉟ (U+3251…), ㊱ … ㊿ (U+32B1…)
_CIRCLED: dict[str, int] = {}
for _i in range(20):
    _CIRCLED[chr(0x2460 + _i)] = _i + 1
for _i in range(15):
    _CIRCLED[chr(0x3251 + _i)] = _i + 21
for _i in range(15):
    _CIRCLED[chr(0x32B1 + _i)] = _i + 36
CIRCLED_CHARS = "".join(_CIRCLED)


def kanji_to_int(text: str) -> int | None:
    """二十三 → 23, 百二 → 102, 三十六 → 36, 一〇 → 10 (digit-by-digit form). None if not a numeral."""
    text = "".join(_KANJI_ALIASES.get(ch, ch) for ch in text)
    if not text or any(ch not in _KANJI_DIGITS and ch not in _KANJI_UNITS for ch in text):
        return None
    if not any(ch in _KANJI_UNITS for ch in text):
        # 一〇 style: positional digits
        value = 0
        for ch in text:
            value = value * 10 + _KANJI_DIGITS[ch]
        return value
    total = 0
    current = 0
    for ch in text:
        if ch in _KANJI_DIGITS:
            current = _KANJI_DIGITS[ch]
        else:
            total += (current or 1) * _KANJI_UNITS[ch]
            current = 0
    return total + current


def to_int(text: str) -> int | None:
    """Any single number as written: 14, １４, 十四, ①, イ (iroha), a. None when it is not a number."""
    text = text.strip()
    if not text:
        return None
    folded = unicodedata.normalize("NFKC", text)
    if folded.isascii() and folded.isdigit():
        return int(folded)
    if len(text) == 1 and text in _CIRCLED:
        return _CIRCLED[text]
    value = kanji_to_int(text)
    if value is not None:
        return value
    if len(folded) == 1 and "a" <= folded.lower() <= "z":
        return ord(folded.lower()) - ord("a") + 1
    return None


def kana_to_int(ch: str, order: str) -> int | None:
    """Position (1-based) of a katakana in イロハ or アイウ order."""
    pos = order.find(ch)
    return pos + 1 if pos >= 0 else None


_BRANCH_SPLIT = re.compile(r"[のノ之]")


def branch_numbers(text: str) -> tuple[int, ...] | None:
    """「36の2」「三十六の二」「１４」 → (36, 2), (36, 2), (14). None if any part is not a number."""
    text = re.sub(r"[\s\u3000]", "", text)
    parts = _BRANCH_SPLIT.split(text)
    numbers: list[int] = []
    for part in parts:
        value = to_int(part)
        if value is None:
            return None
        numbers.append(value)
    return tuple(numbers)


def id_number(numbers: tuple[int, ...]) -> str:
    """(36, 2) → "36_2": the ASCII form used in anchors (DESIGN §4)."""
    return "_".join(str(n) for n in numbers)
