"""Bad input: every problem is a `file:line: message` and a non-zero exit from `terms-site check`, never a
traceback; good input in awkward encodings is read correctly."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, SAMPLE
from site_builder.cli import main
from site_builder.loader import load_source

GOOD = "---\neffective: 2026-03-01\nannounced: 2026-01-30\nlabel: 第2版\n---\n第1条（目的）\n本規約は適用されます。\n"


def make_source(tmp_path: Path, files: dict[str, str | bytes], title: str | None = "テスト利用規約") -> Path:
    root = tmp_path / "src"
    doc = root / "doc"
    doc.mkdir(parents=True)
    if title is not None:
        (doc / "document.yml").write_text(f"title: {title}\n", encoding="utf-8")
    for name, content in files.items():
        path = doc / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["check", str(root)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


BAD_INPUTS = [
    ("no front matter", {"2026-03-01.md": "第1条 本文\n"},
     "src/doc/2026-03-01.md:1: no front matter: start the file with a line '---'"),
    ("front matter not closed", {"2026-03-01.md": "---\neffective: 2026-03-01\n第1条\n"},
     "src/doc/2026-03-01.md:1: the front matter is not closed"),
    ("broken YAML", {"2026-03-01.md": "---\neffective: 2026-03-01\nlabel: [第2版\n---\n本文\n"},
     "src/doc/2026-03-01.md:3: front matter is not valid YAML"),
    ("unknown key", {"2026-03-01.md": "---\neffective: 2026-03-01\nefective: 2026-03-02\n---\n本文\n"},
     "src/doc/2026-03-01.md:3: unknown key 'efective'; allowed keys are: announced, effective, kind, label, summary"),
    ("missing effective", {"2026-03-01.md": "---\nlabel: 第2版\n---\n本文\n"},
     "src/doc/2026-03-01.md:1: missing 'effective' (施行日)"),
    ("bad date", {"2026-03-01.md": "---\neffective: 2026-02-30\n---\n本文\n"},
     "src/doc/2026-03-01.md:2: effective: '2026-02-30' is not a date"),
    ("bad 令和 date", {"2026-03-01.md": "---\neffective: 令和8年13月1日\n---\n本文\n"},
     "src/doc/2026-03-01.md:2: effective:"),
    ("bad kind", {"2026-03-01.md": "---\neffective: 2026-03-01\nkind: typo\n---\n本文\n"},
     "src/doc/2026-03-01.md:3: kind: 'typo' must be 'revision' or 'editorial'"),
    ("empty body", {"2026-03-01.md": "---\neffective: 2026-03-01\n---\n\n"},
     "src/doc/2026-03-01.md:3: empty body"),
    ("empty file", {"2026-03-01.md": ""}, "src/doc/2026-03-01.md:1: empty file"),
    ("duplicate version id", {"2026-03-01.md": GOOD, "2026-03-01.txt": GOOD},
     "src/doc/2026-03-01.txt:1: duplicate version id '2026-03-01'"),
    ("same effective date twice", {"2026-03-01.md": GOOD, "2026-03-01b.md": GOOD},
     "src/doc/2026-03-01b.md:1: effective 2026-03-01 is also the date of 2026-03-01.md"),
    ("duplicate article", {"2026-03-01.md": GOOD + "第1条（重複）\n本文\n"},
     "src/doc/2026-03-01.md:8: duplicate 第1条 (#art1, first at line 6)"),
    ("reserved version id", {"history.md": GOOD}, "src/doc/history.md:1: version id 'history'"),
    ("Shift_JIS text", {"2026-03-01.md": GOOD.encode("cp932")},
     "src/doc/2026-03-01.md:4: not UTF-8 (byte 0x91 cannot be decoded): it looks like Shift_JIS; convert it with: "
     "iconv -f Shift_JIS -t UTF-8"),
    ("effective before the previous version's", {
        "2026-03-01.md": GOOD,
        "2026-04-01.md": "---\nlabel: 第3版\neffective: 2026-02-01\n---\n第1条（目的）\n本文\n",
     }, "src/doc/2026-04-01.md:3: effective 2026-02-01 is before 2026-03-01, the effective date of the version "
        "before it (2026-03-01.md)"),
    ("a 1 MB single line", {"2026-03-01.md": GOOD + "あ" * 1_000_000 + "\n"},
     "src/doc/2026-03-01.md:8: line of 1,000,000 characters (at most 100,000)"),
    ("EUC-JP text", {"2026-03-01.md": GOOD.encode("euc_jp")},
     "src/doc/2026-03-01.md:4: not UTF-8 (byte 0xC2 cannot be decoded): it looks like EUC-JP"),
    # front matter, strictly: repeated keys, types, real era dates
    ("a key given twice", {"2026-03-01.md": "---\neffective: 2026-03-01\neffective: 2026-04-01\n---\n本文\n"},
     "src/doc/2026-03-01.md:3: 'effective' is given twice (first at line 2): keep one"),
    ("a list as label", {"2026-03-01.md": "---\neffective: 2026-03-01\nlabel: [第2版, 第3版]\n---\n本文\n"},
     "src/doc/2026-03-01.md:3: label: must be text, not a list"),
    ("令和0年", {"2026-03-01.md": "---\neffective: 令和0年1月1日\n---\n本文\n"},
     "src/doc/2026-03-01.md:2: effective: '令和0年1月1日' is not a date (令和0年 does not exist: the first year is 令和元年)"),
    ("令和元年 before the era began", {"2026-03-01.md": "---\neffective: 令和元年4月1日\n---\n本文\n"},
     "src/doc/2026-03-01.md:2: effective: '令和元年4月1日' is not a date (令和 began on 2019年5月1日)"),
    ("平成 after the era ended", {"2026-03-01.md": "---\neffective: 平成31年5月1日\n---\n本文\n"},
     "src/doc/2026-03-01.md:2: effective: '平成31年5月1日' is not a date (平成 ended on 2019年4月30日)"),
    ("a form feed in a summary", {"2026-03-01.md": "---\neffective: 2026-03-01\nsummary: 改定\f概要\n---\n本文\n"},
     "src/doc/2026-03-01.md:3: control character U+000C (form feed) at column 12"),
    ("a NUL in the text", {"2026-03-01.md": GOOD + "第2条\x00\n"},
     "src/doc/2026-03-01.md:8: control character U+0000 (nul) at column 4"),
    ("publisher as a list", {"document.yml": "title: 規約\npublisher: [a, b]\n", "2026-03-01.md": GOOD},
     "src/doc/document.yml:2: publisher: must be text, not a list"),
    ("description as a mapping", {"document.yml": "title: 規約\ndescription: {a: b}\n", "2026-03-01.md": GOOD},
     "src/doc/document.yml:2: description: must be text, not a mapping"),
    ("unknown setting", {"document.yml": "title: 規約\nsettings:\n  compre:\n    new_side: left\n", "2026-03-01.md": GOOD},
     "src/doc/document.yml:3: unknown setting 'compre'; the settings are: compare"),
    ("unknown compare setting", {"document.yml": "title: 規約\nsettings:\n  compare:\n    newside: left\n",
                                 "2026-03-01.md": GOOD},
     "src/doc/document.yml:4: unknown setting compare.newside; allowed: new_side"),
    ("a key twice in document.yml", {"document.yml": "title: 規約\ntitle: 約款\n", "2026-03-01.md": GOOD},
     "src/doc/document.yml:2: 'title' is given twice (first at line 1): keep one"),
    # every file is published or reported
    ("a version without suffix", {"2026-03-01.md": GOOD, "2026-04-01": GOOD},
     "src/doc/2026-04-01:1: not published: a version file needs the suffix .md or .txt: rename it 2026-04-01.md"),
    ("a version in a subfolder", {"2026-03-01.md": GOOD, "old/2025-01-01.md": GOOD},
     "src/doc/old:1: a folder inside doc/ is not read, so nothing in it is published"),
    ("a stray file", {"2026-03-01.md": GOOD, "terms.docx": b"PK"},
     "src/doc/terms.docx:1: not published: doc/ holds only document.yml and version files"),
    ("a notice with a Japanese file name",
     {"2026-03-01.md": GOOD, "../notices/お知らせ.md": "---\ntitle: t\nannounced: 2026-01-01\n---\n本文\n"},
     "src/notices/お知らせ.md:1: not published: the file name 'お知らせ' becomes the notice's URL"),
    ("a version named like a file of the site", {"2026-03-01.md": GOOD, "anchors.json.md": GOOD},
     "src/doc/anchors.json.md:1: version id 'anchors.json' (the file name) is used in URLs"),
    ("a document folder named like a site page", {"2026-03-01.md": GOOD, "../about/document.yml": "title: 会社概要\n"},
     "src/about:1: the folder name 'about' is taken by the site's own pages; rename the folder (reserved: 404, about, api, "
     "assets, changelog"),
]


@pytest.mark.parametrize(("name", "files", "message"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_reported_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, files: dict[str, str | bytes], message: str
) -> None:
    status, output = check(make_source(tmp_path, files), capsys)
    assert status == 1, output
    assert message in output, output
    assert "Traceback" not in output


def test_other_suffixes_are_versions_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """2025-06-01.MD and .markdown are what editors and exports write: published, not skipped."""
    later = GOOD.replace("2026-03-01", "2026-06-01")
    root = make_source(tmp_path, {"2026-03-01.markdown": GOOD, "2026-06-01.MD": later})
    status, output = check(root, capsys)
    assert status == 0, output
    assert [v.id for v in load_source(root).documents[0].versions] == ["2026-03-01", "2026-06-01"]


def test_a_notice_announced_after_it_takes_effect_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_source(tmp_path, {"2026-03-01.md": GOOD})
    (root / "notices").mkdir()
    (root / "notices" / "2026-03-05-late.md").write_text(
        "---\ntitle: 改定のお知らせ\nannounced: 2026-03-05\neffective: 2026-03-01\ndocuments: [doc]\n---\n本文\n",
        encoding="utf-8")
    status, output = check(root, capsys)
    assert status == 0, output
    assert "src/notices/2026-03-05-late.md:3: warning: announced 2026-03-05 is after effective 2026-03-01" in output


def test_a_fifo_does_not_hang_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_source(tmp_path, {"2026-03-01.md": GOOD})
    os.mkfifo(root / "doc" / "2026-04-01.md")
    status, output = check(root, capsys)
    assert status == 1
    assert "src/doc/2026-04-01.md:1: not a regular file (a FIFO, socket or device)" in output


def test_a_symlink_loop_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_source(tmp_path, {"2026-03-01.md": GOOD})
    (root / "doc" / "a.md").symlink_to(root / "doc" / "b.md")
    (root / "doc" / "b.md").symlink_to(root / "doc" / "a.md")
    status, output = check(root, capsys)
    assert status == 1 and "Traceback" not in output
    assert "src/doc/a.md:1: symbolic link loop" in output


def test_a_symlinked_document_folder_outside_the_source_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_source(tmp_path, {"2026-03-01.md": GOOD})
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(root / "doc", elsewhere)
    (root / "secret").symlink_to(elsewhere)
    (tmp_path / "private.yml").write_text("title: 社外秘\n", encoding="utf-8")
    (root / "doc" / "document.yml").unlink()
    (root / "doc" / "document.yml").symlink_to(tmp_path / "private.yml")
    status, output = check(root, capsys)
    assert status == 1
    assert "src/secret:1: symbolic link to a folder outside the source folder" in output
    assert "src/doc/document.yml:1: symbolic link to a file outside the source folder" in output
    assert load_source(root).documents == ()


def test_missing_document_yml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, output = check(make_source(tmp_path, {"2026-03-01.md": GOOD}, title=None), capsys)
    assert status == 1
    assert "src/doc/document.yml:1: missing document.yml" in output


def test_unknown_document_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_source(tmp_path, {"2026-03-01.md": GOOD})
    (root / "doc" / "document.yml").write_text("title: 規約\ntitel: 規約\n", encoding="utf-8")
    status, output = check(root, capsys)
    assert status == 1
    assert "src/doc/document.yml:2: unknown key 'titel'" in output


def test_symlink_out_of_the_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(GOOD, encoding="utf-8")
    root = make_source(tmp_path, {"2026-03-01.md": GOOD})
    (root / "doc" / "2026-04-01.md").symlink_to(outside)
    status, output = check(root, capsys)
    assert status == 1
    assert "src/doc/2026-04-01.md:1: symbolic link to a file outside the source folder" in output


def test_bom_and_crlf_are_read_correctly_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = ("\ufeff" + GOOD).replace("\n", "\r\n").encode("utf-8")
    root = make_source(tmp_path, {"2026-03-01.md": raw})
    status, output = check(root, capsys)
    assert status == 0, output
    assert "2026-03-01.md:1: warning: the file starts with a byte order mark" in output
    assert "2026-03-01.md:1: warning: Windows (CRLF)" in output
    version = load_source(root).documents[0].versions[0]
    assert version.effective.isoformat() == "2026-03-01"
    assert version.label == "第2版"
    assert version.parsed.anchors() == ["art1", "art1-p1"]


def test_japanese_dates_in_front_matter(tmp_path: Path) -> None:
    text = "---\neffective: 令和8年3月1日\nannounced: 2026年1月30日\n---\n第1条 本文\n"
    version = load_source(make_source(tmp_path, {"v2.md": text})).documents[0].versions[0]
    assert (version.effective.isoformat(), str(version.announced)) == ("2026-03-01", "2026-01-30")


def test_announced_after_effective_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "---\neffective: 2026-03-01\nannounced: 2026-03-05\n---\n第1条 本文\n"
    status, output = check(make_source(tmp_path, {"2026-03-01.md": text}), capsys)
    assert status == 0
    assert "2026-03-01.md:3: warning: announced 2026-03-05 is after effective 2026-03-01" in output


def test_notice_naming_an_unknown_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_source(tmp_path, {"2026-03-01.md": GOOD})
    (root / "notices").mkdir()
    (root / "notices" / "2026-01-30-update.md").write_text(
        "---\ntitle: 改定のお知らせ\nannounced: 2026-01-30\neffective: 2026-03-01\ndocuments: [doc, nosuch]\n---\n本文\n",
        encoding="utf-8",
    )
    status, output = check(root, capsys)
    assert status == 1
    assert "src/notices/2026-01-30-update.md:5: documents: no document folder 'nosuch'" in output


def test_eccube_euc_jp_original_is_refused_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The 2007 EC-CUBE terms exist only as EUC-JP: refused with the line and the way out, not garbled."""
    sql = next(CORPUS.glob("eccube/*.EUC-JP.sql")).read_bytes()
    root = make_source(tmp_path, {"2007-04-18.md": b"---\neffective: 2007-04-18\n---\n" + sql})
    status, output = check(root, capsys)
    assert status == 1
    assert "src/doc/2007-04-18.md:" in output and "it looks like EUC-JP" in output


