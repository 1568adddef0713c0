"""The words of a version page around the terms themselves, in the document's language (`lang: ja|en`).

A page of English terms must not carry Japanese labels; the Japanese strings here are the ones the pages have
always printed (the golden pages check them byte for byte).
"""

from __future__ import annotations

import datetime as dt

from .dates import ja

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")

# key: (日本語, English).  The Japanese strings are the ones the pages have always printed.
_WORDS: dict[str, tuple[str, str]] = {
    "label": ("版", "Edition"),
    "effective": ("施行日", "Effective"),
    "announced": ("公表日", "Published"),
    "state": ("状態", "Status"),
    "period": ("適用期間", "Applies"),
    "version_col": ("版", "Version"),
    "period_range": ("{start}～{end}", "{start} – {end}"),
    "period_open": ("{start}～", "from {start}"),
    "superseded": ("この版は{start}から{end}まで適用されていました。", "This version applied from {start} to {end}."),
    "upcoming": ("施行予定", "upcoming"),
    "current": ("現行版", "in force"),
    "old": ("旧版", "superseded"),
    "this_is_current": ("この文書の現行版です。この版だけを指す固定のURLは {link} です。",
                        "This is the version of this document in force. The permanent URL of this version is {link}."),
    "will_apply": ("{date}から改定後の{title}が適用されます。", "The revised {title} applies from {date}."),
    "applies_now": ("{date}から改定後の{title}が適用されています。このページは改定前の版を表示しています。",
                    "The revised {title} applies since {date}. This page shows the version before it."),
    "read_new": ("改定後の版（{date}施行）を読む", "Read the revised version (effective {date})"),
    "comparison": ("新旧対照表", "comparison"),
    "will_take_effect": ("この版は{date}に施行される予定です（施行予定）。", "This version takes effect on {date} (upcoming)."),
    "announced_on": ("公表日: {date}。", "Published on {date}."),
    "see_current": ("現在施行されている版は {link} をご覧ください。", "For the version in force, see {link}."),
    "took_effect": ("この版は{date}に施行されました。", "This version took effect on {date}."),
    "compare_with": ("新旧対照表（{date}施行の版との比較）", "Comparison with the version effective {date}"),
    "summary": ("改定概要", "Summary of changes"),
    "history": ("沿革", "History"),
    "toc": ("目次", "Contents"),
    # the 目次's landmark: Material's own side table of contents is 「目次」 already
    "toc_landmark": ("条文の目次", "Contents of the terms"),
    "marked_upcoming": ("（施行予定）", " (upcoming)"),
    "this_version": ("（この版）", " (this version)"),
    "history_gap": ("（略：すべての版は下の沿革に）", "(some versions left out: every version is in the full history below)"),
    "full_history": ("公表日・改定概要を含む沿革", "Full history with publication dates and summaries"),
    "named_version": ("{label}（{date}施行）", "{label} (effective {date})"),
    "dated_version": ("{date}施行版", "Version effective {date}"),
    "nav_current": ("現行版", "In force"),
    "cmp_title": ("新旧対照表", "Comparison"),
    "cmp_old": ("改定前", "Before"),
    "cmp_new": ("改定後", "After"),
    "cmp_note": ("（下線部は変更箇所）", "(changed words are underlined)"),
    "cmp_added": ("（新設）", "(new)"),
    "cmp_deleted": ("（削る）", "(deleted)"),
    "cmp_omitted": ("（略）", " (unchanged)"),
    "cmp_range": ("～", "–"),
    "cmp_text": ("本文", "Text"),
    "cmp_show": ("{label}の本文を表示", "Show the text of {label}"),
    "cmp_notation_only": ("表記のみの変更（内容の変更はありません）", "Notation only (no change in substance)"),
    "cmp_hide_notation": ("表記のみの変更（{n}件）を隠す", "Hide notation-only changes ({n})"),
    "cmp_as_of": ("　{date}現在", " as of {date}"),
    "cmp_changes": ("変更 {changed}・新設 {added}・削除 {deleted}", "{changed} changed, {added} new, {deleted} deleted"),
    "cmp_notation": ("・表記のみ {n}", ", {n} notation only"),
    "cmp_counts": ("変更", "Changes"),
    "cmp_old_version": ("改定前の版", "Version before"),
    "cmp_new_version": ("改定後の版", "Version after"),
    "nav_compare": ("版の比較", "Compare versions"),
    "nav_changes": ("新旧対照表 {date}施行", "Comparison, effective {date}"),
}
LABELS: dict[str, dict[str, str]] = {
    lang: {key: words[i] for key, words in _WORDS.items()} for i, lang in enumerate(("ja", "en"))
}


def date_text(date: dt.date, lang: str) -> str:
    """2026年3月1日, or 1 March 2026."""
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}" if lang == "en" else ja(date)


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["ja"])
