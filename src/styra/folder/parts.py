"""Reading each file of the folder format into the core's records."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from styra.core.accounts import (
    AccountRange,
    Labels,
    LargeDeviation,
    Project,
    ReportLine,
    Section,
)
from styra.core.assessment import PartialKind, PartialPolicy
from styra.core.cycle.profiles import Profile
from styra.core.figures import RESERVED_LINE_IDS, TOTALS
from styra.core.followup import Committee, DerivedValue, Governance, Period
from styra.core.goals import (
    Goal,
    Indicator,
    Override,
    Status,
    Target,
    TargetKind,
    goal_problem,
    target_wording_problem,
)
from styra.core.rollup import DEFAULT_PRINCIPLES, RollupRules
from styra.core.sharing import Member, Rounding, SharingKey
from styra.core.trend import history_problem
from styra.core.wording import Wording, wording_problem
from styra.documents.spec import SPEC_KEYS, read_spec
from styra.folder.cycle import period_end_ok, period_kind, read_profile
from styra.folder.fields import FileReader
from styra.folder.yamlfile import Mapping, NotText, Scalar, Sequence, Value, decode_text
from styra.i18n import _
from styra.problems import error
from styra.sources import load_kolada_snapshot, population_key

RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")
LINE_ID = re.compile(r"^[\w-]+$")


@dataclass(frozen=True)
class CommitteeSettings:
    committee: Committee
    period: Period
    key: SharingKey | None
    ledger: str
    budget: str
    previous_ledger: str | None
    # Ledgers of the years before the previous one, for the multi-year table: (file, line).
    earlier_ledgers: tuple[tuple[str, int], ...] = ()


def read_committee(r: FileReader, doc: Mapping, folder: Path = Path()) -> CommitteeSettings | None:
    r.known_keys(
        doc,
        "committee",
        "municipality",
        "period",
        "ledger",
        "budget",
        "previous_ledger",
        "earlier_ledgers",
        "sharing",
    )
    name, host = r.text(doc, "committee"), r.text(doc, "municipality")
    period_doc = r.mapping(doc, "period")
    period = read_period(r, period_doc) if period_doc else None
    ledger, budget = r.text(doc, "ledger"), r.text(doc, "budget")
    previous = r.text(doc, "previous_ledger", required=False)
    sharing = r.mapping(doc, "sharing", required=False)
    key = _key(r, sharing, folder) if sharing else None
    if not (name and host and period and ledger and budget):
        return None
    earlier = tuple(r.texts(doc, "earlier_ledgers"))
    return CommitteeSettings(Committee(name, host), period, key, ledger, budget, previous, earlier)


def read_period(r: FileReader, doc: Mapping) -> Period | None:
    """A period mapping (year, kind, start, end, report_date), each problem at its line."""
    r.known_keys(doc, "year", "kind", "start", "end", "report_date")
    year = r.decimal(doc, "year")
    kind = period_kind(r, doc)
    start, end, made = r.date(doc, "start"), r.date(doc, "end"), r.date(doc, "report_date")
    if year is None or kind is None or not (start and end and made):
        return None
    if end < start:
        r.fail(_("periodens slut ligger före dess början"), doc.line_of("end"))
        return None
    if not period_end_ok(r, doc, kind, start, end):
        return None
    return Period(int(year), kind, start, end, made)


def _key(r: FileReader, doc: Mapping, folder: Path) -> SharingKey | None:
    r.known_keys(doc, "basis", "reference_date", "source", "rounding", "members", "kolada")
    basis, source = r.text(doc, "basis"), r.text(doc, "source")
    when = r.date(doc, "reference_date")
    rounding = r.choice(doc, "rounding", Rounding, default=Rounding.LARGEST_REMAINDER)
    kolada_doc = r.mapping(doc, "kolada", required=False)
    items = list(r.items(doc, "members"))
    codes = [c.text for i in items if isinstance(c := i.get("code"), Scalar)]
    fetched = _kolada_weights(r, kolada_doc, folder, codes) if kolada_doc else None
    members = []
    seen: dict[str, int] = {}
    for item in items:
        member = _member(r, item, fetched, keyed_by_kolada=kolada_doc is not None)
        if member:
            _unique(r, member.code, item.line_of("code"), seen, _("medlemskommunen med kod"))
            members.append(member)
    if members and sum(m.weight for m in members) <= 0:
        r.fail(_("nyckelns summa måste vara större än noll"), doc.line_of("members"))
        return None
    if not (basis and source and when and rounding and members):
        return None
    return SharingKey(basis, when, source, tuple(members), rounding)


def _member(
    r: FileReader, item: Mapping, fetched: dict[str, Decimal] | None, *, keyed_by_kolada: bool
) -> Member | None:
    r.known_keys(item, "code", "name", "weight")
    code, name = r.text(item, "code"), r.text(item, "name")
    weight = r.decimal(item, "weight", required=not keyed_by_kolada)
    from_kolada = fetched.get(code or "") if fetched else None
    if weight is not None and from_kolada is not None and weight != from_kolada:
        r.fail(
            _("nyckelns värde {weight} för {name} skiljer sig från Koladas {kolada}").format(
                weight=weight, name=name, kolada=from_kolada
            ),
            item.line_of("weight"),
            _("ta bort »weight» eller rätta det"),
        )
        return None
    weight = weight if weight is not None else from_kolada
    if weight is not None and weight < 0:
        r.fail(_("nyckelns värde får inte vara negativt"), item.line_of("weight"))
        return None
    if code and name and weight is not None:
        return Member(code, name, weight)
    return None


def _kolada_weights(
    r: FileReader, doc: Mapping, folder: Path, codes: list[str]
) -> dict[str, Decimal] | None:
    """The key's weights from a saved Kolada snapshot (population, KPI N01951)."""
    r.known_keys(doc, "file", "kpi", "year")
    file, year = r.text(doc, "file"), r.decimal(doc, "year")
    kpi = r.text(doc, "kpi", required=False) or "N01951"
    if not (file and year is not None):
        return None
    snapshot, problems = load_kolada_snapshot(folder / file, file)
    r.problems.extend(problems)
    if snapshot is None:
        return None
    weights, problems = population_key(snapshot, codes, int(year), kpi=kpi, file=file)
    r.problems.extend(problems)
    return weights


