"""Jobs in the web: the page that shows a job's progress and where to go on, who may see
it, the Swedish message of a failed job that changed nothing, and taking back a task whose
worker stopped beating. The worker's own loop is tested against real processes in
test_killed_worker.py; here the task runs through ``jobs.run_here``, the code a worker runs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from styra.web.followup import ledgers
from styra.web.followup import models as m
from styra.web.followup.demo import EXAMPLE
from styra.web.tasks import beats, jobs
from styra.web.tasks.models import Job, WorkerBeat
from tests.web.conftest import client_for, url

LEDGER = (EXAMPLE / "ledger.se").read_bytes()


@pytest.fixture
def a_worker_is_alive(db: Any) -> None:
    """A beat, so that an upload is queued rather than run in the request."""
    WorkerBeat.objects.create(worker_id="annan", host="h", pid=1, beat_at=timezone.now())


def upload(period: m.Period, persona: str = "controller") -> Any:
    data = {"kind": "ledger", "file": SimpleUploadedFile("huvudbok-igen.se", LEDGER)}
    return client_for(persona).post(url("sie_upload", period), data)


def queued(period: m.Period) -> Job:
    response = upload(period)
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == url("job", period, pk=job.pk)
    return job


def test_without_a_live_worker_the_upload_is_read_at_once_and_goes_to_the_preview(
    period: m.Period,
) -> None:
    response = upload(period)
    job = Job.objects.get()
    assert job.task.status == "SUCCESSFUL" and job.task.worker_ids[0].startswith("inline-")
    pending = m.LedgerImport.objects.get(pk=job.outcome["import"])
    assert response["Location"] == url("sie_preview", period, pk=pending.pk)
    assert bytes(job.upload) == b""  # the file now lives in the import, not twice


def test_a_queued_import_shows_its_progress_and_refreshes_itself(
    period: m.Period, a_worker_is_alive: None
) -> None:
    job = queued(period)
    assert m.LedgerImport.objects.filter(state="pending").count() == 0
    page = client_for("controller").get(url("job", period, pk=job.pk)).content.decode()
    assert "Läser in huvudbok-igen.se" in page
    assert "Väntar på att arbetet ska börja" in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    fragment = client_for("controller").get(url("job", period, pk=job.pk), HTTP_HX_REQUEST="true")
    assert fragment.content.decode().startswith('<div id="uppgift"')
    # Listed on the upload page while it waits.
    assert (
        "Läses in just nu"
        in client_for("controller").get(url("sie_upload", period)).content.decode()
    )


def test_a_finished_import_stops_refreshing_and_links_to_the_preview(
    period: m.Period, a_worker_is_alive: None
) -> None:
    job = queued(period)
    jobs.run_here(job.pk)
    job.refresh_from_db()
    assert (job.fraction, job.step) == (1.0, "Klart")
    page = client_for("controller").get(url("job", period, pk=job.pk)).content.decode()
    assert "huvudbok-igen.se är läst och klar att granskas: Inga ändringar." in page
    assert "http-equiv" not in page and "hx-trigger" not in page
    assert url("sie_preview", period, pk=job.outcome["import"]) in page
    assert "Granska och bekräfta" in page


@pytest.mark.parametrize(
    ("persona", "status"), [("outsider", 404), ("anonymous", 302), ("reader", 403), ("owner", 403)]
)
def test_only_the_committees_controllers_see_an_import_job(
    period: m.Period, a_worker_is_alive: None, persona: str, status: int
) -> None:
    job = queued(period)
    assert client_for(persona).get(url("job", period, pk=job.pk)).status_code == status


def test_a_job_of_another_committee_is_not_found_through_ones_own(
    period: m.Period, a_worker_is_alive: None
) -> None:
    job = queued(period)
    # Örebro's controller reads Örebro's IT committee: its address, with this job's id.
    own = m.Period.objects.get(committee__slug="orebro-it", slug=period.slug)
    assert client_for("other_municipal").get(url("overview", own)).status_code == 200
    assert client_for("other_municipal").get(url("job", own, pk=job.pk)).status_code == 404


def test_a_failed_import_says_where_and_what_and_changes_nothing(
    period: m.Period, a_worker_is_alive: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ledgers.create_import

    def half_then_fail(*args: Any, **kwargs: Any) -> m.LedgerImport:
        real(*args, **kwargs)  # the import is written …
        raise OSError("disken är full")  # … and then the work fails

    monkeypatch.setattr(ledgers, "create_import", half_then_fail)
    imports = list(m.LedgerImport.objects.values_list("pk", "state"))
    amounts = m.LedgerAmount.objects.count()
    job = queued(period)
    jobs.run_here(job.pk)
    job.refresh_from_db()
    assert job.task.status == "FAILED"
    assert job.message == (
        "Det gick inte: steget ”Läser och kontrollerar huvudbok-igen.se” misslyckades "
        "(disken är full). Ingenting sparades."
    )
    assert list(m.LedgerImport.objects.values_list("pk", "state")) == imports
    assert m.LedgerAmount.objects.count() == amounts
    page = client_for("controller").get(url("job", period, pk=job.pk)).content.decode()
    assert "disken är full" in page and "Uppgiften misslyckades" in page
    assert url("sie_upload", period) in page


def running(period: m.Period, worker_ids: list[str], started_ago: int = 600) -> Job:
    job = queued(period)
    DBTaskResult.objects.filter(pk=job.pk).update(
        status="RUNNING",
        worker_ids=worker_ids,
        started_at=timezone.now() - timedelta(seconds=started_ago),
    )
    Job.objects.filter(pk=job.pk).update(step="Läser och kontrollerar huvudbok-igen.se")
    return job


def test_a_task_whose_worker_stopped_beating_is_queued_again(
    period: m.Period, a_worker_is_alive: None
) -> None:
    job = running(period, ["dog"])  # no beat from "dog"
    assert beats.take_back_stale() == 1
    job.task.refresh_from_db()
    assert job.task.status == "READY"


def test_a_task_whose_worker_beats_is_left_alone(period: m.Period, a_worker_is_alive: None) -> None:
    running(period, ["annan"])
    assert beats.take_back_stale() == 0


def test_a_task_claimed_just_now_is_left_alone(period: m.Period, a_worker_is_alive: None) -> None:
    running(period, ["ny"], started_ago=1)
    assert beats.take_back_stale() == 0


def test_a_task_with_no_attempts_left_is_marked_failed(
    period: m.Period, a_worker_is_alive: None
) -> None:
    job = running(period, ["dog", "dog-igen"])
    assert beats.take_back_stale() == 1
    job.refresh_from_db()
    job.task.refresh_from_db()
    assert job.task.status == "FAILED"
    assert job.message == (
        "Det gick inte: arbetsprocessen avbröts mitt i steget ”Läser och kontrollerar "
        "huvudbok-igen.se”, 2 gånger. Ingenting sparades; försök igen."
    )


def test_a_report_rendered_at_once_is_handed_over_by_the_request(period: m.Period) -> None:
    response = client_for("reader").get(url("report_download", period, fmt="json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert 'filename="rapport-sydnarkes-it-2024-helar.json"' in response["Content-Disposition"]
    job = Job.objects.get()
    assert (job.kind, job.task.status, job.result_name) == (
        "report",
        "SUCCESSFUL",
        "rapport-sydnarkes-it-2024-helar.json",
    )
    assert bytes(job.result) == response.content


def test_a_slow_report_shows_its_job_then_the_download(
    period: m.Period, a_worker_is_alive: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from styra.web.followup.views import report

    monkeypatch.setattr(report, "REPORT_WAIT_SECONDS", 0)
    response = client_for("reader").get(url("report_download", period, fmt="html"))
    job = Job.objects.get()
    assert response["Location"] == url("job", period, pk=job.pk)
    page = client_for("reader").get(response["Location"]).content.decode()
    assert "Rapporten som Webbsida (HTML)" in page and "Väntar på att arbetet ska börja" in page
    assert client_for("reader").get(url("job_file", period, pk=job.pk)).status_code == 404
    jobs.run_here(job.pk)
    page = client_for("reader").get(response["Location"]).content.decode()
    assert "Rapporten (Webbsida (HTML)) är klar att ladda ner." in page
    assert url("job_file", period, pk=job.pk) in page
    download = client_for("reader").get(url("job_file", period, pk=job.pk))
    assert download.status_code == 200 and download.content.startswith(b"<!DOCTYPE html")
    orebro = m.Period.objects.get(committee__slug="orebro-it", slug=period.slug)
    other = client_for("other_municipal")
    assert other.get(url("job_file", orebro, pk=job.pk)).status_code == 404
    assert client_for("outsider").get(url("job_file", period, pk=job.pk)).status_code == 404


def test_a_report_that_cannot_be_made_lists_its_problems(period: m.Period) -> None:
    m.Period.objects.filter(pk=period.pk).update(ledger=None)
    response = client_for("reader").get(url("report_download", period, fmt="pdf"))
    assert response.status_code == 422
    page = response.content.decode()
    assert "Rapporten kunde inte skapas" in page
    assert "huvudbok" in page.lower()
    job = Job.objects.get()
    assert job.task.status == "FAILED" and bytes(job.result) == b""
    assert job.message.startswith("Det gick inte: steget ”Räknar ut uppföljningen")


def test_adoption_locks_at_once_and_its_archive_follows_as_a_job(
    period: m.Period, a_worker_is_alive: None
) -> None:
    controller = client_for("controller")
    response = controller.post(url("adopt", period), {"reason": "Analyserna skrivs senare."})
    assert response.status_code == 302
    period.refresh_from_db()
    version = period.versions.get(number=1)
    assert period.is_locked and version.data["goals"]  # the figures kept in the request
    assert version.archive_sha256 == ""  # the archive is a worker's
    job = Job.objects.get(kind="archive")
    archive_url = url("version_archive", period, number=1)
    assert client_for("reader").get(archive_url)["Location"] == url("job", period, pk=job.pk)
    jobs.run_here(job.pk)
    version.refresh_from_db()
    assert len(version.archive_sha256) == 64
    page = client_for("reader").get(url("job", period, pk=job.pk)).content.decode()
    assert "Arkivet för rapportversion 1 är klart." in page and archive_url in page
    download = client_for("reader").get(archive_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"


def test_finished_jobs_are_pruned_after_a_day_with_what_they_made(period: m.Period) -> None:
    client_for("reader").get(url("report_download", period, fmt="json"))
    client_for("reader").get(url("report_download", period, fmt="html"))
    old, new = Job.objects.order_by("created_at")
    day_ago = timezone.now() - timedelta(hours=25)
    DBTaskResult.objects.filter(pk=old.pk).update(finished_at=day_ago)
    assert beats.prune_finished() == 1
    assert list(Job.objects.values_list("pk", flat=True)) == [new.pk]
