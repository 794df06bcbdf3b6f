"""What the year cycle adds to the folder format: the period's kind and end, and a line's
distribution profile in ``accounts.yaml``.

A period that is not the whole year (``kind: tertial``, ``interim``, ``month``; the Swedish
``delar`` and ``manad`` are read too) runs from ``start``, the fiscal year's first day, to
``end``, the last day of its last month; the fiscal year is the twelve months from
``start``. ``period_problems`` is the one rule for the end. An annual period is read as it
always was.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from styra.core.cycle.periods import (
    MONTHS_IN_YEAR,
    FollowUpKind,
    FollowUpPeriod,
    add_months,
    last_day,
    month_of,
    period_problems,
)
from styra.core.cycle.profiles import Profile, ProfileKind, explicit_profile_problem
from styra.core.followup import Period, PeriodKind
from styra.core.money import parse_decimal
from styra.folder.fields import FileReader
from styra.folder.yamlfile import Mapping, Scalar, Sequence
from styra.i18n import _

# The Swedish words a controller may write for a period's kind, beside the English ones.
PERIOD_KIND_WORDS = {"delar": PeriodKind.INTERIM, "manad": PeriodKind.MONTH}

# A line's distribution profile by name; the Swedish words are read beside the English.
PROFILE_WORDS = {
    "even": ProfileKind.EVEN,
    "previous_year": ProfileKind.PREVIOUS_YEAR,
    "jamn": ProfileKind.EVEN,
    "fjolaret": ProfileKind.PREVIOUS_YEAR,
}


def period_kind(r: FileReader, doc: Mapping) -> PeriodKind | None:
    raw = r.text(doc, "kind", required=False)
    if raw is None:
        return PeriodKind.ANNUAL
    if raw in PERIOD_KIND_WORDS:
        return PERIOD_KIND_WORDS[raw]
    return r.choice(doc, "kind", PeriodKind)


def fiscal_end(start: date) -> date:
    """The last day of the twelve-month fiscal year that begins on ``start``."""
    return last_day(add_months(month_of(start), MONTHS_IN_YEAR - 1))


def period_end_ok(r: FileReader, doc: Mapping, kind: PeriodKind, start: date, end: date) -> bool:
    """Whether the period's end suits its kind; each problem at the line of ``end``."""
    if kind is PeriodKind.ANNUAL:
        return True
    problems = period_problems(FollowUpKind(kind.value), start, fiscal_end(start), end)
    for problem in problems:
        r.fail(
            problem,
            doc.line_of("end"),
            _("»start» är räkenskapsårets första dag och »end» periodens sista"),
        )
    return not problems


def follow_up_period(period: Period) -> FollowUpPeriod:
    """The core's follow-up period for a folder's period (checked by ``period_end_ok``)."""
    kind = FollowUpKind(period.kind.value)
    return FollowUpPeriod(kind, period.start, fiscal_end(period.start), period.end)


def read_profile(r: FileReader, doc: Mapping) -> Profile | None:
    """A line's ``profile``: a name, or twelve shares in per cent that add up to 100."""
    value = doc.get("profile")
    if value is None:
        return None
    line = doc.line_of("profile")
    if isinstance(value, Scalar):
        kind = PROFILE_WORDS.get(value.text)
        if kind is None:
            r.fail(
                _("»profile»: okänt värde »{text}»").format(text=value.text),
                line,
                _("skriv even, previous_year eller tolv andelar i procent: [8, 8, …]"),
            )
            return None
        return Profile(kind)
    shares = _shares(r, value, line)
    if shares is None:
        return None
    problem = explicit_profile_problem(shares)
    if problem is not None:
        r.fail(problem, line, _("andelarna är procent per månad och ska summera till 100"))
        return None
    return Profile(ProfileKind.EXPLICIT, tuple(shares))


def _shares(r: FileReader, value: object, line: int) -> list[Decimal] | None:
    if not isinstance(value, Sequence) or not all(isinstance(v, Scalar) for v in value.items):
        r.fail(_("»profile» ska vara ett namn eller en lista med tolv andelar"), line)
        return None
    shares = []
    for item in value.items:
        assert isinstance(item, Scalar)
        try:
            shares.append(parse_decimal(item.text))
        except ValueError as exc:
            r.fail(_("»profile»: {why}").format(why=exc), item.line)
            return None
    return shares
