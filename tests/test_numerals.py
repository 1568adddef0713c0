from __future__ import annotations

import pytest

from site_builder.numerals import branch_numbers, id_number, kanji_to_int, to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("十", 10), ("十四", 14), ("二十三", 23), ("三十六", 36), ("百", 100), ("百二", 102),
     ("千二百三十四", 1234), ("一〇", 10), ("壱", 1)],
)
def test_kanji_numerals(text: str, value: int) -> None:
    assert kanji_to_int(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("14", 14), ("１４", 14), ("十四", 14), ("①", 1), ("⑳", 20), ("㉑", 21), ("㉛", 31), ("㊿", 50), ("a", 1),
     ("ｂ", 2), ("利用", None), ("", None)],
)
def test_any_number(text: str, value: int | None) -> None:
    assert to_int(text) == value


@pytest.mark.parametrize(
    ("text", "numbers", "anchor"),
    [("36の2", (36, 2), "36_2"), ("三十六の二", (36, 2), "36_2"), ("３６の２", (36, 2), "36_2"),
     ("14", (14,), "14"), ("十四ノ三", (14, 3), "14_3")],
)
def test_branch_numbers(text: str, numbers: tuple[int, ...], anchor: str) -> None:
    assert branch_numbers(text) == numbers
    assert id_number(numbers) == anchor


def test_not_a_number() -> None:
    assert branch_numbers("適用") is None
