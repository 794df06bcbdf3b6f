"""Computed follow-ups in the shared cache, keyed by a hash of every input they read.

In one process, what changes a key: a saved value (the period's revision), a KF-mål of the
municipality (its trail) and the code; and with two real servers on one database, that a
change through one is seen on the other at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import styra
from styra.web.followup import cache as cached
from styra.web.followup import models as m
from styra.web.followup import municipal
from styra.web.followup.access import MunicipalAccess
from styra.web.followup.municipal import MunicipalOverview
from tests.web.conftest import client_for, indicator, lekeberg, result_form, url, user
from tests.web.live import Browser, Server, fresh_database, postgres_url, query, serve


def _key(period: m.Period) -> str:
    fresh = m.Period.objects.select_related("committee").get(pk=period.pk)
    return cached.key("followup", *cached.period_inputs(fresh))


def _value(period: m.Period, key: str) -> Decimal | None:
    fresh = m.Period.objects.select_related("committee__municipality").get(pk=period.pk)
    found = cached.followup(fresh)
    values = {i.indicator.id: i.indicator.value for g in found.goals for i in g.indicators}
    return values[key]


def test_the_follow_up_is_computed_once_and_then_read_from_the_cache(
    period: m.Period, django_assert_max_num_queries: Any
) -> None:
    first = cached.followup(period)
    with django_assert_max_num_queries(2):  # the municipality's trail mark, the cache row
        again = cached.followup(period)
    assert again == first and again is not first  # read back from the table, not memory


def test_a_saved_value_is_a_new_key_and_the_new_figure_at_once(period: m.Period) -> None:
    ind = indicator(period, "1.7")
    before, old = _key(period), _value(period, "1.7")
    assert old != Decimal("25")
    response = client_for("controller").post(
        url("indicator", period, pk=ind.pk), result_form(ind, "25")
    )
    assert response.status_code == 302
    assert _key(period) != before
    assert _value(period, "1.7") == Decimal("25")


def test_a_kf_mal_changed_by_the_municipality_is_a_new_key_for_its_committees(
    period: m.Period,
) -> None:
    goal = m.CouncilGoal.objects.get(municipality=lekeberg(), year=2024, key="KF2")
    before = _key(period)
    data = {"name": goal.name + " (ändrat)", "description": "", "version": str(goal.version)}
    response = client_for("municipal").post(f"/kommun/{lekeberg().pk}/2024/kf/{goal.pk}/", data)
    assert response.status_code == 302
    assert period.revision == m.Period.objects.get(pk=period.pk).revision  # not the period's
    assert _key(period) != before


def test_another_municipalitys_kf_mal_leaves_the_key_alone(period: m.Period) -> None:
    before = _key(period)
    goal = m.CouncilGoal.objects.get(municipality__code="1880", key="KF1")
    data = {"name": "Ett ännu tryggare Örebro", "description": "", "version": str(goal.version)}
    response = client_for("other_municipal").post(
        f"/kommun/{goal.municipality_id}/2024/kf/{goal.pk}/", data
    )
    assert response.status_code == 302
    assert _key(period) == before


@pytest.fixture
def _fingerprint_again() -> Iterator[None]:
    cached.code_fingerprint.cache_clear()
    yield
    cached.code_fingerprint.cache_clear()


@pytest.mark.usefixtures("_fingerprint_again")
def test_other_code_is_a_new_key(period: m.Period, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _key(period)
    monkeypatch.setattr(styra, "__version__", "99.0.0")
    cached.code_fingerprint.cache_clear()
    assert _key(period) != before


def _access(persona: str) -> MunicipalAccess:
    return MunicipalAccess(lekeberg(), m.MunicipalRole.CONTROLLER, user(persona).pk)


def _it_value(found: MunicipalOverview, key: str) -> Decimal | None:
    row = next(r for r in found.committees if r.committee.slug == "sydnarkes-it")
    assert row.followup is not None
    return {i.indicator.id: i.indicator.value for g in row.followup.goals for i in g.indicators}[
        key
    ]


def test_the_municipality_overview_is_read_from_the_cache_and_a_committees_change_is_seen(
    period: m.Period, django_assert_max_num_queries: Any
) -> None:
    access = _access("municipal")
    first = municipal.overview(access, 2024)
    with django_assert_max_num_queries(5):  # the reader's committees, the inputs, the cache
        assert municipal.overview(access, 2024) == first
    ind = indicator(period, "1.7")
    response = client_for("controller").post(
        url("indicator", period, pk=ind.pk), result_form(ind, "25")
    )
    assert response.status_code == 302
    assert _it_value(first, "1.7") != Decimal("25")
    assert _it_value(municipal.overview(access, 2024), "1.7") == Decimal("25")


OVERVIEW = "n/sydnarkes-it/2024-helar/"


@contextmanager
def two_servers(data: Path) -> Iterator[tuple[Server, Server]]:
    base = postgres_url()
    with fresh_database(base) if base else nullcontext("") as shared:
        options = {"database_url": shared} if shared else {"postgres": False}
        with serve(data, workers=1, **options) as one, serve(data, workers=1, **options) as two:
            yield one, two


def _cached_rows(server: Server) -> int:
    return int(query(server, "SELECT count(*) FROM styra_cache")[0][0])


def _indicator_address(page: str) -> str:
    """The first indicator the overview links to (its page has the value form)."""
    found = re.search(r'href="/(n/sydnarkes-it/2024-helar/indikator/\d+/)"', page)
    assert found, page[:500]
    return found.group(1)


@pytest.mark.slow  # two live servers: a minute
def test_a_change_through_one_server_is_seen_on_the_other_at_once(tmp_path: Path) -> None:
    """Two real ``styra serve`` on one database (PostgreSQL with ``DATABASE_URL``, else one
    SQLite file both open): a page computed by one is read by the other from the cache
    table, and a value saved through one is on the other's overview at once."""
    with two_servers(tmp_path) as (one, two):
        on_one = Browser(one).sign_in("ekonom")
        on_two = Browser(two).sign_in("ekonom")
        status, first = on_one.request(OVERVIEW)
        assert status == 200
        rows = _cached_rows(one)
        assert rows > 0
        status, _same = on_two.request(OVERVIEW)  # computed by the first server, read here
        assert status == 200 and _cached_rows(two) == rows  # nothing computed again

        address = _indicator_address(first)
        page, _token = on_one.form(address)
        form = _form_fields(page)
        form.update(value="4711", value_justification="Räknat för hand ur ärendesystemet.")
        status, _page = on_one.post(address, form)
        assert status == 302, _page[:800]

        status, after = on_two.request(OVERVIEW)
        shown = "4\u202f711"  # as the overview writes 4711
        assert status == 200 and shown in after and shown not in first


def _form_fields(page: str) -> dict[str, str]:
    """The indicator form's fields as the page fills them (inputs and text areas)."""
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page))
    fields |= dict(re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', page))
    fields.pop("csrfmiddlewaretoken", None)
    return fields
