"""A report's sections come from report.yaml: add, drop, reorder, and every name checked."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from styra.core.followup import FollowUp, compute
from styra.core.goals import Override, Status
from styra.documents import render
from styra.documents.annual import build_annual_report
from styra.documents.model import Table
from styra.documents.spec import ContentRef, ReportSpec, SectionSpec
from styra.folder import load
from styra.report.formats import RenderError

SECTIONS = """
sections:
  - title: Ekonomi
    content: [operating_account]
  - title: Mål
    content: [goal_summary]
    sections:
      - title: Tabell
        content: [goal_table]
"""


def _replace_sections(folder: Path, text: str) -> None:
    report = folder / "report.yaml"
    head = report.read_text(encoding="utf-8").split("\nsections:")[0]
    report.write_text(head + "\n" + text.lstrip("\n"), encoding="utf-8")


def test_sections_are_numbered_in_the_order_report_yaml_gives(example: Path) -> None:
    _replace_sections(example, SECTIONS)
    loaded = load(example)
    assert loaded.ok and loaded.input
    document = render.document(loaded, compute(loaded.input))
    # "Prognossäkerhet" follows the operating account, as the folder keeps the delår's forecast
    headings = ["1 Ekonomi", "1.1 Prognossäkerhet", "2 Mål", "2.1 Tabell"]
    assert [s.heading for s in document.walk()] == headings
    assert isinstance(document.sections[0].blocks[1], Table)  # after the reading guide


def test_an_unknown_block_is_a_problem_at_its_line(example: Path) -> None:
    _replace_sections(example, SECTIONS.replace("[goal_summary]", "[goal_sumary]"))
    [problem] = [p for p in load(example).problems if "okänt innehåll" in p.message]
    lines = (example / "report.yaml").read_text().splitlines()
    assert problem.source.file == "report.yaml"
    assert problem.source.line is not None and "goal_sumary" in lines[problem.source.line - 1]
    assert "goal_summary" in problem.hint


def test_a_narrative_that_does_not_exist_is_a_problem(example: Path) -> None:
    _replace_sections(example, SECTIONS.replace("[goal_summary]", "[narrative:saknas]"))
    messages = [p.message for p in load(example).problems]
    assert "berättelsen »saknas» finns inte i »narrative»" in messages


def test_a_section_naming_data_the_follow_up_lacks_is_a_problem(followup: FollowUp) -> None:
    without_key = dataclasses.replace(followup.input, sharing_key=None)
    spec = ReportSpec((SectionSpec("Ekonomi", (ContentRef("sharing", line=7),)),), explicit=True)
    built = build_annual_report(compute(without_key), spec)
    [problem] = built.problems
    assert (problem.source.file, problem.source.line) == ("report.yaml", 7)
    assert "nämner »sharing»" in problem.message


def test_the_default_sections_leave_missing_data_out_quietly(followup: FollowUp) -> None:
    without_key = dataclasses.replace(followup.input, sharing_key=None, narrative=())
    from styra.documents.spec import DEFAULT_SECTIONS

    built = build_annual_report(compute(without_key), ReportSpec(DEFAULT_SECTIONS))
    assert built.problems == ()


def test_a_title_with_an_unknown_placeholder_is_a_problem(followup: FollowUp) -> None:
    spec = ReportSpec((SectionSpec("A"),), title="Rapport {nämnd}")
    [problem] = build_annual_report(followup, spec).problems
    assert "{committee}" in problem.hint


def test_the_previous_year_column_appears_when_the_ledger_has_it(followup: FollowUp) -> None:
    finance = followup.input.finance
    previous = {k: v * Decimal("0.9") for k, v in finance.outcome.items()}
    data = dataclasses.replace(
        followup.input, finance=dataclasses.replace(finance, previous=previous)
    )
    spec = ReportSpec((SectionSpec("E", (ContentRef("operating_account"),)),))
    table = build_annual_report(compute(data), spec).document.sections[0].blocks[1]
    assert isinstance(table, Table)
    assert [c.header for c in table.columns][-1] == "UTFALL 2023"
    assert table.rows[-1].cells[-1].text == "767"  # 852 tkr × 0,9, rounded


def test_an_overridden_assessment_shows_its_justification(followup: FollowUp) -> None:
    goal = followup.input.goals[0]
    override = Override(
        Status.ACHIEVED,
        "NKI mättes inte 2024; nämnden bedömer målet nått.",
        "Controller",
        date(2025, 1, 20),
    )
    goals = (dataclasses.replace(goal, override=override), *followup.input.goals[1:])
    spec = ReportSpec((SectionSpec("M", (ContentRef("goal_table"),)),))
    blocks = build_annual_report(compute(dataclasses.replace(followup.input, goals=goals)), spec)
    table = blocks.document.sections[0].blocks[1]
    assert isinstance(table, Table)
    head = table.rows[0].cells[0]
    assert head.note == (
        "● Uppnås. Ändrad bedömning: NKI mättes inte 2024; nämnden bedömer målet nått. "
        "(Controller, 2025-01-20)"
    )


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_a_failed_render_writes_nothing(example: Path, tmp_path: Path, fmt: str) -> None:
    from styra.cli import main

    _replace_sections(example, SECTIONS.replace("[goal_summary]", "[goal_sumary]"))
    out = tmp_path / "ut"
    out.mkdir()
    output = out / f"r.{fmt}"
    output.write_bytes(b"old")
    assert main(["report", str(example), "--format", fmt, "--output", str(output)]) == 1
    assert output.read_bytes() == b"old"
    assert sorted(p.name for p in out.iterdir()) == [f"r.{fmt}"]


def test_render_error_is_raised_for_a_broken_spec_found_only_at_render(example: Path) -> None:
    loaded = load(example)
    assert loaded.input
    _replace_sections(example, SECTIONS.replace("[goal_summary]", "[nope]"))
    with pytest.raises(RenderError):
        render.html(loaded, compute(loaded.input))