def read_governance(r: FileReader, doc: Mapping) -> Governance | None:
    r.known_keys(doc, "model", "description", "partial_policy", "rules")
    model, description = r.text(doc, "model"), r.text(doc, "description", required=False)
    policy_doc = r.mapping(doc, "partial_policy")
    policy = _policy(r, policy_doc) if policy_doc else None
    rules_doc = r.mapping(doc, "rules", required=False)
    rules = _rules(r, rules_doc, model or "") if rules_doc else RollupRules(name=model or "")
    if not (model and policy and rules):
        return None
    return Governance(model, description or "", policy, rules)


def _policy(r: FileReader, doc: Mapping) -> PartialPolicy | None:
    r.known_keys(doc, "kind", "share")
    kind = r.choice(doc, "kind", PartialKind)
    share = r.decimal(doc, "share", required=kind not in (None, PartialKind.NONE))
    if share is not None and not Decimal(0) <= share <= Decimal(1):
        r.fail(_("»share» ska ligga mellan 0 och 1, t.ex. 0,20 för 20 %"), doc.line_of("share"))
        return None
    return None if kind is None else PartialPolicy(kind, share or Decimal(0))


def _rules(r: FileReader, doc: Mapping, model: str) -> RollupRules | None:
    r.known_keys(doc, "partial_share", "empty", "all_missing", "principles")
    share = r.decimal(doc, "partial_share", required=False)
    if share is not None and not Decimal(0) < share <= Decimal(1):
        r.fail(
            _("»partial_share» ska ligga mellan 0 och 1, t.ex. 0,5 för hälften"),
            doc.line_of("partial_share"),
        )
        return None
    empty = r.choice(doc, "empty", Status, default=Status.NO_VALUE)
    missing = r.choice(doc, "all_missing", Status, default=Status.NOT_ACHIEVED)
    principles = tuple(t for t, _line in r.texts(doc, "principles")) or DEFAULT_PRINCIPLES
    if empty is None or missing is None:
        return None
    return RollupRules(
        model, share if share is not None else Decimal("0.5"), empty, missing, principles
    )


@dataclass(frozen=True)
class Goals:
    goals: tuple[Goal, ...]
    derived: dict[str, DerivedValue]
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    link_lines: dict[str, int] = field(default_factory=dict)  # goal id → its council_goals


