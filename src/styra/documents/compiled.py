"""Kommunens sammanställda uppföljning: the municipality's compiled follow-up as a document.

The same document model as a committee's report, so DOCX, PDF and HTML all follow. The
compiled part comes first: the council's goals (KF-mål) with their verdicts, sentences and
the committee goals behind each, every committee's verdict, the operating and investment
result per committee with the municipality's total, and the shares of joint committees.
Each committee's own report follows as a numbered section of its own, its headings one
level down, built exactly as the committee's report is (annual, interim or month), so a
committee's figures are the same in both documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from styra.core.council import CouncilGoalResult
from styra.core.cycle.interim import Interim
from styra.core.money import format_number, to_tkr
from styra.core.municipality import MunicipalityFollowUp
from styra.documents.annual import Built, legend
from styra.documents.compiled_tables import (
    CommitteePart,
    council_indicator_table,
    council_overview,
    interim_nets,
    interim_sum,
    investment_table,
    joint_table,
    linked_goals_table,
    operating_table,
    unlinked_table,
    verdict_table,
)
from styra.documents.history import history_blocks
from styra.documents.model import Block, BulletList, Cover, Document, Paragraph, Run, Section
from styra.documents.tables import status_text
from styra.i18n import _

EXAMPLE_LABEL = _("Exempeldata:")
# The folder says only that its data are invented; which of them are real is not data yet.
EXAMPLE_NOTE = _("Nämnder, mål och belopp är helt eller delvis påhittade för exemplet.")


@dataclass(frozen=True, slots=True)
class CommitteeReport:
    """A committee's part: what the compiled tables read, and its own report."""

    part: CommitteePart
    document: Document


def compiled_title(m: MunicipalityFollowUp, interim: Interim | None) -> str:
    """ "Kommunens sammanställda uppföljning för helåret 2024" (or "… för januari–augusti
    2024"). Not "Årsredovisning": the municipality's årsredovisning holds the financial
    statements too, which this document does not."""
    if interim is None:
        span = _("helåret {year}").format(year=m.period.year)
    else:
        span = interim.period.text
    return _("Kommunens sammanställda uppföljning för {span}").format(span=span)


def build_compiled_report(
    m: MunicipalityFollowUp, committees: Sequence[CommitteeReport], example_note: str = EXAMPLE_NOTE
) -> Built:
    parts = [c.part for c in committees]
    interim = next((p.interim for p in parts if p.interim is not None), None)
    title = compiled_title(m, interim)
    note = (m.example_note or example_note) if m.example_data else ""
    first = 4 + 1
    sections = [
        Section("1", _("Inledning"), _introduction(m, title, len(parts), first, note)),
        _council_section(m, "2"),
        Section("3", _("Nämndernas måluppfyllelse"), _verdicts(parts)),
        _economy_section(m, parts, "4"),
        *(_committee_section(c, str(first + i)) for i, c in enumerate(committees)),
    ]
    label = EXAMPLE_LABEL if note else ""
    cover = Cover(m.name, m.period.report_date.isoformat(), title, label, note)
    document = Document(f"{title}, {m.name}", cover, tuple(sections), author=m.name)
    return Built(document, ())


def _introduction(
    m: MunicipalityFollowUp, title: str, count: int, first: int, note: str
) -> tuple[Block, ...]:
    sections = str(first) if count == 1 else f"{first}–{first + count - 1}"
    committees = _("en nämnd") if count == 1 else _("{count} nämnder").format(count=count)
    text = _(
        "{title} samlar kommunfullmäktiges mål och uppföljningen från kommunens "
        "{committees}: måluppfyllelse, driftredovisning och investeringar. Varje nämnds "
        "egen uppföljning följer i avsnitt {sections}."
    ).format(title=title, committees=committees, sections=sections)
    blocks: list[Block] = [Paragraph.of(text)]
    if note:
        blocks.append(Paragraph((Run(EXAMPLE_LABEL + " ", strong=True), Run(note))))
    return tuple(blocks)


