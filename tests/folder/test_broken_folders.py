"""The loader's problems for broken folders: every problem, each with file, line and message."""

from pathlib import Path

from styra.cli import main
from styra.core.followup import compute
from styra.core.goals import Status
from styra.folder import load
from tests.folder.conftest import line_of


def messages(folder: Path) -> list[str]:
    return [str(p) for p in load(folder).problems]


def test_the_example_loads_without_problems(example: Path) -> None:
    loaded = load(example)
    assert loaded.ok, [str(p) for p in loaded.problems]
    assert loaded.problems == ()


def test_a_missing_file_is_named(example: Path) -> None:
    (example / "goals.yaml").unlink()
    assert "goals.yaml: filen saknas (se examples/ för ett exempel)" in messages(example)
    assert load(example).input is None


def test_an_unmapped_account_is_named_with_the_ledger_it_came_from(example: Path) -> None:
    accounts = example / "accounts.yaml"
    text = accounts.read_text().replace(
        "    - {label: LOKALHYROR, id: lokaler, section: cost, accounts: [6000-6099]}\n", ""
    )
    accounts.write_text(text)
    assert (
        "accounts.yaml: konto 6010 Lokalhyror i ledger.se ingår inte i någon rad i "
        "driftredovisningen (lägg till kontot i en rads »accounts» eller ändra »scope»)"
    ) in messages(example)


def test_a_bad_number_is_shown_with_its_line(example: Path) -> None:
    goals = example / "goals.yaml"
    goals.write_text(goals.read_text().replace("value: 66\n", "value: 18,x\n"))
    line = line_of(goals, "value: 18,x")
    assert f"goals.yaml:{line}: »value»: »18,x» är inte ett tal" in messages(example)


def test_a_duplicate_indicator_points_at_both_lines(example: Path) -> None:
    goals = example / "goals.yaml"
    goals.write_text(goals.read_text().replace('id: "1.2"', 'id: "1.1"'))
    first, second = line_of(goals, 'id: "1.1"'), line_of(goals, 'id: "1.1"', 2)
    assert (
        f"goals.yaml:{second}: indikatorn »1.1» finns redan på rad {first} "
        "(varje id ska vara unikt)"
    ) in messages(example)


def test_every_problem_is_reported_not_just_the_first(example: Path) -> None:
    goals = example / "goals.yaml"
    text = goals.read_text().replace("value: 66\n", "value: x\n").replace("value: 35", "value: y")
    goals.write_text(text)
    (example / "governance.yaml").write_text("model: MER\npartial_policy: {kind: sometimes}\n")
    found = messages(example)
    assert any("»x» är inte ett tal" in m for m in found)
    assert any("»y» är inte ett tal" in m for m in found)
    assert any(m.startswith("governance.yaml:2: »kind»: okänt värde »sometimes»") for m in found)


def test_an_unknown_field_is_a_warning_not_silence(example: Path) -> None:
    committee = example / "committee.yaml"
    committee.write_text(committee.read_text() + "comitee: typo\n")
    loaded = load(example)
    assert loaded.ok
    line = line_of(committee, "comitee")
    assert str(loaded.problems[0]).startswith(
        f"committee.yaml:{line}: varning: okänt fält »comitee» ignoreras"
    )


def test_a_yaml_syntax_error_names_its_line(example: Path) -> None:
    (example / "accounts.yaml").write_text("operating:\n  lines: [unclosed\n")
    assert any(m.startswith("accounts.yaml:") and "ogiltig YAML" in m for m in messages(example))


def test_a_bad_template_is_refused_at_load_time(example: Path) -> None:
    report = example / "report.yaml"
    report.write_text(report.read_text().replace("{committee} uppnådde", "{nämnd} uppnådde"))
    line = line_of(report, "{nämnd}")
    assert f"report.yaml:{line}: mallen »goals_lead»: okänd platshållare {{nämnd}}" in messages(
        example
    )


def test_an_override_needs_a_justification(example: Path) -> None:
    goals = example / "goals.yaml"
    text = goals.read_text().replace(
        "        value: 66\n",
        "        value: 66\n        override: {status: achieved, justification: ''}\n",
    )
    goals.write_text(text)
    line = line_of(goals, "override:")
    found = messages(example)
    assert any(m.startswith(f"goals.yaml:{line}: fältet »justification» saknas") for m in found)


def test_check_prints_file_line_message_and_exits_1(example: Path, capsys) -> None:
    goals = example / "goals.yaml"
    goals.write_text(goals.read_text().replace("value: 66\n", "value: 18,x\n"))
    assert main(["check", str(example)]) == 1
    err = capsys.readouterr().err
    assert f"goals.yaml:{line_of(goals, 'value: 18,x')}: »value»: »18,x» är inte ett tal" in err
    assert "1 fel, 0 varningar." in err


def test_check_exits_0_on_the_example(example: Path, capsys) -> None:
    assert main(["check", str(example)]) == 0
    assert "Inga fel" in capsys.readouterr().out


def test_the_key_comes_from_the_kolada_snapshot_and_must_agree(example: Path) -> None:
    committee = example / "committee.yaml"
    committee.write_text(
        committee.read_text().replace(
            "      name: Laxå\n", "      name: Laxå\n      weight: 5600\n"
        )
    )
    line = line_of(committee, "weight: 5600")
    assert (
        f"committee.yaml:{line}: nyckelns värde 5600 för Laxå skiljer sig från Koladas 5576 "
        "(ta bort »weight» eller rätta det)"
    ) in messages(example)


