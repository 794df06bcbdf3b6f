"""The adopted report as an archive: offered beside each version, verified by ``styra verify``."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from styra.cli import main
from styra.web.followup import models as m
from styra.web.followup.demo import EXAMPLE
from tests.web.conftest import HAND_REASON, client_for, indicator, result_form, url

TICKETS = "folder/sources/arenden-2024.csv"


def adopted(period: m.Period) -> m.ReportVersion:
    assert (
        client_for("controller")
        .post(url("adopt", period), {"reason": "Analyserna skrivs i nästa uppföljning."})
        .status_code
        == 302
    )
    return period.versions.get(number=1)


def download(period: m.Period, persona: str = "reader") -> bytes:
    response = client_for(persona).get(url("version_archive", period, number=1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="arkiv-sydnarkes-it-2024-helar-v1.zip"' in response["Content-Disposition"]
    return bytes(response.content)


def members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def with_change(content: bytes, name: str, new: bytes) -> bytes:
    files = members(content) | {name: new}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in files.items():
            archive.writestr(member, data)
    return out.getvalue()


def verify(content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    path = tmp_path / "arkiv.zip"
    path.write_bytes(content)
    code = main(["verify", str(path)])
    out, err = capsys.readouterr()
    return code, out + err


def json_indicator(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(i for g in data["goals"] for i in g["indicators"] if i["id"] == key)


def test_the_adopted_archive_verifies_and_holds_the_model_reports_figures(
    period: m.Period, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    version = adopted(period)
    content = download(period)
    assert hashlib.sha256(content).hexdigest() == version.archive_sha256
    code, output = verify(content, tmp_path, capsys)
    assert code == 0, output
    assert f"{TICKETS}: identisk" in output
    assert "nämnd: Sydnärkes IT-nämnd" in output and "rapportversion: 1" in output
    files = members(content)
    assert files[TICKETS] == (EXAMPLE / "sources" / "arenden-2024.csv").read_bytes()
    data = json.loads(files["report/report.json"])
    assert data == version.data
    assert data["net_result"]["tkr"] == data["budget_deviation"]["tkr"] == "-852"
    assert [s["tkr"] for s in data["sharing"]["shares"]] == ["-177", "-113", "-233", "-329"]
    assert json_indicator(data, "1.2")["value"] == "72.25"
    tickets = json_indicator(data, "1.5")
    assert tickets["value"] == "111"
    assert tickets["lineage"]["source"]["sha256"] == hashlib.sha256(files[TICKETS]).hexdigest()


def test_one_changed_byte_of_an_archived_source_export_is_named(
    period: m.Period, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    adopted(period)
    content = download(period)
    tickets = members(content)[TICKETS]
    at = len(tickets) // 2
    broken = tickets[:at] + bytes([tickets[at] ^ 1]) + tickets[at + 1 :]
    code, output = verify(with_change(content, TICKETS, broken), tmp_path, capsys)
    assert code == 1
    assert f"{TICKETS}: AVVIKER: SHA-256 är {hashlib.sha256(broken).hexdigest()}" in output
    assert "folder/goals.yaml: identisk" in output


def test_a_changed_json_report_is_named(
    period: m.Period, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    adopted(period)
    content = download(period)
    report = members(content)["report/report.json"]
    forged = report.replace(b'"value": "111"', b'"value": "89"', 1)
    assert forged != report
    code, output = verify(with_change(content, "report/report.json", forged), tmp_path, capsys)
    assert code == 1
    assert "report/report.json: AVVIKER" in output


def test_a_value_entered_by_hand_is_archived_with_its_lineage(
    period: m.Period, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ind = indicator(period, "1.5")
    response = client_for("owner").post(url("indicator", period, pk=ind.pk), result_form(ind, "95"))
    assert response.status_code == 302
    adopted(period)
    content = download(period)
    code, output = verify(content, tmp_path, capsys)
    assert code == 0, output
    files = members(content)
    kept = json.loads(files["lineage.json"])
    assert list(kept) == ["1.5"]
    assert kept["1.5"]["entered_by_hand"] == {"value": "95", "justification": HAND_REASON}
    tickets = json_indicator(json.loads(files["report/report.json"]), "1.5")
    assert (tickets["value"], tickets["lineage"]["value"]) == ("95", "111")


def test_a_version_downloads_as_archived(period: m.Period) -> None:
    version = adopted(period)
    archived = members(bytes(version.archive))
    for fmt in ("json", "pdf", "html"):
        response = client_for("reader").get(url("version_download", period, number=1, fmt=fmt))
        assert response.content == archived[f"report/report.{fmt}"]


def test_the_report_page_offers_the_archive_beside_each_version(period: m.Period) -> None:
    adopted(period)
    page = client_for("reader").get(url("report", period)).content.decode()
    assert url("version_archive", period, number=1) in page
    assert "styra verify ARKIV" in page


@pytest.mark.parametrize(
    ("persona", "status"), [("controller", 200), ("owner", 200), ("reader", 200), ("outsider", 404)]
)
def test_only_the_committees_people_may_download_the_archive(
    period: m.Period, persona: str, status: int
) -> None:
    adopted(period)
    response = client_for(persona).get(url("version_archive", period, number=1))
    assert response.status_code == status


def test_anonymous_is_sent_to_sign_in(period: m.Period) -> None:
    adopted(period)
    response = client_for("anonymous").get(url("version_archive", period, number=1))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_version_adopted_before_archives_has_none_to_download(period: m.Period) -> None:
    version = adopted(period)
    m.ReportVersion.objects.filter(pk=version.pk).update(archive=b"", archive_sha256="")
    response = client_for("reader").get(url("version_archive", period, number=1))
    assert response.status_code == 404
    page = client_for("reader").get(url("report", period)).content.decode()
    assert url("version_archive", period, number=1) not in page
    pdf = client_for("reader").get(url("version_download", period, number=1, fmt="pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
