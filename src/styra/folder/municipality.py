"""A municipality's folder: the council's goals and one sub-folder per committee.

The folder holds:

- ``municipality.yaml``: the municipality, its code, the period, and the committees'
  sub-folders in the order the compiled report shows them (``example_data: true`` marks
  invented figures, which the documents then say on the cover);
- ``governance.yaml``: the council's rule set, in the committee's format;
- ``council-goals.yaml``: the council's goals (KF-mål), each with optional indicators of
  its own in the committee's indicator format;
- one sub-folder per committee in today's format (``styra.folder.loader``), whose goals
  name the KF-mål they break down with ``council_goals: [KF1]``.

Every problem of a sub-folder is reported with the sub-folder in its file name
("barn-och-utbildning/goals.yaml:12: …"). A committee folder alone works as before; its
``council_goals`` are then only kept.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from styra.core.council import CouncilGoal
from styra.core.followup import Governance, Period
from styra.core.goals import Indicator
from styra.core.municipality import JointShare
from styra.folder import parts
from styra.folder.fields import FileReader
from styra.folder.loader import Loaded, load, read_yaml
from styra.folder.yamlfile import Mapping
from styra.i18n import _
from styra.problems import Problem, error, has_errors, warning

MUNICIPALITY_FILE = "municipality.yaml"
COUNCIL_FILE = "council-goals.yaml"
GOVERNANCE_FILE = "governance.yaml"


@dataclass(frozen=True)
class CommitteeFolder:
    name: str  # the sub-folder, as municipality.yaml names it
    loaded: Loaded


@dataclass(frozen=True)
class LoadedMunicipality:
    folder: Path
    name: str
    code: str
    period: Period | None
    example_data: bool
    governance: Governance | None
    council_goals: tuple[CouncilGoal, ...]
    committees: tuple[CommitteeFolder, ...]
    problems: tuple[Problem, ...]
    joint_shares: tuple[JointShare, ...] = ()  # of joint committees hosted elsewhere
    example_note: str = ""  # what is invented, as the documents should say it

    @property
    def ok(self) -> bool:
        return (
            self.period is not None
            and self.governance is not None
            and all(c.loaded.ok for c in self.committees)
            and not has_errors(self.problems)
        )


def is_municipality(folder: Path) -> bool:
    return (folder / MUNICIPALITY_FILE).is_file()


def load_municipality(folder: Path) -> LoadedMunicipality:
    problems: list[Problem] = []
    doc = read_yaml(folder, MUNICIPALITY_FILE, problems)
    r = FileReader(MUNICIPALITY_FILE, problems)
    name, code, period, example, names, note = "", "", None, False, [], ""
    joint: list[JointShare] = []
    if doc is not None:
        r.known_keys(
            doc,
            "municipality",
            "code",
            "example_data",
            "example_note",
            "period",
            "committees",
            "joint_committees",
        )
        name = r.text(doc, "municipality") or ""
        code = r.text(doc, "code", required=False) or ""
        example = (r.text(doc, "example_data", required=False) or "").lower() in {"true", "ja"}
        note = r.text(doc, "example_note", required=False) or ""
        period_doc = r.mapping(doc, "period")
        period = parts.read_period(r, period_doc) if period_doc else None
        names = _committee_names(r, doc, folder)
        if period is not None:
            joint = _joint_shares(r, doc, folder, code, period)
    governance_doc = read_yaml(folder, GOVERNANCE_FILE, problems)
    governance = None
    if governance_doc is not None:
        governance = parts.read_governance(FileReader(GOVERNANCE_FILE, problems), governance_doc)
    council_doc = read_yaml(folder, COUNCIL_FILE, problems)
    year = period.year if period else None
    council, council_lines = _council_goals(FileReader(COUNCIL_FILE, problems), council_doc, year)
    committees = []
    for sub, line in names:
        loaded = load(folder / sub)
        problems.extend(_inside(sub, p) for p in loaded.problems)
        committees.append(CommitteeFolder(sub, loaded))
        if period and loaded.input and not _same_period(loaded.input.period, period):
            problems.append(
                error(
                    _("nämndens period ({found}) är inte kommunens ({expected})").format(
                        found=_period_text(loaded.input.period), expected=_period_text(period)
                    ),
                    file=f"{sub}/committee.yaml",
                    hint=_("rad {line} i {file} tar med nämnden").format(
                        line=line, file=MUNICIPALITY_FILE
                    ),
                )
            )
    problems.extend(_link_problems(council, council_lines, committees))
    return LoadedMunicipality(
        folder,
        name,
        code,
        period,
        example,
        governance,
        council,
        tuple(committees),
        tuple(problems),
        tuple(joint),
        note,
    )


def _same_period(a: Period, b: Period) -> bool:
    """The same follow-up period; each committee adopts its report on its own date."""
    return (a.kind, a.start, a.end) == (b.kind, b.start, b.end)


def _period_text(p: Period) -> str:
    return f"{p.kind.value} {p.start.isoformat()}–{p.end.isoformat()}"


def _inside(sub: str, p: Problem) -> Problem:
    """The problem with its file named inside the municipality's folder."""
    file = f"{sub}/{p.source.file}" if p.source.file else sub
    return dataclasses.replace(p, source=dataclasses.replace(p.source, file=file))


