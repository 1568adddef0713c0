"""One spelling for text and query: the fold the browser's worker applies to what a reader types
(`foldText` in terms-search-worker.js), done here to the texts so that the index is keyed by what the query
becomes.  The two are kept equal by a test that runs the worker's fold in Chromium over the project's texts.

In order: width and case (NFKC), hiragana to katakana, ヴァ → バ and small kana to large (ティ = テイ), a long
vowel mark or middle dot after katakana dropped (サーバー = サーバ), spaces dropped unless between two Latin
words, kanji numerals to digits (第十四条 = 第14条), then the dictionary's spelling variants by longest match
(取扱い → 取り扱い, `variants.py`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_SMALL = {"ァ": "ア", "ィ": "イ", "ゥ": "ウ", "ェ": "エ", "ォ": "オ", "ッ": "ツ", "ャ": "ヤ", "ュ": "ユ", "ョ": "ヨ",
          "ヮ": "ワ", "ヵ": "カ", "ヶ": "カ"}
_VU = {"ァ": "バ", "ィ": "ビ", "ゥ": "ブ", "ェ": "ベ", "ォ": "ボ"}
_SENTENCE = re.compile(r"[^。]*(?:。|$)")


def _katakana(c: str) -> bool:
    return "ァ" <= c <= "ヺ"


def _word(c: str) -> bool:
    return "a" <= c <= "z" or "0" <= c <= "9" or c in ",.;:"


def _kana(s: str) -> str:
    return "".join(chr(ord(c) + 0x60) if 0x3041 <= ord(c) <= 0x3096 else c for c in s)


@lru_cache(maxsize=65_536)
def _wide(c: str) -> str:
    code = ord(c)
    if code < 0x80:
        return c.lower() if "A" <= c <= "Z" else c
    if 0x3041 <= code <= 0x3096:
        return chr(code + 0x60)
    if 0x30A1 <= code <= 0x30FC or 0x4E00 <= code <= 0x9FFF or code > 0xFFFF:
        return c
    return _kana(unicodedata.normalize("NFKC", c).lower())


def _widen(text: str) -> list[str]:
    out: list[str] = []
    for c in text:
        s = _wide(c)
        if s in ("\u3099", "\u309a") and out:  # half-width ﾞ ﾟ: join the kana before
            out[-1] = unicodedata.normalize("NFC", out[-1] + s)
            continue
        if len(s) == 1:
            out.append(s)
        else:
            out.extend(s)
    return out


def _number(run: str) -> str:
    if not any(c in _UNITS for c in run):
        return "".join(str(_DIGITS[c]) for c in run)
    total = current = 0
    for c in run:
        if c in _UNITS:
            total += (current or 1) * _UNITS[c]
            current = 0
        else:
            current = current * 10 + _DIGITS[c]
    return str(total + current)


def _rules(text: str) -> list[str]:
    a = _widen(text)
    b: list[str] = []
    i = 0
    while i < len(a):
        c = a[i]
        if c == "ヴ":
            nxt = a[i + 1] if i + 1 < len(a) else ""
            if nxt in _VU:
                b.append(_VU[nxt])
                i += 2
                continue
            c = "ブ"
        elif c in _SMALL:
            c = _SMALL[c]
        elif c in ("ー", "・") and b and _katakana(b[-1]):
            i += 1
            continue
        elif c == " " and not (b and _word(b[-1]) and i + 1 < len(a) and _word(a[i + 1])):
            i += 1
            continue
        elif c in _DIGITS or c in _UNITS:
            j = i
            while j < len(a) and (a[j] in _DIGITS or a[j] in _UNITS):
                j += 1
            b.extend(_number("".join(a[i:j])))
            i = j
            continue
        b.append(c)
        i += 1
    return b


@dataclass(frozen=True, eq=False)  # hashed by identity: a build folds every text with one table
class Table:
    """Folded spelling → folded class spelling, by first character: the key lengths there (longest first)
    and the keys.  The worker tries the keys longest first at each position; for one length at most one key
    equals the text there, so trying lengths is the same."""

    lengths: dict[str, tuple[int, ...]]
    keys: dict[str, str]

    @staticmethod
    def of(pairs: Iterable[tuple[str, str]]) -> Table:
        keys: dict[str, str] = {}
        for key, value in pairs:
            k, v = "".join(_rules(key)), "".join(_rules(value))
            # 受け付 → 受け付け would fold 受け付け itself to 受け付けけ; a prefix needs no entry to be found
            if len(k) < 2 or v.startswith(k):
                continue
            keys.setdefault(k, v)  # the first pair of a spelling wins, as in the worker
        lengths: dict[str, set[int]] = {}
        for k in keys:
            lengths.setdefault(k[0], set()).add(len(k))
        return Table({c: tuple(sorted(n, reverse=True)) for c, n in lengths.items()}, keys)


def _apply(s: str, table: Table) -> str:
    out: list[str] = []
    p, n = 0, len(s)
    lengths, keys = table.lengths, table.keys
    while p < n:
        sizes = lengths.get(s[p])
        if sizes:
            for size in sizes:
                value = keys.get(s[p : p + size]) if p + size <= n else None
                if value is not None:
                    out.append(value)
                    p += size
                    break
            else:
                out.append(s[p])
                p += 1
        else:
            out.append(s[p])
            p += 1
    return "".join(out)


@lru_cache(maxsize=200_000)
def _fold_piece(piece: str, table: Table | None) -> str:
    folded = "".join(_rules(piece))
    return folded if table is None else _apply(folded, table)


def fold(text: str, table: Table | None = None) -> str:
    # a text folds sentence by sentence: no rule and no dictionary word reaches across 「。」, and terms repeat
    # their sentences, so each is folded once
    return "".join(_fold_piece(piece, table) for piece in _SENTENCE.findall(text))
