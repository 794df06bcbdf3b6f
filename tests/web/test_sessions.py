"""Signing out ends the session in every server process, not only the one that answered."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.test import Client

from styra.web.followup import models as m
from tests.web.conftest import url, user


def test_a_session_signed_out_in_another_process_is_refused_here(period: m.Period) -> None:
    client = Client()
    client.force_login(user("controller"))
    overview = url("overview", period)
    assert client.get(overview).status_code == 200  # this process has now read the session
    key = client.session.session_key
    # Another gunicorn worker signs the person out: it flushes the session from the database
    # (and from its own cache, which this process does not share).
    Session.objects.filter(session_key=key).delete()
    response = client.get(overview)
    assert response.status_code == 302
    assert "/konto/logga-in/" in response["Location"]


def test_signing_out_flushes_the_session_key(period: m.Period) -> None:
    client = Client()
    client.force_login(user("controller"))
    key = client.session.session_key
    client.post("/konto/logga-ut/")
    assert not Session.objects.filter(session_key=key).exists()
    old = Client()
    old.cookies["sessionid"] = key
    assert old.get(url("overview", period)).status_code == 302
