"""A document in two languages: the sample サンプルサービス利用規約 and its English edition (written for this
project's sample, not a real service's terms)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SAMPLE, page
from site_builder.cli import main

JA, EN = "sample-service-terms", "sample-service-terms-en"


def test_each_article_links_to_its_counterpart_and_back(sample_site: Path) -> None:
    ja = page(sample_site, f"{JA}/2026-01-01/")
    link = ja.select_one("#art14").find_next("p", class_="terms-edition-link").a
    assert link["href"] == f"../../{EN}/2026-01-01/#art14" and link["hreflang"] == "en"
    en = page(sample_site, f"{EN}/2026-01-01/")
    back = en.select_one("#art14").find_next("p", class_="terms-edition-link").a
    assert back["href"] == f"../../{JA}/2026-01-01/#art14" and back["lang"] == "ja"
    assert "Osaka District Court" in en.select_one("#art14-p2").get_text()
    # English interface on the English pages
    assert en.select_one(".terms-meta").get_text(" ", strip=True).startswith("Edition 2nd edition Effective")


def test_the_pages_say_which_edition_prevails_and_which_lags(sample_site: Path) -> None:
    """The Japanese edition was corrected on 2026-02-01 (editorial); the English edition was not."""
    ja = page(sample_site, f"{JA}/").select_one(".terms-edition").get_text(" ", strip=True)
    assert "日本語版が優先します。" in ja
    assert "英語版はこの版（2026年2月1日施行）にまだ対応していません。英語版の最新は2026年1月1日施行の版です。" in ja
    en = page(sample_site, f"{EN}/").select_one(".terms-edition").get_text(" ", strip=True)
    assert "The Japanese edition prevails." in en
    assert "later version, effective 1 February 2026 (an editorial revision), that this English edition does not " \
           "reflect yet" in en
    # a version both editions have lags on neither side
    both = page(sample_site, f"{JA}/2026-01-01/").select_one(".terms-edition")
    assert "terms-edition--lags" not in both["class"] and "対応していません" not in both.get_text()


def test_check_reports_what_does_not_pair(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "src"
    shutil.copytree(SAMPLE, root)
    en = root / EN / "2026-01-01.md"
    text = en.read_text(encoding="utf-8")
    en.write_text(text[: text.index("## Article 14")], encoding="utf-8")  # the English lacks Article 14
    assert main(["check", str(root)]) == 0
    out = capsys.readouterr().out
    assert f"{EN}/2026-01-01.md:9: warning: #art14 of 2026-01-01.md has no counterpart in the English edition" in out
    # an English edition that lags a revision (not an editorial fix)
    en.unlink()
    assert main(["check", str(root)]) == 0
    out = capsys.readouterr().out
    assert "warning: the English edition has no version 2026-01-01 (the Japanese edition has 2026-01-01.md)" in out
    # an edition of a document that does not exist is an error
    (root / EN / "document.yml").write_text(
        "title: T\nlang: en\nsettings:\n  edition:\n    of: no-such-terms\n", encoding="utf-8")
    assert main(["check", str(root)]) == 1
    assert "settings.edition.of names 'no-such-terms'" in capsys.readouterr().err
