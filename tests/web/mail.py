"""A real SMTP server for tests (aiosmtpd on a free port) and what it received.

The mail tests read what a mail server was actually handed, not Django's locmem outbox, so
the headers, the encoding and a refused recipient are what a municipality's relay would see.
"""

from __future__ import annotations

import email
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.web.live import Server, free_port, serve

SITE = "https://styra.example.se"


@dataclass
class Inbox:
    """What the SMTP server received; addresses in ``refuse`` are refused at RCPT."""

    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(  # aiosmtpd's hook names
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=default_policy)
        assert isinstance(parsed, EmailMessage)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 Message accepted"

    def to(self, address: str) -> list[EmailMessage]:
        """The messages sent to this address alone."""
        return [message for rcpt, message in self.messages if rcpt == [address]]


def text_of(message: EmailMessage) -> str:
    """The plain-text body."""
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


def subject(message: EmailMessage) -> str:
    """The subject as read, without the whitespace of a folded header."""
    return " ".join(str(message["Subject"]).split())


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    """A running SMTP server on 127.0.0.1 and a free port: what it receives, and the port."""
    found = Inbox()
    server = Controller(found, hostname="127.0.0.1", port=free_port())
    server.start()
    try:
        yield found, int(server.port)
    finally:
        server.stop()


def smtp_settings(port: int) -> dict[str, str]:
    """The settings that make a live ``styra serve`` mail through the server of
    :func:`smtp_server` on ``port``."""
    return {"STYRA_SMTP_HOST": "127.0.0.1", "STYRA_SMTP_PORT": str(port)}


def smtp_fixture() -> Callable[[], Iterator[tuple[Inbox, int]]]:
    """The module-scoped ``smtp`` fixture: an SMTP server for a module's live server, what it
    received and its port. A module takes it as ``smtp = smtp_fixture()``."""

    @pytest.fixture(scope="module", name="smtp")
    def smtp() -> Iterator[tuple[Inbox, int]]:
        with smtp_server() as found:
            yield found

    return smtp


@contextmanager
def serve_mailing(data: Path, smtp_port: int, site: str) -> Iterator[Server]:
    """A live ``styra serve`` (tests/web/live.py: one worker, SQLite in ``data``) that mails
    through the SMTP server on ``smtp_port``, with links to ``site``."""
    mail = smtp_settings(smtp_port)
    with serve(data, workers=1, postgres=False, STYRA_SITE_URL=site, **mail) as found:
        yield found


def inbox_fixture(sender: str, site: str = SITE) -> Callable[..., Iterator[Inbox]]:
    """The ``inbox`` fixture: a real SMTP server, and Django's SMTP backend pointed at it
    sending as ``sender`` with links to ``site``. A module takes it as
    ``inbox = inbox_fixture("styra@kommun.example.se")``."""

    @pytest.fixture(name="inbox")
    def inbox(settings: Any) -> Iterator[Inbox]:
        with smtp_server() as (found, port):
            settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
            settings.EMAIL_HOST = "127.0.0.1"
            settings.EMAIL_PORT = port
            settings.EMAIL_HOST_USER = ""
            settings.EMAIL_HOST_PASSWORD = ""
            settings.EMAIL_USE_TLS = False
            settings.DEFAULT_FROM_EMAIL = sender
            settings.STYRA_SITE_URL = site
            yield found

    return inbox
