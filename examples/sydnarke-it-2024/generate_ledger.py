"""Writes ledger.se and budget.se for the example: the model report's economy as SIE 4.

The ledger is a SIE 4E file with vouchers whose sums in kronor give every tkr figure the
model report prints (each row rounded from its own kronor, so RESOR & KURSER prints 100,
48 and 53); the budget is a SIE file with #PBUDGET rows per month, with investment
budgets per project object. Run from the repository root:

    uv run python examples/sydnarke-it-2024/generate_ledger.py

The output is deterministic (a fixed seed), so the committed files can be checked.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
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


def split(total: Decimal, parts: int, rng: random.Random) -> list[Decimal]:
    """Split an amount into ``parts`` uneven pieces that add up exactly (in öre)."""
    ore = int(total * 100)
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    pieces = [int(ore * w / sum(weights)) for w in weights]
    pieces[-1] += ore - sum(pieces)
    return [Decimal(p) / 100 for p in pieces]


def month_day(month: int, rng: random.Random) -> date:
    return date(YEAR, month, rng.randint(1, 28))


def q(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def vouchers(rng: random.Random) -> list[tuple[str, date, str, list[tuple[str, str, Decimal]]]]:
    """(series, date, text, rows) with rows (account, object list, amount)."""
    found: list[tuple[str, date, str, list[tuple[str, str, Decimal]]]] = []
    cost_centre = f"{{{ANSVAR[0]} {q(ANSVAR[1])}}}"
    for account, total in OUTCOME.items():
        for month, amount in enumerate(split(total, 12, rng), start=1):
            when = month_day(month, rng)
            if amount < 0:  # revenue: invoice to a member or customer
                rows = [("1510", "{}", -amount), (account, cost_centre, amount)]
                found.append(("F", when, f"Faktura {ACCOUNTS[account].lower()}", rows))
            else:
                counter = "2440" if account not in ("7810", "8530", "5011", "5610") else "1930"
                if account == "7810":
                    counter = "1229"
                rows = [(account, cost_centre, amount), (counter, "{}", -amount)]
                found.append(("L", when, ACCOUNTS[account], rows))
    for obj, name, total, _budget in PROJECTS:
        for month, amount in enumerate(split(total, 6, rng), start=1):
            when = month_day(month * 2, rng)
            rows = [("1224", f"{{6 {q(obj)}}}", amount), ("2440", "{}", -amount)]
            found.append(("I", when, f"Investering {name}", rows))
    payments = split(Decimal("60000000.00"), 12, rng)
    receipts = split(Decimal("43000000.00"), 12, rng)
    for month in range(1, 13):
        found.append(
            (
                "B",
                date(YEAR, month, 28),
                "Betalning leverantörer",
                [("2440", "{}", payments[month - 1]), ("1930", "{}", -payments[month - 1])],
            )
        )
        found.append(
            (
                "B",
                date(YEAR, month, 27),
                "Inbetalning kunder",
                [("1930", "{}", receipts[month - 1]), ("1510", "{}", -receipts[month - 1])],
            )
        )
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
