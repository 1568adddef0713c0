"""Orthographic variants of the site's words, from a dictionary: 受付 / 受け付け / 受付け, 引渡し / 引き渡し,
取扱い / 取り扱い, 附属 / 付属, Web / ウェブ.

Which spellings are the same word is not guessed: Sudachi's dictionary (SudachiDict) gives every word of the
texts its normalised form (受付 → 受け付け).  The spellings a reader may type that the text does not use are
candidates made by leaving out okurigana (受け付け → 受付け, 受付), and each is kept only when the dictionary has
it as the same word.  The result is a table spelling → the class's one spelling, which the browser applies
by longest match to the texts and to the query alike (`terms-search-worker.js`); what the rule-based folds
already unify (width, kana, long vowels, numerals) is left to the browser.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from ..parallel import batched_map

_KANJI = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆"
_HAS_KANJI = re.compile(f"[{_KANJI}]")
_WORDLIKE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9]+|[\u30a1-\u30fa\u30fc]{2,})$")
# hiragana right after a kanji: okurigana a reader may leave out or add
_OKURIGANA = re.compile(f"(?<=[{_KANJI}])[\u3041-\u3096]+")
_MAX_CANDIDATES = 16
_SENTENCES = re.compile(r"(?<=。)|\n")
_LONGEST = 4_000  # characters: at most 12,000 bytes of UTF-8, well inside the analyser's limit


@cache
def _dictionary() -> Any:
    try:
        from sudachipy import Dictionary
    except ImportError as exc:  # a dependency of the package: only a broken install lacks it
        raise RuntimeError("search needs SudachiPy and SudachiDict (pip install sudachipy sudachidict-small)") from exc
    return Dictionary(dict="small")


@cache
def _tokenizer() -> Any:
    from sudachipy import SplitMode

    return _dictionary().tokenizer(SplitMode.C)


def _suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def spelling(surface: str, dictionary_form: str, normalized: str) -> str | None:
    """The word as the dictionary spells it, in the surface's inflection: 受付け (受付ける → 受け付ける) gives
    受け付け; None when the two do not line up."""
    if surface == dictionary_form:
        return normalized
    common = _suffix(dictionary_form, normalized)
    stem_dict, stem_norm = dictionary_form[: len(dictionary_form) - common], normalized[: len(normalized) - common]
    if not surface.startswith(stem_dict):
        return None
    return stem_norm + surface[len(stem_dict):]


def _keyable(word: str) -> bool:
    return len(word) >= 2 and (bool(_HAS_KANJI.search(word)) or bool(_WORDLIKE.match(word)))


def _candidates(word: str) -> list[str]:
    """受け付け → 受付け, 受け付, 受付: the word with some okurigana left out (each run shortened from its start,
    as 問い合わせ → 問合せ)."""
    runs = list(_OKURIGANA.finditer(word))
    if not runs:
        return []
    choices = [[m.group()[k:] for k in range(len(m.group()) + 1)] for m in runs]
    out = []
    for pick in itertools.islice(itertools.product(*choices), _MAX_CANDIDATES):
        pieces, pos = [], 0
        for m, kept in zip(runs, pick, strict=True):
            pieces += [word[pos : m.start()], kept]
            pos = m.end()
        candidate = "".join(pieces) + word[pos:]
        if candidate != word:
            out.append(candidate)
    return out


@lru_cache(maxsize=200_000)
def _confirmed(candidate: str, target: str) -> bool:
    return _keyable(candidate) and any(spelling(m.surface(), m.dictionary_form(), m.normalized_form()) == target
               for m in _dictionary().lookup(candidate))


def _short(sentence: str) -> list[str]:
    """The analyser takes at most 49,149 bytes at a time: a sentence longer than _LONGEST characters (a list
    with no 。, a table) is cut, after a 、 where there is one near the cut."""
    out = []
    while len(sentence) > _LONGEST:
        cut = sentence.rfind("、", _LONGEST - 500, _LONGEST) + 1 or _LONGEST
        out.append(sentence[:cut])
        sentence = sentence[cut:]
    return [*out, sentence]


@lru_cache(maxsize=200_000)
def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """(spelling in the text, the dictionary's spelling) for each word of the text that has variants."""
    out: list[tuple[str, str]] = []
    for m in _tokenizer().tokenize(text):
        surface = m.surface()
        if not _keyable(surface):
            continue
        norm = spelling(surface, m.dictionary_form(), m.normalized_form())
        if norm is None or not _keyable(norm):
            continue
        out.append((surface, norm))
    return tuple(out)


def table(texts: Iterable[str], workers: int = 1) -> list[tuple[str, str]]:
    """Spelling → the one spelling of its class, for every word of the texts with more than one spelling,
    sorted.  Classes join spellings the dictionary says are one word (union-find)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    normal: set[str] = set()
    # sentence by sentence: terms repeat theirs across articles and documents, and each is analysed once
    pieces = {piece for text in texts for sentence in _SENTENCES.split(text) for piece in _short(sentence) if piece}
    if workers > 1:
        _tokenizer()  # loaded before the workers fork, so that each inherits it instead of loading the dictionary
    # in batches on `workers` processes for a build: most of the index's time
    for found in batched_map(_pairs, sorted(pieces), workers):
        for surface, norm in found:
            normal.add(norm)
            union(surface, norm)
    for norm in sorted(normal):
        for candidate in _candidates(norm):
            if _confirmed(candidate, norm):
                union(candidate, norm)
    classes: dict[str, list[str]] = {}
    for word in parent:
        classes.setdefault(find(word), []).append(word)
    out: list[tuple[str, str]] = []
    for members in classes.values():
        if len(members) < 2:
            continue
        # the class is named by its dictionary spelling (the okurigana written out), the same on every build
        names = sorted(m for m in members if m in normal) or sorted(members)
        name = names[0]
        out.extend((m, name) for m in members if m != name)
    return sorted(out)
