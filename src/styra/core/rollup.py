"""Roll-up rule sets: from indicators to a goal, and from goals to the committee.

The default is the model report's rule set (MER-styrning):

- all achieved: achieved;
- half or more achieved or partially achieved: partially achieved;
- more than half not achieved or without a value: not achieved.

The rules leave cases open; this module closes them, and the rule set says how:

- no indicators at all: ``empty`` (default: no value, "kan inte bedömas");
- exactly half achieved or partially: partially achieved (the second rule says "half",
  and the third needs "more than half");
- all without a value: ``all_missing`` (default: not achieved, as the third rule reads
  literally: more than half "saknar värde").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from styra.core.goals import Status
from styra.core.money import format_share
from styra.i18n import _

DEFAULT_PRINCIPLES = (
    _("Alla indikatorer prognostiserade uppnådda = Nämndmål uppnås."),
    _("Hälften av indikatorerna uppnådda eller delvis uppnådda = Nämndmål uppnås delvis."),
    _("Mer än hälften av indikatorerna uppnås inte eller saknar värde = Nämndmål uppnås ej."),
)


@dataclass(frozen=True, slots=True)
class RollupRules:
    name: str = "MER-styrning"
    partial_share: Decimal = Decimal("0.5")
    empty: Status = Status.NO_VALUE
    all_missing: Status = Status.NOT_ACHIEVED
    principles: tuple[str, ...] = field(default=DEFAULT_PRINCIPLES)


@dataclass(frozen=True, slots=True)
class Rollup:
    status: Status
    reason: str
    counts: tuple[tuple[Status, int], ...]


def roll_up(statuses: Sequence[Status], rules: RollupRules) -> Rollup:
    counts = Counter(statuses)
    ordered = tuple((s, counts[s]) for s in Status if counts[s])
    total = len(statuses)
    if total == 0:
        return Rollup(rules.empty, _("Inga underliggande bedömningar finns."), ordered)
    if counts[Status.NO_VALUE] == total:
        return Rollup(rules.all_missing, _("Alla saknar värde."), ordered)
    if counts[Status.ACHIEVED] == total:
        return Rollup(Status.ACHIEVED, _("Alla {n} uppnås.").format(n=total), ordered)
    reached = counts[Status.ACHIEVED] + counts[Status.PARTIALLY_ACHIEVED]
    share = _share_text(rules.partial_share)
    if Decimal(reached) >= rules.partial_share * total:
        reason = _("{k} av {n} uppnås helt eller delvis, minst {share}.")
        return Rollup(
            Status.PARTIALLY_ACHIEVED, reason.format(k=reached, n=total, share=share), ordered
        )
    reason = _("{k} av {n} uppnås inte eller saknar värde; färre än {share} uppnås.")
    return Rollup(
        Status.NOT_ACHIEVED, reason.format(k=total - reached, n=total, share=share), ordered
    )


def _share_text(share: Decimal) -> str:
    if share == Decimal("0.5"):
        return _("hälften")
    return f"{format_share(share)} %"


def summary_sentence(
    goal_statuses: Iterable[Status], verdict: Status, template: str, *, subject: str = ""
) -> str:
    """The report's sentence: "2st av 2 bedöms uppnås delvis, vilket gör att nämndmålen …".

    ``template`` has the placeholders ``{count}``, ``{total}`` and ``{status}`` (the words
    after "bedöms", see :attr:`Status.judged`) for each part, and the sentence joins the
    parts in the order achieved, partially, not, no value. ``subject`` names what the
    verdict is of (default "nämndmålen"; the council's roll-up says "kommunfullmäktiges mål").
    """
    statuses = list(goal_statuses)
    total = len(statuses)
    counts = Counter(statuses)
    parts = [
        template.format(count=counts[s], total=total, status=s.judged) for s in Status if counts[s]
    ]
    if not parts:
        return (
            _("Det finns inga mål att bedöma.")
            if subject
            else _("Det finns inga nämndmål att bedöma.")
        )
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + _(" och ") + parts[-1]
    return _("{parts}, vilket gör att {subject} {verdict}.").format(
        parts=joined, subject=subject or _("nämndmålen"), verdict=verdict.verb
    )