def _council_section(m: MunicipalityFollowUp, number: str) -> Section:
    governance = m.governance
    lead = _(
        "Kommunfullmäktige sätter övergripande mål som nämnderna bryter ner i nämndmål med "
        "indikatorer. Ett av kommunfullmäktiges mål bedöms utifrån de nämndmål i alla "
        "nämnder som bryter ner det och målets egna indikatorer, enligt principerna nedan."
    )
    blocks: list[Block] = [Paragraph.of(lead)]
    if governance.description:
        blocks.append(Paragraph.of(governance.description))
    blocks.append(BulletList(tuple(Paragraph.of(p) for p in governance.rules.principles)))
    blocks += [Paragraph.of(m.council.sentence), legend(), council_overview(m)]
    year = m.period.year
    children = [
        _council_goal(goal, f"{number}.{i}", year) for i, goal in enumerate(m.council.goals, 1)
    ]
    if m.council.unlinked:
        blocks_unlinked = (
            Paragraph.of(
                _(
                    "Dessa nämndmål anger inte något av kommunfullmäktiges mål och ingår "
                    "därför inte i bedömningen ovan."
                )
            ),
            unlinked_table(m.council.unlinked),
        )
        unlinked_number = f"{number}.{len(children) + 1}"
        children.append(Section(unlinked_number, _("Nämndmål utan koppling"), blocks_unlinked))
    return Section(number, _("Kommunfullmäktiges mål"), tuple(blocks), tuple(children))


def _council_goal(goal: CouncilGoalResult, number: str, year: int) -> Section:
    blocks: list[Block] = []
    if goal.goal.description:
        blocks.append(Paragraph.of(goal.goal.description))
    verdict = _("Bedömning: {status}.").format(status=status_text(goal.status))
    blocks.append(Paragraph((Run(verdict + " ", strong=True), Run(goal.sentence))))
    if goal.linked:
        blocks.append(linked_goals_table(goal))
    if goal.indicators:
        blocks.append(council_indicator_table(goal, year))
        blocks += history_blocks(goal.indicators, year)
    return Section(number, f"{goal.goal.id} {goal.goal.name}", tuple(blocks))


def _verdicts(parts: Sequence[CommitteePart]) -> tuple[Block, ...]:
    lead = _(
        "Varje nämnd bedömer sina nämndmål enligt styrmodellen; tabellen visar nämndens "
        "samlade bedömning. Nämndmålen och deras indikatorer finns i nämndens eget avsnitt."
    )
    return (Paragraph.of(lead), verdict_table(parts))


def _economy_section(
    m: MunicipalityFollowUp, parts: Sequence[CommitteePart], number: str
) -> Section:
    result = _result_sentence(m, parts)
    children = [
        Section(
            f"{number}.1",
            _("Driftredovisning per nämnd"),
            (Paragraph.of(result), operating_table(m, parts)),
        ),
        Section(f"{number}.2", _("Investeringar per nämnd"), (investment_table(m, parts),)),
    ]
    if m.joint_shares:
        lead = _(
            "Kommunens andel av resultatet i de gemensamma nämnder den är medlem i, enligt "
            "medlemmarnas fördelningsnyckel. Där nämnden har en annan värdkommun kommer "
            "andelen ur värdkommunens publicerade rapport."
        )
        blocks = (Paragraph.of(lead), joint_table(m.joint_shares))
        children.append(Section(f"{number}.3", _("Gemensamma nämnder"), blocks))
    return Section(number, _("Ekonomi"), (), tuple(children))


def _result_sentence(m: MunicipalityFollowUp, parts: Sequence[CommitteePart]) -> str:
    nets = interim_nets(parts)
    if nets is None:
        return _(
            "Nämndernas nettokostnad avviker sammantaget från budgeten med {deviation} tkr. "
            "En positiv avvikelse är bättre än budget."
        ).format(deviation=format_number(m.operating_total.deviation_tkr))
    whole = interim_sum(nets)
    text = _(
        "Nämndernas nettokostnad för perioden avviker sammantaget från periodens budget med "
        "{deviation} tkr. En positiv avvikelse är bättre än budget."
    ).format(deviation=format_number(to_tkr(whole.deviation)))
    if whole.forecast_deviation is None:
        return text + " " + _("Helårsprognos saknas för någon nämnd, så kommunens visas inte.")
    return (
        text
        + " "
        + _(
            "Enligt helårsprognosen avviker nettokostnaden från årets budget med {deviation} tkr."
        ).format(deviation=format_number(to_tkr(whole.forecast_deviation)))
    )


def _committee_section(report: CommitteeReport, number: str) -> Section:
    """The committee's own report, its sections numbered under ``number``."""
    own = report.document
    lead = _("Nämndens egen uppföljning: {title}, {date}.").format(
        title=own.cover.title, date=own.cover.date
    )
    children = tuple(_nested(s, number) for s in own.sections)
    return Section(number, report.part.name, (Paragraph.of(lead),), children)


def _nested(section: Section, prefix: str) -> Section:
    children = tuple(_nested(c, prefix) for c in section.children)
    return Section(f"{prefix}.{section.number}", section.title, section.blocks, children)