def read_goals(r: FileReader, doc: Mapping, *, year: int | None = None) -> Goals | None:
    """The goals and indicators; ``year`` (the period's) bounds the indicators' history."""
    r.known_keys(doc, "goals")
    goals: list[Goal] = []
    derived: dict[str, DerivedValue] = {}
    sources: dict[str, dict[str, str]] = {}
    seen: dict[str, int] = {}
    link_lines: dict[str, int] = {}
    for item in r.items(doc, "goals"):
        r.known_keys(item, "id", "name", "indicators", "no_indicators", "override", "council_goals")
        indicators = []
        for ind in r.items(item, "indicators", required=False):
            indicator = read_indicator(r, ind, seen, year)
            source = ind.get("source")
            if indicator and isinstance(source, Mapping):
                sources[indicator.id] = plain(source)
                if plain(source).get("kind") == "ledger":
                    rule = _derived(r, source)
                    if rule:
                        derived[indicator.id] = rule
            if indicator:
                indicators.append(indicator)
        gid, name = r.text(item, "id"), r.text(item, "name")
        override = _override(r, item)
        reason = r.text(item, "no_indicators", required=False) or ""
        if gid and name:
            _unique(r, gid, item.line_of("id"), seen, _("målet"))
            links = tuple(text for text, _line in r.texts(item, "council_goals"))
            if links:
                link_lines[gid] = item.line_of("council_goals")
            goal = Goal(gid, name, tuple(indicators), override, reason, links)
            _check_goal(r, goal, item)
            goals.append(goal)
    return Goals(tuple(goals), derived, sources, link_lines)


def _check_goal(r: FileReader, goal: Goal, item: Mapping) -> None:
    problem = goal_problem(goal)
    listed = item.get("indicators")
    if problem is None or (isinstance(listed, Sequence) and listed.items and not goal.indicators):
        return  # listed indicators that could not be read have their own errors
    if goal.indicators:
        r.fail(problem, item.line_of("no_indicators"), _("ta bort »no_indicators»"))
        return
    r.fail(
        problem,
        item.line,
        _(
            "lista dem under »indicators:», eller skriv »no_indicators: <varför>» om målet "
            "avsiktligt saknar indikatorer i år"
        ),
    )


def _unique(r: FileReader, ident: str, line: int, seen: dict[str, int], what: str) -> None:
    if ident in seen:
        r.fail(
            _("{what} »{id}» finns redan på rad {line}").format(
                what=what, id=ident, line=seen[ident]
            ),
            line,
            _("varje id ska vara unikt"),
        )
    else:
        seen[ident] = line


def read_indicator(
    r: FileReader, doc: Mapping, seen: dict[str, int], year: int | None
) -> Indicator | None:
    """One indicator (a committee's, or a council goal's own); ``seen`` keeps ids unique."""
    r.known_keys(
        doc,
        "id",
        "name",
        "unit",
        "target",
        "value",
        "baseline",
        "source",
        "override",
        "analysis",
        "history",
    )
    ident, name = r.text(doc, "id"), r.text(doc, "name")
    unit = r.text(doc, "unit", required=False) or ""
    value = r.decimal(doc, "value", required=False)
    baseline = r.decimal(doc, "baseline", required=False)
    target_doc = r.mapping(doc, "target")
    target = _target(r, target_doc) if target_doc else None
    override = _override(r, doc)
    if ident:
        _unique(r, ident, doc.line_of("id"), seen, _("indikatorn"))
    if not (ident and name and target):
        return None
    analysis = r.text(doc, "analysis", required=False) or ""
    history = _history(r, doc, year)
    return Indicator(ident, name, target, unit, value, baseline, override, analysis, history)


YEAR = re.compile(r"^(19|20)\d\d$")


def _history(r: FileReader, doc: Mapping, year: int | None) -> tuple[tuple[int, Decimal], ...]:
    """``history: {2021: 12, 2022: "13,5"}``: earlier years' values, oldest first."""
    given = r.mapping(doc, "history", required=False)
    if given is None:
        return ()
    found = []
    for key in given.entries:
        if not YEAR.match(key):
            r.fail(
                _("»history»: »{key}» är inget årtal").format(key=key),
                given.line_of(key),
                _("skriv år: värde, till exempel 2023: 12"),
            )
            continue
        value = r.decimal(given, key)
        problem = None if year is None else history_problem([(int(key), Decimal(0))], year)
        if problem:
            r.fail(problem, given.line_of(key))
        elif value is not None:
            found.append((int(key), value))
    return tuple(sorted(found))


