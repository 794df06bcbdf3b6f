"""``styra manage send_reminders`` against a real SMTP server (aiosmtpd on a free port).

The example's owner (Ingrid) answers for goal 1's seven entered indicators (1.1–1.7); the
controller (Eva) is given goal 2 here; the reader (Lars) answers for nothing. The deadline
is 2025-02-14 and the window opens seven days before it (the command's default).
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command

from styra.web.followup import models as m
from styra.web.followup.access import Access
from styra.web.workflow import parts
from styra.web.workflow.models import Reminder
from tests.web.conftest import indicator, url, user
from tests.web.live import free_port
from tests.web.mail import SITE, Inbox, inbox_fixture, subject, text_of

ADDRESSES = {
    "owner": "ingrid@lekeberg.example.se",
    "controller": "eva@lekeberg.example.se",
    "reader": "lars@lekeberg.example.se",
}
GOAL_1 = ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"]

inbox = inbox_fixture("styra@lekeberg.example.se")


@pytest.fixture
def workflow(period: m.Period) -> m.Period:
    """Addresses, the deadline, and goal 2 given to the controller."""
    for persona, address in ADDRESSES.items():
        person = user(persona)
        person.email = address
        person.save()
    parts.set_deadline(period, user("controller"), date(2025, 2, 14))
    goal_2 = m.Goal.objects.get(period=period, key="2")
    parts.assign(period, user("controller"), goal_2, user("controller"))
    return period


def remind(day: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("send_reminders", "--date", day, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def access(persona: str, period: m.Period) -> Access:
    role = m.Assignment.objects.get(user=user(persona), committee=period.committee).role
    return Access(period.committee, role, user(persona).pk, period)


def test_each_person_with_open_parts_gets_one_digest_with_links(
    workflow: m.Period, inbox: Inbox
) -> None:
    out, _err = remind("2025-02-10")
    assert sorted(rcpt[0] for rcpt, _m in inbox.messages) == sorted(
        [ADDRESSES["owner"], ADDRESSES["controller"]]
    )
    assert inbox.to(ADDRESSES["reader"]) == []
    [mail] = inbox.to(ADDRESSES["owner"])
    assert subject(mail) == "Styra: 7 delar att klarmarkera"
    assert mail["From"] == "styra@lekeberg.example.se"
    text = text_of(mail)
    assert text.startswith("Hej Ingrid!")
    assert "Sydnärkes IT-nämnd, 2024 Helår (årsredovisning) – deadline 2025-02-14:" in text
    for key in GOAL_1:
        ind = indicator(workflow, key)
        assert f"- Indikator {key} {ind.name} (ej klar)" in text
        assert SITE + url("indicator", workflow, pk=ind.pk) in text
    assert "2.1" not in text
    html = mail.get_body(preferencelist=("html",))
    assert html is not None and f'href="{SITE}{url("indicator", workflow, pk=ind.pk)}"' in str(
        html.get_content()
    )
    [mail] = inbox.to(ADDRESSES["controller"])
    assert subject(mail) == "Styra: 1 del att klarmarkera"
    assert "- Nämndmål 2 " in text_of(mail)
    assert out.startswith("2 påminnelser och 0 besked")
    trail = m.Change.objects.filter(period=workflow, field="Påminnelse").order_by("id")
    assert sorted(c.new for c in trail) == [
        f"e-post till Eva Ekonom <{ADDRESSES['controller']}>: 1 del",
        f"e-post till Ingrid Indikatoransvarig <{ADDRESSES['owner']}>: 7 delar",
    ]
    assert all(c.by_name == "system" for c in trail)


def test_a_second_run_the_same_day_sends_nothing_and_the_next_day_again(
    workflow: m.Period, inbox: Inbox
) -> None:
    remind("2025-02-10")
    assert len(inbox.messages) == 2
    out, _err = remind("2025-02-10")
    assert len(inbox.messages) == 2
    assert out.startswith("0 påminnelser")
    assert m.Change.objects.filter(period=workflow, field="Påminnelse").count() == 2
    remind("2025-02-11")
    assert len(inbox.messages) == 4
    assert Reminder.objects.filter(user=user("owner")).count() == 14


def test_a_part_given_later_the_same_day_is_reminded_alone(
    workflow: m.Period, inbox: Inbox
) -> None:
    remind("2025-02-10")
    goal_1 = m.Goal.objects.get(period=workflow, key="1")
    parts.assign(workflow, user("controller"), goal_1, user("owner"))
    remind("2025-02-10")
    assert len(inbox.to(ADDRESSES["owner"])) == 2
    last = text_of(inbox.to(ADDRESSES["owner"])[-1])
    assert "- Nämndmål 1 " in last and "Indikator 1.4" not in last


def test_nothing_is_sent_before_the_window_or_for_an_adopted_period(
    workflow: m.Period, inbox: Inbox
) -> None:
    remind("2025-02-06")  # eight days before
    assert inbox.messages == []
    remind("2025-02-01", "--days", "13")  # a wider window, by the option
    assert len(inbox.messages) == 2
    m.Period.objects.filter(pk=workflow.pk).update(state=m.PeriodState.ADOPTED)
    remind("2025-02-20")
    assert len(inbox.messages) == 2


def test_ready_parts_are_left_out_and_a_late_part_is_still_reminded(
    workflow: m.Period, inbox: Inbox
) -> None:
    ind = indicator(workflow, "1.4")
    parts.mark_ready(access("owner", workflow), user("owner"), ind)
    remind("2025-02-20")  # after the deadline, not adopted
    [mail] = inbox.to(ADDRESSES["owner"])
    assert subject(mail) == "Styra: 6 delar att klarmarkera"
    assert "Indikator 1.4 " not in text_of(mail)


def test_a_reopened_part_carries_the_controllers_comment(workflow: m.Period, inbox: Inbox) -> None:
    ind = indicator(workflow, "1.4")
    parts.mark_ready(access("owner", workflow), user("owner"), ind)
    parts.reopen(access("controller", workflow), user("controller"), ind, "Ta med december.")
    remind("2025-02-10")
    text = text_of(inbox.to(ADDRESSES["owner"])[0])
    assert "(återöppnad)" in text and "Återöppnad: Ta med december." in text


def test_when_everything_is_ready_the_controller_hears_it_once(
    workflow: m.Period, inbox: Inbox
) -> None:
    for key in GOAL_1:
        parts.mark_ready(access("owner", workflow), user("owner"), indicator(workflow, key))
    goal_2 = m.Goal.objects.get(period=workflow, key="2")
    parts.mark_ready(access("controller", workflow), user("controller"), goal_2)
    out, _err = remind("2025-02-12")
    [(rcpt, mail)] = inbox.messages
    assert rcpt == [ADDRESSES["controller"]]
    assert subject(mail) == f"Styra: alla delar är klara i {workflow}"
    text = text_of(mail)
    assert "Alla delar av Sydnärkes IT-nämnd 2024 (Helår (årsredovisning)) är markerade" in text
    assert SITE + url("overview", workflow) in text
    assert out.startswith("0 påminnelser och 1 besked")
    remind("2025-02-12")
    remind("2025-02-13")
    assert len(inbox.messages) == 1
    change = m.Change.objects.get(period=workflow, field="Påminnelse")
    assert change.new == f"e-post till Eva Ekonom <{ADDRESSES['controller']}>: alla delar är klara"


def test_a_person_without_an_address_is_named_and_gets_nothing(
    workflow: m.Period, inbox: Inbox
) -> None:
    owner = user("owner")
    owner.email = ""
    owner.save()
    _out, err = remind("2025-02-10")
    assert "Ingen e-postadress: Ingrid Indikatoransvarig" in err
    assert [rcpt for rcpt, _m in inbox.messages] == [[ADDRESSES["controller"]]]
    assert not Reminder.objects.filter(user=owner).exists()


def test_a_failed_send_claims_nothing_so_the_next_run_sends_it(
    workflow: m.Period, inbox: Inbox, settings: Any
) -> None:
    settings.EMAIL_PORT = free_port()  # nobody listens there
    with pytest.raises(OSError):
        remind("2025-02-10")
    assert not Reminder.objects.exists()
    assert not m.Change.objects.filter(field="Påminnelse").exists()
