"""Goals (nämndmål) and indicators (indikatorer) with their targets (målvärden)."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from styra.core.money import format_number, format_with_unit, parse_decimal
from styra.i18n import _


class TargetKind(enum.StrEnum):
    AT_MOST = "at_most"  # högst
    AT_LEAST = "at_least"  # minst, ≥
    REDUCE_TO = "reduce_to"  # minska till
    INCREASE_TO = "increase_to"  # öka till
    EQUAL_TO = "equal_to"  # lika med

    @property
    def lower_is_better(self) -> bool:
        return self in (TargetKind.AT_MOST, TargetKind.REDUCE_TO)


class Status(enum.StrEnum):
    """An assessment, of an indicator, a goal or the committee."""

    ACHIEVED = "achieved"
    PARTIALLY_ACHIEVED = "partially_achieved"
    NOT_ACHIEVED = "not_achieved"
    NO_VALUE = "no_value"

    @property
    def verb(self) -> str:
        """The verb of a clause: "vilket gör att nämndmålen uppnås delvis"."""
        return {
            Status.ACHIEVED: _("uppnås"),
            Status.PARTIALLY_ACHIEVED: _("uppnås delvis"),
            Status.NOT_ACHIEVED: _("uppnås ej"),
            Status.NO_VALUE: _("inte kan bedömas"),
        }[self]

    @property
    def judged(self) -> str:
        """What follows "bedöms": "2 st av 2 bedöms uppnås delvis", "1 st av 2 bedöms
        sakna underlag" (never "bedöms kan inte bedömas")."""
        if self is Status.NO_VALUE:
            return _("sakna underlag")
        return self.verb

    @property
    def label(self) -> str:
        return {
            Status.ACHIEVED: _("Uppnås"),
            Status.PARTIALLY_ACHIEVED: _("Uppnås delvis"),
            Status.NOT_ACHIEVED: _("Uppnås ej"),
            Status.NO_VALUE: _("Värde saknas"),
        }[self]

    @property
    def symbol(self) -> str:
        """A shape that tells the status apart without colour (WCAG 1.4.1)."""
        return {
            Status.ACHIEVED: "●",
            Status.PARTIALLY_ACHIEVED: "◐",
            Status.NOT_ACHIEVED: "○",
            Status.NO_VALUE: "–",
        }[self]


@dataclass(frozen=True, slots=True)
class Target:
    kind: TargetKind
    value: Decimal
    wording: str = ""  # as the report prints it; generated from kind and value when empty

    def text(self, unit: str) -> str:
        if self.wording:
            return self.wording
        amount = format_with_unit(self.value, unit)
        return {
            TargetKind.AT_MOST: _("högst {amount}"),
            TargetKind.AT_LEAST: _("minst {amount}"),
            TargetKind.REDUCE_TO: _("minska till {amount}"),
            TargetKind.INCREASE_TO: _("öka till {amount}"),
            TargetKind.EQUAL_TO: "{amount}",
        }[self.kind].format(amount=amount)


@dataclass(frozen=True, slots=True)
class Override:
    """A person's assessment, kept beside the automatic one; the justification is required."""

    status: Status
    justification: str
    by: str = ""
    at: date | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    """The indicator's value beside a group of similar municipalities and the country.

    ``group_mean`` is the plain mean of the group's members that have a value for the year
    (``group_count`` of ``group_size``); ``source`` says where the figures come from
    ("Källa: Kolada, hämtat 2025-01-20").
    """

    year: int
    group: str
    group_mean: Decimal | None
    group_count: int
    group_size: int
    national: Decimal | None
    source: str


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str
    target: Target
    unit: str = ""
    value: Decimal | None = None
    baseline: Decimal | None = None
    override: Override | None = None
    analysis: str = ""
    # Earlier years' values, oldest first: (year, value). The trend compares the value
    # with the latest of them (styra.core.trend).
    history: tuple[tuple[int, Decimal], ...] = ()
    comparison: Comparison | None = None

    def value_text(self) -> str:
        if self.value is None:
            return ""
        return format_with_unit(self.value, self.unit)

    def target_text(self) -> str:
        return self.target.text(self.unit)


@dataclass(frozen=True, slots=True)
class Goal:
    id: str
    name: str
    indicators: tuple[Indicator, ...] = field(default=())
    override: Override | None = None
    # Why the goal has no indicators this period; a goal without indicators must say why,
    # so that a misspelt or forgotten list is never read as an empty goal.
    no_indicators: str = ""
    # The council goals (KF-mål) the goal breaks down, by their ids (styra.core.council).
    council_goals: tuple[str, ...] = ()


def goal_problem(goal: Goal) -> str | None:
    """Why a goal cannot be followed up as written, or None: the one rule for every door."""
    if not goal.indicators and not goal.no_indicators.strip():
        return _("nämndmålet »{id}» har inga indikatorer").format(id=goal.id)
    if goal.indicators and goal.no_indicators.strip():
        return _("nämndmålet »{id}» har indikatorer men säger att det saknar dem").format(
            id=goal.id
        )
    return None


def describe_value(value: Decimal | None, unit: str) -> str:
    if value is None:
        return _("värde saknas")
    return format_with_unit(value, unit) if unit else format_number(value)


_NUMBER = re.compile(r"[−-]?\d[\d\u202f\u00a0 ]*(?:[.,]\d+)?")
_LOWER = ("högst", "≤", "<", "minska", "max")
_HIGHER = ("minst", "≥", ">", "öka", "min ")


def target_wording_problem(target: Target) -> str | None:
    """Why a target's printed wording contradicts its kind or value, or None.

    The report prints the wording while the assessment uses the kind and the value, so a
    wording that says "högst 15" over a value of 20 would print one rule and apply another.
    """
    if not target.wording:
        return None
    text = target.wording.lower()
    match = _NUMBER.search(text)
    if match:
        written = parse_decimal(match.group().strip())
        if written != target.value:
            return _("texten säger {written} men målvärdet är {value}").format(
                written=format_number(written), value=format_number(target.value)
            )
    if any(w in text for w in _LOWER) and not target.kind.lower_is_better:
        return _("texten anger ett tak men målets typ är {kind}").format(kind=target.kind.value)
    if any(w in text for w in _HIGHER) and target.kind.lower_is_better:
        return _("texten anger ett golv men målets typ är {kind}").format(kind=target.kind.value)
    return None