def test_sample_source_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    status, output = check(SAMPLE, capsys)
    assert status == 0, output
    assert "5 document(s), 9 version(s), 4 notice(s); 0 error(s), 0 warning(s)" in output


def test_console_script_exit_status(tmp_path: Path) -> None:
    """The installed command, as an author runs it."""
    exe = shutil.which("terms-site") or str(Path(sys.executable).with_name("terms-site"))
    root = make_source(tmp_path, {"2026-03-01.md": "---\neffective: someday\n---\n本文\n"})
    result = subprocess.run([exe, "check", str(root)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "2026-03-01.md:2: effective: 'someday' is not a date" in result.stderr
    assert "Traceback" not in result.stderr


def test_numbering_gap_is_a_warning_not_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Real texts skip numbers (a 削除 article): reported, but the build goes on."""
    text = GOOD + "第3条（準拠法）\n日本法に準拠します。\n"
    status, output = check(make_source(tmp_path, {"2026-03-01.md": text}), capsys)
    assert status == 0
    assert "src/doc/2026-03-01.md:8: warning: 第3条 follows 第1条" in output


def test_new_version_from_the_latest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_source(tmp_path, {"2026-03-01.md": GOOD})
    assert main(["new", "doc", "--date", "2026-09-01", "--label", "第3版", "--source", str(root)]) == 0
    new = root / "doc" / "2026-09-01.md"
    text = new.read_text(encoding="utf-8")
    assert text.startswith("---\neffective: 2026-09-01\n")
    assert 'label: "第3版"' in text and text.endswith("第1条（目的）\n本規約は適用されます。\n")
    capsys.readouterr()
    # the placeholder 改定概要 must not go live: check fails on it, with the line
    status, output = check(root, capsys)
    assert status == 1 and "src/doc/2026-09-01.md:5: summary: still （改定概要を書いてください）" in output, output
    new.write_text(text.replace("（改定概要を書いてください）", "第2条を改めました。"), encoding="utf-8")
    status, output = check(root, capsys)
    assert status == 0, output
    versions = load_source(root).documents[0].versions
    assert [v.id for v in versions] == ["2026-03-01", "2026-09-01"]
    # refuses to overwrite, and a date that is not after the latest
    assert main(["new", "doc", "--date", "2026-09-01", "--source", str(root)]) == 2
    assert main(["new", "doc", "--date", "2026-01-01", "--source", str(root)]) == 2
    assert main(["new", "nosuch", "--source", str(root)]) == 2
    err = capsys.readouterr().err
    assert "exists already" in err and "is not after" in err and "no document 'nosuch'" in err


def test_new_defaults_to_tomorrow(tmp_path: Path) -> None:
    import datetime as dt

    root = make_source(tmp_path, {"2020-01-01.md": GOOD.replace("2026-03-01", "2020-01-01").replace("2026-01-30", "2019-12-01")})
    assert main(["new", "doc", "--source", str(root)]) == 0
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert (root / "doc" / f"{tomorrow.isoformat()}.md").is_file()


def test_the_readme_catalogue_lists_every_tested_message() -> None:
    """The bad-input table in the README and the messages tested here stay the same."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name, _, message in BAD_INPUTS:
        text = re.sub(r"^src/[^:]+:\d+: ", "", message)
        key = text[:40]
        assert key in readme, f"README's bad-input table lacks the row for {name!r}: {key}"


def test_a_version_file_is_read_again_only_when_its_bytes_changed(tmp_path: Path) -> None:
    """`serve` loads with `memo`: a file with the bytes it had is the same Version, its diagnostics said again;
    a file whose bytes changed is read again, even with the same size and modification time."""
    root = tmp_path / "src"
    shutil.copytree(SAMPLE, root)
    path = root / "hasso-terms" / "2023-09-28.md"
    text = path.read_text(encoding="utf-8")
    # a defect the loader reports, so that a remembered load must report it too
    path.write_text(text.replace("effective: 2023-09-28", "effective: 2023-09-28\nannounced: 2023-10-01"),
                    encoding="utf-8")
    first = load_source(root, memo=True)
    again = load_source(root, memo=True)
    version = next(d for d in first.documents if d.slug == "hasso-terms").versions[0]
    assert next(d for d in again.documents if d.slug == "hasso-terms").versions[0] is version
    assert [d.format(root) for d in again.diagnostics] == [d.format(root) for d in first.diagnostics]
    assert any("announced 2023-10-01 is after effective" in d.message for d in again.diagnostics)
    stat = path.stat()
    body = path.read_text(encoding="utf-8")
    assert "日本語でのみ" in body
    path.write_text(body.replace("日本語でのみ", "英国語でのみ"), encoding="utf-8")  # same length in bytes
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    changed = next(d for d in load_source(root, memo=True).documents if d.slug == "hasso-terms").versions[0]
    assert changed is not version and "英国語でのみ" in changed.body
