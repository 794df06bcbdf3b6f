"""The address × role table the permission tests share: a ``Case`` names an address (how to
build its request for a period) and the status every persona of tests/web/conftest.py must
get there; ``by_role`` parametrizes a test over the cases and the personas.

An outsider gets 404 (they may not learn the committee exists), a role that may not gets 403,
anonymous is sent to sign in (302). Roles over a whole municipality read a committee like its
reader; another municipality's controller gets 404 like an outsider.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import pytest

from styra.web.followup import models as m
from tests.web.conftest import MUNICIPAL_PERSONAS, PERSONAS, client_for

Request = tuple[str, dict[str, Any] | None]  # the address and the POST data (None: GET)
Test = TypeVar("Test", bound=Callable[..., Any])

# Everyone of Lekeberg, Laxå and the IT committee: for them, every address of another
# municipality's committee (Örebro's, with the same content) is 404.
LEAK_PERSONAS = ("controller", "owner", "reader", "outsider", "municipal", "council", "member")


@dataclass(frozen=True)
class Case:
    name: str
    request: Callable[[m.Period], Request]
    controller: int
    owner: int
    reader: int = 403
    outsider: int = 404
    anonymous: int = 302
    # None: as the reader.
    municipal: int | None = None
    council: int | None = None
    member: int | None = None
    other_municipal: int = 404

    def expected(self, persona: str) -> int:
        found = getattr(self, persona)
        return self.reader if found is None else int(found)


def by_role(
    cases: Sequence[Case], personas: Sequence[str] = (*PERSONAS, *MUNICIPAL_PERSONAS)
) -> Callable[[Test], Test]:
    """Runs the test once for every case and persona (arguments ``case`` and ``persona``)."""

    def parametrize(test: Test) -> Test:
        by_case = pytest.mark.parametrize("case", cases, ids=[c.name for c in cases])(test)
        return cast(Test, pytest.mark.parametrize("persona", personas)(by_case))

    return parametrize


def respond(case: Case, persona: str, period: m.Period) -> Any:
    """The response the persona gets at the case's address in ``period``."""
    address, data = case.request(period)
    client = client_for(persona)
    return client.get(address) if data is None else client.post(address, data)


def check_access(case: Case, persona: str, period: m.Period) -> Any:
    """The response, after checking its status is the table's (and anonymous is sent to
    sign in)."""
    response = respond(case, persona, period)
    assert response.status_code == case.expected(persona), response.content[:500]
    if persona == "anonymous":
        assert response["Location"].startswith("/konto/logga-in/")
    return response


def check_hidden(case: Case, persona: str, period: m.Period) -> Any:
    """The response, after checking it is 404: the persona may not learn the address exists."""
    response = respond(case, persona, period)
    assert response.status_code == 404, (response.wsgi_request.path, response.status_code)
    return response
