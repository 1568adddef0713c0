"""Nothing the tool writes destroys what it did not make (issue: never delete a file): `terms-site export` and
`mkdocs build` into awkward targets — the checkout itself, the source, a folder of someone else's, a symlinked or
mounted `site/`, two builds at once, a read-only or full disk."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SAMPLE, write_mkdocs_yml
from site_builder import output
from site_builder.cli import main

AS_OF = "2026-02-15"
ENV = {**os.environ, "TERMS_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "true"}


def export(out: Path, source: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["export", str(out), "--source", str(source), "--as-of", AS_OF])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A company's repository: .git, mkdocs.yml, docs/ and source_terms/."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    shutil.copytree(SAMPLE, repo / "source_terms")
    (repo / "docs").mkdir()
    (repo / "docs" / "about.md").write_text("# about\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return repo


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("target", "message"), [
    (".", "holds the source folder"),
    ("source_terms", "is inside the source folder"),
    ("source_terms/hasso-terms", "is inside the source folder"),
    ("docs", "is not empty and was not written by terms-site export"),
    (".git", "holds the repository"),
    ("..", "holds the source folder"),
])
def test_export_refuses_folders_it_did_not_make(
    checkout: Path, capsys: pytest.CaptureFixture[str], target: str, message: str
) -> None:
    before = _snapshot(checkout)
    status, out = export(checkout / target, checkout / "source_terms", capsys)
    assert status == 2, out
    assert message in out and "Traceback" not in out
    assert _snapshot(checkout) == before, "nothing was written or deleted"


def test_export_refuses_a_git_repository_and_a_stranger_folder(tmp_path: Path, checkout: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other-repo"
    (other / ".git").mkdir(parents=True)
    status, out = export(other, checkout / "source_terms", capsys)
    assert status == 2 and "is a git repository" in out
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "contract.pdf").write_bytes(b"%PDF")
    status, out = export(papers, checkout / "source_terms", capsys)
    assert status == 2 and "not empty and was not written by terms-site export" in out
    assert (papers / "contract.pdf").read_bytes() == b"%PDF"


def test_export_writes_a_new_folder_and_replaces_only_its_own(checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = checkout / "export"
    status, text = export(out, checkout / "source_terms", capsys)
    assert status == 0, text
    assert (out / "docs" / "hasso-terms" / "index.md").is_file() and (out / output.EXPORT_MARKER).is_file()
    (out / "docs" / "stale.md").write_text("old\n", encoding="utf-8")
    status, text = export(out, checkout / "source_terms", capsys)
    assert status == 0, text
    assert not (out / "docs" / "stale.md").exists(), "the earlier export was replaced"
    empty = checkout / "empty"
    empty.mkdir()
    assert export(empty, checkout / "source_terms", capsys)[0] == 0
    assert not [p for p in checkout.iterdir() if p.name.startswith(".terms-") or "building" in p.name]


def _build(config: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)


def test_builds_at_once_all_leave_a_whole_site(tmp_path: Path) -> None:
    """Four builds into one site/, started 0.2 s apart (a push and a scheduled rebuild that overlap): each has
    its own staging folder, so every one exits 0 and the site left in place is whole."""
    config = write_mkdocs_yml(tmp_path, SAMPLE)
    alone = _build(config)
    assert alone.wait(timeout=300) == 0
    site = tmp_path / "site"
    whole = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    builds = []
    for _ in range(4):
        builds.append(_build(config))
        time.sleep(0.2)
    results = [p.communicate(timeout=300) + (p.returncode,) for p in builds]
    assert [r[2] for r in results] == [0, 0, 0, 0], results
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == whole
    assert not [p for p in tmp_path.iterdir() if "building" in p.name or "previous" in p.name]


def test_a_symlinked_site_is_written_through(tmp_path: Path) -> None:
    """site/ → a web root: the link stays, the web root gets the new build, and the next build works too."""
    web_root = tmp_path / "www" / "html"
    web_root.mkdir(parents=True)
    (web_root / "old.html").write_text("old", encoding="utf-8")
    (web_root / ".well-known").mkdir()
    config = write_mkdocs_yml(tmp_path / "b", SAMPLE)
    (tmp_path / "b" / "site").symlink_to(web_root, target_is_directory=True)
    for _ in range(2):
        p = _build(config)
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert (tmp_path / "b" / "site").is_symlink()
        assert (web_root / "hasso-terms" / "index.html").is_file() and not (web_root / "old.html").exists()
        assert (web_root / ".well-known").is_dir(), "hidden entries are kept, as MkDocs keeps them"


def test_a_mount_point_is_replaced_entry_by_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A mount point cannot be renamed: its entries are swapped inside it (mounting needs privileges a test may
    not have, so the mount is simulated where the code asks for it)."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    (mount / "old.html").write_text("old", encoding="utf-8")
    (mount / ".keep").write_text("", encoding="utf-8")
    monkeypatch.setattr(output.os.path, "ismount", lambda p: Path(p) == mount)
    t = output.target(mount)
    assert t.mount and t.work_dir == mount
    staging = output.new_staging(t)
    assert staging.parent == mount
    (staging / "index.html").write_text("new", encoding="utf-8")
    (staging / "a").mkdir()
    (staging / "a" / "index.html").write_text("a", encoding="utf-8")
    output.put_in_place(staging, t)
    assert sorted(p.name for p in mount.iterdir() if not p.name.startswith(".")) == ["a", "index.html"]
    assert (mount / ".keep").exists() and not staging.exists()


def test_a_read_only_output_folder_as_root(tmp_path: Path) -> None:
    """As root, a site_dir whose parent is a regular file cannot be created: said with the path, exit 1."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    config = write_mkdocs_yml(tmp_path / "b", SAMPLE)
    p = _build(config, "-d", str(blocker / "site"))
    _, err = p.communicate(timeout=300)
    assert p.returncode != 0 and "Traceback" not in err, err
    assert str(blocker) in err


