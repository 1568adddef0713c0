"""The build date: the one way "today" enters a build (DESIGN §7), so every build can be reproduced."""

from __future__ import annotations

import datetime as dt
import os

from .dates import parse_date


def build_date(configured: str | None = None) -> dt.date:
    """TERMS_AS_OF, else the configured `as_of`, else today."""
    value = os.environ.get("TERMS_AS_OF") or configured
    if not value:
        return dt.date.today()
    try:
        return parse_date(str(value))
    except ValueError as exc:
        raise ValueError(f"TERMS_AS_OF / as_of: {exc}") from exc
