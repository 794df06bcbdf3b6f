"""The API's shapes: what it answers and what it takes, each field documented in Swedish
for the OpenAPI description (the names are the web form's fields, so an error names the
same field on both doors)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

MAX_ID = 2**53
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=1, le=2**31 - 1, description="Versionen som lästes.")]
Slug = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]{1,50}$", max_length=50)]


class ErrorOut(Schema):
    detail: str


class FieldError(Schema):
    field: str = Field(description="Fältet som felet gäller; tomt för hela ändringen.")
    message: str


class InvalidOut(Schema):
    detail: str
    errors: list[FieldError]


class ConflictOut(Schema):
    detail: str
    version: int = Field(description="Den version som nu är sparad: läs om och försök igen.")
    by: str
    at: dt.datetime | None


class PeriodRef(Schema):
    slug: str
    year: int
    kind: str
    state: str
    locked: bool


class CommitteeOut(Schema):
    slug: str
    name: str
    municipality: str
    municipality_code: str
    role: str
    periods: list[PeriodRef]


class PeriodOut(PeriodRef):
    committee: str
    start: dt.date
    end: dt.date
    report_date: dt.date
    revision: int
    status: str = Field(description="Nämndens samlade bedömning av målen.")


class LineageOut(Schema):
    source: str
    metric: str
    rule: str
    file: str
    sha256: str
    rows: int | None
    computed: str | None = Field(description="Värdet som räknades fram ur källan.")
    entered_by_hand: bool
    justification: str


class EnteredOut(Schema):
    by: str = Field(description="Vem som sist ändrade värdet, med API-nyckelns namn.")
    at: dt.datetime


class IndicatorOut(Schema):
    id: int
    key: str
    name: str
    goal: str
    unit: str
    target_kind: str
    target_value: str
    target_wording: str
    baseline: str | None
    derived: bool
    value: str | None
    value_justification: str
    analysis: str
    version: int
    status: str
    automatic_status: str
    reason: str
    editable: bool
    lineage: LineageOut | None
    entered: EnteredOut | None


class GoalOut(Schema):
    id: int
    key: str
    name: str
    status: str
    override_status: str
    indicators: list[IndicatorOut]


class AccountRowOut(Schema):
    id: int | None = Field(description="Raden att skriva analys på; saknas för summor.")
    key: str
    label: str
    kind: str
    budget: str
    outcome: str
    deviation: str
    previous: str | None
    analysis: str | None
    version: int | None


class ProposalOut(Schema):
    method: str
    amount: str | None
    note: str


class ForecastRowOut(Schema):
    kind: Literal["rad", "projekt"]
    id: int
    label: str
    method: str | None
    amount: str | None
    comment: str
    version: int
    proposals: list[ProposalOut]


class IndicatorForecastOut(Schema):
    id: int
    key: str
    forecast_value: str | None
    forecast_status: str
    forecast_reason: str
    version: int


class ForecastsOut(Schema):
    available: bool = Field(description="Falskt för en period utan årscykel (ingen prognos).")
    lines: list[ForecastRowOut]
    projects: list[ForecastRowOut]
    indicators: list[IndicatorForecastOut]


class VersionOut(Schema):
    number: int
    created_at: dt.datetime
    reason: str
    downloads: dict[str, str]
    archive: str | None


Number = Annotated[
    Decimal, Field(allow_inf_nan=False, description='Ett tal, t.ex. 72.25 eller "72.25".')
]


class ResultIn(Schema):
    """Only the fields sent change; the others keep their stored values."""

    version: Version
    value: Number | None = Field(None, description="Utfallet; null betyder att värde saknas.")
    value_justification: str | None = Field(
        None,
        max_length=5000,
        description="Krävs när värdet ersätter ett som räknats fram ur källan.",
    )
    analysis: str | None = Field(None, max_length=20000)


class AnalysisIn(Schema):
    version: Version
    analysis: str = Field(max_length=5000)


class ForecastIn(Schema):
    version: Version
    choice: Literal["run_rate", "remaining_budget", "seasonal", "amount"]
    amount: Number | None = Field(None, description="Eget belopp i tkr, med choice=amount.")
    comment: str = Field("", max_length=2000)


class IndicatorForecastIn(Schema):
    version: Version
    forecast_value: Number | None = None
    forecast_status: Literal["", "achieved", "partially_achieved", "not_achieved"] = ""
    forecast_reason: str = Field("", max_length=2000)
