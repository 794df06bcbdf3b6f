"""Writes ledger.se and budget.se for the example: the model report's economy as SIE 4.

The ledger is a SIE 4E file with vouchers whose sums in kronor give every tkr figure the
model report prints (each row rounded from its own kronor, so RESOR & KURSER prints 100,
48 and 53); the budget is a SIE file with #PBUDGET rows per month (even twelfths), with
investment budgets per project object. Run from the repository root:

    uv run python examples/sydnarke-it-2024/generate_ledger.py

The vouchers fall over the months as in a committee's ledger, so that an interim report
(the delår per 31 August) can be built from the same year (issue 11, item 8):

- contributions (3540) are invoiced to each member on the 10th of each quarter's first
  month, the quarter shared by inhabitants; the members pay the month after;
- personnel costs (5011, 5610, 5710) are one payroll a month on the 25th, with July some
  45 % higher for holiday pay (semesterlön and semestertillägg);
- licences (6860) come in five lumps, the largest in January; service agreements (6350)
  each quarter in advance; rent (6010) the same each month;
- capital costs (7810 depreciation, 8530 internal interest) are booked at each month's
  end, in even twelfths;
- telephony and data lines (6810, 6820) are monthly invoices with a little noise; other
  costs and revenue vary more, are lower in July, and the small ones fall in five months;
- investments: members' computers through the year, most in August; the common project's
  firewalls mostly in December, after the December meeting's decision.

Every annual total per account and object is fixed in the tables below, and each year is
split into months by largest remainder in öre (kronor for the contributions), so the
months add up to it exactly; tests/test_example_ledger_months.py checks both the sums
against the earlier ledger and the shape. The output is deterministic (a fixed seed), so
the committed files can be checked.
"""

from __future__ import annotations

import calendar
import math
import random
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
YEAR = 2024
ANSVAR = ("1", "441")  # dimension 1, cost centre IT-förvaltningen

ACCOUNTS = {
    "1224": "Datorer och IT-utrustning",
    "1229": "Ack avskrivningar inventarier",
    "1510": "Kundfordringar",
    "1930": "Bank",
    "2440": "Leverantörsskulder",
    "3490": "Övriga avgifter och ersättningar",
    "3540": "Driftbidrag från kommuner",
    "5011": "Månadslön",
    "5610": "Sociala avgifter",
    "5710": "Pensionskostnader",
    "6010": "Lokalhyror",
    "6410": "Förbrukningsmaterial",
    "6420": "Datorer och basutrustning",
    "6810": "Telefoni",
    "6820": "Datakommunikation",
    "6350": "Serviceavtal",
    "6860": "Licenser",
    "7010": "Resor",
    "7110": "Kurser och konferenser",
    "7460": "Konsulttjänster",
    "7610": "Övriga kostnader",
    "7810": "Avskrivningar inventarier",
    "8530": "Internränta",
}

# Outcome for the year in kronor, ledger signs (revenue negative, cost positive).
OUTCOME = {
    "3490": Decimal("-108240.00"),
    "3540": Decimal("-43751900.00"),
    "5011": Decimal("7980210.00"),
    "5610": Decimal("2507300.00"),
    "5710": Decimal("864800.00"),
    "6420": Decimal("134200.00"),
    "6810": Decimal("512470.00"),
    "6820": Decimal("1932650.00"),
    "6350": Decimal("2418300.00"),
    "6860": Decimal("10646550.00"),
    "7460": Decimal("4847900.00"),
    "7010": Decimal("18350.00"),
    "7110": Decimal("29250.00"),
    "6410": Decimal("201430.00"),
    "7610": Decimal("128750.00"),
    "6010": Decimal("858900.00"),
    "7810": Decimal("10412300.00"),
    "8530": Decimal("1218500.00"),
}

# Annual budget in kronor per account; spread over the months as #PBUDGET rows.
BUDGET = {
    "3540": Decimal("-43306000"),
    "5011": Decimal("12106000"),
    "6420": Decimal("200000"),
    "6820": Decimal("1100000"),
    "6860": Decimal("11143000"),
    "7460": Decimal("3200000"),
    "7010": Decimal("100400"),
    "7610": Decimal("400000"),
    "6010": Decimal("797600"),
    "7810": Decimal("14259000"),
}

# Investment projects: dimension 6 object, name, outcome and budget in kronor.
PROJECTS = (
    ("9100", "IT-INVEST. GEMENSAMT", Decimal("5076600.00"), Decimal("3000000")),
    ("9101", "IT INVEST LEKEBERG", Decimal("1484300.00"), Decimal("2533000")),
    ("9102", "IT INVEST LAXÅ", Decimal("1400200.00"), Decimal("1652000")),
    ("9103", "IT INVEST ASKERSUND", Decimal("2433700.00"), Decimal("2196000")),
    ("9104", "IT INVEST HALLSBERG", Decimal("2091400.00"), Decimal("1953000")),
)

