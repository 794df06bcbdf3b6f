"""Every address of the comment threads × every role, as one table, and no leak.

Reading a thread is as reading its item: every role in the committee, and those reading it
through a municipality. Posting is for those who may change results (controller, indicator
owner); a reader gets 403, someone without a role 404, anonymous is sent to sign in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from styra.web.comments import threads
from styra.web.comments.models import Comment
from styra.web.followup import models as m
from tests.web.conftest import TENANT_B_PERSONAS, client_for, indicator, other_period, url
from tests.web.roles_table import LEAK_PERSONAS, Case, Request, by_role, check_access, check_hidden

SECRET = "Hemligt samtal om budgeten"


def _item(kind: str, p: m.Period) -> int:
    found: dict[str, Callable[[], Any]] = {
        "indikator": lambda: indicator(p, "1.7"),
        "mal": lambda: m.Goal.objects.get(period=p, key="1"),
        "rad": lambda: m.ReportLine.objects.get(period=p, label="PERSONALKOSTNADER"),
        "berattelse": lambda: m.NarrativeSection.objects.get(period=p, key="resultat"),
    }
    return int(found[kind]().pk)


def view(kind: str) -> Callable[[m.Period], Request]:
    return lambda p: (url("comment_thread", p, kind=kind, pk=_item(kind, p)), None)


def write(kind: str) -> Callable[[m.Period], Request]:
    data = {"kommentar-text": "Ny kommentar."}
    return lambda p: (url("comment_thread", p, kind=kind, pk=_item(kind, p)), data)


def foreign_item(kind: str, write: bool) -> Callable[[m.Period], Request]:
    """The period's address with the same item of another municipality's committee."""

    def request(p: m.Period) -> Request:
        other = other_period() if p.committee.slug != "orebro-it" else _it_period()
        data = {"kommentar-text": "Ny kommentar."} if write else None
        return url("comment_thread", p, kind=kind, pk=_item(kind, other)), data

    return request


def _it_period() -> m.Period:
    return m.Period.objects.get(committee__slug="sydnarkes-it", slug="2024-helar")


KINDS = ("indikator", "mal", "rad", "berattelse")
CASES = [
    *(Case(f"thread {k}", view(k), 200, 200, 200) for k in KINDS),
    *(Case(f"post {k}", write(k), 302, 302, 403) for k in KINDS),
    *(Case(f"another tenant's {k}", foreign_item(k, False), 404, 404, 404) for k in KINDS),
    *(Case(f"post to another tenant's {k}", foreign_item(k, True), 404, 404, 404) for k in KINDS),
    Case(
        "unknown kind",
        lambda p: (url("comment_thread", p, kind="prognos", pk=1), None),
        404,
        404,
        404,
    ),
    Case(
        "unknown item",
        lambda p: (url("comment_thread", p, kind="indikator", pk=999_999), None),
        404,
        404,
        404,
    ),
    # The pages the thread is shown on, and the history that lists the comments.
    Case(
        "indicator page",
        lambda p: (url("indicator", p, pk=_item("indikator", p)), None),
        200,
        200,
        200,
    ),
    Case("history", lambda p: (url("history", p), None), 200, 200, 200),
]


def _seed(period: m.Period) -> None:
    """A comment in every thread, whose words must reach no one who may not read them."""
    for kind in KINDS:
        Comment.objects.create(
            period=period,
            item_kind=threads.KINDS[kind].item_kind,
            item_id=_item(kind, period),
            item_label="x",
            author_name="Eva Ekonom",
            text=SECRET,
        )


@by_role(CASES)
def test_access(case: Case, persona: str, period: m.Period) -> None:
    _seed(period)
    before = Comment.objects.count()
    response = check_access(case, persona, period)
    expected = case.expected(persona)
    content = b"".join(response) if response.status_code != 302 else b""
    assert (SECRET.encode() in content) == (expected == 200)
    written = Comment.objects.count() - before
    assert written == (1 if expected == 302 and persona != "anonymous" else 0)


# Another municipality's committee (Örebro's, with the same content): every address is 404
# for everyone of Lekeberg, Laxå and the IT committee, and the other way round.
OWN_CASES = [c for c in CASES if not c.name.startswith(("another", "post to another"))]


@by_role(OWN_CASES, LEAK_PERSONAS)
def test_another_municipalitys_threads_are_404(case: Case, persona: str, db: Any) -> None:
    _seed(other_period())
    before = Comment.objects.count()
    response = check_hidden(case, persona, other_period())
    assert SECRET.encode() not in response.content
    assert Comment.objects.count() == before


@by_role(OWN_CASES, [p for p in TENANT_B_PERSONAS if p != "other_municipal"])
def test_the_second_tenants_people_get_404_in_the_first(
    case: Case, persona: str, period: m.Period
) -> None:
    _seed(period)
    before = Comment.objects.count()
    response = check_hidden(case, persona, period)
    assert SECRET.encode() not in response.content
    assert Comment.objects.count() == before


def test_the_second_tenants_controller_posts_in_their_own_committee(db: Any) -> None:
    other = other_period()
    address, data = write("indikator")(other)
    assert client_for("b_controller").post(address, data).status_code == 302
    assert Comment.objects.get().period == other
