"""Every address × every role, with the expected outcome, as one table.

An outsider gets 404 (they may not learn the committee exists), a reader who tries to
change gets 403, anonymous is sent to sign in (302).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from styra.web.followup import models as m
from styra.web.followup.folder_export import folder_files
from styra.web.followup.next_period import open_next
from styra.web.followup.reports import _zip
from tests.web.conftest import client_for, indicator, other_period, result_form, url
from tests.web.roles_table import LEAK_PERSONAS, Case, Request, by_role, check_access, check_hidden


def _pending_import(period: m.Period) -> int:
    imp = m.LedgerImport.objects.create(
        period=period, kind="ledger", file_name="x.se", content=b"#FLAGGA 0\n", sha256="0"
    )
    return imp.pk


def _version(period: m.Period) -> int:
    files = folder_files(period)
    m.ReportVersion.objects.create(period=period, number=1, snapshot=_zip(files), data={})
    return 1


def _archived_version(period: m.Period) -> int:
    """A version with an archive (its bytes are not what is tested here, access is)."""
    archive = b"PK\x05\x06" + b"\0" * 18  # an empty zip
    m.ReportVersion.objects.create(
        period=period, number=1, snapshot=b"", data={}, archive=archive, archive_sha256="0" * 64
    )
    return 1


def _pk(model: Any, **lookup: Any) -> int:
    return int(model.objects.get(**lookup).pk)


def get(name: str, **kw: Callable[[m.Period], Any]) -> Callable[[m.Period], Request]:
    return lambda p: (url(name, p, **{k: f(p) for k, f in kw.items()}), None)


def own(p: m.Period) -> int:
    return indicator(p, "1.7").pk


def others(p: m.Period) -> int:
    return indicator(p, "2.1").pk


def goal(p: m.Period) -> int:
    return _pk(m.Goal, period=p, key="1")


def section(p: m.Period) -> int:
    return _pk(m.NarrativeSection, period=p, key="resultat")


def line(p: m.Period) -> int:
    return _pk(m.ReportLine, period=p, label="PERSONALKOSTNADER")


def save_line(p: m.Period) -> Request:
    return url("line", p, pk=line(p)), {"analysis": "Vakanser.", "version": "1"}


def save_own(p: m.Period) -> Request:
    return url("indicator", p, pk=own(p)), result_form(indicator(p, "1.7"), "25")


def save_others(p: m.Period) -> Request:
    return url("indicator", p, pk=others(p)), result_form(indicator(p, "2.1"), "5")


def preview_own(p: m.Period) -> Request:
    return url("preview", p, pk=own(p)), {"value": "50"}


def save_goal(p: m.Period) -> Request:
    data = {"override_status": "achieved", "override_justification": "Skäl.", "version": "1"}
    return url("goal", p, pk=goal(p)), data


def save_section(p: m.Period) -> Request:
    return url("section", p, pk=section(p)), {"markdown": "Ny text.", "version": "1"}


def upload_sie(p: m.Period) -> Request:
    return url("sie_upload", p), {"kind": "ledger"}


def discard_import(p: m.Period) -> Request:
    return url("sie_preview", p, pk=_pending_import(p)), {"action": "discard"}


def upload_excel(p: m.Period) -> Request:
    return url("excel_upload", p), {"file": SimpleUploadedFile("x.txt", b"hej")}


def _delar(p: m.Period) -> m.Period:
    """A delår opened from the annual period (no forecasts yet), for the forecast pages."""
    return open_next(p, None, kind="interim", end=date(2024, 8, 31)).period


def forecast_page(p: m.Period) -> Request:
    return url("forecast", _delar(p)), None


def save_forecast(p: m.Period) -> Request:
    delar = _delar(p)
    line = m.ReportLine.objects.get(period=delar, key="resor")
    data = {f"rad-{line.pk}-choice": "run_rate", f"rad-{line.pk}-version": "1"}
    return url("forecast_row", delar, kind="rad", pk=line.pk), data


def save_indicator_forecast(p: m.Period) -> Request:
    delar = _delar(p)
    ind = indicator(delar, "1.7")
    data = {f"indikator-{ind.pk}-forecast_value": "20", f"indikator-{ind.pk}-version": "1"}
    return url("forecast_indicator", delar, pk=ind.pk), data


def open_next_period(p: m.Period) -> Request:
    return url("open_next", p), {"kind": "month", "end": "2024-03-31"}


def adopt(p: m.Period) -> Request:
    return url("adopt", p), {"reason": "Analyserna skrivs senare."}


def save_history(p: m.Period) -> Request:
    return url("indicator_history", p, pk=own(p)), {"year": "2023", "value": "19"}


def correct(p: m.Period) -> Request:
    return url("correction", p), {"justification": "Fel i utfallet."}


CASES = [
    Case(
        "home",
        lambda p: ("/", None),
        302,
        302,
        302,
        outsider=302,
        municipal=200,
        council=200,
        member=200,
        other_municipal=200,
    ),
    Case("committee", lambda p: (f"/n/{p.committee.slug}/", None), 302, 302, 302),
    Case("overview", get("overview"), 200, 200, 200),
    Case("indicator view", get("indicator", pk=others), 200, 200, 200),
    Case("indicator save own", save_own, 302, 302, 403),
    Case("indicator save others'", save_others, 302, 403, 403),
    Case("indicator preview", preview_own, 200, 200, 403),
    Case("goal view", get("goal", pk=goal), 200, 200, 200),
    Case("goal override", save_goal, 302, 403, 403),
    Case("narrative", get("narrative"), 200, 200, 200),
    Case("section view", get("section", pk=section), 200, 200, 200),
    Case("section save", save_section, 302, 403, 403),
    Case("line analysis view", get("line", pk=line), 200, 200, 200),
    Case("line analysis save", save_line, 302, 403, 403),
    Case("sie upload page", get("sie_upload"), 200, 403, 403),
    Case("sie upload without file", upload_sie, 400, 403, 403),
    Case("sie preview", get("sie_preview", pk=_pending_import), 200, 403, 403),
    Case("sie discard", discard_import, 302, 403, 403),
    Case("excel download", get("excel_download"), 200, 200, 200),
    Case("excel page", get("excel_page"), 200, 200, 200),
    Case("excel upload page", get("excel_upload"), 200, 200, 403),
    Case("excel upload of a text file", upload_excel, 400, 400, 403),
    Case("report", get("report"), 200, 200, 200),
    Case("report json", get("report_download", fmt=lambda p: "json"), 200, 200, 200),
    Case(
        "version json",
        get("version_download", number=_version, fmt=lambda p: "json"),
        200,
        200,
        200,
    ),
    Case("version archive", get("version_archive", number=_archived_version), 200, 200, 200),
    Case("export zip", get("export"), 200, 403, 403),
    Case("adopt page", get("adopt"), 200, 403, 403),
    Case("adopt", adopt, 302, 403, 403),
    Case("correction of an unadopted period", correct, 400, 403, 403),
    Case("forecast page of a year", get("forecast"), 200, 200, 200),
    Case("forecast page of a delår", forecast_page, 200, 200, 200),
    Case("forecast save", save_forecast, 302, 403, 403),
    Case("indicator forecast save", save_indicator_forecast, 302, 403, 403),
    Case("open next period page", get("open_next"), 200, 403, 403),
    Case("open next period", open_next_period, 302, 403, 403),
    Case("history", get("history"), 200, 200, 200),
    Case("item history", get("item_history", kind=lambda p: "indikator", pk=own), 200, 200, 200),
    Case("indicator history page", get("indicator_history", pk=own), 200, 200, 200),
    Case("indicator history save", save_history, 302, 403, 403),
]


@by_role(CASES)
def test_access(case: Case, persona: str, period: m.Period) -> None:
    check_access(case, persona, period)


# Every address of another municipality's committee (Örebro's, with the same content):
# nobody of Lekeberg, Laxå or the IT committee learns it exists. Home is everyone's own.
@by_role(CASES[1:], LEAK_PERSONAS)
def test_another_municipalitys_committee_is_404_at_every_address(
    case: Case, persona: str, db: Any
) -> None:
    check_hidden(case, persona, other_period())


def test_an_unknown_committee_is_404_for_everyone(period: m.Period) -> None:
    assert client_for("controller").get("/n/finns-inte/").status_code == 404


@pytest.mark.parametrize(
    "address",
    [
        "/admin/",
        "/admin/followup/period/",
        "/admin/followup/indicator/",
        "/admin/followup/change/",
        "/admin/followup/period/PERIOD/change/",
    ],
)
def test_staff_reach_the_admin_and_others_do_not(address: str, period: m.Period) -> None:
    address = address.replace("PERIOD", str(period.pk))
    assert client_for("admin").get(address).status_code == 200
    assert client_for("controller").get(address).status_code == 302
