"""The interim report type (delårsrapport, tertialrapport, månadsuppföljning): builds the
document from the folder's interim follow-up (:class:`styra.core.cycle.interim.Interim`).

The same document model as the annual report, so DOCX, PDF and HTML all work. Goals are
judged by forecast, as the governance model's rule reads ("Alla indikatorer
prognostiserade uppnådda = Nämndmål uppnås"); the accounts show the period to date beside
the year's budget, the forecast and the forecast deviation. ``report.yaml``'s ``title``
and ``sections`` describe the annual report, so this type has its own title (by the
period's kind, with the months it covers) and its own sections; the narrative texts are
taken by key where the folder has them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from styra.core.cycle.interim import Interim
from styra.core.followup import DerivedValue, FollowUp
from styra.core.goals import Indicator
from styra.core.money import format_number, to_tkr
from styra.documents.annual import Built, content, governance_blocks, legend
from styra.documents.forecast_changes import change_lead, change_table
from styra.documents.interim_tables import (
    forecast_method_table,
    goal_forecast_table,
    indicators_by_id,
    interim_investment_table,
    interim_operating_table,
)
from styra.documents.model import Block, Cover, Document, Paragraph, Section
from styra.documents.spec import NARRATIVE, ContentRef, SectionSpec
from styra.i18n import _

INTERIM_TITLE = _("{kind} {committee} {period}")


def _refs(*names: str) -> tuple[ContentRef, ...]:
    return tuple(ContentRef(n.partition(":")[0], n.partition(":")[2]) for n in names)


# The interim report's structure; a block without data is left out quietly.
INTERIM_SECTIONS = (
    SectionSpec(
        _("Verksamheter"),
        children=(
            SectionSpec(_("Inledning"), _refs("interim_introduction")),
            SectionSpec(
                _("Måluppfyllelse enligt prognos"),
                _refs("interim_goal_summary", "governance"),
                (SectionSpec(_("Nämndmål"), _refs("interim_goal_table")),),
            ),
            SectionSpec(_("Verksamhetsberättelse"), _refs("narrative:verksamhetsberattelse")),
            SectionSpec(
                _("Ekonomi"),
                _refs(
                    "interim_operating_account",
                    "interim_result",
                    "interim_forecast_changes",
                    "interim_forecast_methods",
                    "narrative:resultat",
                    "narrative:driftanalys",
                    "interim_investment_account",
                    "narrative:investeringsanalys",
                ),
            ),
        ),
    ),
)

Builder = Callable[[FollowUp, Interim], tuple[Block, ...] | None]


def build_interim_report(followup: FollowUp, interim: Interim) -> Built:
    sections = _sections(INTERIM_SECTIONS, "", followup, interim)
    title = interim_title(followup, interim)
    data = followup.input
    cover = Cover(data.committee.municipality, data.period.report_date.isoformat(), title)
    document = Document(title, cover, sections, author=data.committee.municipality)
    return Built(document, ())


def interim_title(followup: FollowUp, interim: Interim) -> str:
    """ "Delårsrapport Sydnärkes IT-nämnd januari–augusti 2024"."""
    return INTERIM_TITLE.format(
        kind=_capital(interim.period.kind.label),
        committee=followup.input.committee.name,
        period=interim.period.text,
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sections(
    specs: tuple[SectionSpec, ...], parent: str, followup: FollowUp, interim: Interim
) -> tuple[Section, ...]:
    built = []
    for index, spec in enumerate(specs, start=1):
        number = f"{parent}.{index}" if parent else str(index)
        blocks: list[Block] = []
        for ref in spec.content:
            blocks.extend(_content(ref, followup, interim) or ())
        children = _sections(spec.children, number, followup, interim)
        built.append(Section(number, spec.title, tuple(blocks), children))
    return tuple(built)


def _content(ref: ContentRef, followup: FollowUp, interim: Interim) -> tuple[Block, ...] | None:
    if ref.name in _BUILDERS:
        return _BUILDERS[ref.name](followup, interim)
    if ref.name == NARRATIVE:
        return content(ref, followup)
    return governance_blocks(followup) if ref.name == "governance" else None


def _introduction(followup: FollowUp, interim: Interim) -> tuple[Block, ...]:
    period = interim.period
    text = _(
        "{kind} för {committee} avser perioden {period}, {months} av räkenskapsårets "
        "tolv månader. Utfall och budget avser perioden; budget, prognos och "
        "prognosavvikelse avser helåret {year}."
    ).format(
        kind=_capital(period.kind.label),
        committee=followup.input.committee.name,
        period=period.text,
        months=period.elapsed,
        year=period.fiscal_end.year,
    )
    return (Paragraph.of(text),)


def _goal_summary(followup: FollowUp, interim: Interim) -> tuple[Block, ...] | None:
    if not interim.goals:
        return None
    status = interim.committee.status
    text = _(
        "Nämndmålen bedöms efter prognosen för helåret: varje indikators prognos ersätter "
        "dess utfall. Den samlade bedömningen enligt prognosen är att nämndens mål "
        "{status}."
    ).format(status=status.label.lower())
    return (Paragraph.of(text),)


def _goal_table(followup: FollowUp, interim: Interim) -> tuple[Block, ...] | None:
    if not interim.goals:
        return None
    to_date = _values_to_date(followup, interim)
    table = goal_forecast_table(interim, to_date, interim.indicator_forecasts)
    return (legend(), table)


def _values_to_date(followup: FollowUp, interim: Interim) -> dict[str, Indicator]:
    """Each indicator as the folder gives it; one the accounts derive, from the period."""
    found = indicators_by_id(followup.goals)
    net = to_tkr(interim.totals[-1].deviation)
    for ident, rule in followup.input.derived.items():
        if rule is DerivedValue.NET_RESULT_TKR and ident in found:
            found[ident] = dataclasses.replace(found[ident], value=net)
    return found


def _operating(followup: FollowUp, interim: Interim) -> tuple[Block, ...] | None:
    return (interim_operating_table(interim),) if interim.lines else None


def _methods(followup: FollowUp, interim: Interim) -> tuple[Block, ...] | None:
    return (forecast_method_table(interim),) if interim.lines else None


def _result(followup: FollowUp, interim: Interim) -> tuple[Block, ...]:
    net = interim.totals[-1]
    deviation = format_number(to_tkr(net.deviation))
    text = _("Resultatet för perioden {period} avviker från budgeten med {deviation} tkr.").format(
        period=interim.period.text, deviation=deviation
    )
    if net.forecast is None or net.forecast_deviation is None:
        missing = sum(1 for f in interim.lines if f.forecast is None)
        text += " " + _(
            "Helårsprognos saknas för {count} rader, så prognosen för hela resultatet visas inte."
        ).format(count=missing)
    else:
        text += " " + _(
            "Helårsprognosen är ett resultat på {forecast} tkr, en avvikelse mot budget på "
            "{deviation} tkr."
        ).format(
            forecast=format_number(to_tkr(net.forecast)),
            deviation=format_number(to_tkr(net.forecast_deviation)),
        )
    return (Paragraph.of(text),)


def _changes(followup: FollowUp, interim: Interim) -> tuple[Block, ...] | None:
    """Prognosförändring per line since the year's previous forecast, where there is one."""
    if interim.previous is None or not interim.changes:
        return None
    title = _("Prognosförändring sedan {previous}").format(previous=interim.previous.title)
    return (change_lead(interim), change_table(interim, interim.changes, title))


def _investment(followup: FollowUp, interim: Interim) -> tuple[Block, ...] | None:
    if not interim.projects:
        return None
    # the finance record's label has its year filled in, as the annual table shows it
    label = followup.input.finance.investment_total_label
    return (interim_investment_table(interim, label),)


_BUILDERS: dict[str, Builder] = {
    "interim_introduction": _introduction,
    "interim_goal_summary": _goal_summary,
    "interim_goal_table": _goal_table,
    "interim_operating_account": _operating,
    "interim_result": _result,
    "interim_forecast_changes": _changes,
    "interim_forecast_methods": _methods,
    "interim_investment_account": _investment,
}
