"""The words of a version page around the terms themselves, in the document's language (`lang: ja|en`).

A page of English terms must not carry Japanese labels; the Japanese strings here are the ones the pages have
always printed (the golden pages check them byte for byte).
"""

from __future__ import annotations

import datetime as dt

from .dates import ja

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")

LABELS: dict[str, dict[str, str]] = {
    "ja": {
        "label": "版", "effective": "施行日", "announced": "公表日", "state": "状態",
        "upcoming": "施行予定", "current": "現行版", "old": "旧版",
        "this_is_current": "この文書の現行版です。この版だけを指す固定のURLは {link} です。",
        "will_apply": "{date}から改定後の{title}が適用されます。",
        "applies_now": "{date}から改定後の{title}が適用されています。このページは改定前の版を表示しています。",
        "read_new": "改定後の版（{date}施行）を読む", "comparison": "新旧対照表",
        "will_take_effect": "この版は{date}に施行される予定です（施行予定）。",
        "announced_on": "公表日: {date}。", "see_current": "現在施行されている版は {link} をご覧ください。",
        "took_effect": "この版は{date}に施行されました。",
        "compare_with": "新旧対照表（{date}施行の版との比較）", "summary": "改定概要", "history": "沿革",
        "marked_upcoming": "（施行予定）", "this_version": "（この版）",
        "full_history": "公表日・改定概要を含む沿革", "named_version": "{label}（{date}施行）",
        "dated_version": "{date}施行版",
    },
    "en": {
        "label": "Edition", "effective": "Effective", "announced": "Published", "state": "Status",
        "upcoming": "upcoming", "current": "in force", "old": "superseded",
        "this_is_current": "This is the version of this document in force. The permanent URL of this version is "
                           "{link}.",
        "will_apply": "The revised {title} applies from {date}.",
        "applies_now": "The revised {title} applies since {date}. This page shows the version before it.",
        "read_new": "Read the revised version (effective {date})", "comparison": "comparison",
        "will_take_effect": "This version takes effect on {date} (upcoming).",
        "announced_on": "Published on {date}.", "see_current": "For the version in force, see {link}.",
        "took_effect": "This version took effect on {date}.",
        "compare_with": "Comparison with the version effective {date}", "summary": "Summary of changes",
        "history": "History", "marked_upcoming": " (upcoming)", "this_version": " (this version)",
        "full_history": "Full history with publication dates and summaries", "named_version": "{label} (effective {date})",
        "dated_version": "Version effective {date}",
    },
}


def date_text(date: dt.date, lang: str) -> str:
    """2026年3月1日, or 1 March 2026."""
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}" if lang == "en" else ja(date)


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["ja"])