# sitecustomize hooks that make the file system fail as a full disk or a read-only mount would (the tests run as
# root, whom permissions do not stop, and cannot mount a small or read-only file system)
FULL_DISK = (
    "import builtins, errno, os\n"
    "_open = builtins.open\n"
    "def full(file, mode='r', *a, **k):\n"
    "    if 'w' in mode and str(file).endswith('.html') and 'building' in str(file):\n"
    "        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(file))\n"
    "    return _open(file, mode, *a, **k)\n"
    "builtins.open = full\n"
)
READ_ONLY = (
    "import errno, os\n"
    "_mkdir = os.mkdir\n"
    "def ro(path, *a, **k):\n"
    "    if 'building' in str(path):\n"
    "        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))\n"
    "    return _mkdir(path, *a, **k)\n"
    "os.mkdir = ro\n"
)


@pytest.mark.parametrize(("hook", "message"), [
    (FULL_DISK, "no space left on the device"),
    (READ_ONLY, "is on a read-only file system: build to a writable folder"),
], ids=["full disk", "read-only"])
def test_a_full_or_read_only_disk_is_said_without_a_traceback(tmp_path: Path, hook: str, message: str) -> None:
    """Exit 1, a message that says what to do, the old site intact, nothing left behind."""
    config = write_mkdocs_yml(tmp_path, SAMPLE)
    p = _build(config)
    p.communicate(timeout=300)
    assert p.returncode == 0
    site = tmp_path / "site"
    before = _snapshot(site)
    hooks = tmp_path / "hook"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(hook, encoding="utf-8")
    env = {**ENV, "PYTHONPATH": str(hooks) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                            capture_output=True, text=True, env=env, check=False)
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in said, said
    assert message in said, said
    assert _snapshot(site) == before
    assert not [x for x in tmp_path.iterdir() if "building" in x.name]


def test_explain_names_the_path_and_what_to_do() -> None:
    assert "read-only" in output.explain(OSError(errno.EROFS, "Read-only file system", "/srv/site"), "site")
    assert "/srv/site" in output.explain(OSError(errno.EACCES, "Permission denied", "/srv/site"), "site")