OPENING = {
    "1224": Decimal("48210400.00"),
    "1229": Decimal("-21877300.00"),
    "1510": Decimal("3120000.00"),
    "1930": Decimal("6408350.00"),
    "2440": Decimal("-4230100.00"),
}


Row = tuple[str, str, Decimal]
Voucher = tuple[str, date, str, list[Row]]
MONTHS = range(1, 13)
JULY = 7
ORE = Decimal("0.01")
KRONA = Decimal(1)

# How each result account's year falls over the months, as in a committee's ledger. The
# annual totals above are fixed; only their months are chosen here.
PERSONNEL = ("5011", "5610", "5710")  # one payroll a month, on the 25th; fees follow pay
HOLIDAY_PAY = 1.45  # July's payroll against an ordinary month: semesterlön and -tillägg
CAPITAL = ("7810", "8530")  # depreciation and internal interest, at each month's end
RENT = "6010"  # monthly in advance, the same each month
SERVICE = "6350"  # service agreements, invoiced each quarter in advance
OPERATORS = ("6810", "6820")  # telephony and data lines: the operators' monthly invoices
QUARTER_STARTS = (1, 4, 7, 10)
# Licences come in a few large payments: the Microsoft agreement in January, the rest as
# their agreements fall due. (month, share of the year) before noise.
LICENCE_LUMPS = {"6860": ((1, 0.42), (3, 0.10), (5, 0.08), (9, 0.25), (11, 0.15))}
CONTRIBUTIONS = "3540"  # invoiced to each member each quarter, by the sharing key
# Members and their inhabitants 31 December 2022 (SCB, as sources/kolada-N01951-2022.json).
MEMBERS = (
    ("Lekebergs kommun", 8756),
    ("Laxå kommun", 5576),
    ("Askersunds kommun", 11497),
    ("Hallsbergs kommun", 16290),
)
SUMMER = 0.4  # other costs in July, the holiday month, against an ordinary month
FEW_MONTHS_BELOW = Decimal(100000)  # other costs smaller than this fall in five months
# tests/folder/test_narrative_figures.py changes this one voucher (consultants, January),
# so its amount stays as the earlier ledger had it.
PINNED = {("7460", 1): Decimal("465365.61")}
# Investments: the common project's firewalls were bought after the December meeting's
# decision; the members' computers are replaced through the year, most before the autumn
# term (school computers in August), none in January, April, July or December.
FIREWALLS = {3: 0.12, 5: 0.10, 9: 0.10, 10: 0.10, 12: 0.58}
COMPUTERS = {2: 1.0, 3: 1.0, 5: 1.0, 6: 1.5, 8: 2.5, 9: 1.0, 10: 1.0, 11: 1.0}
RECEIPT_MONTHS = (2, 5, 8, 11)  # the members pay each quarter's invoice the month after


def spread(total: Decimal, weights: Sequence[float], unit: Decimal = ORE) -> list[Decimal]:
    """Split ``total`` by ``weights`` into whole units that add up to it exactly.

    Each piece is rounded down and the units left go to the largest remainders (ties to the
    earlier piece); the weights are taken as exact fractions, so no float error remains.
    """
    units = total / unit
    assert units == int(units), f"{total} is no whole number of {unit}"
    exact = [Fraction(w) for w in weights]
    shares = [int(units) * w / sum(exact) for w in exact]
    pieces = [math.floor(s) for s in shares]
    left = int(units) - sum(pieces)
    order = sorted(range(len(shares)), key=lambda i: (pieces[i] - shares[i], i))
    for i in order[:left]:
        pieces[i] += 1
    return [unit * p for p in pieces]


def noisy(weights: Sequence[float], rng: random.Random, width: float) -> list[float]:
    return [w * rng.uniform(1 - width, 1 + width) for w in weights]


def payroll_weights(rng: random.Random) -> list[float]:
    weights = noisy([1.0] * 12, rng, 0.02)
    weights[JULY - 1] *= HOLIDAY_PAY
    return weights


def other_weights(total: Decimal, rng: random.Random) -> list[float]:
    """Other costs: every month with noise and a quiet July; small ones in five months."""
    weights = noisy([1.0] * 12, rng, 0.5)
    weights[JULY - 1] *= SUMMER
    if abs(total) < FEW_MONTHS_BELOW:
        chosen = set(rng.sample([m for m in MONTHS if m != JULY], 5))
        weights = [w if m in chosen else 0.0 for m, w in zip(MONTHS, weights, strict=True)]
    return weights


