"""Property test of the parser and the page renderer over generated terms-like texts (hypothesis, fixed seed,
bounded examples): kanji and full-width numbers, captions, （新設） notes, 項・号・細分 in every style, 附則,
tables, HTML and Markdown markup.  For every text: no exception, anchors unique and ASCII, and every character
of the source on the rendered page (the check `terms-site verify` makes on a real site)."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.loader import load_source
from site_builder.parser import parse
from site_builder.render import render_version
from site_builder.verify import source_lines_as_text, squeeze

KANJI = ["一", "二", "三", "四", "五", "十", "十一", "二十"]
FULL = ["１", "２", "３", "１０"]
WORDS = ["本規約", "当社", "利用者", "個人情報", "サービス", "データ", "第三者", "損害", "契約", "ＣＲＭ連携", "ver.2",
         "100円", "令和8年3月1日", "30日", "API"]
MARKUP = ["**重要**", "<b>強調</b>", "<br>", "`code`", "[リンク](https://example.com/)", "~~削除~~", "<script>x</script>",
          "&amp;", "A | B", "*注*"]

sentence = st.lists(st.sampled_from(WORDS + MARKUP + ["は", "を", "に", "、", "。", "（", "）", "「", "」"]),
                    min_size=2, max_size=10).map(lambda parts: "".join(parts) + "。")
number = st.one_of(st.integers(1, 30).map(str), st.sampled_from(KANJI), st.sampled_from(FULL))
caption = st.one_of(st.just(""), st.sampled_from(["（目的）", "（定義）", "(解約)", "【禁止事項】", "（委託）"]))


@st.composite
def article(draw: st.DrawFn) -> str:
    head = f"第{draw(number)}条{draw(caption)}"
    lines = []
    if draw(st.booleans()):
        lines.append("（新設）")
    lines += [head, draw(sentence)]
    for n in range(2, draw(st.integers(1, 3)) + 1):
        lines.append(draw(st.sampled_from([f"{n} ", f"{'０１２３４'[n]}　", f"{n}. "])) + draw(sentence))
    style = draw(st.sampled_from(["kanji", "circled", "paren", "dot", "bullet", "none"]))
    for i in range(1, draw(st.integers(0, 3)) + 1):
        label = {"kanji": f"{KANJI[i - 1]}　", "circled": "①②③"[i - 1], "paren": f"({i}) ", "dot": f"{i}. ",
                 "bullet": "- ", "none": ""}[style]
        lines.append(label + draw(sentence))
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["　　イ　", "　　ロ　", "    1. ", "  - ", "(a) "])) + draw(sentence))
    return "\n".join(lines)


@st.composite
def terms(draw: st.DrawFn) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append(draw(sentence))
    if draw(st.booleans()):
        parts.append(f"第{draw(number)}章　総則")
    parts += draw(st.lists(article(), min_size=1, max_size=4))
    if draw(st.booleans()):
        parts.append("| 区分 | 内容 |\n| --- | --- |\n| 甲 | " + draw(sentence) + " |")
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(["附則", "附 則", "付則"])) + "\n" + draw(sentence))
    if draw(st.booleans()):
        parts.append("2026年3月1日 改定")
    return "\n\n".join(parts) + "\n"


_ASCII_ANCHOR = re.compile(r"^[a-z][a-z0-9_-]*$")
_MD = markdown.Markdown(extensions=["attr_list", "tables", "toc"])


@settings(max_examples=80, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(terms())
def test_parser_never_fails_and_anchors_are_unique_ascii(text: str) -> None:
    parsed = parse(text, "generated.md")
    anchors = parsed.anchors()
    assert len(anchors) == len(set(anchors)), anchors
    assert all(_ASCII_ANCHOR.match(a) for a in anchors), anchors
    for d in parsed.diagnostics:
        assert d.line >= 1 and d.message


@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(terms())
def test_every_character_of_the_source_is_on_the_page(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "doc").mkdir()
        (root / "doc" / "document.yml").write_text("title: 生成規約\n", encoding="utf-8")
        (root / "doc" / "2026-01-01.md").write_text(f"---\neffective: 2026-01-01\n---\n{text}", encoding="utf-8")
        source = load_source(root)
        assert source.errors == [], [d.format() for d in source.errors]
        doc = source.documents[0]
        version = doc.versions[0]
        page = render_version(doc, version, dt.date(2026, 2, 1), current_page=False)
    body = page.markdown.split("\n---\n", 1)[1]
    _MD.reset()
    html = _MD.convert(body)
    shown = squeeze(re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                    .replace("&quot;", '"'))
    missing = [line for _, line in source_lines_as_text(version.body) if line not in shown]
    assert missing == [], (text, missing)