def test_a_member_missing_from_the_kolada_snapshot_is_a_problem(example: Path) -> None:
    committee = example / "committee.yaml"
    committee.write_text(committee.read_text().replace('code: "1861"', 'code: "1880"'))
    assert any("Kolada saknar N01951 för 1880 år 2022" in m for m in messages(example))


def test_a_large_deviation_without_analysis_is_a_warning(example: Path) -> None:
    accounts = example / "accounts.yaml"
    text = accounts.read_text()
    start = text.index("      analysis: Vakanser")
    accounts.write_text(text[:start] + text[text.index("\n", start) + 1 :])
    loaded = load(example)
    assert loaded.ok
    line = line_of(accounts, "label: PERSONALKOSTNADER")
    assert [str(p) for p in loaded.problems] == [
        f"accounts.yaml:{line}: varning: raden PERSONALKOSTNADER avviker med 754 tkr men "
        "saknar analys (skriv varför under »analysis» på raden)"
    ]


def test_an_account_in_two_lines_is_reported_once_at_the_second_line(example: Path) -> None:
    accounts = example / "accounts.yaml"
    accounts.write_text(
        accounts.read_text().replace("accounts: [6000-6099]", "accounts: [6000-6099, 5011]")
    )
    found = [m for m in messages(example) if "ingår i flera rader" in m]
    line = line_of(accounts, "label: LOKALHYROR")
    assert found == [
        f"accounts.yaml:{line}: konto 5011 ingår i flera rader: PERSONALKOSTNADER, LOKALHYROR "
        "(varje konto får bara höra till en rad)"
    ]


def test_a_missing_kolada_snapshot_is_one_problem_not_a_cascade(example: Path) -> None:
    (example / "sources" / "kolada-N01951-2022.json").unlink()
    found = messages(example)
    assert not any("weight" in m for m in found)
    assert any("kolada-N01951-2022.json" in m for m in found)


def test_a_bad_row_in_an_export_is_reported_once_for_all_its_indicators(example: Path) -> None:
    tickets = example / "sources" / "arenden-2024.csv"
    lines = tickets.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(";")
    cells[2] = "inte ett datum"
    lines[1] = ";".join(cells)
    tickets.write_text("".join(lines), encoding="utf-8")
    found = [m for m in messages(example) if "inte ett datum" in m]
    assert len(found) == 1, found
    assert found[0].startswith("sources/arenden-2024.csv:2:")


def test_a_misspelt_indicators_key_is_an_error_not_an_empty_goal(example: Path, capsys) -> None:
    goals = example / "goals.yaml"
    goals.write_text(goals.read_text().replace("    indicators:", "    indicatros:", 1))
    typo, goal = line_of(goals, "indicatros:"), line_of(goals, 'id: "1"')
    assert main(["check", str(example)]) == 1
    err = capsys.readouterr().err
    assert (
        f"goals.yaml:{typo}: varning: okänt fält »indicatros» ignoreras (menade du »indicators»?"
    ) in err
    assert f"goals.yaml:{goal}: nämndmålet »1» har inga indikatorer (lista dem under" in err


def test_an_empty_list_of_indicators_is_an_error_too(example: Path) -> None:
    goals = example / "goals.yaml"
    text = goals.read_text()
    start, end = text.index("    indicators:"), text.index('  - id: "2"')
    goals.write_text(text[:start] + "    indicators: []\n" + text[end:])
    assert any("nämndmålet »1» har inga indikatorer" in m for m in messages(example))


def test_a_goal_that_says_why_it_has_no_indicators_cannot_be_assessed(example: Path) -> None:
    goals = example / "goals.yaml"
    text = goals.read_text()
    start, end = text.index("    indicators:"), text.index('  - id: "2"')
    reason = "    no_indicators: Indikatorerna för service tas fram under 2025.\n"
    goals.write_text(text[:start] + reason + text[end:])
    loaded = load(example)
    assert loaded.ok and loaded.input, messages(example)
    followup = compute(loaded.input)
    assert followup.goals[0].status is Status.NO_VALUE
    assert followup.sentences["goal_summary"] == (
        "1st av 2 bedöms uppnås delvis och 1st av 2 bedöms sakna underlag, "
        "vilket gör att nämndmålen uppnås delvis."
    )


def test_a_goal_with_indicators_cannot_also_say_it_has_none(example: Path) -> None:
    goals = example / "goals.yaml"
    text = goals.read_text().replace(
        "    indicators:", "    no_indicators: Inga i år.\n    indicators:", 1
    )
    goals.write_text(text)
    line = line_of(goals, "    no_indicators: Inga")
    assert (
        f"goals.yaml:{line}: nämndmålet »1» har indikatorer men säger att det saknar dem "
        "(ta bort »no_indicators»)"
    ) in messages(example)


def test_a_binary_goals_file_is_one_error_that_names_it(example: Path) -> None:
    # The start of an Excel workbook: a zip archive, saved under the YAML file's name.
    (example / "goals.yaml").write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + bytes(range(256)))
    found = messages(example)
    assert found == [
        "goals.yaml: filen är inte text utan binär (ett styrtecken på rad 1) "
        "(är det rätt fil? den ska vara text i UTF-8)"
    ]


def test_a_text_file_in_another_encoding_names_the_line(example: Path) -> None:
    goals = example / "goals.yaml"
    goals.write_bytes(goals.read_text().encode("latin-1", "replace"))  # line 1: "nämndmål"
    assert messages(example) == [
        "goals.yaml:1: filen är inte UTF-8 (första felaktiga tecknet på rad 1) "
        "(spara filen som UTF-8)"
    ]
