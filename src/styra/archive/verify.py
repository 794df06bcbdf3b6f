"""Verify an archive: every file against the manifest, and the report against its inputs.

Each file's SHA-256 is checked against the manifest; the folder is loaded and computed
again, and the follow-up's canonical JSON compared with the manifest's hash; the report is
rendered again and compared byte for byte with the archived files (a DOCX part by part,
since its zip container carries the time it was written).
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from styra.archive.build import (
    FOLDER,
    FORMAT,
    FORMATS,
    LINEAGE,
    MANIFEST,
    Recomputed,
    canonical_json,
    lineage_file,
    recompute,
    report_name,
    sha256,
)
from styra.i18n import _
from styra.problems import Problem
from styra.report.formats import RenderError

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 1 << 30  # what the members unpack to, as the zip declares it
MAX_DOCX_BYTES = 1 << 28  # what an archived DOCX's parts unpack to
CANONICAL = "kanonisk JSON"


class ArchiveError(Exception):
    """The archive cannot be read at all: not a zip, damaged, or without a usable manifest."""


@dataclass(frozen=True)
class Finding:
    """One file (or the canonical JSON): identical, or where it differs."""

    name: str
    same: bool
    why: str


@dataclass(frozen=True)
class Verification:
    findings: tuple[Finding, ...]
    about: dict[str, Any]
    generator: str
    problems: tuple[Problem, ...] = field(default=())  # the folder's, when it did not load

    @property
    def ok(self) -> bool:
        return all(f.same for f in self.findings)

    @property
    def different(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.findings if not f.same)


def verify(content: bytes) -> Verification:
    """Raises :class:`ArchiveError` when the archive cannot be read."""
    members = read_members(content)
    head = read_manifest(members)
    listed = head["files"]
    differences: dict[str, list[str]] = {}
    for name in sorted(set(listed) | (set(members) - {MANIFEST})):
        differences[name] = _hash_differences(name, members.get(name), listed.get(name))
    checked = _Recheck(members, head, differences)
    return Verification(
        tuple(checked.findings()), head["about"], head["generator"], checked.problems
    )


def read_members(content: bytes) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            _check_listing(infos)
            return {info.filename: _read(archive, info) for info in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise ArchiveError(_("arkivet är ingen läsbar zip-fil")) from None


def _check_listing(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise ArchiveError(_("arkivet har fler än {n} filer").format(n=MAX_MEMBERS))
    if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        raise ArchiveError(_("arkivet packas upp till mer än 1 GB"))
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise ArchiveError(_("arkivet har två filer med samma namn"))
    for name in names:
        if not safe_name(name):
            raise ArchiveError(_("arkivet har en fil med otillåtet namn: {name}").format(name=name))


def safe_name(name: str) -> bool:
    """A relative path that stays inside the folder it is unpacked into."""
    path = PurePosixPath(name)
    return (
        bool(name)
        and "\\" not in name
        and ":" not in name
        and not path.is_absolute()
        and ".." not in path.parts
    )


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        message = _("arkivet är skadat: {name} går inte att packa upp").format(name=info.filename)
        raise ArchiveError(message) from None


def read_manifest(members: Mapping[str, bytes]) -> dict[str, Any]:
    raw = members.get(MANIFEST)
    if raw is None:
        raise ArchiveError(_("arkivet saknar {name}").format(name=MANIFEST))
    try:
        head = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested too deep
        raise ArchiveError(_("{name} går inte att läsa som JSON").format(name=MANIFEST)) from None
    if not _valid_manifest(head):
        message = _("{name} är inte ett manifest för ett Styra-arkiv").format(name=MANIFEST)
        raise ArchiveError(message)
    return {
        "files": {name: entry["sha256"] for name, entry in head["files"].items()},
        "canonical": head["canonical_json"]["sha256"],
        "about": head.get("about") if isinstance(head.get("about"), dict) else {},
        "generator": str(head.get("generator", "")),
    }


def _valid_manifest(head: object) -> bool:
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        return False
    files, canonical = head.get("files"), head.get("canonical_json")
    return (
        isinstance(files, dict)
        and all(isinstance(e, dict) and isinstance(e.get("sha256"), str) for e in files.values())
        and isinstance(canonical, dict)
        and isinstance(canonical.get("sha256"), str)
    )


def _hash_differences(name: str, content: bytes | None, listed: str | None) -> list[str]:
    if content is None:
        return [_("saknas i arkivet men står i manifestet")]
    if listed is None:
        return [_("finns i arkivet men inte i manifestet")]
    found = sha256(content)
    if found != listed:
        return [
            _("SHA-256 är {found}, manifestet anger {listed}").format(found=found, listed=listed)
        ]
    return []


class _Recheck:
    """The report computed and rendered again from the archive's inputs, compared."""

    def __init__(
        self,
        members: Mapping[str, bytes],
        head: Mapping[str, Any],
        differences: dict[str, list[str]],
    ) -> None:
        self.members, self.head, self.differences = members, head, differences
        self.problems: tuple[Problem, ...] = ()
        self.result = self._recompute()

    def _recompute(self) -> Recomputed | None:
        folder = {
            n.removeprefix(FOLDER): c for n, c in self.members.items() if n.startswith(FOLDER)
        }
        try:
            return recompute(folder, self._kept_lineage())
        except RenderError as exc:
            self.problems = tuple(exc.problems)
        except OSError:  # e.g. both "folder/a" and "folder/a/b": it cannot be unpacked
            self._differ(FOLDER, _("mappen går inte att packa upp"))
        return None

    def _kept_lineage(self) -> dict[str, Any]:
        try:
            kept = json.loads(self.members.get(LINEAGE, b"{}").decode("utf-8"))
        except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested too deep
            kept = None
        if not isinstance(kept, dict):
            self._differ(LINEAGE, _("går inte att läsa som härkomst (JSON)"))
            return {}
        return kept

    def _differ(self, name: str, why: str) -> None:
        self.differences.setdefault(name, []).append(why)

    def findings(self) -> list[Finding]:
        canonical = self._compare()
        found = [self._finding(name, whys) for name, whys in self.differences.items()]
        return [*found, canonical]

    def _compare(self) -> Finding:
        listed: str = self.head["canonical"]
        self._check_archived_json(listed)
        if self.result is None:
            self._differ(FOLDER, _("uppföljningen kunde inte beräknas på nytt ur mappen"))
            return Finding(CANONICAL, False, _("kunde inte beräknas på nytt"))
        if lineage_file(self.result.kept) != self.members.get(LINEAGE):
            self._differ(LINEAGE, _("stämmer inte med den härkomst som mappen inte själv ger"))
        for fmt in FORMATS:
            self._compare_rendered(fmt)
        found = sha256(canonical_json(self.result.data))
        if found != listed:
            why = _("omräknad ur arkivets indata: SHA-256 {found}, manifestet anger {listed}")
            return Finding(CANONICAL, False, why.format(found=found, listed=listed))
        why = _("omräknad ur arkivets indata: SHA-256 {found}, som i manifestet")
        return Finding(CANONICAL, True, why.format(found=found))

    def _check_archived_json(self, listed: str) -> None:
        """The archived JSON report must hold the data whose canonical hash the manifest has."""
        raw = self.members.get(report_name("json"))
        try:
            data = json.loads(raw.decode("utf-8")) if raw is not None else None
        except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested too deep
            data = None
        if data is None or sha256(canonical_json(data)) != listed:
            why = _("dess data stämmer inte med manifestets kanoniska JSON")
            self._differ(report_name("json"), why)

    def _compare_rendered(self, fmt: str) -> None:
        assert self.result is not None
        name = report_name(fmt)
        archived, again = self.members.get(name), self.result.rendered[name]
        if archived is None or not same_document(fmt, archived, again):
            self._differ(name, _("skiljer sig från en ny rendering av arkivets indata"))

    def _finding(self, name: str, whys: list[str]) -> Finding:
        if whys:
            return Finding(name, False, "; ".join(whys))
        return Finding(name, True, self._checked(name))

    def _checked(self, name: str) -> str:
        if not name.startswith(report_name("")) or self.result is None:
            return _("SHA-256 som i manifestet")
        if name == report_name("docx"):
            return _(
                "SHA-256 som i manifestet; en ny rendering har samma innehåll del för del; "
                "zip-behållarens tidsstämplar jämförs inte"
            )
        return _("SHA-256 som i manifestet; en ny beräkning och rendering ger samma byte")


def same_document(fmt: str, archived: bytes, again: bytes) -> bool:
    if archived == again:
        return True
    if fmt != "docx":
        return False
    parts = _parts(again)
    return parts is not None and _parts(archived) == parts


def _parts(docx: bytes) -> list[tuple[str, bytes]] | None:
    """A DOCX's parts in order; python-docx stamps each zip entry with the time of writing."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            infos = archive.infolist()
            if sum(i.file_size for i in infos) > MAX_DOCX_BYTES:
                return None
            return [(i.filename, archive.read(i)) for i in infos]
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        return None