def _target(r: FileReader, doc: Mapping) -> Target | None:
    r.known_keys(doc, "kind", "value", "wording")
    kind, value = r.choice(doc, "kind", TargetKind), r.decimal(doc, "value")
    wording = r.text(doc, "wording", required=False) or ""
    if not kind or value is None:
        return None
    target = Target(kind, value, wording)
    contradiction = target_wording_problem(target)
    if contradiction:
        r.warn(
            _("målvärdets text »{wording}» stämmer inte med målet: {why}").format(
                wording=wording, why=contradiction
            ),
            doc.line_of("wording"),
            _("rätta »wording», »kind» eller »value»"),
        )
    return target


def _override(r: FileReader, doc: Mapping) -> Override | None:
    sub = r.mapping(doc, "override", required=False)
    if sub is None:
        return None
    r.known_keys(sub, "status", "justification", "by", "date")
    status = r.choice(sub, "status", Status)
    justification = r.text(sub, "justification")
    by, when = r.text(sub, "by", required=False), r.date(sub, "date", required=False)
    if justification is not None and not justification.strip():
        justification = None
    if status is None or justification is None:
        return None
    return Override(status, justification, by or "", when)


def _derived(r: FileReader, doc: Mapping) -> DerivedValue | None:
    return r.choice(doc, "metric", DerivedValue)


def plain(value: Value) -> dict[str, str]:
    if not isinstance(value, Mapping):
        return {}
    return {k: v.text for k, v in value.entries.items() if isinstance(v, Scalar)}


@dataclass(frozen=True)
class AccountMapping:
    lines: tuple[ReportLine, ...]
    scope: tuple[AccountRange, ...]
    labels: Labels
    projects: tuple[Project, ...]
    dimension: str
    investment_accounts: tuple[AccountRange, ...]
    investment_total_label: str
    large_deviation: LargeDeviation = LargeDeviation()
    analysis: dict[str, str] = field(default_factory=dict)  # report line → analysis
    line_numbers: dict[str, int] = field(default_factory=dict)  # report line → its line
    profiles: dict[str, Profile] = field(default_factory=dict)  # report line → its profile


def read_accounts(r: FileReader, doc: Mapping) -> AccountMapping | None:
    r.known_keys(doc, "operating", "investment")
    op = r.mapping(doc, "operating")
    inv = r.mapping(doc, "investment", required=False)
    if op is None:
        return None
    r.known_keys(op, "scope", "totals", "lines", "large_deviation")
    scope = _ranges(r, op, "scope")
    labels = _labels(r, op)
    items = list(r.items(op, "lines"))
    ids: dict[str, int] = {}
    lines = [line for item in items if (line := _line(r, item, ids))]
    analysis = {
        label: text
        for item in items
        if (label := r.text(item, "label", required=False))
        and (text := r.text(item, "analysis", required=False))
    }
    numbers = {label: item.line for item in items if (label := _scalar(item, "label"))}
    profiles = {
        label: profile
        for item in items
        if (label := _scalar(item, "label")) and (profile := read_profile(r, item))
    }
    limit = _large_deviation(r, op)
    projects: list[Project] = []
    dimension, total_label = "6", _("TOTALT INVESTERAT")
    inv_ranges: tuple[AccountRange, ...] = ()
    if inv:
        r.known_keys(inv, "dimension", "accounts", "total_label", "projects")
        dimension = r.text(inv, "dimension") or dimension
        inv_ranges = _ranges(r, inv, "accounts")
        total_label = r.text(inv, "total_label", required=False) or total_label
        for item in r.items(inv, "projects"):
            r.known_keys(item, "label", "object")
            label, obj = r.text(item, "label"), r.text(item, "object")
            if label and obj:
                projects.append(Project(label, obj))
    return AccountMapping(
        tuple(lines),
        scope,
        labels,
        tuple(projects),
        dimension,
        inv_ranges,
        total_label,
        limit,
        analysis,
        numbers,
        profiles,
    )


def _scalar(doc: Mapping, key: str) -> str:
    value = doc.get(key)
    return value.text if isinstance(value, Scalar) else ""


def _large_deviation(r: FileReader, op: Mapping) -> LargeDeviation:
    doc = r.mapping(op, "large_deviation", required=False)
    if doc is None:
        return LargeDeviation()
    r.known_keys(doc, "tkr", "share")
    tkr, share = r.decimal(doc, "tkr", required=False), r.decimal(doc, "share", required=False)
    if share is not None and not Decimal(0) < share <= Decimal(1):
        r.fail(_("»share» ska ligga mellan 0 och 1, t.ex. 0,10 för 10 %"), doc.line_of("share"))
        share = None
    return LargeDeviation(tkr, share)