def _committee_names(r: FileReader, doc: Mapping, folder: Path) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    seen: set[str] = set()
    listed = r.texts(doc, "committees")
    if not listed:
        r.fail(_("ange minst en nämnds mapp under »committees»"), doc.line_of("committees"))
    for name, line in listed:
        target = (folder / name).resolve()
        if Path(name).is_absolute() or folder.resolve() not in target.parents:
            r.fail(
                _("nämndens mapp »{name}» ligger utanför kommunens mapp").format(name=name),
                line,
                _("ange en undermapp, till exempel barn-och-utbildning"),
            )
        elif not (target / "committee.yaml").is_file():
            r.fail(
                _("nämndens mapp »{name}» finns inte eller saknar committee.yaml").format(
                    name=name
                ),
                line,
            )
        elif name in seen:
            r.fail(_("nämndens mapp »{name}» står redan i listan").format(name=name), line)
        else:
            seen.add(name)
            found.append((name, line))
    return found


def _joint_shares(
    r: FileReader, doc: Mapping, folder: Path, code: str, period: Period
) -> list[JointShare]:
    """Each joint committee hosted elsewhere: the member's share from the host's report.

    ``report`` names the host's published report in JSON (``styra report --format json``),
    kept in this folder; the share is the one its sharing key gives this municipality's
    ``code``.
    """
    found = []
    for item in r.items(doc, "joint_committees", required=False):
        r.known_keys(item, "report")
        relative = r.text(item, "report")
        if relative is None:
            continue
        line = item.line_of("report")
        path = (folder / relative).resolve()
        if folder.resolve() not in path.parents:
            r.fail(
                _("rapporten »{file}» ligger utanför kommunens mapp").format(file=relative), line
            )
            continue
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            r.fail(
                _("den gemensamma nämndens rapport »{file}» kan inte läsas: {why}").format(
                    file=relative, why=getattr(exc, "strerror", None) or exc
                ),
                line,
                _("skapa den med styra report MAPP --format json"),
            )
            continue
        share = _share_in(r, report, relative, line, code=code, period=period)
        if share is not None:
            found.append(share)
    return found


def _share_in(
    r: FileReader, report: object, relative: str, line: int, *, code: str, period: Period
) -> JointShare | None:
    sharing = report.get("sharing") if isinstance(report, dict) else None
    if not isinstance(report, dict) or not isinstance(sharing, dict):
        r.fail(
            _("»{file}» är ingen rapport med fördelning av resultatet").format(file=relative), line
        )
        return None
    reported = report.get("period", {})
    if (reported.get("start"), reported.get("end")) != (
        period.start.isoformat(),
        period.end.isoformat(),
    ):
        r.fail(
            _("»{file}» gäller {start}–{end}, inte kommunens period").format(
                file=relative, start=reported.get("start"), end=reported.get("end")
            ),
            line,
        )
        return None
    share = next((s for s in sharing.get("shares", []) if s.get("code") == code), None)
    if share is None:
        r.fail(
            _("»{file}» har ingen andel för kommunkoden {code}").format(file=relative, code=code),
            line,
            _("ange kommunens kod under »code»"),
        )
        return None
    return JointShare(
        str(report.get("committee", "")),
        str(report.get("municipality", "")),
        str(share.get("name", "")),
        code,
        Decimal(str(share.get("tkr"))),
        str(sharing.get("basis", "")),
        str(sharing.get("reference_date", "")),
        str(sharing.get("source", "")),
        relative,
    )


def _council_goals(
    r: FileReader, doc: Mapping | None, year: int | None
) -> tuple[tuple[CouncilGoal, ...], dict[str, int]]:
    """The KF-mål, and the line of each."""
    if doc is None:
        return (), {}
    r.known_keys(doc, "goals")
    found = []
    seen: dict[str, int] = {}
    for item in r.items(doc, "goals"):
        r.known_keys(item, "id", "name", "description", "indicators")
        ident, name = r.text(item, "id"), r.text(item, "name")
        indicators: list[Indicator] = []
        for ind in r.items(item, "indicators", required=False):
            indicator = parts.read_indicator(r, ind, seen, year)
            if indicator:
                indicators.append(indicator)
        if not (ident and name):
            continue
        if ident in seen:
            r.fail(
                _("målet »{id}» finns redan på rad {line}").format(id=ident, line=seen[ident]),
                item.line,
            )
            continue
        seen[ident] = item.line
        description = r.text(item, "description", required=False) or ""
        found.append(CouncilGoal(ident, name, tuple(indicators), description))
    return tuple(found), seen


def _link_problems(
    council: tuple[CouncilGoal, ...],
    council_lines: dict[str, int],
    committees: list[CommitteeFolder],
) -> list[Problem]:
    """Links to KF-mål that do not exist (errors), KF-mål that nothing breaks down (warnings)."""
    known = {g.id for g in council}
    linked: set[str] = set()
    found = []
    for c in committees:
        if c.loaded.input is None:
            continue
        lines = c.loaded.extras.get("council_links", {})
        assert isinstance(lines, dict)
        for goal in c.loaded.input.goals:
            linked.update(goal.council_goals)
            for ident in goal.council_goals:
                if ident not in known:
                    found.append(
                        error(
                            _("nämndmål {goal} bryter ner »{id}», som inte finns i {file}").format(
                                goal=goal.id, id=ident, file=COUNCIL_FILE
                            ),
                            file=f"{c.name}/goals.yaml",
                            line=lines.get(goal.id),
                            hint=_("kommunens mål: {ids}").format(ids=", ".join(sorted(known))),
                        )
                    )
    for kf in council:
        if kf.id not in linked and not kf.indicators:
            found.append(
                warning(
                    _(
                        "kommunfullmäktiges mål {id} har inga nämndmål och inga egna indikatorer; "
                        "det kan inte bedömas"
                    ).format(id=kf.id),
                    file=COUNCIL_FILE,
                    line=council_lines.get(kf.id),
                    hint=_("koppla ett nämndmål till det med »council_goals: [{id}]»").format(
                        id=kf.id
                    ),
                )
            )
    return found
