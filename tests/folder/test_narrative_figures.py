"""Narrative figures that follow the ledger: placeholders, and warnings for stale amounts."""

from pathlib import Path

from styra.cli import main
from styra.core.followup import compute
from styra.folder import load
from tests.folder.conftest import line_of


def change_one_voucher(folder: Path) -> None:
    """Consultants (ÖVRIGT TJÄNSTEKÖP) cost 500 000 kr more on one voucher in January."""
    ledger = folder / "ledger.se"
    raw = ledger.read_bytes()
    assert raw.count(b" 465365.61") == 1 and raw.count(b" -465365.61") == 1
    raw = raw.replace(b" 465365.61", b" 965365.61").replace(b" -465365.61", b" -965365.61")
    ledger.write_bytes(raw)


def narrative(folder: Path, key: str) -> str:
    loaded = load(folder)
    assert loaded.ok and loaded.input, [str(p) for p in loaded.problems]
    return next(n.markdown for n in compute(loaded.input).narrative if n.key == key)


def test_the_narrative_states_the_figure_the_ledger_now_gives(example: Path) -> None:
    assert "tjänsteköp blev 1\u202f648 tkr högre" in narrative(example, "driftanalys")
    change_one_voucher(example)
    # 4 848 + 500 = 5 348 tkr against a budget of 3 200: 2 148 tkr more than budgeted.
    assert "tjänsteköp blev 2\u202f148 tkr högre" in narrative(example, "driftanalys")


def test_a_stated_amount_that_went_stale_is_a_warning_with_its_line(example: Path) -> None:
    text = example / "narrative" / "driftanalys.md"
    text.write_text(
        text.read_text().replace("{drift.tjanstekop.avvikelse|abs} tkr", "1\u202f648 tkr")
    )
    assert load(example).problems == ()  # still true: 1 648 is the line's deviation
    change_one_voucher(example)
    loaded = load(example)
    line = line_of(text, "Kostnaderna för tjänsteköp")
    assert loaded.ok  # the ledger's own #UB and #RES now disagree too: warnings of their own
    assert [str(p) for p in loaded.problems if p.source.file.startswith("narrative/")] == [
        f"narrative/driftanalys.md:{line}: varning: texten anger 1\u202f648 tkr, men inget "
        "belopp i periodens redovisning är 1\u202f648 (skriv beloppet som platshållare, t.ex. "
        "{drift.<rad>.avvikelse}, eller {fast:1648} om det inte är en av periodens siffror)"
    ]


def test_an_unknown_placeholder_is_an_error_naming_file_and_line(example: Path, capsys) -> None:
    text = example / "narrative" / "driftanalys.md"
    text.write_text(text.read_text().replace("drift.licenser.avvikelse", "drift.licens.avvikelse"))
    line = line_of(text, "{drift.licens.avvikelse}")
    assert main(["check", str(example)]) == 1
    err = capsys.readouterr().err
    assert f"narrative/driftanalys.md:{line}: okänd platshållare {{drift.licens.avvikelse}}" in err
    assert load(example).input is None


def test_a_line_id_is_one_word_unique_and_not_a_totals_name(example: Path) -> None:
    accounts = example / "accounts.yaml"
    text = accounts.read_text()
    accounts.write_text(
        text.replace("id: resor,", "id: netto,").replace("id: lokaler,", "id: datorer,")
    )
    found = [str(p) for p in load(example).problems]
    netto, lokaler = line_of(accounts, "id: netto,"), line_of(accounts, "LOKALHYROR")
    assert any(m.startswith(f"accounts.yaml:{netto}: radens id »netto» är upptaget") for m in found)
    assert any(
        m.startswith(f"accounts.yaml:{lokaler}: raden med id »datorer» finns redan") for m in found
    )