def _labels(r: FileReader, op: Mapping) -> Labels:
    totals = r.mapping(op, "totals", required=False)
    if totals is None:
        return Labels()
    r.known_keys(totals, "revenue", "cost", "net")
    default = Labels()
    return Labels(
        r.text(totals, "revenue", required=False) or default.total_revenue,
        r.text(totals, "cost", required=False) or default.total_cost,
        r.text(totals, "net", required=False) or default.net_result,
    )


def _line(r: FileReader, doc: Mapping, ids: dict[str, int]) -> ReportLine | None:
    r.known_keys(doc, "id", "label", "section", "accounts", "analysis", "profile")
    label, section = r.text(doc, "label"), r.choice(doc, "section", Section)
    ranges = _ranges(r, doc, "accounts")
    ident = _line_id(r, doc, ids)
    if not (label and section and ranges) or ident is None:
        return None
    return ReportLine(label, section, ranges, ident)


def _line_id(r: FileReader, doc: Mapping, ids: dict[str, int]) -> str | None:
    """A line's id: optional, unique, one word, and none of the totals' names."""
    ident = r.text(doc, "id", required=False)
    if ident is None:
        return ""
    line = doc.line_of("id")
    if not LINE_ID.match(ident):
        r.fail(
            _("radens id »{id}» ska vara ett ord: bokstäver, siffror, - och _").format(id=ident),
            line,
        )
        return None
    if ident in RESERVED_LINE_IDS:
        r.fail(
            _("radens id »{id}» är upptaget av en summa").format(id=ident),
            line,
            _("{names} är namnen på summaraderna").format(names=", ".join(TOTALS)),
        )
        return None
    _unique(r, ident, line, ids, _("raden med id"))
    return ident


def _ranges(r: FileReader, doc: Mapping, key: str) -> tuple[AccountRange, ...]:
    found = []
    for text, line in r.texts(doc, key):
        match = RANGE.match(text)
        if not match:
            r.fail(
                _("»{text}» är inget kontointervall").format(text=text),
                line,
                _("skriv t.ex. 5000-5999 eller 6010"),
            )
            continue
        first, last = match.group(1), match.group(2) or match.group(1)
        if len(first) != len(last) or first > last:
            r.fail(
                _("kontointervallet »{text}» är baklänges eller har olika längd").format(text=text),
                line,
            )
            continue
        found.append(AccountRange(first, last))
    if not found and key in doc.entries:
        r.fail(_("»{key}» anger inga konton").format(key=key), doc.line_of(key))
    return tuple(found)


@dataclass(frozen=True)
class NarrativeFile:
    key: str
    title: str
    markdown: str
    file: str = ""


@dataclass(frozen=True)
class Report:
    wording: Wording
    narrative: tuple[NarrativeFile, ...]
    extra: dict[str, Value] = field(default_factory=dict)


def read_report(r: FileReader, doc: Mapping | None, folder: Path) -> Report:
    if doc is None:
        return Report(Wording(), ())
    wording_doc = r.mapping(doc, "wording", required=False)
    wording = Wording()
    if wording_doc:
        r.known_keys(wording_doc, *Wording.names())
        given = {k: t for k in Wording.names() if (t := r.text(wording_doc, k, required=False))}
        wording = Wording(**given)
        for name in given:
            problem = wording_problem(wording, name)
            if problem:
                r.fail(
                    _("mallen »{name}»: {why}").format(name=name, why=problem),
                    wording_doc.line_of(name),
                )
    narrative = []
    for item in r.items(doc, "narrative", required=False):
        r.known_keys(item, "key", "title", "file")
        key, title, file = r.text(item, "key"), r.text(item, "title"), r.text(item, "file")
        if not (key and title and file):
            continue
        path = folder / file
        if not path.is_file():
            r.fail(_("berättelsefilen »{file}» saknas").format(file=file), item.line_of("file"))
            continue
        try:
            markdown = decode_text(path.read_bytes())
        except NotText as exc:
            r.problems.append(error(exc.message, file=file, line=exc.line, hint=exc.hint))
            continue
        narrative.append(NarrativeFile(key, title, markdown, file))
    # The document's title, template and sections are checked here, so that `styra check`
    # names their file and line; the document renderers read them again with read_spec.
    read_spec(r, doc, folder, {n.key for n in narrative})
    known = ("wording", "narrative", *SPEC_KEYS)
    extra = {k: v for k, v in doc.entries.items() if k not in known}
    return Report(wording, tuple(narrative), extra)


def is_sequence(value: Value | None) -> bool:
    return isinstance(value, Sequence)
