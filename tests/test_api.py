"""The static JSON API (/api/v1/): every file valid against the schema the package ships, byte-identical between
builds, and enough for an app to answer the consent question from the JSON alone."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest

from conftest import SAMPLE, build_site
from site_builder.cli import main

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (pip install -e .[test])")

SCHEMA = json.loads(files("site_builder").joinpath("schema/api-v1.schema.json").read_text(encoding="utf-8"))


def validate(data: object, definition: str) -> None:
    schema = {"$ref": f"#/$defs/{definition}", "$defs": SCHEMA["$defs"]}
    jsonschema.Draft202012Validator(schema).validate(data)


def api_files(site: Path) -> list[Path]:
    return sorted((site / "api" / "v1").rglob("*.json"))


def test_every_api_file_is_valid(sample_site: Path) -> None:
    found = api_files(sample_site)
    assert len(found) == 1 + 5 + 9  # the index, each document, each version
    for path in found:
        data = json.loads(path.read_text(encoding="utf-8"))
        kind = "index" if path.parent.name == "v1" else "document" if path.name == "index.json" else "version"
        validate(data, kind)
    # and a file that breaks the contract is refused by the schema: the test can fail
    broken = json.loads((sample_site / "api/v1/your-connect-terms/index.json").read_text(encoding="utf-8"))
    broken["versions"][0]["effective"] = "2024年4月1日"
    with pytest.raises(jsonschema.ValidationError):
        validate(broken, "document")


def test_documents_and_versions_as_the_site_has_them(sample_site: Path) -> None:
    index = json.loads((sample_site / "api/v1/index.json").read_text(encoding="utf-8"))
    assert index["as_of"] == "2026-02-15"
    yc = next(d for d in index["documents"] if d["document"] == "your-connect-terms")
    assert (yc["in_force"], yc["upcoming"]) == ("2024-04-01", ["2026-03-01"])
    doc = json.loads((sample_site / "api/v1" / yc["index"]).read_text(encoding="utf-8"))
    revision = doc["versions"][1]
    assert revision["counts"] == {"changed": 7, "added": 2, "deleted": 0, "notation": 0}
    assert revision["status"] == "upcoming" and revision["announced"] == "2026-01-30"
    base = sample_site / "api/v1/your-connect-terms"
    for key in ("page", "changes"):
        assert (base / revision[key] / "index.html").resolve().is_file(), key
    assert (base / revision["files"]["docx"]).resolve().is_file()
    version = json.loads((base / revision["provisions"]).read_text(encoding="utf-8"))
    art14 = next(p for p in version["provisions"] if p["anchor"] == "art14")
    assert art14["citation"] == "第14条" and art14["children"][1]["citation"] == "第14条第2項"
    assert art14["children"][1]["plain"].startswith("2. 甲はYour Connectサービスと連携するCRMサービス")


def consent_from_json(site: Path, doc: str, accepted: str) -> dict[str, object]:
    """What an app does: read the document's file and look up the version its user accepted."""
    data = json.loads((site / "api/v1" / doc / "index.json").read_text(encoding="utf-8"))
    answer: dict[str, object] = data["consent"][accepted]
    # and the same answer computed by a client from `versions` alone
    versions = data["versions"]
    at = [v["id"] for v in versions].index(accepted)
    later = next((v for v in versions[at + 1:] if v["kind"] != "editorial"), None)
    assert answer["reconsent"] is (later is not None) and answer["from"] == (later["effective"] if later else None)
    return answer


def test_the_consent_question(tmp_path: Path) -> None:
    """Built on 2026-02-15: サンプルサービス利用規約 has 2025-04-01, a revision in force on 2026-01-01 and an
    editorial fix on 2026-02-01; Your Connect has a revision announced for 2026-03-01."""
    site = build_site(tmp_path, SAMPLE, "2026-02-15")
    doc = "sample-service-terms"
    # accepted the version in force: nothing to ask
    assert consent_from_json(site, doc, "2026-02-01")["reconsent"] is False
    # accepted an old one, with a substantive revision after it: ask, from its 施行日, already in force
    assert consent_from_json(site, doc, "2025-04-01") == {
        "reconsent": True, "version": "2026-01-01", "from": "2026-01-01", "in_force": True}
    # accepted one superseded only by an editorial revision: nothing to ask
    assert consent_from_json(site, doc, "2026-01-01")["reconsent"] is False
    # an announced revision asks from its 施行日, before it is in force
    assert consent_from_json(site, "your-connect-terms", "2024-04-01") == {
        "reconsent": True, "version": "2026-03-01", "from": "2026-03-01", "in_force": False}


def test_api_files_are_byte_identical_and_exported_without_a_build(sample_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "api-export"
    assert main(["export", "--format", "json", str(out), "--source", str(SAMPLE), "--as-of", "2026-02-15"]) == 0
    exported = sorted(p.relative_to(out) for p in (out / "api" / "v1").rglob("*.json"))
    built = sorted(p.relative_to(sample_site) for p in api_files(sample_site))
    assert exported == built
    for rel in built:
        assert (out / rel).read_bytes() == (sample_site / rel).read_bytes(), rel
    assert not (out / "docs").exists()
