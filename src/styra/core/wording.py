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
    # {count} {total} {status}: one part of the summary sentence per status
    goal_count: str = _("{count} st av {total} bedöms {status}")
    # {basis}: helår, delår, tertial
    goals_basis: str = _(
        "Uppföljningen av målen baseras på indikatorerna som verksamheten har gjort på {basis}."
    )
    # {committee} {outcome}: överskott/underskott {amount}
    result: str = _("Årets resultat för {committee} visar ett {outcome} med {amount} tkr.")
    # {outcome} {year} {parts}
    sharing: str = _("Fördelning av {outcome} blir {year} enligt följande: {parts}.")
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
    result_tkr: Decimal,
    shares: Sequence[Share],
    investment_budget: Decimal,
    investment_outcome: Decimal,
) -> dict[str, str]:
    outcome = outcome_word(result_tkr)
    parts = [
        wording.sharing_part.format(member=s.member.name, amount=format_number(s.amount))
        for s in shares
    ]
    texts = {
        "introduction": wording.introduction.format(committee=committee, year=year),
        "goals_lead": wording.goals_lead.format(committee=committee, year=year),
        "goals_basis": wording.goals_basis.format(basis=basis),
        "result": wording.result.format(
            committee=committee, outcome=outcome, amount=format_number(result_tkr)
        ),
        "investment": wording.investment.format(
            budget=format_number(investment_budget),
            outcome=format_number(investment_outcome),
            date=end,
        ),
    }
    if shares:
        texts["sharing"] = wording.sharing.format(
            outcome=outcome, year=year, parts=join_list(parts)
        )
    return texts
