"""Read `source_terms/` (DESIGN §3): documents, their versions and the notices, validated.

Every problem becomes a `Diagnostic` with the file and line; nothing here raises on bad input, so `check` can
report all problems of a tree at once and the plugin can refuse to build with the full list.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .cache import dangling_cached, parse_cached
from .dates import find_dates, ja, parse_date
from .model import Diagnostic, Document, Kind, Notice, ParsedText, Severity, Source, Version, VersionKind

log = logging.getLogger(__name__)

DOCUMENT_FILE = "document.yml"
NOTICES_DIR = "notices"
VERSION_SUFFIXES = (".md", ".txt")
# URL segments the site itself uses under /<doc>/ (DESIGN §5): a version may not take these names.
RESERVED_IDS = {"history", "changes", "feed", "feed.xml", "index", "assets", "search"}
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_DATE_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}")
MAX_LINE = 100_000  # characters; a longer line is a pasted blob, not terms

VERSION_KEYS = {"effective", "announced", "label", "summary", "kind"}
DOCUMENT_KEYS = {"title", "publisher", "lang", "description", "settings"}
NOTICE_KEYS = {"announced", "effective", "title", "documents"}


@dataclass
class Problems:
    items: list[Diagnostic]

    def error(self, path: Path, line: int, message: str) -> None:
        self.items.append(Diagnostic(path, line, message, Severity.ERROR))

    def warning(self, path: Path, line: int, message: str) -> None:
        self.items.append(Diagnostic(path, line, message, Severity.WARNING))


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _guess_encoding(data: bytes) -> str | None:
    for name in ("euc_jp", "cp932"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        japanese = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff")
        if japanese:
            return {"euc_jp": "EUC-JP", "cp932": "Shift_JIS"}[name]
    return None


def read_text(path: Path, problems: Problems) -> str | None:
    """UTF-8 text with LF line ends, or None when the file cannot be read as UTF-8.

    Shift_JIS and EUC-JP are refused, not guessed: the two overlap, and a wrong guess would publish garbled
    terms.  The message names the likely encoding and the command that converts the file.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(path, 1, f"cannot read the file: {exc.strerror}")
        return None
    if not data.strip():
        problems.error(path, 1, "empty file: write the version's front matter and text, or delete the file")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        problems.warning(path, 1, "the file starts with a byte order mark (BOM); it was ignored — save as UTF-8 without BOM")
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(data)
        line = _line_of_offset(data, exc.start)
        hint = (
            f"it looks like {guess}; convert it with: iconv -f {guess} -t UTF-8 '{path.name}' > tmp && mv tmp '{path.name}'"
            if guess
            else "save it as UTF-8"
        )
        problems.error(path, line, f"not UTF-8 (byte 0x{data[exc.start]:02X} cannot be decoded): {hint}")
        return None
    longest = max(text.split("\n"), key=len)
    if len(longest) > MAX_LINE:
        line = text.split("\n").index(longest) + 1
        problems.error(path, line, f"line of {len(longest):,} characters (at most {MAX_LINE:,}): is this the text as "
                       "published? Break it into paragraphs")
        return None
    if "\r" in text:
        first = text[: text.index("\r")].count("\n") + 1
        problems.warning(path, first, "Windows (CRLF) or old Mac (CR) line ends were read as LF; save with LF line ends")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split_front_matter(
    path: Path, text: str, problems: Problems
) -> tuple[dict[str, Any], dict[str, int], str, int] | None:
    """(values, line of each key, body, first line of the body), or None when the front matter is unusable."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        problems.error(path, 1, "no front matter: start the file with a line '---', then 'effective: YYYY-MM-DD', then '---'")
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        problems.error(path, 1, "the front matter is not closed: add a line '---' after it")
        return None
    raw = "\n".join(lines[1:end])
    try:
        # BaseLoader: every scalar stays a string, so 「2026-02-30」 or 「label: 11」 reach our own checks (with
        # their line) instead of PyYAML's constructors
        node = yaml.compose(raw, Loader=yaml.BaseLoader)
        values = yaml.load(raw, Loader=yaml.BaseLoader) if node is not None else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        problems.error(path, line, f"front matter is not valid YAML: {problem}")
        return None
    if values is None:
        values = {}
    if not isinstance(values, dict) or not isinstance(node, (yaml.MappingNode, type(None))):
        problems.error(path, 2, "front matter must be 'key: value' lines")
        return None
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    body = "\n".join(lines[end + 1 :])
    return values, key_lines, body, end + 2


def _date(value: Any, key: str, path: Path, line: int, problems: Problems) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError as exc:
            problems.error(path, line, f"{key}: {exc}")
            return None
    problems.error(path, line, f"{key}: {value!r} is not a date; write it as 2026-03-01")
    return None


def _unknown_keys(values: dict[str, Any], allowed: set[str], key_lines: dict[str, int], path: Path,
                  problems: Problems) -> None:
    for key in values:
        if key not in allowed:
            problems.error(
                path, key_lines.get(str(key), 1),
                f"unknown key {key!r}; allowed keys are: {', '.join(sorted(allowed))}",
            )


def _inside(path: Path, root: Path, problems: Problems) -> bool:
    if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
        problems.error(path, 1, "symbolic link to a file outside the source folder: copy the file in instead")
        return False
    return True


def _read_with_front_matter(
    path: Path, allowed: set[str], problems: Problems
) -> tuple[dict[str, Any], dict[str, int], str, int] | None:
    """A version or notice file: decoded, its front matter split off and its keys checked."""
    text = read_text(path, problems)
    split = split_front_matter(path, text, problems) if text is not None else None
    if split is not None:
        _unknown_keys(split[0], allowed, split[1], path, problems)
    return split


def load_version(doc: str, path: Path, problems: Problems) -> Version | None:
    split = _read_with_front_matter(path, VERSION_KEYS, problems)
    if split is None:
        return None
    values, key_lines, body, body_line = split
    ok = True
    effective: dt.date | None = None
    if "effective" not in values:
        problems.error(path, 1, "missing 'effective' (施行日): add 'effective: YYYY-MM-DD' to the front matter")
        ok = False
    else:
        effective = _date(values["effective"], "effective", path, key_lines["effective"], problems)
        ok = ok and effective is not None
    announced = None
    if values.get("announced") is not None:
        announced = _date(values["announced"], "announced", path, key_lines["announced"], problems)
        ok = ok and announced is not None
    kind_value = values.get("kind", "revision")
    try:
        kind = VersionKind(kind_value)
    except ValueError:
        problems.error(path, key_lines.get("kind", 1), f"kind: {kind_value!r} must be 'revision' or 'editorial'")
        kind, ok = VersionKind.REVISION, False
    for key in ("label", "summary"):
        if key in values and not isinstance(values[key], (str, int)):
            problems.error(path, key_lines[key], f"{key}: must be text")
            ok = False
    if announced and effective and announced > effective:
        problems.warning(
            path, key_lines["announced"],
            f"announced {announced} is after effective {effective}: 民法548条の4 wants a change published before it takes effect",
        )
    if not body.strip():
        problems.error(path, body_line - 1, "empty body: the version has no text after its front matter")
        ok = False
    if not ok or effective is None:
        return None
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    parsed = parse_cached(digest, body, path, body_line)
    problems.items.extend(parsed.diagnostics)
    _check_supplement_date(path, parsed, effective, problems)
    for line, ref in dangling_cached(digest, parsed, path, body_line):
        problems.warning(path, line, f"{ref} is cited but this version has no such provision")
    label = values.get("label")
    summary = values.get("summary")
    return Version(
        doc=doc, id=path.stem, path=path, effective=effective, announced=announced,
        label=str(label) if label is not None else None, summary=str(summary) if summary is not None else None,
        kind=kind, body=body, body_line=body_line, parsed=parsed, effective_line=key_lines.get("effective", 2),
        digest=digest,
    )


_ENFORCEMENT = re.compile(r"(から|より)\s*(施行|実施|適用|効力)")


def _check_supplement_date(path: Path, parsed: ParsedText, effective: dt.date, problems: Problems) -> None:
    """The newest 附則 usually says when this version takes effect (「令和8年3月1日から実施します」): warn when
    that date and `effective` disagree, since one of them is wrong."""
    supplements = [p for p in parsed.provisions if p.kind is Kind.SUPPLEMENT]
    if not supplements:
        return
    last = supplements[-1]
    for provision in last.walk():
        for block in provision.blocks:
            for sentence in re.split(r"(?<=。)", block.text):
                if not _ENFORCEMENT.search(sentence):
                    continue
                dates = find_dates(sentence)
                if dates and effective not in dates:
                    problems.warning(
                        path, block.line,
                        f"the 附則 says {ja(dates[0])} ({dates[0]}) but effective is {effective} ({ja(effective)}): "
                        "correct one of them",
                    )
                    return


def load_document(folder: Path, root: Path, problems: Problems) -> Document | None:
    meta_path = folder / DOCUMENT_FILE
    if not meta_path.is_file():
        hint = " (rename document.yaml to document.yml)" if (folder / "document.yaml").exists() else ""
        problems.error(meta_path, 1, f"missing {DOCUMENT_FILE}: every document folder needs one with at least 'title:'{hint}")
        return None
    text = read_text(meta_path, problems)
    if text is None:
        return None
    try:
        node = yaml.compose(text, Loader=yaml.BaseLoader)
        meta = yaml.load(text, Loader=yaml.BaseLoader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.error(meta_path, mark.line + 1 if mark else 1, f"not valid YAML: {getattr(exc, 'problem', exc)}")
        return None
    if not isinstance(meta, dict):
        problems.error(meta_path, 1, "must be 'key: value' lines (title, publisher, lang, description)")
        return None
    key_lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value} if isinstance(node, yaml.MappingNode) else {}
    _unknown_keys(meta, DOCUMENT_KEYS, key_lines, meta_path, problems)
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.error(meta_path, key_lines.get("title", 1), "missing 'title': the document's name as the publisher writes it")
        return None
    lang = meta.get("lang", "ja")
    if lang not in ("ja", "en"):
        problems.error(meta_path, key_lines.get("lang", 1), f"lang: {lang!r} must be 'ja' or 'en'")
    settings = meta.get("settings") or {}
    if not isinstance(settings, dict):
        problems.error(meta_path, key_lines.get("settings", 1), "settings: must be 'key: value' lines")
        settings = {}
    compare_settings = settings.get("compare")
    new_side = compare_settings.get("new_side", "right") if isinstance(compare_settings, dict) else "right"
    if new_side not in ("right", "left"):
        problems.error(
            meta_path, key_lines.get("settings", 1), f"settings.compare.new_side: {new_side!r} must be 'left' or 'right'"
        )
    slug = folder.name
    if not _SLUG.match(slug):
        problems.error(meta_path, 1, f"folder name {slug!r} is used in URLs: use only letters, digits, '-', '_' and '.'")
        return None

    versions: list[Version] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name == DOCUMENT_FILE or path.is_dir():
            continue
        if path.suffix not in VERSION_SUFFIXES:
            continue
        if not _inside(path, root, problems):
            continue
        vid = path.stem
        if not _SLUG.match(vid) or vid in RESERVED_IDS:
            problems.error(path, 1, f"version id {vid!r} (the file name) is used in URLs: use a date such as 2026-03-01.md")
            continue
        if vid in seen:
            problems.error(path, 1, f"duplicate version id {vid!r}: {seen[vid].name} has the same name; keep one")
            continue
        seen[vid] = path
        version = load_version(slug, path, problems)
        if version is not None:
            versions.append(version)
    if not versions and not any(d.severity is Severity.ERROR and d.path.parent == folder for d in problems.items):
        problems.error(meta_path, 1, "the document has no versions: add a file such as 2026-03-01.md beside document.yml")
    # file names that start with a date order the versions as the author meant them: a version may not take
    # effect before the one named before it (a typo in a date would silently reorder the history)
    dated = sorted((v for v in versions if _DATE_NAME.match(v.id)), key=lambda v: v.id)
    for earlier, later in zip(dated, dated[1:], strict=False):
        if later.effective < earlier.effective:
            problems.error(
                later.path, later.effective_line,
                f"effective {later.effective} is before {earlier.effective}, the effective date of the version before "
                f"it ({earlier.path.name}): check the date or the file name",
            )
    versions.sort(key=lambda v: (v.effective, v.id))
    for earlier, later in zip(versions, versions[1:], strict=False):
        if earlier.effective == later.effective:
            problems.error(later.path, 1, f"effective {later.effective} is also the date of {earlier.path.name}: "
                           "two versions cannot take effect on the same day")
    return Document(
        slug=slug, path=folder, title=title.strip(), publisher=meta.get("publisher"), lang=str(lang),
        description=meta.get("description"), versions=tuple(versions), settings=settings,
    )


def load_notice(path: Path, slugs: set[str], problems: Problems) -> Notice | None:
    split = _read_with_front_matter(path, NOTICE_KEYS, problems)
    if split is None:
        return None
    values, key_lines, body, body_line = split
    ok = True
    for key in ("announced", "title"):
        if key not in values:
            problems.error(path, 1, f"missing {key!r} in the notice's front matter")
            ok = False
    announced = _date(values["announced"], "announced", path, key_lines["announced"], problems) if "announced" in values else None
    effective = None
    if values.get("effective") is not None:
        effective = _date(values["effective"], "effective", path, key_lines["effective"], problems)
        ok = ok and effective is not None
    documents = values.get("documents") or []
    if not isinstance(documents, list) or not all(isinstance(d, str) for d in documents):
        problems.error(path, key_lines.get("documents", 1), "documents: must be a list of document folder names")
        documents, ok = [], False
    for slug in documents:
        if slug not in slugs:
            problems.error(path, key_lines.get("documents", 1), f"documents: no document folder {slug!r} in the source")
            ok = False
    if not ok or announced is None or not _SLUG.match(path.stem):
        return None
    return Notice(
        id=path.stem, path=path, title=str(values["title"]), announced=announced, effective=effective,
        documents=tuple(documents), body=body, body_line=body_line,
    )


def load_source(root: Path | str) -> Source:
    root = Path(root)
    problems = Problems([])
    if not root.is_dir():
        problems.error(root, 1, "source folder not found (set the plugin's 'source' or TERMS_SOURCE)")
        return Source(root, (), (), tuple(problems.items))
    documents: list[Document] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if folder.name == NOTICES_DIR:
            continue
        document = load_document(folder, root, problems)
        if document is not None:
            documents.append(document)
    notices: list[Notice] = []
    notices_dir = root / NOTICES_DIR
    if notices_dir.is_dir():
        slugs = {d.slug for d in documents}
        for path in sorted(notices_dir.iterdir()):
            if path.suffix in VERSION_SUFFIXES and _inside(path, root, problems):
                notice = load_notice(path, slugs, problems)
                if notice is not None:
                    notices.append(notice)
    if not documents and not problems.items:
        problems.error(root, 1, "no documents: add a folder with a document.yml and a version file")
    notices.sort(key=lambda n: (n.announced, n.id))
    return Source(root, tuple(documents), tuple(notices), tuple(problems.items))
