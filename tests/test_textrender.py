"""Source text → HTML: what survives, what is escaped, how lines break."""

from __future__ import annotations

from site_builder.textrender import render_block


def test_a_line_break_in_the_source_is_a_line_break_on_the_page() -> None:
    html = render_block("④ お客様へのフォロー連絡を最適化するため\n例えば、行動を比較・分析します。")
    assert "最適化するため<br>\n例えば" in html


def test_raw_html_is_escaped() -> None:
    html = render_block("本規約は<script>alert(1)</script>適用されます。<img src=x onerror=alert(2)>")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_javascript_links_are_not_links() -> None:
    html = render_block("[詳細](javascript:alert(1)) と [規約](https://example.com/terms)")
    assert "javascript:" not in html.split("[詳細]")[0] and 'href="javascript' not in html
    assert '<a href="https://example.com/terms" rel="noopener noreferrer">規約</a>' in html


def test_tables_lists_and_emphasis_survive() -> None:
    html = render_block("| 区分 | 料金 |\n| --- | --- |\n| 月額 | 1,000円<br>（税込） |\n\n- **重要** な項目")
    assert "<table>" in html and "<td>1,000円<br>（税込）</td>" in html
    assert "<li><strong>重要</strong> な項目</li>" in html


def test_inline_html_on_the_allow_list_renders_and_is_sanitized() -> None:
    """`<br>`, `<u>`, `<a href>`, `<span style>` render as the author meant; handlers, javascript: URLs and styles
    beyond text colour and weight are stripped; tags off the list are shown as typed."""
    html = render_block('本文<br>です。<u>全て</u> <a href="javascript:alert(1)" onclick="x">a</a> '
                        '<span style="color:#f00;position:fixed">赤</span> <b onmouseover=alert(2)>重要</b> '
                        '[リンク](https://example.com/){ target=_blank } <iframe src=x></iframe>')
    assert "本文<br>です" in html and "<u>全て</u>" in html and "<b>重要</b>" in html
    assert "javascript" not in html and "onclick" not in html and "onmouseover" not in html
    assert '<span style="color:#f00">赤</span>' in html
    assert '<a href="https://example.com/" target="_blank" rel="noopener noreferrer">リンク</a>' in html
    assert "&lt;iframe src=x&gt;&lt;/iframe&gt;" in html and "{ target" not in html


def test_full_width_indentation_is_not_a_code_block() -> None:
    html = render_block("　　　前項の規定は、適用しない。")
    assert "<pre>" not in html and "前項の規定は" in html


def test_references_inside_an_authors_own_link_are_left_alone() -> None:
    from site_builder.parser import parse
    from site_builder.refs import RefIndex, link_html

    index = RefIndex.of(parse("第1条（目的）\n本文。\n第10条（解約）\n本文。\n"))
    html = render_block("[第10条の解説](https://example.com/guide) をご覧ください。第10条に従います。")
    linked = link_html(html, "art1-p1", index)
    assert '<a href="https://example.com/guide" rel="noopener noreferrer">第10条の解説</a>' in linked
    assert '<a class="terms-ref" href="#art10">第10条</a>に従います' in linked
    assert linked.count("terms-ref") == 1


def test_a_parenthesised_number_stays_text() -> None:
    """「1) …」 is a printed label: as a Markdown list its number would be a list marker, not page text."""
    html = render_block("本文は次のとおり。\n1) 一つ目\n2) 二つ目")
    assert "<ol" not in html and "1) 一つ目" in html and "2) 二つ目" in html
    assert "<ol>" in render_block("1. 一つ目\n2. 二つ目"), "Markdown's own list syntax is still a list"


def test_br_renders_the_same_in_and_out_of_a_table() -> None:
    """Found by tests/test_properties.py: a block holding a table once treated <br> differently around it."""
    html = render_block("本規約<br>。\n\n| 区分 | 内容 |\n| --- | --- |\n| 甲 | 一行目<br>二行目 |")
    assert "本規約<br>。" in html and "一行目<br>二行目" in html


def test_bold_closed_after_japanese_punctuation_is_bold() -> None:
    """CommonMark does not close 「**見出し。**本文」 (punctuation, then a letter): the author meant bold."""
    html = render_block("**見出し。**本文です。**強調**と**普通。** です")
    assert "<strong>見出し。</strong>本文" in html and "<strong>強調</strong>" in html and "**" not in html
