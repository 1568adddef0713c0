"""Editions of one document in two languages (DESIGN: bilingual terms): a document whose `document.yml` says
`settings: {edition: {of: <slug>, prevails: ja}}` is an edition of that document.  Versions of the two editions
share ids (file names); provisions are paired by their anchors (第14条 and Article 14 are both #art14).

`check` reports what does not pair: a version one edition lacks (an English edition that lags a revision), a
provision one edition of a version lacks.  The pages link each article to its counterpart and say which edition
prevails.  Pure functions; no MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Diagnostic, Document, Kind, Severity, Version, VersionKind

_NAMES = {"ja": ("日本語版", "Japanese edition"), "en": ("英語版", "English edition")}


@dataclass(frozen=True)
class Edition:
    """This document's counterpart in the other language."""

    other: Document
    prevails: str  # the language whose edition prevails: "ja"

    def counterpart(self, version: Version) -> Version | None:
        return next((v for v in self.other.versions if v.id == version.id), None)

    def missing_here(self, doc: Document) -> list[Version]:
        """The other edition's versions this one has no version for: where it lags."""
        ids = {v.id for v in doc.versions}
        return [v for v in self.other.versions if v.id not in ids]


def name_of(lang: str, in_lang: str) -> str:
    """「英語版」, or "English edition" on an English page."""
    ja, en = _NAMES.get(lang, (lang, lang))
    return en if in_lang == "en" else ja


def editions(documents: tuple[Document, ...] | list[Document]) -> dict[str, Edition]:
    by_slug = {d.slug: d for d in documents}
    out: dict[str, Edition] = {}
    for doc in documents:
        setting = (doc.settings.get("edition") or {})
        target = by_slug.get(str(setting.get("of", "")))
        if target is None or target is doc:
            continue
        prevails = str(setting.get("prevails") or target.lang)
        out[doc.slug] = Edition(target, prevails)
        out[target.slug] = Edition(doc, prevails)
    return out


_PAIRED = {Kind.ARTICLE, Kind.SECTION, Kind.PARAGRAPH, Kind.ITEM, Kind.SUBSECTION, Kind.SUPPLEMENT, Kind.APPENDIX}


def anchors_of(version: Version) -> set[str]:
    return {p.anchor for p in version.parsed.walk() if p.anchor and p.kind in _PAIRED and p.numbered}


def check(documents: tuple[Document, ...] | list[Document]) -> list[Diagnostic]:
    """Warnings for what does not pair between two editions, and errors for an edition of nothing."""
    problems: list[Diagnostic] = []
    slugs = {d.slug for d in documents}
    for doc in documents:
        setting = doc.settings.get("edition") or {}
        target = str(setting.get("of", "")) if setting else ""
        if setting and target not in slugs:
            problems.append(Diagnostic(doc.path / "document.yml", 1,
                                       f"settings.edition.of names {target!r}, which is not a document here",
                                       Severity.ERROR))
    pairs = editions(documents)
    seen: set[frozenset[str]] = set()
    for slug, edition in pairs.items():
        doc = next(d for d in documents if d.slug == slug)
        key = frozenset((slug, edition.other.slug))
        if key in seen:
            continue
        seen.add(key)
        for here, there in ((doc, edition.other), (edition.other, doc)):
            # an editorial revision (表記の修正) changes no meaning: an edition may skip it (its pages say so)
            for v in Edition(there, edition.prevails).missing_here(here):
                if v.kind is VersionKind.EDITORIAL:
                    continue
                problems.append(Diagnostic(
                    here.path / "document.yml", 1,
                    f"the {name_of(here.lang, 'en')} has no version {v.id} (the {name_of(there.lang, 'en')} has "
                    f"{v.path.name}): it lags that revision", Severity.WARNING))
        for v in doc.versions:
            other = edition.counterpart(v)
            if other is None:
                continue
            mine, theirs = anchors_of(v), anchors_of(other)
            for anchor in sorted(mine - theirs):
                problems.append(Diagnostic(other.path, other.body_line, f"#{anchor} of {v.path.name} has no "
                                           f"counterpart in the {name_of(edition.other.lang, 'en')}", Severity.WARNING))
            for anchor in sorted(theirs - mine):
                problems.append(Diagnostic(v.path, v.body_line, f"#{anchor} of {other.path.name} has no "
                                           f"counterpart in the {name_of(doc.lang, 'en')}", Severity.WARNING))
    return problems
