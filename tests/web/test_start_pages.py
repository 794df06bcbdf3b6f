"""The sign-in page says what Styra is and, in the demo, where the accounts are; the start
page tells an administrator without a role what to do, not to ask an administrator."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from styra.web.followup import models as m

from .conftest import client_for, user

ASK_AN_ADMINISTRATOR = "Be en administratör"


def test_the_sign_in_page_says_what_styra_is(db: Any) -> None:
    page = Client().get(reverse("login")).content.decode()
    assert "Styra är mål- och ekonomiuppföljning för kommuner och nämnder" in page


def test_the_demo_sign_in_page_says_where_the_accounts_are_printed(db: Any, settings: Any) -> None:
    settings.DEMO = True
    page = Client().get(reverse("login")).content.decode()
    assert "skrevs ut i terminalen där Styra startades" in page
    assert "<code>demo-konton.txt</code>" in page


def test_outside_the_demo_the_sign_in_page_mentions_no_demo_accounts(
    db: Any, settings: Any
) -> None:
    settings.DEMO = False
    page = Client().get(reverse("login")).content.decode()
    assert "demo-konton.txt" not in page and "Demokontona" not in page


def test_the_administrator_is_not_told_to_ask_an_administrator(period: m.Period) -> None:
    admin = Client()
    admin.force_login(user("admin"))
    page = admin.get(reverse("home")).content.decode()
    assert ASK_AN_ADMINISTRATOR not in page
    assert "Du är administratör" in page
    change = reverse("admin:followup_committee_change", args=[period.committee.pk])
    assert f'<a href="{change}">{period.committee.name}</a>' in page


def test_a_user_without_a_role_is_told_to_ask_an_administrator(period: m.Period) -> None:
    m.Assignment.objects.filter(user=user("reader")).delete()
    page = client_for("reader").get(reverse("home")).content.decode()
    assert ASK_AN_ADMINISTRATOR in page
    assert "Du är administratör" not in page