def weights_for(account: str, rng: random.Random, payroll: list[float]) -> list[float]:
    if account in PERSONNEL:
        return payroll
    if account in CAPITAL or account == RENT:
        return [1.0] * 12
    if account in OPERATORS:
        return noisy([1.0] * 12, rng, 0.1)
    if account == SERVICE:
        return [1.0 if m in QUARTER_STARTS else 0.0 for m in MONTHS]
    if account in LICENCE_LUMPS:
        lumps = dict(LICENCE_LUMPS[account])
        return [lumps.get(m, 0.0) * rng.uniform(0.9, 1.1) for m in MONTHS]
    return other_weights(OUTCOME[account], rng)


def months_of(account: str, weights: list[float]) -> list[Decimal]:
    """The year's outcome by month; a pinned month keeps its amount, the rest is spread."""
    fixed = {month: amount for (acc, month), amount in PINNED.items() if acc == account}
    rest = OUTCOME[account] - sum(fixed.values(), Decimal(0))
    free = [0.0 if m in fixed else w for m, w in zip(MONTHS, weights, strict=True)]
    return [fixed.get(m, a) for m, a in zip(MONTHS, spread(rest, free), strict=True)]


def month_end(month: int) -> date:
    return date(YEAR, month, calendar.monthrange(YEAR, month)[1])


def booking_day(account: str, month: int, rng: random.Random) -> date:
    if account in PERSONNEL:
        return date(YEAR, month, 25)
    if account in CAPITAL:
        return month_end(month)
    if account in (RENT, SERVICE):
        return date(YEAR, month, 1)
    return date(YEAR, month, rng.randint(1, 28))


