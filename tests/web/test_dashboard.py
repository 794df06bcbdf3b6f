"""The dashboard at the head of the overview: the committee's verdict under its own heading,
each goal's verdict with its indicators counted per status (a bar in SVG with the counts in
words), the result against budget and how far the work has come."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

from styra.core.goals import Status
from styra.web.followup import models as m
from styra.web.followup.chart import status_bar
from tests.web.conftest import client_for, indicator, result_form, url


def _dashboard(period: m.Period, persona: str = "controller") -> str:
    page = client_for(persona).get(url("overview", period)).content.decode()
    found = re.search(r'<section class="dashboard".*?</section>\s*</section>', page, re.S)
    assert found, page[:2000]
    return unescape(found.group(0))


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_committees_verdict_has_its_own_heading(period: m.Period) -> None:
    html = _dashboard(period, "reader")
    assert re.search(r"<h3[^>]*>Nämndens bedömning</h3>\s*<p class=\"verdict\">", html)
    # The example's committee: goals partly achieved (docs: the model report's verdict).
    assert "Uppnås delvis" in _text(html.split("Resultat mot budget")[0])


def test_each_goal_shows_its_indicators_counted_per_status(period: m.Period) -> None:
    html = _dashboard(period)
    # The example (examples/sydnarke-it-2024): goal 1 has seven indicators, one without a
    # value; goal 2 seven, all with values.
    one = "7 indikatorer: 2 uppnås, 2 uppnås delvis, 2 uppnås ej, 1 saknar värde."
    two = "7 indikatorer: 4 uppnås, 1 uppnås delvis, 2 uppnås ej."
    assert re.search(rf"1\. Ge god service.*?Uppnås delvis.*?aria-label=\"{one}\"", html, re.S)
    assert re.search(rf"2\. Ökad samverkan.*?Uppnås delvis.*?aria-label=\"{two}\"", html, re.S)
    # The counts are written out beside the bar, not only in its label.
    assert "2 uppnås 2 uppnås delvis 2 uppnås ej 1 saknar värde" in _text(html)


def test_the_bar_and_its_words_follow_a_changed_value(period: m.Period) -> None:
    before = _text(_dashboard(period))
    ind = indicator(period, "1.7")  # at least 95 %; the example has it achieved
    response = client_for("controller").post(
        url("indicator", period, pk=ind.pk), result_form(ind, "50")
    )
    assert response.status_code == 302
    after = _text(_dashboard(period))
    assert before != after
    goal_one = after.split("2. Ökad")[0].split("1. Ge god")[1]
    # One achieved indicator fewer, one not achieved more, and the goal now not achieved.
    assert "Uppnås ej 1 uppnås 2 uppnås delvis 3 uppnås ej 1 saknar värde" in goal_one


def test_the_result_against_budget_is_the_years_result(period: m.Period) -> None:
    text = _text(_dashboard(period))
    # The example: net result −852 tkr (the model report's "underskott −852 tkr").
    assert re.search(r"Resultat −852 tkr", text.replace("\u2212", "−")), text


def test_progress_counts_values_entered_and_analyses_written(period: m.Period) -> None:
    html = _dashboard(period)
    text = _text(html)
    entered = m.Indicator.objects.filter(goal__period=period, derived="")
    with_value = entered.exclude(result__value=None).count()
    assert f"Värden inmatade: {with_value} av {entered.count()}" in text
    assert "Delar klarmarkerade: 0 av" in text
    ind = indicator(period, "1.1")
    form = result_form(ind, "")
    client_for("controller").post(url("indicator", period, pk=ind.pk), form)
    assert f"Värden inmatade: {with_value - 1} av {entered.count()}" in _text(_dashboard(period))


def test_the_charts_are_inline_svg_with_a_text_alternative(period: m.Period) -> None:
    html = _dashboard(period)
    charts = re.findall(r"<svg[^>]*>", html)
    assert charts
    for svg in charts:
        assert 'role="img" aria-label="' in svg or 'aria-hidden="true"' in svg, svg
    assert "<script" not in html and "style=" not in html


def test_a_status_bar_counts_each_status_once() -> None:
    statuses = [Status.ACHIEVED] * 3 + [Status.NOT_ACHIEVED, Status.NO_VALUE]
    bar = status_bar(statuses)
    assert bar is not None
    assert [(s.css, s.count, s.width) for s in bar.segments] == [
        ("achieved", 3, "60.0"),
        ("not-achieved", 1, "20.0"),
        ("no-value", 1, "20.0"),
    ]
    assert bar.description == "5 indikatorer: 3 uppnås, 1 uppnås ej, 1 saknar värde."
    assert status_bar([]) is None
    assert sum(Decimal(s.width) for s in bar.segments) == 100
