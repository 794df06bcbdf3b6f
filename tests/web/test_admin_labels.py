"""The admin's change forms of a period and a committee: every form control has a name a
screen reader can say (a <label for>, aria-label or aria-labelledby)."""

from __future__ import annotations

from html.parser import HTMLParser

from django.urls import reverse

from styra.web.followup import models as m
from tests.web.conftest import client_for


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.labelled: set[str] = set()
        self.controls: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "label" and a.get("for"):
            self.labelled.add(a["for"])
        named_by_value = ("hidden", "submit", "button", "reset")  # a button's name is its value
        if tag in ("input", "select", "textarea") and a.get("type") not in named_by_value:
            self.controls.append(a | {"tag": tag})


def unnamed_controls(html: str) -> list[str]:
    """The controls of the form without an accessible name, as id or name."""
    parser = _Controls()
    parser.feed(html)
    return [
        c.get("id") or c.get("name") or c["tag"]
        for c in parser.controls
        if not (c.get("id") in parser.labelled or c.get("aria-label") or c.get("aria-labelledby"))
    ]


def test_the_admin_change_page_of_a_period_names_every_control(period: m.Period) -> None:
    page = client_for("admin").get(reverse("admin:followup_period_change", args=[period.pk]))
    assert page.status_code == 200
    assert unnamed_controls(page.content.decode()) == []


def test_the_admin_change_page_of_a_committee_names_every_control(period: m.Period) -> None:
    change = reverse("admin:followup_committee_change", args=[period.committee_id])
    page = client_for("admin").get(change)
    assert page.status_code == 200
    assert unnamed_controls(page.content.decode()) == []
