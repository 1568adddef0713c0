"""Read `source_terms/` (DESIGN §3): documents, their versions and the notices, validated.

Every problem becomes a `Diagnostic` with the file and line; nothing here raises on bad input, so `check` can
report all problems of a tree at once and the plugin can refuse to build with the full list.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import logging
import re
import stat
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import editions
from .anchors import carry
from .cache import CARRIED, LOADED, dangling_cached, parse_cached
from .dates import find_dates, ja, parse_date
from .model import Diagnostic, Document, Kind, Notice, ParsedText, Severity, Source, Version, VersionKind
from .parallel import ordered_map

log = logging.getLogger(__name__)

DOCUMENT_FILE = "document.yml"
NOTICES_DIR = "notices"
# compared in lower case: 2025-06-01.MD and terms.markdown are versions too
VERSION_SUFFIXES = (".md", ".markdown", ".txt")
# URL segments and files the site itself writes under /<doc>/ (DESIGN §5): a version may not take these names.
RESERVED_IDS = {"history", "changes", "compare", "feed", "feed.xml", "index", "assets", "search", "anchors.json",
                "api", "sitemap.xml"}
# Top-level URL segments of the site (its own pages, Material's assets, the API): no document folder may take
# them, or its pages would replace the site's.
RESERVED_SLUGS = ("404", "about", "api", "assets", "changelog", "index", "javascripts", "notices", "search",
                  "sitemap.xml", "stylesheets")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_DATE_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}")
MAX_LINE = 100_000  # characters; a longer line is a pasted blob, not terms

VERSION_KEYS = {"effective", "announced", "label", "summary", "kind"}
PLACEHOLDER_SUMMARY = "（改定概要を書いてください）"  # what `terms-site new` writes for the author to replace
DOCUMENT_KEYS = {"title", "publisher", "lang", "description", "settings"}
NOTICE_KEYS = {"announced", "effective", "title", "documents", "summary"}
# document.yml `settings:`, nested: every key a site can set, so that a typo is reported, not ignored
SETTINGS_KEYS: dict[str, set[str]] = {"compare": {"new_side"}, "edition": {"of", "prevails"}}
# C0 and C1 control characters other than tab and line ends: invisible in an editor, invalid in XML (the feeds)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass
class Problems:
    items: list[Diagnostic]

    def error(self, path: Path, line: int, message: str) -> None:
        self.items.append(Diagnostic(path, line, message, Severity.ERROR))

    def warning(self, path: Path, line: int, message: str) -> None:
        self.items.append(Diagnostic(path, line, message, Severity.WARNING))

    def defect(self, path: Path, line: int, message: str) -> None:
        self.items.append(Diagnostic(path, line, message, Severity.DEFECT))


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
        mode = path.stat().st_mode
    except (OSError, RuntimeError) as exc:  # a dangling link, a symlink loop (ELOOP)
        problems.error(path, 1, f"cannot read the file: {_reason(exc)}")
        return None
    if not stat.S_ISREG(mode):
        # a FIFO would block the build forever on open()
        problems.error(path, 1, "not a regular file (a FIFO, socket or device): a version must be a plain text file")
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(path, 1, f"cannot read the file: {_reason(exc)}")
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
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        ch = control.group()
        name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ch, "control character")
        count = len(_CONTROL.findall(text))
        problems.error(path, line, f"control character U+{ord(ch):04X} ({name.lower()}) at column {column}"
                       f"{f' and {count - 1} more' if count > 1 else ''}: it is invisible and breaks the feeds; delete it")
        return None
    return text


_CONTROL_NAMES = {"\x00": "NUL", "\x0b": "vertical tab", "\x0c": "form feed", "\x1b": "escape", "\x7f": "delete"}


def _reason(exc: BaseException) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


@lru_cache(maxsize=16_384)
def _yaml(raw: str) -> tuple[Any, Any]:
    """A front matter's node (for the keys' lines) and values; by its text, for a rebuild under `mkdocs serve`,
    which reads every version again."""
    node = yaml.compose(raw, Loader=yaml.BaseLoader)
    return node, (yaml.load(raw, Loader=yaml.BaseLoader) if node is not None else {})


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
        node, values = _yaml(raw)
        values = copy.deepcopy(values)
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
    key_lines = _key_lines(node, path, 2, problems)
    if key_lines is None:
        return None
    body = "\n".join(lines[end + 1 :])
    return values, key_lines, body, end + 2


def _key_lines(node: yaml.Node | None, path: Path, first_line: int, problems: Problems,
               prefix: str = "") -> dict[str, int] | None:
    """The line of every key of a YAML mapping, nested keys as 'settings.compare.new_side'; None (with an
    error) when a key is given twice: YAML would silently keep the last value, and which one the author meant is
    not ours to guess."""
    out: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return out
    for key_node, value_node in node.value:
        key = f"{prefix}{key_node.value}"
        line = key_node.start_mark.line + first_line
        if key in out:
            problems.error(path, line, f"{key!r} is given twice (first at line {out[key]}): keep one")
            return None
        out[key] = line
        nested = _key_lines(value_node, path, first_line, problems, f"{key}.")
        if nested is None:
            return None
        out.update(nested)
    return out


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


def _text(values: dict[str, Any], key: str, key_lines: dict[str, int], path: Path, problems: Problems) -> str | None:
    """A key whose value must be one line or block of text (not a list or a mapping); None when absent or wrong."""
    value = values.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        kind = "a list" if isinstance(value, list) else "a mapping"
        problems.error(path, key_lines.get(key, 1), f"{key}: must be text, not {kind}: write it on one line as "
                       f"'{key}: …' (quote it if it contains ':' or starts with '[' or '{{')")
        return None
    return value


def _unknown_keys(values: dict[str, Any], allowed: set[str], key_lines: dict[str, int], path: Path,
                  problems: Problems) -> None:
    for key in values:
        if key not in allowed:
            problems.error(
                path, key_lines.get(str(key), 1),
                f"unknown key {key!r}; allowed keys are: {', '.join(sorted(allowed))}",
            )


def _inside(path: Path, root: Path, problems: Problems) -> bool:
    """False (with an error) for a link that leads out of the source folder, or nowhere: the site publishes only
    what is in the source, never a file some link happens to reach (/etc/passwd, a colleague's draft)."""
    try:
        real = path.resolve(strict=True)
        inside = real.is_relative_to(root.resolve(strict=True))
    except RuntimeError:
        problems.error(path, 1, "symbolic link loop: the link points (through other links) back to itself; remove it")
        return False
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            problems.error(path, 1, "symbolic link loop: the link points (through other links) back to itself; remove it")
        else:
            problems.error(path, 1, f"cannot read: {_reason(exc)} (a link to a file that does not exist?)")
        return False
    if not inside:
        what = "folder" if path.is_dir() else "file"
        problems.error(path, 1, f"symbolic link to a {what} outside the source folder: copy the {what} in instead")
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


def load_version(doc: str, path: Path, problems: Problems, memo: bool = False) -> Version | None:
    """A version file as the model; with `memo` (`mkdocs serve`), a file whose bytes are those it had at the
    last rebuild is not decoded, split, checked or hashed again (a fifth of a rebuild on the bench corpus)."""
    raw = _raw_bytes(path) if memo else None
    if raw is not None:
        hit = LOADED.items.get((doc, str(path)))
        if hit is not None and hit[0] == raw:
            problems.items.extend(hit[2])
            return hit[1]
    before = len(problems.items)
    version = _load_version(doc, path, problems)
    if raw is not None:
        LOADED.put((doc, str(path)), (raw, version, tuple(problems.items[before:])))
    return version


def _raw_bytes(path: Path) -> bytes | None:
    """A regular file's bytes (never open a FIFO: it would block), or None: read_text then says what is wrong."""
    try:
        return path.read_bytes() if stat.S_ISREG(path.stat().st_mode) else None
    except (OSError, RuntimeError):
        return None


def _load_version(doc: str, path: Path, problems: Problems) -> Version | None:
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
        kind = VersionKind(kind_value if isinstance(kind_value, str) else "")
    except ValueError:
        problems.error(path, key_lines.get("kind", 1), f"kind: {kind_value!r} must be 'revision' or 'editorial'")
        kind, ok = VersionKind.REVISION, False
    texts = {}
    for key in ("label", "summary"):
        texts[key] = _text(values, key, key_lines, path, problems)
        ok = ok and (texts[key] is not None or key not in values)
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
    label, summary = texts["label"], texts["summary"]
    if summary is not None and PLACEHOLDER_SUMMARY in summary:
        # `terms-site new` writes it; published, it would tell readers nothing about the change
        problems.defect(path, key_lines.get("summary", 1),
                        f"summary: still {PLACEHOLDER_SUMMARY}: say what this revision changes (改定概要)")
    return Version(
        doc=doc, id=version_id(path), path=path, effective=effective, announced=announced,
        label=label.strip() if label is not None else None, summary=summary,
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


def version_id(path: Path) -> str:
    """The URL segment of a version file: its name without the suffix (2025-06-01.MD → 2025-06-01)."""
    return path.name[: -len(path.suffix)] if path.suffix else path.name


def _is_version_file(path: Path) -> bool:
    return path.suffix.lower() in VERSION_SUFFIXES


def _not_published(path: Path, where: str, holds: str, problems: Problems) -> None:
    """Everything in the source is published or said not to be, with what to do (a misnamed version would
    otherwise vanish from the site without a word)."""
    if path.is_dir():
        problems.defect(path, 1, f"a folder inside {where} is not read, so nothing in it is published: "
                        f"put the files directly in {where}")
    elif not path.suffix and _DATE_NAME.match(path.name):
        problems.defect(path, 1, f"not published: a version file needs the suffix .md or .txt: rename it {path.name}.md")
    else:
        problems.defect(path, 1, f"not published: {where} holds only {holds} (.md, .markdown or .txt, named such "
                        "as 2026-03-01.md); rename or move it")


def load_document(folder: Path, root: Path, problems: Problems, memo: bool = False) -> Document | None:
    meta_path = folder / DOCUMENT_FILE
    if meta_path.is_symlink() and not _inside(meta_path, root, problems):
        return None
    if not meta_path.exists() and not meta_path.is_symlink():
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
    key_lines = _key_lines(node, meta_path, 1, problems)
    if key_lines is None:
        return None
    _unknown_keys(meta, DOCUMENT_KEYS, key_lines, meta_path, problems)
    ok = True
    texts: dict[str, str | None] = {}
    for key in ("title", "publisher", "lang", "description"):
        texts[key] = _text(meta, key, key_lines, meta_path, problems)
        ok = ok and (texts[key] is not None or key not in meta)
    title = texts["title"]
    if title is None or not title.strip():
        if "title" not in meta or title is not None:
            problems.error(meta_path, key_lines.get("title", 1),
                           "missing 'title': the document's name as the publisher writes it")
        return None
    lang = texts["lang"] or "ja"
    if lang not in ("ja", "en"):
        problems.error(meta_path, key_lines.get("lang", 1), f"lang: {lang!r} must be 'ja' or 'en'")
        ok = False
    settings = meta.get("settings") or {}
    if not isinstance(settings, dict):
        problems.error(meta_path, key_lines.get("settings", 1), "settings: must be 'key: value' lines")
        settings, ok = {}, False
    for key, value in settings.items():
        allowed = SETTINGS_KEYS.get(key)
        line = key_lines.get(f"settings.{key}", 1)
        if allowed is None:
            problems.error(meta_path, line, f"unknown setting {key!r}; the settings are: {', '.join(sorted(SETTINGS_KEYS))}")
            ok = False
        elif not isinstance(value, dict):
            problems.error(meta_path, line, f"settings.{key}: must be 'key: value' lines ({', '.join(sorted(allowed))})")
            ok = False
        else:
            for sub in value:
                if sub not in allowed:
                    problems.error(meta_path, key_lines.get(f"settings.{key}.{sub}", line),
                                   f"unknown setting {key}.{sub}; allowed: {', '.join(sorted(allowed))}")
                    ok = False
    compare_settings = settings.get("compare")
    new_side = compare_settings.get("new_side", "right") if isinstance(compare_settings, dict) else "right"
    if new_side not in ("right", "left"):
        problems.error(
            meta_path, key_lines.get("settings.compare.new_side", 1),
            f"settings.compare.new_side: {new_side!r} must be 'left' or 'right'",
        )
        ok = False
    if not ok:
        return None
    slug = folder.name
    if not _SLUG.match(slug):
        problems.error(meta_path, 1, f"folder name {slug!r} is used in URLs: use only letters, digits, '-', '_' and '.'")
        return None

    versions: list[Version] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name == DOCUMENT_FILE:
            continue
        if path.is_symlink() and not _inside(path, root, problems):
            continue
        if path.is_dir() or not _is_version_file(path):
            if path.name != "document.yaml":  # reported as missing document.yml above
                _not_published(path, f"{slug}/", "document.yml and version files", problems)
            continue
        vid = version_id(path)
        if not _SLUG.match(vid) or vid in RESERVED_IDS:
            problems.error(path, 1, f"version id {vid!r} (the file name) is used in URLs: use a date such as 2026-03-01.md"
                           + (f" ({', '.join(sorted(RESERVED_IDS))} are the site's own)" if vid in RESERVED_IDS else ""))
            continue
        if vid in seen:
            problems.error(path, 1, f"duplicate version id {vid!r}: {seen[vid].name} has the same name; keep one")
            continue
        seen[vid] = path
        version = load_version(slug, path, problems, memo)
        if version is not None:
            versions.append(version)
    if not versions and not any(d.severity is not Severity.WARNING and d.path.parent == folder for d in problems.items):
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
    versions = _carry_anchors(versions)
    for earlier, later in zip(versions, versions[1:], strict=False):
        if earlier.effective == later.effective:
            problems.error(later.path, 1, f"effective {later.effective} is also the date of {earlier.path.name}: "
                           "two versions cannot take effect on the same day")
    return Document(
        slug=slug, path=folder, title=title.strip(), publisher=texts["publisher"], lang=lang,
        description=texts["description"], versions=tuple(versions), settings=settings,
    )


def _carry_anchors(versions: list[Version]) -> list[Version]:
    """Numberless provisions keep the anchor they were first published under (site_builder/anchors.py).  A
    version whose anchors changed so gets a digest of its own: every cache is keyed by it."""
    key = tuple((v.digest, str(v.path), v.body_line) for v in versions)  # as each was parsed (cache.PARSED)
    carried = CARRIED.get(key, lambda: _carried(versions)) if all(v.digest for v in versions) else _carried(versions)
    return [v if c is None else dataclasses.replace(v, parsed=c[0], digest=c[1])
            for v, c in zip(versions, carried, strict=True)]


def _carried(versions: list[Version]) -> tuple[tuple[ParsedText, str] | None, ...]:
    out: list[tuple[ParsedText, str] | None] = []
    previous: ParsedText | None = None
    used: set[str] = set()
    for version in versions:
        carried = carry(previous, version.parsed, used)
        if carried.anchors() != version.parsed.anchors():
            marks = hashlib.sha256("\n".join(carried.anchors()).encode("utf-8")).hexdigest()
            out.append((carried, f"{version.digest}+{marks[:16]}"))
        else:
            out.append(None)
        used |= {a for p in carried.walk() for a in (p.anchor, *p.ids) if a}
        previous = carried
    return tuple(out)


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
    title = _text(values, "title", key_lines, path, problems)
    ok = ok and title is not None and bool(title.strip())
    if title is not None and not title.strip():
        problems.error(path, key_lines.get("title", 1), "title: empty; write the notice's title")
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
    if announced and effective and announced > effective:
        problems.warning(
            path, key_lines["announced"],
            f"announced {announced} is after effective {effective}: a notice is published before the change takes effect",
        )
    summary = _text(values, "summary", key_lines, path, problems)
    ok = ok and (summary is not None or "summary" not in values)
    if summary is not None and PLACEHOLDER_SUMMARY in summary:
        problems.defect(path, key_lines.get("summary", 1),
                        f"summary: still {PLACEHOLDER_SUMMARY}: say what the notice announces")
    if not ok or announced is None or title is None:
        return None
    return Notice(
        id=version_id(path), path=path, title=title.strip(), announced=announced, effective=effective,
        documents=tuple(documents), body=body, body_line=body_line,
        summary=summary.strip() if summary is not None and summary.strip() else None,
    )


def _load_one(folder: Path, root: Path, memo: bool) -> tuple[Document | None, list[Diagnostic]]:
    problems = Problems([])
    return load_document(folder, root, problems, memo), problems.items


def load_source(root: Path | str, workers: int = 1, memo: bool = False) -> Source:
    """The source folder as the model; its documents parsed on up to `workers` processes (parallel.py); with
    `memo`, version files unchanged since the last call are not read again (load_version)."""
    root = Path(root)
    problems = Problems([])
    if not root.is_dir():
        problems.error(root, 1, "source folder not found (set the plugin's 'source' or TERMS_SOURCE)")
        return Source(root, (), (), tuple(problems.items))
    documents: list[Document] = []
    notices_dir: Path | None = None
    # each document folder's diagnostics keep their place among the source folder's own: (place, folder)
    folders: list[tuple[int, Path]] = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() and not _inside(entry, root, problems):
            continue
        if not entry.is_dir():
            problems.warning(entry, 1, "not published: the source folder holds one folder per document (with its "
                             "document.yml) and notices/; move this file into one of them or out of the source")
            continue
        if entry.name == NOTICES_DIR:
            notices_dir = entry
            continue
        if entry.name in RESERVED_SLUGS or entry.name.lower() in RESERVED_SLUGS:
            problems.error(entry, 1, f"the folder name {entry.name!r} is taken by the site's own pages; rename the folder "
                           f"(reserved: {', '.join(n for n in RESERVED_SLUGS if n != NOTICES_DIR)})")
            continue
        folders.append((len(problems.items), entry))
    items: list[Diagnostic] = []
    done = 0
    for (place, _), (document, found) in zip(
            folders, ordered_map(lambda f: _load_one(f[1], root, memo), folders, workers), strict=True):
        items += problems.items[done:place] + found
        done = place
        if document is not None:
            documents.append(document)
    problems.items[:] = items + problems.items[done:]
    notices: list[Notice] = []
    if notices_dir is not None:
        slugs = {d.slug for d in documents}
        for path in sorted(notices_dir.iterdir()):
            if path.name.startswith("."):
                continue
            if path.is_symlink() and not _inside(path, root, problems):
                continue
            if path.is_dir() or not _is_version_file(path):
                _not_published(path, "notices/", "notices", problems)
                continue
            if not _SLUG.match(version_id(path)) or version_id(path) in RESERVED_IDS:
                problems.defect(path, 1, f"not published: the file name {version_id(path)!r} becomes the notice's URL; "
                                "use only letters, digits, '-', '_' and '.', e.g. 2026-03-01-terms-update.md")
                continue
            notice = load_notice(path, slugs, problems)
            if notice is not None:
                notices.append(notice)
    if not documents and not problems.items:
        problems.error(root, 1, "no documents: add a folder with a document.yml and a version file")
    notices.sort(key=lambda n: (n.announced, n.id))
    # two editions of one document (ja / en): what does not pair between them
    problems.items.extend(editions.check(documents))
    return Source(root, tuple(documents), tuple(notices), tuple(problems.items))
