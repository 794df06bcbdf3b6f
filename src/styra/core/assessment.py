"""Indicator assessment: the automatic verdict, its reason, and a person's override beside it.

Whether an indicator that misses its target counts as "partially achieved" is the
governance model's partial policy:

- ``none``: it never does;
- ``tolerance``: it does when the value lies within a share of the target (``0.20`` =
  within 20 % of the target value, boundary included);
- ``progress``: it does when the value has moved from the baseline towards the target by
  at least a share of the distance (``0`` = any improvement).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from styra.core.goals import Indicator, Override, Status, TargetKind, describe_value
from styra.core.money import end_sentence, format_number, format_share
from styra.i18n import _


class PartialKind(enum.StrEnum):
    NONE = "none"
    TOLERANCE = "tolerance"
    PROGRESS = "progress"


@dataclass(frozen=True, slots=True)
class PartialPolicy:
    kind: PartialKind = PartialKind.NONE
    share: Decimal = Decimal(0)

    def describe(self) -> str:
        percent = format_share(self.share)
        if self.kind is PartialKind.TOLERANCE:
            return _("delvis uppnådd när värdet ligger högst {p} % från målvärdet").format(
                p=percent
            )
        if self.kind is PartialKind.PROGRESS:
            return _(
                "delvis uppnådd när värdet har förbättrats från utgångsvärdet med minst "
                "{p} % av avståndet till målvärdet"
            ).format(p=percent)
        return _("delvis uppnådd förekommer inte automatiskt")


@dataclass(frozen=True, slots=True)
class Assessment:
    automatic: Status
    reason: str
    override: Override | None = None

    @property
    def status(self) -> Status:
        return self.override.status if self.override else self.automatic


def meets_target(kind: TargetKind, value: Decimal, target: Decimal) -> bool:
    if kind is TargetKind.EQUAL_TO:
        return value == target
    if kind.lower_is_better:
        return value <= target
    return value >= target


def assess_indicator(indicator: Indicator, policy: PartialPolicy) -> Assessment:
    value, target = indicator.value, indicator.target
    unit = indicator.unit
    if value is None:
        return Assessment(Status.NO_VALUE, _("Värde saknas."), indicator.override)
    shown, aim = describe_value(value, unit), describe_value(target.value, unit)
    if meets_target(target.kind, value, target.value):
        reason = end_sentence(_("{value} når målvärdet {target}").format(value=shown, target=aim))
        return Assessment(Status.ACHIEVED, reason, indicator.override)
    partial, why = _partial(indicator, value, policy)
    status = Status.PARTIALLY_ACHIEVED if partial else Status.NOT_ACHIEVED
    reason = end_sentence(
        _("{value} når inte målvärdet {target}; {why}").format(value=shown, target=aim, why=why)
    )
    return Assessment(status, reason, indicator.override)


def _partial(indicator: Indicator, value: Decimal, policy: PartialPolicy) -> tuple[bool, str]:
    if policy.kind is PartialKind.TOLERANCE:
        return _within_tolerance(value, indicator.target.value, policy.share)
    if policy.kind is PartialKind.PROGRESS:
        return _progressed(indicator, value, policy.share)
    return False, _("styrmodellen har ingen automatisk delvis-bedömning")


def _within_tolerance(value: Decimal, target: Decimal, share: Decimal) -> tuple[bool, str]:
    if target == 0:
        return False, _("målvärdet är 0, så ingen tolerans kan räknas")
    gap = abs(value - target) / abs(target)
    percent = format_number(gap * 100, 1)
    limit = format_share(share)
    if gap <= share:
        return True, _("avvikelsen {gap} % ligger inom toleransen {limit} %").format(
            gap=percent, limit=limit
        )
    return False, _("avvikelsen {gap} % ligger utanför toleransen {limit} %").format(
        gap=percent, limit=limit
    )


def _progressed(indicator: Indicator, value: Decimal, share: Decimal) -> tuple[bool, str]:
    baseline, target = indicator.baseline, indicator.target.value
    if baseline is None:
        return False, _("utgångsvärde saknas, så framsteg kan inte bedömas")
    distance = target - baseline
    if distance == 0:
        return False, _("utgångsvärdet är redan målvärdet")
    progress = (value - baseline) / distance
    base = describe_value(baseline, indicator.unit)
    percent = format_number(progress * 100, 0)
    if progress > 0 and progress >= share:
        return True, _("{p} % av vägen från utgångsvärdet {base}").format(p=percent, base=base)
    return False, _("ingen tillräcklig förbättring från utgångsvärdet {base}").format(base=base)
