"""Files that cannot be read are reported in Swedish, by the name the user wrote.

Never the operating system's English (``[Errno 2] No such file or directory``) and never
the absolute path of a temporary folder.
"""

from pathlib import Path

import pytest

from styra.problems import Problem
from styra.sources import (
    Period,
    compute_indicator_value,
    load_kolada_snapshot,
    parse_indicator_source,
)
from styra.sources.cli import run
from styra.sources.table import read_table

from .test_cli import QUERY, _args, _client

YEAR = Period.year(2024)


def _no_leak(problems: list[Problem], folder: Path) -> None:
    for problem in problems:
        for text in (problem.message, problem.hint):
            assert "Errno" not in text and str(folder) not in text, text
            assert "No such file" not in text and "codec" not in text, text


def _compute(folder: Path, **spec: str):
    source, problems = parse_indicator_source(spec)
    assert source is not None, problems
    return compute_indicator_value(source, folder, YEAR)


def test_a_missing_kolada_snapshot_is_named_as_written(tmp_path: Path) -> None:
    snapshot, problems = load_kolada_snapshot(tmp_path / "sources/x.json", "sources/x.json")
    assert snapshot is None
    assert [p.message for p in problems] == ["Filen »sources/x.json» finns inte"]
    assert problems[0].source.file == "sources/x.json"
    _no_leak(problems, tmp_path)


def test_a_kolada_snapshot_that_is_a_folder_or_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "mapp.json").mkdir()
    (tmp_path / "k.json").write_bytes('{"å": 1}'.encode("cp1252"))
    _, folder = load_kolada_snapshot(tmp_path / "mapp.json", "mapp.json")
    _, latin = load_kolada_snapshot(tmp_path / "k.json", "k.json")
    assert [p.message for p in folder] == ["»mapp.json» är en mapp, inte en fil"]
    assert [p.message for p in latin] == ["Filen »k.json» är inte UTF-8-kodad"]
    _no_leak(folder + latin, tmp_path)


def test_a_kolada_source_that_is_not_utf8_is_reported_in_swedish(tmp_path: Path) -> None:
    (tmp_path / "k.json").write_bytes('{"å": 1}'.encode("cp1252"))
    value, problems = _compute(
        tmp_path,
        kind="kolada",
        file="k.json",
        metric="value",
        kpi="N01951",
        municipality="1814",
        year="2022",
    )
    assert value is None
    assert [p.message for p in problems] == ["Filen »k.json» är inte UTF-8-kodad"]
    _no_leak(problems, tmp_path)


def test_a_file_that_may_not_be_read_is_reported_in_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.csv").write_text("id\n", encoding="utf-8")
    (tmp_path / "k.json").write_text("{}", encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_text", refuse)
    _, table_problems = read_table(tmp_path / "a.csv", "a.csv")
    _, kolada_problems = load_kolada_snapshot(tmp_path / "k.json", "k.json")
    problems = table_problems + kolada_problems
    assert [p.message for p in problems] == [
        "Filen »a.csv» kunde inte läsas: behörighet saknas",
        "Filen »k.json» kunde inte läsas: behörighet saknas",
    ]
    _no_leak(problems, tmp_path)


def test_a_mapping_file_that_is_not_utf8_is_reported_in_swedish(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id;type;opened;resolved\n", encoding="utf-8")
    (tmp_path / "m.yaml").write_bytes("columns:\n  id: Ärende\n".encode("cp1252"))
    value, problems = _compute(
        tmp_path,
        kind="ticket_export",
        file="a.csv",
        mapping="m.yaml",
        metric="open_at_period_end",
        type="incident",
    )
    assert value is None
    assert [p.message for p in problems] == ["Filen »m.yaml» är inte UTF-8-kodad"]
    _no_leak(problems, tmp_path)


def test_a_missing_export_or_mapping_names_the_file_without_the_folder(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id;type;opened;resolved\n", encoding="utf-8")
    spec = {"kind": "ticket_export", "metric": "open_at_period_end", "type": "incident"}
    _, export = _compute(tmp_path, file="saknas.csv", **spec)
    _, mapping = _compute(tmp_path, file="a.csv", mapping="sources/m.yaml", **spec)
    assert [p.message for p in export + mapping] == [
        "Filen »saknas.csv» finns inte",
        "Filen »sources/m.yaml» finns inte",
    ]
    _no_leak(export + mapping, tmp_path)


def test_kolada_fetch_that_cannot_write_says_why_in_swedish(tmp_path: Path, capsys) -> None:
    output = tmp_path / "saknas" / "kolada.json"
    assert run(_args(*QUERY, "--output", str(output)), _client()) == 2  # wrong use
    err = capsys.readouterr().err
    assert err == f"styra kolada fetch: mappen {output.parent} finns inte\n"
    assert "Errno" not in err


def test_an_unknown_encoding_in_the_mapping_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id;type;opened;resolved\n", encoding="utf-8")
    _, problems = read_table(tmp_path / "a.csv", "a.csv", encoding="latin-99")
    assert [p.message for p in problems] == ["Teckenkodningen »latin-99» finns inte"]
    assert problems[0].code == "sources.encoding"


def test_a_mapping_that_is_not_yaml_gives_line_and_column_in_swedish(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id;type;opened;resolved\n", encoding="utf-8")
    (tmp_path / "m.yaml").write_text("columns:\n  id: [unclosed\n", encoding="utf-8")
    _, problems = _compute(
        tmp_path,
        kind="ticket_export",
        file="a.csv",
        mapping="m.yaml",
        metric="open_at_period_end",
        type="incident",
    )
    assert [str(p) for p in problems] == [
        "m.yaml:3: Mappningen är inte giltig YAML (rad 3, kolumn 1)"
    ]
