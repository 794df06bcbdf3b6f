"""``styra kolada fetch`` with recorded responses in place of the network."""

import argparse
from pathlib import Path

import pytest

from styra.sources.cli import add_parser, run
from styra.sources.kolada_client import HttpResponse, KoladaClient, ReplayTransport

from .test_kolada import DATA_URL, KPI_URL, PAGE_2, ok


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="styra")
    add_parser(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(["kolada", "fetch", *argv])


def _client(transport: ReplayTransport | None = None) -> KoladaClient:
    transport = transport or ReplayTransport(
        {
            KPI_URL: [ok("kpi-N01951.json")],
            DATA_URL: [ok("data-N01951-2022-page1.json")],
            PAGE_2: [ok("data-N01951-2022-page2.json")],
        }
    )
    return KoladaClient(transport=transport, sleep=lambda seconds: None)


QUERY = ("--kpi", "N01951", "--municipality", "1814,1860,1882,1861", "--year", "2022")


def test_it_prints_the_values_and_writes_a_snapshot(tmp_path: Path, capsys) -> None:
    output = tmp_path / "kolada.json"
    args = _args(*QUERY, "--output", str(output))
    assert run(args, _client()) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "N01951 Invånare totalt, antal, 1814, 2022, T: 8\u202f756,0"
    assert printed[-1] == f"Skrev {output}"
    assert '"format": "styra.kolada-snapshot/1"' in output.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ("--kpi", "N01951", "--municipality", "18", "--year", "2022"),
            "kommunkoder har fyra siffror: 18",
        ),
        (
            ("--kpi", "N01951", "--municipality", "1814", "--year", "22"),
            "år skrivs med fyra siffror: 22",
        ),
    ],
)
def test_it_refuses_a_malformed_query(argv: tuple[str, ...], message: str, capsys) -> None:
    assert run(_args(*argv), _client()) == 2
    assert capsys.readouterr().err == f"styra kolada fetch: {message}\n"


def test_it_reports_kolada_being_down_without_a_traceback(capsys) -> None:
    down = ReplayTransport({KPI_URL: [HttpResponse(404, b"")]})
    assert run(_args(*QUERY), _client(down)) == 1
    assert capsys.readouterr().err.startswith("styra kolada fetch: Kolada svarade 404 på ")


def test_it_is_registered_on_the_styra_command() -> None:
    from styra.cli import build_parser

    args = build_parser().parse_args(["kolada", "fetch", *QUERY])
    assert args.func is run
