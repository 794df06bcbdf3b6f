"""The report's generated sentences, as templates a municipality can reword.

Each template is ``str.format`` text; the placeholders each one may use are listed beside
it. The defaults follow the model report (Sydnärkes IT-nämnd 2024).
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from styra.core.accounts import YearResult
from styra.core.money import format_number
from styra.core.sharing import Share
from styra.i18n import _


@dataclass(frozen=True, slots=True)
class Wording:
    # {committee} {year}
    introduction: str = _(
        "{committee} har för {year} upprättat en årsredovisning innehållande måluppfyllelse "
        "av nämndmål, verksamhetsberättelse samt ekonomiskt utfall."
    )
    # {committee} {year}
    goals_lead: str = _("{committee} uppnådde {year} följande rörande nämndmålen:")
    # {count} {total} {status}: one part of the summary sentence per status; {status} is
    # what follows "bedöms" ("uppnås delvis", "sakna underlag")
    goal_count: str = _("{count} st av {total} bedöms {status}")
    # {basis}: helår, delår, tertial
    goals_basis: str = _(
        "Uppföljningen av målen baseras på indikatorerna som verksamheten har gjort på {basis}."
    )
    # The year's net result. {committee} {outcome}: överskott/underskott {amount}: the net
    # result in tkr; also {budgeted} (the budgeted result) and {deviation} (from budget)
    result: str = _("Årets resultat för {committee} visar ett {outcome} med {amount} tkr.")
    # Added after ``result`` when the budget planned a result other than zero, so that the
    # deviation, which is what the members share, is named. Placeholders as for ``result``.
    result_budget: str = _(
        "Det budgeterade resultatet var {budgeted} tkr, vilket ger en avvikelse mot budget "
        "med {deviation} tkr."
    )
    # Sharing the deviation from budget when the budget planned a zero result (then the
    # deviation is the net result). {outcome}: överskott/underskott {amount} {year} {parts}
    sharing: str = _("Fördelning av {outcome} blir {year} enligt följande: {parts}.")
    # Sharing the deviation from budget when the budget planned another result; as above.
    sharing_deviation: str = _(
        "Avvikelsen mot budget, ett {outcome} med {amount} tkr, fördelas {year} enligt "
        "följande: {parts}."
    )
    # {member} {amount}
    sharing_part: str = _("{member}: {amount} tkr")
    # {budget} {outcome} {date} (a datetime.date: {date:%y%m%d} prints 241231)
    investment: str = _(
        "Utav den totala investeringsbudgeten ({budget} tkr) så är {outcome} tkr förbrukat "
        "per {date:%Y-%m-%d}."
    )

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


_SAMPLE = {
    "committee": "Nämnden",
    "year": 2024,
    "count": 1,
    "total": 2,
    "status": "uppnås",
    "basis": "helår",
    "outcome": "underskott",
    "amount": "1",
    "budgeted": "1",
    "deviation": "1",
    "parts": "A: 1 tkr",
    "member": "A",
    "budget": "1",
    "date": date(2024, 12, 31),
}


_DATE_CODES = set("aAbBdHjmMpSyYeGuVwWz%")


def _field_problem(template: str) -> str | None:
    """Only plain placeholders: no attribute or index access, only known date codes."""
    for _text, name, spec, _conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if not name.isidentifier():
            return f"platshållaren {{{name}}} får bara vara ett namn"
        if name == "date" and spec:
            codes = set(re.findall(r"%(.)", spec))
            if not codes or codes - _DATE_CODES:
                return f"datumformatet »{spec}» ska använda koder som %Y, %m och %d"
    return None


def wording_problem(wording: Wording, key: str) -> str | None:
    """Why a reworded template cannot be used, or None when it can."""
    try:
        found = _field_problem(getattr(wording, key))
        if found:
            return found
        getattr(wording, key).format(**_SAMPLE)
    except KeyError as exc:
        return f"okänd platshållare {{{exc.args[0]}}}"
    except (ValueError, IndexError) as exc:
        return f"ogiltig mall ({exc})"
    return None


def outcome_word(result: Decimal) -> str:
    return _("underskott") if result < 0 else _("överskott")


def join_list(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + _(" och ") + items[-1]


def sentences(
    wording: Wording,
    *,
    committee: str,
    year: int,
    basis: str,
    end: date,
    result: YearResult,
    shares: Sequence[Share],
    investment_budget: Decimal,
    investment_outcome: Decimal,
) -> dict[str, str]:
    texts = {
        "introduction": wording.introduction.format(committee=committee, year=year),
        "goals_lead": wording.goals_lead.format(committee=committee, year=year),
        "goals_basis": wording.goals_basis.format(basis=basis),
        "result": result_sentence(wording, committee, result),
        "investment": wording.investment.format(
            budget=format_number(investment_budget),
            outcome=format_number(investment_outcome),
            date=end,
        ),
    }
    if shares:
        texts["sharing"] = sharing_sentence(wording, year, result, shares)
    return texts


def result_sentence(wording: Wording, committee: str, result: YearResult) -> str:
    """The net result, and the deviation from budget beside it when the two differ."""
    figures = {
        "committee": committee,
        "outcome": outcome_word(result.net_result_tkr),
        "amount": format_number(result.net_result_tkr),
        "budgeted": format_number(result.budgeted_result_tkr),
        "deviation": format_number(result.budget_deviation_tkr),
    }
    text = wording.result.format(**figures)
    if result.budgeted_result:
        text += " " + wording.result_budget.format(**figures)
    return text


def sharing_sentence(
    wording: Wording, year: int, result: YearResult, shares: Sequence[Share]
) -> str:
    """The deviation from budget as the members share it (the net result when none was planned)."""
    parts = [
        wording.sharing_part.format(member=s.member.name, amount=format_number(s.amount))
        for s in shares
    ]
    template = wording.sharing_deviation if result.budgeted_result else wording.sharing
    return template.format(
        outcome=outcome_word(result.budget_deviation_tkr),
        amount=format_number(result.budget_deviation_tkr),
        year=year,
        parts=join_list(parts),
    )
