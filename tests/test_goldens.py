"""Golden files: the exact Markdown the plugin generates for a small source that uses every structure.

A change to the page markup shows up here as a diff to review; `pytest --update-goldens` rewrites the files.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from site_builder.loader import load_source
from site_builder.render import render_site

FIXTURE = Path(__file__).parent / "fixtures" / "golden_source"
GOLDENS = Path(__file__).parent / "goldens"
PAGES = render_site(load_source(FIXTURE), dt.date(2026, 3, 15))


def test_fixture_source_is_clean() -> None:
    assert [d.format() for d in load_source(FIXTURE).diagnostics] == []


@pytest.mark.parametrize("generated", PAGES, ids=[p.path for p in PAGES])
def test_generated_markdown_matches_golden(generated: object, update_goldens: bool) -> None:
    path = GOLDENS / generated.path.replace("/", "__")  # type: ignore[attr-defined]
    markdown = generated.markdown  # type: ignore[attr-defined]
    if path.suffix == ".json":
        # the site serves compact JSON; the golden is indented, so that a change reads as a diff of one field
        markdown = json.dumps(json.loads(markdown), ensure_ascii=False, indent=1) + "\n"
    if update_goldens or not path.exists():
        path.write_text(markdown, encoding="utf-8")
        if not update_goldens:
            pytest.fail(f"{path.name} did not exist and was written; review it and commit it")
    assert markdown == path.read_text(encoding="utf-8"), f"{path.name} changed: review, then --update-goldens"


def test_goldens_have_no_stale_files() -> None:
    expected = {p.path.replace("/", "__") for p in PAGES}
    assert {p.name for p in GOLDENS.iterdir() if p.is_file()} == expected
