"""Report documents, adoption (fastställande) and corrections after adoption.

A report is always rendered from the folder format, through the same loader and renderers
as the command line: the current period is exported first. An adopted version keeps its
archive (``styra.archive``: the folder with its source exports, the rendered report and a
manifest of hashes, which ``styra verify`` checks) and is downloaded as archived.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from styra.archive.build import load_files
from styra.core.followup import compute
from styra.folder import Loaded
from styra.problems import Problem, error
from styra.report.formats import RENDERERS, RenderError
from styra.web.followup import audit
from styra.web.followup import models as m
from styra.web.followup.access import PeriodLocked
from styra.web.followup.folder_export import MISSING_LEDGER, folder_files
from styra.web.followup.lineage import period_lineage

CONTENT_TYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
NAMES = {"json": "JSON (data)", "html": "Webbsida (HTML)", "pdf": "PDF", "docx": "Word (DOCX)"}


def formats() -> list[tuple[str, str]]:
    return [(f, NAMES.get(f, f.upper())) for f in sorted(RENDERERS)]


def content_type(fmt: str) -> str:
    return CONTENT_TYPES.get(fmt, "application/octet-stream")


def _with_lineage(loaded: Loaded, lineage: dict[str, Any]) -> Loaded:
    """The exported folder holds values, not sources: add the lineage kept at import."""
    found = loaded.extras.get("lineage")
    loaded.extras["lineage"] = {**lineage, **(found if isinstance(found, dict) else {})}
    return loaded


def render_files(files: dict[str, bytes], fmt: str, lineage: dict[str, Any] | None = None) -> bytes:
    with tempfile.TemporaryDirectory(prefix="styra-") as tmp:
        loaded = _with_lineage(load_files(files, Path(tmp)), lineage or {})
        assert loaded.input is not None
        return RENDERERS[fmt](loaded, compute(loaded.input))


def version_lineage(version: m.ReportVersion) -> dict[str, Any]:
    """The lineage an adopted version was adopted with (kept in its JSON data)."""
    data = version.data if isinstance(version.data, dict) else {}
    return {
        ind["id"]: ind["lineage"]
        for goal in data.get("goals", [])
        for ind in goal.get("indicators", [])
        if ind.get("lineage")
    }


def render_version(version: m.ReportVersion, fmt: str) -> bytes:
    """The report as adopted: from the archive, or rendered again for an older version."""
    archived = archived_file(version, f"report/report.{fmt}")
    if archived is not None:
        return archived
    return render_files(version_files(version), fmt, version_lineage(version))


def archived_file(version: m.ReportVersion, name: str) -> bytes | None:
    """A file of the version's archive; None without an archive or such a file (a format
    added since)."""
    if not version.archive_sha256:
        return None
    with zipfile.ZipFile(io.BytesIO(bytes(version.archive))) as archive:
        return archive.read(name) if name in archive.namelist() else None


def current_files(period: m.Period) -> dict[str, bytes]:
    if period.ledger_id is None or period.budget_id is None:
        raise RenderError([error(str(MISSING_LEDGER))])
    return folder_files(period)


def version_files(version: m.ReportVersion) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(bytes(version.snapshot))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(files.items()):
            archive.writestr(name, content)
    return out.getvalue()


def render_period(period: m.Period, fmt: str) -> bytes:
    """The adopted version while the period is locked, else the current data."""
    latest = period.versions.order_by("-number").first()
    if period.is_locked and latest is not None:
        return render_version(latest, fmt)
    return render_files(current_files(period), fmt, period_lineage(period))


def adopt(period_id: int, user: Any, *, reason: str = "", open_items: int = 0) -> m.ReportVersion:
    """Lock the period and keep its report as a new version; problems refuse it. Adopted
    with ``open_items`` left (Kvar att göra), the person's ``reason`` goes into the audit
    trail with the adoption.

    One transaction keeps the version's folder and its figures (the JSON report's data) and
    locks the period; the archive (every format rendered, and the manifest) is queued in
    the same transaction and built by a worker (``styra.web.tasks.archive``)."""
    with transaction.atomic():
        period = m.Period.objects.select_for_update().get(pk=period_id)
        if period.is_locked:
            raise PeriodLocked
        files = current_files(period)
        lineage = period_lineage(period)
        data = json.loads(render_files(files, "json", lineage))
        correction = audit.open_correction(period)
        number = (period.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = m.ReportVersion.objects.create(
            period=period,
            number=number,
            created_by=user,
            reason=correction.justification if correction else "",
            snapshot=_zip(files),
            data=data,
        )
        if correction is not None:
            correction.version = version
            correction.save(update_fields=["version"])
        note = f"rapportversion {number}"
        if open_items:
            note += f"; fastställd med {open_items} kvar att göra: {reason}"
        _set_state(period, user, m.PeriodState.ADOPTED, note=note)
        _queue_archive(period, version, lineage, user)
    return version


def _queue_archive(
    period: m.Period, version: m.ReportVersion, lineage: dict[str, Any], user: Any
) -> None:
    from styra.web.tasks import jobs  # noqa: PLC0415 (the tasks import this module)
    from styra.web.tasks.archive import build_version_archive  # noqa: PLC0415
    from styra.web.tasks.models import JobKind  # noqa: PLC0415

    jobs.start(
        build_version_archive,
        version.pk,
        lineage,
        _about(period, version.number),
        kind=JobKind.ARCHIVE,
        title=_("Arkiv för rapportversion %(n)d") % {"n": version.number},
        committee=period.committee,
        period=period,
        started_by=user,
        outcome={"version": version.number},
    )


def _about(period: m.Period, number: int) -> dict[str, Any]:
    return {
        "committee": period.committee.name,
        "municipality": period.committee.municipality.name,
        "period": f"{period.get_kind_display()} {period.year} ({period.slug})",
        "version": number,
        "adopted_at": timezone.now().isoformat(timespec="seconds"),
    }


def open_correction(period_id: int, user: Any, justification: str) -> m.Correction:
    with transaction.atomic():
        period = m.Period.objects.select_for_update().get(pk=period_id)
        if not period.is_locked:
            raise ValueError("perioden är inte fastställd")
        correction = m.Correction.objects.create(
            period=period, opened_by=user, justification=justification
        )
        _set_state(period, user, m.PeriodState.CORRECTING, note=justification)
    return correction


def _set_state(period: m.Period, user: Any, state: m.PeriodState, *, note: str) -> None:
    """Move the period to ``state`` and record the move in its audit trail."""
    old_state = period.get_state_display()
    period.state = state
    period.save(update_fields=["state"])
    audit.record(
        period,
        user,
        m.ItemKind.PERIOD,
        period,
        {"state": (old_state, period.get_state_display())},
        note=note,
    )


def problems_before_adopting(period: m.Period) -> list[Problem]:
    """What the exported folder's loader says: errors refuse adoption; warnings (such as
    an interim line or indicator without a forecast) are shown and do not."""
    try:
        files = current_files(period)
        with tempfile.TemporaryDirectory(prefix="styra-") as tmp:
            loaded = load_files(files, Path(tmp))
    except RenderError as exc:
        return list(exc.problems)
    return list(loaded.problems)
