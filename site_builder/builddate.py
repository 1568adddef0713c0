"""The build date: the one way "today" enters a build (DESIGN §7), so every build can be reproduced.

Today is Japan's: terms take effect at midnight in Japan, and the daily rebuild runs at 00:05 JST, which is
15:05 UTC on the day before; with the machine's UTC date it republished yesterday's state for a whole day.

A build under `TERMS_AS_OF` set to another day than today is a *preview* of that day's state: its pages say so
and do not reword themselves by the reader's clock (which would contradict the date being previewed).
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from .dates import parse_date

JAPAN = ZoneInfo("Asia/Tokyo")


def today_in_japan(now: dt.datetime | None = None) -> dt.date:
    return (now or dt.datetime.now(dt.UTC)).astimezone(JAPAN).date()


def build_date(configured: str | None = None) -> dt.date:
    """TERMS_AS_OF, else the configured `as_of`, else today in Japan."""
    value = os.environ.get("TERMS_AS_OF") or configured
    if not value:
        return today_in_japan()
    try:
        return parse_date(str(value))
    except ValueError as exc:
        raise ValueError(f"TERMS_AS_OF / as_of: {exc}") from exc


def is_preview(as_of: dt.date) -> bool:
    """A build for another day than today, asked for with TERMS_AS_OF."""
    return bool(os.environ.get("TERMS_AS_OF")) and as_of != today_in_japan()
