"""Earlier years in a committee's annual report: the previous year's value and the trend in
the goal table, the Kolada comparison, and a small trend chart per indicator; none of it
where no indicator has history (the model report's documents are the golden files)."""

from __future__ import annotations

from decimal import Decimal

from styra.core.followup import compute
from styra.core.goals import Comparison, Indicator, Target, TargetKind
from styra.documents import render
from styra.documents.history import comparison_blocks, trend_chart, trend_text
from styra.documents.html import render_html
from styra.documents.model import (
    BulletList,
    ChartGroup,
    Cover,
    Document,
    Paragraph,
    Section,
    Table,
)
from styra.documents.trend_layout import layout_trend
from styra.folder import load
from tests.documents.conftest import ROOT

NBSP = "\u00a0"


def _indicator(
    value: str | None, history: dict[int, str], kind: TargetKind = TargetKind.AT_LEAST
) -> Indicator:
    return Indicator(
        "1.1",
        "Antal färdigställda bostäder",
        Target(kind, Decimal(60)),
        unit="st",
        value=None if value is None else Decimal(value),
        history=tuple((y, Decimal(v)) for y, v in history.items()),
    )


def test_the_trend_is_told_by_symbol_and_word_against_the_latest_earlier_year() -> None:
    assert trend_text(_indicator("48", {2022: "52", 2023: "41"}), 2024) == "▲ Bättre än 2023"
    assert trend_text(_indicator("40", {2023: "41"}), 2024) == "▼ Sämre än 2023"
    assert trend_text(_indicator("41", {2022: "41"}), 2024) == "◆ Oförändrat sedan 2022"
    lower = _indicator("40", {2023: "41"}, TargetKind.AT_MOST)
    assert trend_text(lower, 2024) == "▲ Bättre än 2023"
    assert trend_text(_indicator(None, {2023: "41"}), 2024) == ""
    assert trend_text(_indicator("48", {}), 2024) == ""


def test_an_annual_report_with_history_gets_the_previous_year_and_the_trend() -> None:
    loaded = load(ROOT / "examples" / "lekeberg-2024" / "kommunstyrelsen")
    assert loaded.ok and loaded.input is not None, loaded.problems
    document = render.document(loaded, compute(loaded.input))
    blocks = [b for s in document.walk() for b in s.blocks]
    table = next(
        b for b in blocks if isinstance(b, Table) and b.title == "Nämndmål och indikatorer"
    )
    assert [c.header for c in table.columns] == [
        "Nämndmål",
        "Indikator",
        "Resultat år 2023",
        "Resultat år 2024",
        "Trend",
        "Målvärde år 2024",
        "Bedömning",
    ]
    first = [c.text for c in table.rows[0].cells]
    assert first[1:] == [
        "Antal färdigställda bostäder",
        f"41{NBSP}st",
        f"48{NBSP}st",
        "▲ Bättre än 2023",
        f"minst 60{NBSP}st",
        "◐ Uppnås delvis",
    ]
    assert "föregående års resultat" in table.summary
    group = next(b for b in blocks if isinstance(b, ChartGroup))
    assert [c.title for c in group.charts] == [
        "Antal färdigställda bostäder, st",
        "Företagsklimat, Nöjd kund-index",
        "Andel nämnder med utfall inom budget, %",
    ]
    # 1.2 has no 2021: its chart starts in 2022
    assert group.charts[1].categories == ("2022", "2023", "2024")


def test_the_model_report_has_no_trend_column_and_no_trend_charts() -> None:
    loaded = load(ROOT / "examples" / "sydnarke-it-2024")
    assert loaded.input is not None
    document = render.document(loaded, compute(loaded.input))
    blocks = [b for s in document.walk() for b in s.blocks]
    table = next(
        b for b in blocks if isinstance(b, Table) and b.title == "Nämndmål och indikatorer"
    )
    assert "Trend" not in [c.header for c in table.columns]
    assert not any(isinstance(b, ChartGroup) for b in blocks)


def test_a_comparison_names_the_group_the_country_and_kolada_with_the_year() -> None:
    indicator = Indicator(
        "2.3",
        "Sjukfrånvaro",
        Target(TargetKind.AT_MOST, Decimal(4)),
        unit="%",
        value=Decimal("4.6"),
        comparison=Comparison(
            2024,
            "liknande kommuner, IT",
            Decimal("5.35"),
            9,
            10,
            Decimal("5.1"),
            "Källa: Kolada, hämtat 2025-01-20",
        ),
    )
    lead, items = comparison_blocks([indicator], 2024)
    assert isinstance(lead, Paragraph) and isinstance(items, BulletList)
    assert lead.text == (
        "Jämförelse med liknande kommuner och riket. Källa: Kolada, hämtat 2025-01-20."
    )
    assert [p.text for p in items.items] == [
        f"Sjukfrånvaro 2024: kommunen 4,6{NBSP}%; liknande kommuner, IT 5,35{NBSP}% "
        f"(medel av 9 av 10); riket 5,1{NBSP}%."
    ]


def test_a_missing_group_mean_or_national_figure_says_so() -> None:
    indicator = _indicator("48", {2023: "41"})
    comparison = Comparison(2023, "liknande kommuner", None, 0, 4, None, "Källa: Kolada")
    indicator = Indicator(**{**_fields(indicator), "comparison": comparison})
    _lead, items = comparison_blocks([indicator], 2024)
    assert isinstance(items, BulletList)
    assert items.items[0].text == (
        f"Antal färdigställda bostäder 2023: kommunen 41{NBSP}st; liknande kommuner "
        "värde saknas (medel av 0 av 4); riket värde saknas."
    )


def _fields(indicator: Indicator) -> dict[str, object]:
    return {name: getattr(indicator, name) for name in Indicator.__dataclass_fields__}


def test_the_trend_chart_lists_every_year_in_its_text_alternative() -> None:
    chart = trend_chart(_indicator("48", {2021: "35", 2022: "52", 2023: "41"}), 2024)
    assert chart.description == (
        f"Linjediagram. Antal färdigställda bostäder: 2021 35{NBSP}st, 2022 52{NBSP}st, "
        f"2023 41{NBSP}st, 2024 48{NBSP}st. Målvärde: minst 60{NBSP}st."
    )
    shape = layout_trend(chart)
    figures = [t for t in shape.texts if t[2] in chart.labels]
    assert [t[2] for t in figures] == ["35", "52", "41", "48"]
    assert all(0 < x < shape.width and 0 < y < shape.height for x, y, _t, _k in shape.texts)
    assert [s.style for s in shape.strokes].count("dashed") == 2  # the target and its legend


def test_a_figure_goes_below_its_point_where_the_target_runs_just_above() -> None:
    chart = trend_chart(_indicator("58", {2023: "10"}), 2024)
    shape = layout_trend(chart)
    point = shape.marks[-1]
    figure = next(t for t in shape.texts if t[2] == "58")
    assert figure[1] > point.y


def test_small_charts_sit_in_a_named_group_each_with_its_own_alternative() -> None:
    charts = (trend_chart(_indicator("48", {2023: "41"}), 2024),)
    group = ChartGroup("Indikatorernas utveckling över åren", charts)
    page = render_html(
        Document("T", Cover("K", "2025-01-23", "T"), (Section("1", "A", (group,)),))
    ).decode()
    assert '<div class="chart-group" role="group" aria-labelledby="avsnitt-1-0-title">' in page
    assert '<svg role="img" aria-labelledby="avsnitt-1-0-0-alt"' in page
    assert ".chart-grid {" in page  # the grid's styles come with the group
