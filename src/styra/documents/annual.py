"""The annual report (årsredovisning) type: builds the document from the computed follow-up.

The structure comes from the report's sections (data, see :mod:`styra.documents.spec`);
this module knows what each named block contains. The default sections and wording
reproduce the model report, Sydnärkes IT-nämnd's annual report for 2024.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from styra.core.assessment import PartialKind
from styra.core.cycle.history import PastForecast, forecast_accuracy
from styra.core.followup import FollowUp, PeriodKind
from styra.core.goals import Status
from styra.core.sharing import Rounding
from styra.documents.accuracy import accuracy_blocks
from styra.documents.chart import budget_chart
from styra.documents.history import history_blocks, indicators_of
from styra.documents.markdown import to_blocks
from styra.documents.model import (
    Block,
    BulletList,
    Cover,
    Document,
    Logo,
    Paragraph,
    Section,
    Subheading,
)
from styra.documents.reading import (
    goal_overview,
    operating_note,
    reading_guide,
    sharing_table,
)
from styra.documents.spec import (
    ACCURACY,
    NARRATIVE,
    SPEC_FILE,
    ContentRef,
    ReportSpec,
    SectionSpec,
)
from styra.documents.tables import (
    deviation_table,
    goal_table,
    investment_table,
    multi_year_table,
    operating_table,
)
from styra.i18n import _
from styra.problems import Problem, error

SENTENCES = (
    "introduction",
    "goals_lead",
    "goal_summary",
    "goals_basis",
    "result",
    "sharing",
    "investment",
)
TITLES = {
    PeriodKind.ANNUAL: _("Årsredovisning {committee}"),
    PeriodKind.INTERIM: _("Delårsrapport {committee} {year}"),
    PeriodKind.TERTIAL: _("Tertialrapport {committee} {year}"),
    PeriodKind.MONTH: _("Månadsuppföljning {committee} {year}"),
}

# Added after the accounts when the folder keeps the year's forecasts (see with_accuracy).
ACCURACY_SECTION = SectionSpec(_("Prognossäkerhet"), (ContentRef(ACCURACY),))


@dataclass(frozen=True, slots=True)
class Built:
    document: Document
    problems: tuple[Problem, ...]


def build_annual_report(
    followup: FollowUp, spec: ReportSpec, history: Sequence[PastForecast] = ()
) -> Built:
    """The annual report; ``history`` (the year's earlier forecasts) adds prognossäkerhet."""
    problems: list[Problem] = []
    accuracy = _accuracy(followup, history)
    extra = {ACCURACY: accuracy}
    specs = spec.sections if accuracy is None else with_accuracy(spec.sections)
    sections = _sections(specs, "", followup, spec, problems, extra=extra)
    title = _title(followup, spec, problems)
    data = followup.input
    document = Document(
        title,
        cover_of(followup, spec, title),
        sections,
        author=data.committee.municipality,
        committee=data.committee.name,
    )
    return Built(document, tuple(problems))


def cover_of(followup: FollowUp, spec: ReportSpec, title: str) -> Cover:
    """The cover: municipality, date, title, year, and from report.yaml's ``cover`` the
    file number and the logo."""
    data = followup.input
    municipality = data.committee.municipality
    given = spec.cover
    logo = None
    if given.logo:
        alt = _("Logotyp: {organisation}").format(organisation=municipality)
        logo = Logo(given.logo, given.logo_format, alt)
    return Cover(
        municipality,
        data.period.report_date.isoformat(),
        title,
        year=str(data.period.year),
        reference=given.reference,
        logo=logo,
    )


def _title(followup: FollowUp, spec: ReportSpec, problems: list[Problem]) -> str:
    data = followup.input
    template = spec.title or TITLES[data.period.kind]
    try:
        return template.format(committee=data.committee.name, year=data.period.year)
    except (KeyError, IndexError, ValueError):
        problems.append(
            error(
                f"rubriken »{template}» kan inte fyllas i",
                file=SPEC_FILE,
                hint="rubriken får använda {committee} och {year}",
            )
        )
        return template


def _accuracy(followup: FollowUp, history: Sequence[PastForecast]) -> tuple[Block, ...] | None:
    period = followup.input.period
    if not history or period.kind is not PeriodKind.ANNUAL:
        return None
    return accuracy_blocks(forecast_accuracy(history, followup.operating.rows), period.year)


def with_accuracy(specs: tuple[SectionSpec, ...]) -> tuple[SectionSpec, ...]:
    """The sections with "Prognossäkerhet" added, unless report.yaml places it itself: as
    the last sub-section of the section holding the operating account (Ekonomi), after the
    investment account, else as the last section."""
    if _names(specs, ACCURACY):
        return specs
    placed = _add_under(specs, "operating_account")
    return (*specs, ACCURACY_SECTION) if placed is None else placed


def _names(specs: tuple[SectionSpec, ...], name: str) -> bool:
    return any(any(r.name == name for r in s.content) or _names(s.children, name) for s in specs)


def _add_under(specs: tuple[SectionSpec, ...], name: str) -> tuple[SectionSpec, ...] | None:
    for index, spec in enumerate(specs):
        if any(r.name == name for r in spec.content):
            changed = replace(spec, children=(*spec.children, ACCURACY_SECTION))
        elif (children := _add_under(spec.children, name)) is not None:
            changed = replace(spec, children=children)
        else:
            continue
        return (*specs[:index], changed, *specs[index + 1 :])
    return None


def _sections(
    specs: tuple[SectionSpec, ...],
    parent: str,
    followup: FollowUp,
    spec: ReportSpec,
    problems: list[Problem],
    *,
    extra: Mapping[str, tuple[Block, ...] | None],
) -> tuple[Section, ...]:
    built = []
    for index, section in enumerate(specs, start=1):
        number = f"{parent}.{index}" if parent else str(index)
        blocks: list[Block] = []
        for ref in section.content:
            found = extra[ref.name] if ref.name in extra else content(ref, followup)
            if found is None and spec.explicit:
                problems.append(_missing(section, ref))
            blocks.extend(found or ())
        children = _sections(section.children, number, followup, spec, problems, extra=extra)
        built.append(Section(number, section.title, tuple(blocks), children))
    return tuple(built)


def _missing(section: SectionSpec, ref: ContentRef) -> Problem:
    return error(
        f"avsnittet »{section.title}» nämner »{ref}», men de uppgifterna finns inte",
        file=SPEC_FILE,
        line=ref.line,
        hint="ta bort namnet ur »content» eller lägg till uppgifterna",
    )


def content(ref: ContentRef, followup: FollowUp) -> tuple[Block, ...] | None:
    """The blocks a name stands for, or None when the follow-up has no such data."""
    if ref.name == NARRATIVE:
        return _narrative(followup, ref.key)
    if ref.name in SENTENCES:
        text = followup.sentences.get(ref.name)
        return (Paragraph.of(text),) if text else None
    return _BUILDERS[ref.name](followup)


def _narrative(followup: FollowUp, key: str) -> tuple[Block, ...] | None:
    found = next((n for n in followup.narrative if n.key == key), None)
    return None if found is None else to_blocks(found.markdown)


def governance_blocks(followup: FollowUp) -> tuple[Block, ...]:
    governance = followup.input.governance
    blocks: list[Block] = [Subheading(_("Bedömning av måluppfyllelse"))]
    if governance.description:
        blocks.append(Paragraph.of(governance.description))
    blocks.append(Paragraph.of(_("Bedömningen görs enligt principen nedan.")))
    blocks.append(BulletList(tuple(Paragraph.of(p) for p in governance.rules.principles)))
    policy = governance.partial_policy
    if policy.kind is PartialKind.NONE:
        rule = _("En indikator räknas som delvis uppnådd bara genom en ändrad bedömning.")
    else:
        rule = _("En indikator räknas som {rule}.").format(rule=policy.describe())
    blocks.append(Paragraph.of(rule))
    return tuple(blocks)


def legend() -> Paragraph:
    parts = ", ".join(f"{s.symbol} {s.label.lower()}" for s in Status)
    return Paragraph.of(_("Bedömningen visas med symbol och text: {parts}.").format(parts=parts))


def _goal_table(followup: FollowUp) -> tuple[Block, ...] | None:
    """The legend and the table; where indicators have earlier years or a comparison, the
    comparisons and the trend charts after it."""
    if not followup.goals:
        return None
    year = followup.input.period.year
    return (legend(), goal_table(followup), *history_blocks(indicators_of(followup.goals), year))


def _operating(followup: FollowUp) -> tuple[Block, ...]:
    """The guide to signs and deviation, then the table with its note on the net result."""
    table = operating_table(followup.operating, followup.input.period.year)
    blocks: tuple[Block, ...] = (
        reading_guide(),
        replace(table, note=operating_note(followup.operating)),
    )
    if followup.multi_year is not None:  # earlier years' ledgers were read
        blocks += (multi_year_table(followup.multi_year),)
    return blocks


def _goal_overview(followup: FollowUp) -> tuple[Block, ...] | None:
    return (goal_overview(followup.goals),) if followup.goals else None


def _deviations(followup: FollowUp) -> tuple[Block, ...] | None:
    return (deviation_table(followup.deviations),) if followup.deviations else None


def _chart(followup: FollowUp) -> tuple[Block, ...] | None:
    chart = budget_chart(followup.operating, followup.input.period.year)
    return (chart,) if chart.categories else None


def _investment(followup: FollowUp) -> tuple[Block, ...] | None:
    if len(followup.investment.rows) < 2:  # only the total: no projects
        return None
    return (investment_table(followup.investment, followup.input.period.year),)


def _sharing_key(followup: FollowUp) -> tuple[Block, ...] | None:
    key = followup.input.sharing_key
    if key is None:
        return None
    rounding = {
        Rounding.LARGEST_REMAINDER: _("så att delarna tillsammans blir hela resultatet"),
        Rounding.HALF_UP: _("del för del"),
    }[key.rounding]
    text = _(
        "Fördelningsnyckel: {basis} per {date} ({source}), avrundat till hela tkr {rounding}."
    ).format(
        basis=key.basis, date=key.reference_date.isoformat(), source=key.source, rounding=rounding
    )
    blocks: list[Block] = [Paragraph.of(text)]
    if followup.shares:
        total = followup.result.budget_deviation_tkr
        blocks.append(sharing_table(key, followup.shares, total))
    return tuple(blocks)


_BUILDERS: dict[str, Callable[[FollowUp], tuple[Block, ...] | None]] = {
    "governance": governance_blocks,
    "goal_table": _goal_table,
    "goal_overview": _goal_overview,
    "operating_account": _operating,
    "operating_chart": _chart,
    "deviation_analysis": _deviations,
    "investment_account": _investment,
    "sharing_key": _sharing_key,
}
