"""Refreshing a period's Kolada snapshot as a task (``styra manage refresh_kolada``), with
Kolada's recorded answers in place of the network."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from styra.sources.kolada_client import KoladaClient, ReplayTransport
from styra.web.followup import models as m
from styra.web.tasks import kolada
from styra.web.tasks.models import Job
from tests.sources.test_kolada import DATA_URL, KPI_URL, PAGE_2, ok

SNAPSHOT = "sources/kolada-N01951-2022.json"


@pytest.fixture(autouse=True)
def recorded_kolada(monkeypatch: pytest.MonkeyPatch) -> None:
    transport = ReplayTransport(
        {
            KPI_URL: [ok("kpi-N01951.json")],
            DATA_URL: [ok("data-N01951-2022-page1.json")],
            PAGE_2: [ok("data-N01951-2022-page2.json")],
        }
    )
    client = KoladaClient(transport=transport, sleep=lambda seconds: None)
    monkeypatch.setattr(kolada, "client", lambda: client)


def test_the_snapshot_is_fetched_again_kept_and_audited(
    period: m.Period, capsys: pytest.CaptureFixture[str]
) -> None:
    old = m.SourceFile.objects.get(period=period, path=SNAPSHOT)
    call_command("refresh_kolada", "sydnarkes-it", "2024-helar")
    assert capsys.readouterr().out.strip() == (
        "Ögonblicksbilden från Kolada är hämtad; fördelningsnyckelns vikter stämmer."
    )
    new = m.SourceFile.objects.get(period=period, path=SNAPSHOT)
    assert new.sha256 != old.sha256 and b'"N01951"' in bytes(new.content)
    change = m.Change.objects.get(period=period, field=SNAPSHOT)
    assert (change.old, change.new, change.note) == (old.sha256[:12], new.sha256[:12], "Kolada")
    job = Job.objects.get()
    assert (job.kind, job.task.status, job.fraction) == ("kolada", "SUCCESSFUL", 1.0)


def test_an_adopted_period_is_not_refreshed(period: m.Period) -> None:
    old = m.SourceFile.objects.get(period=period, path=SNAPSHOT)
    m.Period.objects.filter(pk=period.pk).update(state=m.PeriodState.ADOPTED)
    with pytest.raises(CommandError) as refused:
        call_command("refresh_kolada", "sydnarkes-it", "2024-helar")
    assert str(refused.value) == (
        "Det gick inte: steget ”Sparar ögonblicksbilden” misslyckades (perioden är fastställd "
        "och låst). Ingenting sparades."
    )
    assert m.SourceFile.objects.get(period=period, path=SNAPSHOT).sha256 == old.sha256
    assert not m.Change.objects.filter(period=period, field=SNAPSHOT).exists()
