"""The municipality's folder (examples/lekeberg-2024): the council's goals across
committees, each committee's result, and problems named inside the right sub-folder."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from styra.cli import main
from styra.folder.municipality import load_municipality
from styra.report.municipality import compiled, municipality_data
from tests.folder.conftest import EXAMPLE, ROOT, line_of

LEKEBERG = ROOT / "examples" / "lekeberg-2024"
IT = "sydnarkes-it-namnd"


def data(folder: Path) -> dict:
    loaded = load_municipality(folder)
    assert loaded.ok, [str(p) for p in loaded.problems]
    return json.loads(json.dumps(municipality_data(compiled(loaded), loaded)))


@pytest.fixture(scope="module")
def lekeberg() -> dict:
    return data(LEKEBERG)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "lekeberg"
    shutil.copytree(LEKEBERG, target)
    return target


def test_check_and_report_work_on_the_municipality_folder(tmp_path: Path, capsys) -> None:
    assert main(["check", str(LEKEBERG)]) == 0
    assert "Inga fel (0 varningar)" in capsys.readouterr().out
    out = tmp_path / "k.json"
    assert main(["report", str(LEKEBERG), "--format", "json", "--output", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["municipality"] == "Lekebergs kommun"


def test_the_council_goals_are_judged_across_committees(lekeberg: dict) -> None:
    council = lekeberg["council"]
    found = {g["id"]: g for g in council["goals"]}
    # By hand, with the MER rules: KF1 has two partially achieved goals (KS 1, SBN 2);
    # KF3 has KS goal 2 (not achieved), IT goal 2 (partially) and its own indicator 1,4 %
    # against at least 2 % (30 % off, outside the 20 % tolerance: not achieved), so 1 of 3
    # reach: not achieved. IT goal 2 is linked to KF3 and KF4 and counts in both.
    assert {k: g["status"] for k, g in found.items()} == {
        "KF1": "partially_achieved",
        "KF2": "partially_achieved",
        "KF3": "not_achieved",
        "KF4": "partially_achieved",
    }
    assert [(g["committee"], g["id"]) for g in found["KF3"]["committee_goals"]] == [
        ("Kommunstyrelsen", "2"),
        ("Sydnärkes IT-nämnd", "2"),
    ]
    assert [g["committee"] for g in found["KF4"]["committee_goals"]].count(
        "Sydnärkes IT-nämnd"
    ) == 2
    assert found["KF3"]["indicators"][0]["assessment"]["status"] == "not_achieved"
    assert found["KF3"]["indicators"][0]["trend"]["direction"] == "better"  # 0,8 → 1,4
    assert council["verdict"]["status"] == "partially_achieved"
    assert council["sentence"] == (
        "3 st av 4 bedöms uppnås delvis och 1 st av 4 bedöms uppnås ej, vilket gör att "
        "kommunfullmäktiges mål uppnås delvis."
    )


def test_each_committee_and_the_municipality_total(lekeberg: dict) -> None:
    rows = {c["name"]: c["operating"]["tkr"] for c in lekeberg["committees"]}
    # Kommunstyrelsen by hand from generate_committees.py: budget 68 000 − 6 000 = 62 000;
    # outcome 68 192 (costs × their shares) − 6 024 (revenue) = 62 168.
    assert rows["Kommunstyrelsen"] == {
        "budget": "62000",
        "outcome": "62168",
        "deviation": "-168",
        "forecast": None,
    }
    # The IT committee as the model report: budget 0, outcome 852, deviation −852.
    assert rows["Sydnärkes IT-nämnd"]["outcome"] == "852"
    total = lekeberg["totals"]["operating"]["tkr"]
    assert total == {"budget": "434100", "outcome": "438435", "deviation": "-4335"}
    assert [c["verdict"]["status"] for c in lekeberg["committees"]] == ["partially_achieved"] * 4
    assert lekeberg["example_data"] is True


def test_the_it_committee_keeps_every_figure_of_the_model_report(
    lekeberg: dict, tmp_path: Path
) -> None:
    out = tmp_path / "it.json"
    assert main(["report", str(EXAMPLE), "--format", "json", "--output", str(out)]) == 0
    alone = json.loads(out.read_text(encoding="utf-8"))
    alone.pop("forecast_accuracy")  # the annual example's history; the copy has none
    inside = next(c for c in lekeberg["committees"] if c["folder"] == IT)["report"]
    for goal in inside["goals"]:
        assert goal.pop("council_goals")  # the only addition: its KF-mål
    for goal in alone["goals"]:
        assert goal.pop("council_goals") == []
    assert inside == alone


def test_the_it_folder_is_the_annual_example_with_links_added() -> None:
    for path in EXAMPLE.rglob("*"):
        name = path.relative_to(EXAMPLE)
        if path.is_dir() or name.name in {"generate_ledger.py", "generate.py"}:
            continue
        if name.name in {"forecast-history.yaml"} or "__pycache__" in name.parts:
            continue
        copied = LEKEBERG / IT / name
        if name.name == "goals.yaml":
            assert "council_goals: [KF4]" in copied.read_text(encoding="utf-8")
            continue
        assert copied.read_bytes() == path.read_bytes(), name


def test_the_generator_rebuilds_the_invented_ledgers_byte_for_byte() -> None:
    spec = importlib.util.spec_from_file_location("gen", LEKEBERG / "generate_committees.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for path, content in module.files().items():
        assert path.read_bytes() == content, path


def problems(folder: Path) -> list[str]:
    return [str(p) for p in load_municipality(folder).problems]


def test_a_problem_is_named_inside_its_sub_folder(copy: Path) -> None:
    goals = copy / "barn-och-utbildningsnamnden" / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8").replace("at_least", "at_lest", 1))
    found = problems(copy)
    where = f"barn-och-utbildningsnamnden/goals.yaml:{line_of(goals, 'at_lest')}"
    assert any(where in p for p in found), found
    assert main(["check", str(copy)]) == 1


def test_a_link_to_a_council_goal_that_does_not_exist(copy: Path) -> None:
    goals = copy / "kommunstyrelsen" / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8").replace("[KF3]", "[KF7]"))
    found = problems(copy)
    where = f"kommunstyrelsen/goals.yaml:{line_of(goals, '[KF7]')}"
    assert any(where in p and "»KF7»" in p and "KF1, KF2, KF3, KF4" in p for p in found), found


def test_a_council_goal_nothing_breaks_down_is_warned_and_cannot_be_judged(copy: Path) -> None:
    council = copy / "council-goals.yaml"
    council.write_text(
        council.read_text(encoding="utf-8") + "  - id: KF5\n    name: Ett mål utan nämndmål\n",
        encoding="utf-8",
    )
    found = problems(copy)
    assert any(
        f"council-goals.yaml:{line_of(council, 'KF5')}" in p and "varning" in p for p in found
    )
    kf5 = next(g for g in data(copy)["council"]["goals"] if g["id"] == "KF5")
    assert kf5["status"] == "no_value"
    assert kf5["sentence"] == "Målet kan inte bedömas: inget nämndmål är kopplat till det."


def test_a_committee_of_another_period_or_outside_the_folder(copy: Path) -> None:
    committee = copy / "samhallsbyggnadsnamnden" / "committee.yaml"
    committee.write_text(
        committee.read_text(encoding="utf-8").replace(
            "kind: annual, start: 2024-01-01, end: 2024-12-31",
            "kind: interim, start: 2024-01-01, end: 2024-08-31",
        ),
        encoding="utf-8",
    )
    municipality = copy / "municipality.yaml"
    municipality.write_text(
        municipality.read_text(encoding="utf-8") + "  - ../elsewhere\n  - saknas\n",
        encoding="utf-8",
    )
    found = problems(copy)
    assert any(
        p.startswith("samhallsbyggnadsnamnden/committee.yaml") and "inte kommunens" in p
        for p in found
    ), found
    assert any(
        f"municipality.yaml:{line_of(municipality, '../elsewhere')}" in p and "utanför" in p
        for p in found
    )
    assert any(
        f"municipality.yaml:{line_of(municipality, 'saknas')}" in p and "finns inte" in p
        for p in found
    )


def test_the_committee_folders_still_work_alone() -> None:
    for sub in ("kommunstyrelsen", IT):
        assert main(["check", str(LEKEBERG / sub)]) == 0


def test_the_host_sees_its_own_share_of_the_joint_committee(lekeberg: dict) -> None:
    (share,) = lekeberg["joint_committee_shares"]
    # The model report: Lekeberg's share of the −852 tkr deficit is −177 tkr.
    assert (share["committee"], share["member"], share["tkr"]) == (
        "Sydnärkes IT-nämnd",
        "Lekeberg",
        "-177",
    )
    assert share["basis"] == "invånarantal" and share["report"] is None


def _member_of_it(copy: Path, tmp_path: Path, code: str) -> Path:
    """Lekeberg's folder turned into a member (code ``code``) whose IT committee is
    hosted elsewhere: the host's JSON report is kept in the folder."""
    report = copy / "gemensamma" / "sydnarke-it-2024.json"
    report.parent.mkdir()
    assert main(["report", str(EXAMPLE), "--format", "json", "--output", str(report)]) == 0
    municipality = copy / "municipality.yaml"
    text = municipality.read_text(encoding="utf-8").replace('code: "1814"', f'code: "{code}"')
    text = text.replace("  - sydnarkes-it-namnd\n", "")
    text += "joint_committees:\n  - report: gemensamma/sydnarke-it-2024.json\n"
    municipality.write_text(text, encoding="utf-8")
    return municipality


def test_a_member_shows_its_share_from_the_hosts_report(copy: Path, tmp_path: Path) -> None:
    _member_of_it(copy, tmp_path, "1860")
    (share,) = data(copy)["joint_committee_shares"]
    # The model report: Laxå's share is −113 tkr, by population 31/12 2022 (SCB).
    assert (share["member"], share["tkr"], share["host"]) == ("Laxå", "-113", "Lekebergs kommun")
    assert share["report"] == "gemensamma/sydnarke-it-2024.json"
    assert share["source"] == "SCB, folkmängd 31 december 2022"


def test_a_member_not_in_the_key_is_told_where(copy: Path, tmp_path: Path) -> None:
    municipality = _member_of_it(copy, tmp_path, "0180")
    found = problems(copy)
    where = f"municipality.yaml:{line_of(municipality, 'gemensamma/')}"
    assert any(where in p and "ingen andel för kommunkoden 0180" in p for p in found), found
