"""Stored state: what users edit. Computed values are the core's frozen records."""

from styra.web.followup.models.audit import Change, ItemKind
from styra.web.followup.models.cycle import (
    Forecast,
    ForecastMethodChoice,
    ForecastStatus,
    IndicatorForecast,
)
from styra.web.followup.models.finance import (
    AccountPlan,
    ImportState,
    InvestmentProject,
    LedgerAmount,
    LedgerImport,
    LedgerKind,
    Measure,
    MonthlyAmount,
    ReportLine,
    Section,
)
from styra.web.followup.models.goals import (
    CouncilGoal,
    Derived,
    Goal,
    Indicator,
    Result,
    TargetKind,
)
from styra.web.followup.models.org import Assignment, Committee, Member, Municipality, Role
from styra.web.followup.models.period import (
    Correction,
    Governance,
    KeyWeight,
    PartialKind,
    Period,
    PeriodKind,
    PeriodState,
    ReportVersion,
    Rounding,
    SharingKey,
    StatusChoice,
)
from styra.web.followup.models.sources import SourceFile
from styra.web.followup.models.text import NarrativeSection

__all__ = [
    "AccountPlan",
    "Assignment",
    "Change",
    "Committee",
    "Correction",
    "CouncilGoal",
    "Derived",
    "Forecast",
    "ForecastMethodChoice",
    "ForecastStatus",
    "Goal",
    "Governance",
    "ImportState",
    "Indicator",
    "IndicatorForecast",
    "InvestmentProject",
    "ItemKind",
    "KeyWeight",
    "LedgerAmount",
    "LedgerImport",
    "LedgerKind",
    "Measure",
    "Member",
    "MonthlyAmount",
    "Municipality",
    "NarrativeSection",
    "PartialKind",
    "Period",
    "PeriodKind",
    "PeriodState",
    "ReportLine",
    "ReportVersion",
    "Result",
    "Role",
    "Rounding",
    "Section",
    "SharingKey",
    "SourceFile",
    "StatusChoice",
    "TargetKind",
]
