"""Narrative placeholders: the figures they name, how they print, and what is wrong with them."""

from decimal import Decimal as D

from styra.core.figures import (
    placeholder_problems,
    placeholders,
    render,
    stale_amounts,
)

NAMED = {
    "drift.tjanstekop.avvikelse": D(-1648),
    "drift.intakter.avvikelse": D(554),
    "resultat.budgetavvikelse": D(-852),
}


def test_a_placeholder_prints_its_figure_as_the_tables_do() -> None:
    text = (
        "Underskottet blev {drift.tjanstekop.avvikelse} tkr, intäkterna {drift.intakter.avvikelse}."
    )
    assert render(text, NAMED) == "Underskottet blev \u22121\u202f648 tkr, intäkterna 554."


def test_abs_drops_the_sign_and_fast_prints_a_number_by_hand() -> None:
    text = "blev {drift.tjanstekop.avvikelse|abs} tkr högre; priset steg {fast:1200} tkr"
    assert render(text, NAMED) == "blev 1\u202f648 tkr högre; priset steg 1\u202f200 tkr"


def test_double_braces_and_braces_around_words_stay_text() -> None:
    assert render("{{drift}} och {a, b}", NAMED) == "{drift} och {a, b}"
    assert list(placeholders("{a, b} {{x}}")) == []


def test_an_unknown_placeholder_is_named_with_its_line_and_left_as_written() -> None:
    text = "Rad ett.\nBlev {drift.tjanstekpo.avvikelse} tkr och {resultat.budgetavvikelse|xyz}."
    found = placeholder_problems(text, NAMED)
    assert [(p.line, p.message) for p in found] == [
        (2, "okänd platshållare {drift.tjanstekpo.avvikelse}"),
        (2, "okänt tillägg »|xyz» i {resultat.budgetavvikelse|xyz}"),
    ]
    assert all(p.error for p in found)
    assert "tjanstekop" in found[0].hint
    assert "{drift.tjanstekpo.avvikelse}" in render(text, NAMED)


def test_an_amount_in_tkr_that_is_no_figure_of_the_period_is_a_warning() -> None:
    amounts = frozenset({D(1648), D(554), D(852)})
    text = "Blev 1\u202f648 tkr högre.\nIntäkterna blev 555 tkr högre, budget −852 tkr, år 2024."
    found = stale_amounts(text, amounts)
    assert [(p.line, p.error) for p in found] == [(2, False)]
    assert "555 tkr" in found[0].message
    assert "{fast:555}" in found[0].hint
    assert stale_amounts("Blev {drift.tjanstekop.avvikelse} tkr och {fast:3} tkr.", amounts) == []
