"""Which units hold which pair of characters: the index a query is answered from without downloading the
texts.  A term of the folded query (`fold.py`) occurs in a unit only if every pair of adjacent characters of it
does; the browser intersects the pairs' lists, then fetches the text of the units it shows, to check them, land
on the provision and quote it.

The lists are split into shards by the pair's first character (code point modulo the shard count), so a query
downloads the shards of its own characters only, and a one-character query (the first keystroke) one shard.
Each list is its ascending unit numbers as gaps, in LEB128 varints, in base64.
"""

from __future__ import annotations

import base64
from collections import defaultdict
from collections.abc import Sequence

# a shard of about this many postings (≈ 30 KB of JSON before compression)
_PER_SHARD = 20_000
_MAX_SHARDS = 256


def pairs(folded: str) -> set[str]:
    return {folded[i : i + 2] for i in range(len(folded) - 1)}


def encode(ids: Sequence[int]) -> str:
    gaps = [b - a - 1 for a, b in zip([-1, *ids[:-1]] if ids else [], ids, strict=True)]
    if not gaps or max(gaps) < 0x80:  # the common case, a byte each: no loop in Python
        return base64.b64encode(bytes(gaps)).decode("ascii")
    out = bytearray()
    for gap in gaps:
        while True:
            byte = gap & 0x7F
            gap >>= 7
            out.append(byte | (0x80 if gap else 0))
            if not gap:
                break
    return base64.b64encode(bytes(out)).decode("ascii")


def decode(data: str) -> list[int]:
    out, last, gap, shift = [], -1, 0, 0
    for byte in base64.b64decode(data):
        gap |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            last += gap + 1
            out.append(last)
            gap = shift = 0
    return out


def shard_count(postings: int) -> int:
    n = 1
    while n < _MAX_SHARDS and postings > n * _PER_SHARD:
        n *= 2
    return n


def shard_of(pair: str, count: int) -> int:
    return ord(pair[0]) % count


def build(folded_units: Sequence[str]) -> tuple[int, list[dict[str, str]]]:
    """(shard count, shards): each shard maps a pair to its encoded list of unit numbers."""
    lists: defaultdict[str, list[int]] = defaultdict(list)
    for n, text in enumerate(folded_units):
        for pair in {text[i : i + 2] for i in range(len(text) - 1)}:
            lists[pair].append(n)
    count = shard_count(sum(len(v) for v in lists.values()))
    shards: list[dict[str, str]] = [{} for _ in range(count)]
    for pair in sorted(lists):
        shards[shard_of(pair, count)][pair] = encode(lists[pair])
    return count, shards