def q(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def money(amount: Decimal) -> str:
    return f"{amount:.2f}"


COST_CENTRE = f"{{{ANSVAR[0]} {q(ANSVAR[1])}}}"


def booking(account: str, when: date, amount: Decimal) -> Voucher:
    """One month's outcome of an account: an invoice for revenue, a cost otherwise."""
    if amount < 0:  # revenue: invoice to a member or customer
        rows = [("1510", "{}", -amount), (account, COST_CENTRE, amount)]
        return ("F", when, f"Faktura {ACCOUNTS[account].lower()}", rows)
    counter = "2440" if account not in ("7810", "8530", "5011", "5610") else "1930"
    if account == "7810":
        counter = "1229"
    rows = [(account, COST_CENTRE, amount), (counter, "{}", -amount)]
    return ("L", when, ACCOUNTS[account], rows)


def operating_vouchers(rng: random.Random) -> list[Voucher]:
    found: list[Voucher] = []
    payroll = payroll_weights(rng)
    for account in OUTCOME:
        if account == CONTRIBUTIONS:
            continue
        amounts = months_of(account, weights_for(account, rng, payroll))
        for month, amount in zip(MONTHS, amounts, strict=True):
            if amount:
                found.append(booking(account, booking_day(account, month, rng), amount))
    return found


def contribution_vouchers() -> list[Voucher]:
    """Each member's contribution, invoiced on the 10th of each quarter's first month."""
    found: list[Voucher] = []
    quarters = spread(OUTCOME[CONTRIBUTIONS], [1.0] * 4, KRONA)
    for number, (month, total) in enumerate(zip(QUARTER_STARTS, quarters, strict=True), 1):
        members = spread(total, [float(people) for _, people in MEMBERS], KRONA)
        for (name, _people), amount in zip(MEMBERS, members, strict=True):
            rows = [("1510", "{}", -amount), (CONTRIBUTIONS, COST_CENTRE, amount)]
            text = f"Faktura driftbidrag kvartal {number}, {name}"
            found.append(("F", date(YEAR, month, 10), text, rows))
    return found


def investment_vouchers(rng: random.Random) -> list[Voucher]:
    found: list[Voucher] = []
    for obj, name, total, _budget in PROJECTS:
        plan = FIREWALLS if obj == "9100" else COMPUTERS
        weights = noisy([plan.get(m, 0.0) for m in MONTHS], rng, 0.2)
        for month, amount in zip(MONTHS, spread(total, weights), strict=True):
            if amount:
                rows = [("1224", f"{{6 {q(obj)}}}", amount), ("2440", "{}", -amount)]
                when = date(YEAR, month, rng.randint(1, 28))
                found.append(("I", when, f"Investering {name}", rows))
    return found


def bank_vouchers(rng: random.Random) -> list[Voucher]:
    """Supplier payments at each month's end; the members' payments each quarter."""
    found: list[Voucher] = []
    payments = spread(Decimal("60000000.00"), noisy([1.0] * 12, rng, 0.4))
    for month, paid in zip(MONTHS, payments, strict=True):
        rows = [("2440", "{}", paid), ("1930", "{}", -paid)]
        found.append(("B", date(YEAR, month, 28), "Betalning leverantörer", rows))
    receipts = spread(Decimal("43000000.00"), noisy([1.0] * 4, rng, 0.05))
    for month, received in zip(RECEIPT_MONTHS, receipts, strict=True):
        rows = [("1930", "{}", received), ("1510", "{}", -received)]
        found.append(("B", date(YEAR, month, 12), "Inbetalning kunder", rows))
    return found


def vouchers(rng: random.Random) -> list[Voucher]:
    """(series, date, text, rows) with rows (account, object list, amount), by date."""
    found = operating_vouchers(rng) + contribution_vouchers()
    found += investment_vouchers(rng) + bank_vouchers(rng)
    found.sort(key=lambda v: (v[1], v[0], v[2]))
    return found


def header(sietyp: str, program_note: str) -> list[str]:
    lines = [
        "#FLAGGA 0",
        '#PROGRAM "Styra exempelgenerator" "1.0"',
        "#FORMAT PC8",
        f"#GEN {YEAR + 1}0115",
        f"#SIETYP {sietyp}",
        *([f"#OMFATTN {YEAR}1231"] if sietyp == "3" else []),
        f"#PROSA {q(program_note)}",
        '#FNR "LEKEBERG"',
        "#ORGNR 212000-1868",
        '#FNAMN "Lekebergs kommun"',
        f"#RAR 0 {YEAR}0101 {YEAR}1231",
        "#KPTYP EUBAS97",
        "#VALUTA SEK",
    ]
    lines += [f"#KONTO {a} {q(n)}" for a, n in sorted(ACCOUNTS.items())]
    lines += ['#DIM 1 "Ansvar"', '#DIM 6 "Projekt"', '#OBJEKT 1 "441" "IT-förvaltningen"']
    lines += [f"#OBJEKT 6 {q(obj)} {q(name)}" for obj, name, _, _ in PROJECTS]
    return lines


def ledger_text() -> str:
    rng = random.Random(2024)
    found = vouchers(rng)
    moves: dict[str, Decimal] = {}
    body: list[str] = []
    numbers: dict[str, int] = {}
    for series, when, text, rows in found:
        numbers[series] = numbers.get(series, 0) + 1
        body.append(f"#VER {series} {numbers[series]} {when:%Y%m%d} {q(text)}")
        body.append("{")
        for account, objects, amount in rows:
            body.append(f"   #TRANS {account} {objects} {money(amount)}")
            moves[account] = moves.get(account, Decimal(0)) + amount
        body.append("}")
    lines = header("4", "Sydnärkes IT-nämnd, huvudbok 2024 (exempel)")
    for account in sorted(ACCOUNTS):
        if account < "3000":
            opening = OPENING.get(account, Decimal(0))
            lines.append(f"#IB 0 {account} {money(opening)}")
            lines.append(f"#UB 0 {account} {money(opening + moves.get(account, Decimal(0)))}")
        elif account in moves:
            lines.append(f"#RES 0 {account} {money(moves[account])}")
    return "\n".join(lines + body) + "\n"


def monthly(total: Decimal) -> list[Decimal]:
    ore = int(total * 100)
    base = int(ore / 12)
    pieces = [base] * 12
    pieces[-1] += ore - base * 12
    return [Decimal(p) / 100 for p in pieces]


def budget_text() -> str:
    lines = header("3", "Sydnärkes IT-nämnd, budget 2024 (exempel)")
    for account, total in sorted(BUDGET.items()):
        for month, amount in enumerate(monthly(total), start=1):
            lines.append(f"#PBUDGET 0 {YEAR}{month:02d} {account} {{}} {money(amount)}")
    invest_total = sum((b for _, _, _, b in PROJECTS), Decimal(0))
    for month, amount in enumerate(monthly(invest_total), start=1):
        lines.append(f"#PBUDGET 0 {YEAR}{month:02d} 1224 {{}} {money(amount)}")
    for obj, _name, _outcome, total in PROJECTS:
        for month, amount in enumerate(monthly(total), start=1):
            lines.append(f"#PBUDGET 0 {YEAR}{month:02d} 1224 {{6 {q(obj)}}} {money(amount)}")
    return "\n".join(lines) + "\n"


def main(folder: Path = HERE) -> None:
    (folder / "ledger.se").write_bytes(ledger_text().encode("cp437"))
    (folder / "budget.se").write_bytes(budget_text().encode("cp437"))


if __name__ == "__main__":
    main()
