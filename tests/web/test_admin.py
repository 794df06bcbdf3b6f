"""Staff edits of committees, members, roles and municipalities: audited, and locked with
the committee's adopted periods (roles excepted: access must be given and taken away)."""

from __future__ import annotations

from typing import Any

import pytest

from styra.web.followup import models as m
from styra.web.followup.reports import adopt
from tests.web.conftest import client_for, url, user


def committee_form(committee: m.Committee, **changes: str) -> dict[str, str]:
    """The committee's admin form as posted, with its members and roles unchanged."""
    data = {
        "name": committee.name,
        "slug": committee.slug,
        "municipality": str(committee.municipality_id),
        "_save": "Spara",
    }
    inlines: dict[str, list[dict[str, str]]] = {
        "members": [
            {"id": str(r.pk), "committee": str(committee.pk),
             "municipality": str(r.municipality_id), "label": r.label}
            for r in committee.members.order_by("pk")
        ],
        "assignments": [
            {"id": str(r.pk), "committee": str(committee.pk), "user": str(r.user_id),
             "role": r.role}
            for r in committee.assignments.order_by("pk")
        ],
    }  # fmt: skip
    for prefix, rows in inlines.items():
        data |= {
            f"{prefix}-TOTAL_FORMS": str(len(rows)),
            f"{prefix}-INITIAL_FORMS": str(len(rows)),
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for index, row in enumerate(rows):
            data |= {f"{prefix}-{index}-{k}": v for k, v in row.items()}
    return data | changes


def admin_post(path: str, data: dict[str, str]) -> Any:
    return client_for("admin").post(path, data)


def committee_path(committee: m.Committee) -> str:
    return f"/admin/followup/committee/{committee.pk}/change/"


def laxa(committee: m.Committee) -> tuple[int, m.Member]:
    members = list(committee.members.order_by("pk"))
    index = next(i for i, r in enumerate(members) if r.municipality.code == "1860")
    return index, members[index]


@pytest.fixture
def adopted(period: m.Period) -> m.Period:
    adopt(period.pk, user("controller"))
    period.refresh_from_db()
    return period


def test_renaming_a_member_in_the_admin_shows_at_once_and_is_audited(period: m.Period) -> None:
    committee = period.committee
    reader = client_for("reader")
    assert "Laxå" in reader.get(url("overview", period)).content.decode()  # now cached
    index, member = laxa(committee)
    data = committee_form(committee, **{f"members-{index}-label": "Laxå (nytt namn)"})
    response = admin_post(committee_path(committee), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Laxå (nytt namn)" in reader.get(url("overview", period)).content.decode()
    change = m.Change.objects.get(period=period, field=f"member:{member.pk}")
    assert (change.item_kind, change.by_name) == ("committee", "Ada Administratör")
    assert change.old.startswith("Laxå (") and change.new.startswith("Laxå (nytt namn) (")
    assert change.field_label == "Medlemskommun"


def test_renaming_a_committee_is_in_the_trail_of_every_period(period: m.Period) -> None:
    committee = period.committee
    response = admin_post(committee_path(committee), committee_form(committee, name="IT-nämnden"))
    assert response.status_code == 302
    for p in committee.periods.all():
        change = m.Change.objects.get(period=p, item_kind="committee", field="name")
        assert (change.old, change.new) == ("Sydnärkes IT-nämnd", "IT-nämnden")


def test_renaming_a_municipality_is_audited_and_marks_the_pages_stale(period: m.Period) -> None:
    laxa_kommun = m.Municipality.objects.get(code="1860")
    revision = period.revision
    response = admin_post(
        f"/admin/followup/municipality/{laxa_kommun.pk}/change/",
        {"name": "Laxå kommun (ny)", "code": "1860", "_save": "Spara"},
    )
    assert response.status_code == 302
    change = m.Change.objects.get(period=period, item_kind="municipality", field="name")
    assert (change.old, change.new) == ("Laxå kommun", "Laxå kommun (ny)")
    period.refresh_from_db()
    assert period.revision > revision


def test_an_adopted_committee_its_members_and_municipalities_are_read_only(
    adopted: m.Period,
) -> None:
    committee = adopted.committee
    index, member = laxa(committee)
    data = committee_form(
        committee, name="IT-nämnden", **{f"members-{index}-label": "Laxå (nytt namn)"}
    )
    admin_post(committee_path(committee), data)
    committee.refresh_from_db()
    member.refresh_from_db()
    assert (committee.name, member.label) == ("Sydnärkes IT-nämnd", "Laxå")
    laxa_kommun = m.Municipality.objects.get(code="1860")
    response = admin_post(
        f"/admin/followup/municipality/{laxa_kommun.pk}/change/",
        {"name": "Laxå kommun (ny)", "code": "1860", "_save": "Spara"},
    )
    assert response.status_code == 403
    assert m.Municipality.objects.get(code="1860").name == "Laxå kommun"
    page = client_for("admin").get(committee_path(committee)).content.decode()
    assert 'name="name"' not in page


def test_roles_stay_editable_in_an_adopted_committee_and_are_audited(adopted: m.Period) -> None:
    committee = adopted.committee
    roles = list(committee.assignments.order_by("pk"))
    index = next(i for i, r in enumerate(roles) if r.user.username == "lasare")
    data = committee_form(committee, **{f"assignments-{index}-role": m.Role.OWNER})
    assert admin_post(committee_path(committee), data).status_code == 302
    assert committee.assignments.get(user__username="lasare").role == m.Role.OWNER
    change = m.Change.objects.get(period=adopted, field=f"assignment:{roles[index].pk}")
    assert change.old.endswith("Läsare") and change.new.endswith("Indikatoransvarig")


def test_linking_a_goal_to_kf_mal_in_the_admin_offers_its_municipalitys_and_is_audited(
    period: m.Period,
) -> None:
    goal = period.goals.get(key="1")
    path = f"/admin/followup/goal/{goal.pk}/change/"
    page = client_for("admin").get(path).content.decode()
    assert 'type="checkbox" name="council_goals"' in page
    assert "Lekeberg växer hållbart" in page and "Ett tryggt Örebro" not in page
    kf1 = m.CouncilGoal.objects.get(municipality__code="1814", year=2024, key="KF1")
    data = {"key": goal.key, "name": goal.name, "position": str(goal.position),
            "no_indicators": "", "council_goals": [str(kf1.pk)], "_save": "Spara",
            "indicators-TOTAL_FORMS": "0", "indicators-INITIAL_FORMS": "0"}  # fmt: skip
    assert client_for("admin").post(path, data).status_code == 302
    assert [c.key for c in goal.council_goals.all()] == ["KF1"]
    change = m.Change.objects.get(period=period, item_id=goal.pk, field="council_goals")
    assert (change.old, change.new) == ("KF4", "KF1")


def test_a_kf_mal_changed_in_the_admin_is_in_the_municipalitys_trail(db: Any) -> None:
    kf = m.CouncilGoal.objects.get(municipality__code="1814", year=2024, key="KF2")
    path = f"/admin/followup/councilgoal/{kf.pk}/change/"
    assert client_for("admin").get(path).status_code == 200
    data = {"municipality": str(kf.municipality_id), "year": "2024", "key": "KF2",
            "name": "Barn och unga lyckas", "description": "", "position": str(kf.position),
            "indicators-TOTAL_FORMS": "0", "indicators-INITIAL_FORMS": "0",
            "_save": "Spara"}  # fmt: skip
    assert client_for("admin").post(path, data).status_code == 302
    change = m.Change.objects.get(municipality=kf.municipality, item_id=kf.pk, field="name")
    assert change.period is None and change.new == "Barn och unga lyckas"
