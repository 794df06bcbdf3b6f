"""Computed figures that narrative Markdown names by placeholders, so its figures stay true.

A placeholder is a name in braces, with no space inside; every figure is in tkr and is
printed by :func:`styra.core.money.format_number`, as in the report's tables:

- ``{drift.<rad>.<mått>}``: a line of the operating account by its ``id`` in
  accounts.yaml, or the totals ``intakter``, ``kostnader`` and ``netto``; ``<mått>`` is
  ``budget``, ``utfall`` or ``avvikelse`` (and ``fjol`` when last year's ledger is read);
- ``{invest.<objekt>.<mått>}``: an investment project by its object id, or ``totalt``;
- ``{resultat.netto}`` (the year's net result), ``{resultat.budget}`` (the budgeted
  result) and ``{resultat.budgetavvikelse}`` (the deviation from budget, which is shared);
- ``{fordelning.<kommunkod>}``: a member municipality's share of the deviation;
- ``{<namn>|abs}``: the figure without its sign ("blev {drift.x.avvikelse|abs} tkr högre");
- ``{fast:<tal>}``: a figure stated by hand that is none of the period's, such as a price
  rise per computer; it prints the number and tells ``styra check`` it is meant;
- ``{{`` and ``}}`` write a brace; braces around text with spaces are left as they are.

An unknown name is an error where the narrative is read (file and line); rendering
leaves it as written. An amount in tkr written as plain text that equals no figure of
the period is worth a warning: it is probably a figure that went stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from styra.core.accounts import InvestmentAccount, OperatingAccount, Row, RowKind, YearResult
from styra.core.money import format_number, parse_decimal
from styra.core.sharing import Share
from styra.i18n import _

OPERATING, INVESTMENT, RESULT, SHARING, FIXED = "drift", "invest", "resultat", "fordelning", "fast"
# The operating account's totals in their order: revenue, cost, net.
TOTALS = ("intakter", "kostnader", "netto")
INVESTMENT_TOTAL = "totalt"
RESERVED_LINE_IDS = frozenset(TOTALS)
ABSOLUTE = "abs"

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\s]+)\}")
_STATED_TKR = re.compile(
    r"(?<![\d,.])([-−–]?\s?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,\d+)?)[ \u00a0\u202f]?tkr\b"
)


def figures(
    operating: OperatingAccount,
    investment: InvestmentAccount,
    result: YearResult,
    shares: Sequence[Share],
) -> dict[str, Decimal]:
    """Every name a narrative may use, with its figure in tkr."""
    found: dict[str, Decimal] = {}
    totals = iter(TOTALS)
    for row in operating.rows:
        key = row.key if row.kind is RowKind.LINE else next(totals)
        if key:
            found |= _measures(f"{OPERATING}.{key}", row)
    for row in investment.rows:
        key = row.key if row.kind is RowKind.LINE else INVESTMENT_TOTAL
        if key:
            found |= _measures(f"{INVESTMENT}.{key}", row)
    found[f"{RESULT}.netto"] = result.net_result_tkr
    found[f"{RESULT}.budget"] = result.budgeted_result_tkr
    found[f"{RESULT}.budgetavvikelse"] = result.budget_deviation_tkr
    found |= {f"{SHARING}.{s.member.code}": s.amount for s in shares}
    return found


def _measures(prefix: str, row: Row) -> dict[str, Decimal]:
    found = {
        f"{prefix}.budget": row.budget_tkr,
        f"{prefix}.utfall": row.outcome_tkr,
        f"{prefix}.avvikelse": row.deviation_tkr,
    }
    if row.previous_tkr is not None:
        found[f"{prefix}.fjol"] = row.previous_tkr
    return found


def period_amounts(
    operating: OperatingAccount,
    investment: InvestmentAccount,
    result: YearResult,
    shares: Sequence[Share],
) -> frozenset[Decimal]:
    """Every figure the period prints, without sign: a stated amount should be one of them."""
    rows = (*operating.rows, *investment.rows)
    cells = [v for r in rows for v in (r.budget_tkr, r.outcome_tkr, r.deviation_tkr)]
    cells += [r.previous_tkr for r in rows if r.previous_tkr is not None]
    cells += [result.net_result_tkr, result.budgeted_result_tkr, result.budget_deviation_tkr]
    cells += [s.amount for s in shares]
    return frozenset(abs(v) for v in cells)


@dataclass(frozen=True, slots=True)
class Placeholder:
    line: int
    text: str  # as written, with its braces
    name: str
    absolute: bool = False
    fixed: Decimal | None = None  # the number of {fast:…}
    problem: str = ""  # why the placeholder cannot be used, when it cannot


def placeholders(markdown: str) -> Iterator[Placeholder]:
    for number, line in enumerate(markdown.splitlines(), start=1):
        for match in _TOKEN.finditer(line):
            if match.group(1) is not None:
                yield _read(number, match.group(0), match.group(1))


def _read(line: int, text: str, inner: str) -> Placeholder:
    if inner.startswith(f"{FIXED}:"):
        try:
            return Placeholder(line, text, inner, fixed=parse_decimal(inner[len(FIXED) + 1 :]))
        except ValueError:
            return Placeholder(line, text, inner, problem=_("»{t}» är inget tal").format(t=text))
    name, bar, modifier = inner.partition("|")
    if bar and modifier != ABSOLUTE:
        why = _("okänt tillägg »|{m}» i {t}").format(m=modifier, t=text)
        return Placeholder(line, text, name, problem=why)
    return Placeholder(line, text, name, absolute=bool(bar))


def render(markdown: str, named: Mapping[str, Decimal]) -> str:
    """The Markdown with every known placeholder replaced by its figure; others stay."""
    return _TOKEN.sub(lambda m: _replacement(m, named), markdown)


def _replacement(match: re.Match[str], named: Mapping[str, Decimal]) -> str:
    whole = match.group(0)
    if match.group(1) is None:
        return whole[0]  # {{ or }}
    found = _read(0, whole, match.group(1))
    if found.problem:
        return whole
    if found.fixed is not None:
        return format_number(found.fixed)
    value = named.get(found.name)
    if value is None:
        return whole
    return format_number(abs(value) if found.absolute else value)


@dataclass(frozen=True, slots=True)
class NarrativeProblem:
    line: int
    message: str
    hint: str = ""
    error: bool = True


def placeholder_problems(markdown: str, names: Iterable[str]) -> list[NarrativeProblem]:
    """Placeholders that name no figure of the period, each with its line."""
    known = set(names)
    problems = []
    for p in placeholders(markdown):
        if p.problem:
            problems.append(NarrativeProblem(p.line, p.problem, _hint(p.name, known)))
        elif p.fixed is None and p.name not in known:
            message = _("okänd platshållare {t}").format(t=p.text)
            problems.append(NarrativeProblem(p.line, message, _hint(p.name, known)))
    return problems


def _hint(name: str, known: set[str]) -> str:
    head = name.rpartition(".")[0]
    near = sorted(n for n in known if head and n.startswith(head + "."))
    if near:
        return _("kända här: {names}").format(names=", ".join(near))
    groups = sorted({n.rsplit(".", 1)[0] for n in known if n.startswith(OPERATING + ".")})
    return _(
        "skriv t.ex. {{drift.<rad>.avvikelse}} med en rads id ur accounts.yaml ({ids}), "
        "{{resultat.budgetavvikelse}}, eller {{{{ för en klammer"
    ).format(ids=", ".join(g.partition(".")[2] for g in groups) or _("inga"))


def stale_amounts(markdown: str, amounts: frozenset[Decimal]) -> list[NarrativeProblem]:
    """Amounts in tkr written as text that equal no figure of the period (sign aside)."""
    problems = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        plain = _TOKEN.sub(" ", line)  # what placeholders print is right by construction
        for match in _STATED_TKR.finditer(plain):
            stated = parse_decimal(match.group(1))
            if abs(stated) not in amounts:
                message = _(
                    "texten anger {amount} tkr, men inget belopp i periodens redovisning "
                    "är {amount}"
                ).format(amount=match.group(1).strip())
                hint = _(
                    "skriv beloppet som platshållare, t.ex. {{drift.<rad>.avvikelse}}, "
                    "eller {{fast:{n}}} om det inte är en av periodens siffror"
                ).format(n=format_number(abs(stated)).replace("\u202f", ""))
                problems.append(NarrativeProblem(number, message, hint, error=False))
    return problems
