"""Two real ``styra serve`` processes on one database share the cache of computed pages.

On PostgreSQL when ``DATABASE_URL`` is set (a fresh database both servers use), else on one
SQLite file both servers open. A page computed by one server is read by the other from the
database's cache table, and a change made through one is on the other's page at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from tests.web.live import Browser, Server, fresh_database, postgres_url, query, serve

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


def test_a_change_through_one_server_is_seen_on_the_other_at_once(tmp_path: Path) -> None:
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
