"""Writes the invented committees' ledgers and budgets of the Lekeberg example (exempeldata).

Kommunstyrelsen, Barn- och utbildningsnämnden and Samhällsbyggnadsnämnden and every figure
of theirs are invented for the example: nothing here is Lekeberg's real accounts. Sydnärkes
IT-nämnd (sydnarkes-it-namnd/) is the real committee of the model report and is not
written here. Run from the repository root:

    python examples/lekeberg-2024/generate_committees.py

The output is the same byte for byte on every run (tests/folder/test_municipality_example.py
checks it), so the committed files can be rebuilt and reviewed.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
CENT = Decimal("0.01")

# Per committee: its folder, name, and accounts with (name, annual budget, outcome as a
# share of budget, monthly pattern). Revenue is negative, as in the ledger.
EVEN = (1,) * 12
SUMMER = (1, 1, 1, 1, 1, 1, Decimal("1.6"), Decimal("0.4"), 1, 1, 1, 1)  # holiday pay
TERMS = (
    1,
    1,
    1,
    1,
    1,
    Decimal("0.7"),
    Decimal("0.3"),
    Decimal("0.8"),
    1,
    1,
    Decimal("1.1"),
    Decimal("1.1"),
)
COMMITTEES = {
    "kommunstyrelsen": {
        "name": "Kommunstyrelsen",
        "accounts": {
            "3410": ("Taxor och avgifter", -4_200_000, Decimal("1.04"), EVEN),
            "3590": ("Övriga bidrag", -1_800_000, Decimal("0.92"), EVEN),
            "5011": ("Månadslön", 38_500_000, Decimal("0.985"), SUMMER),
            "5610": ("Sociala avgifter", 12_100_000, Decimal("0.985"), SUMMER),
            "6010": ("Lokalhyror", 6_400_000, Decimal("1.00"), EVEN),
            "6420": ("Datorer och basutrustning", 1_900_000, Decimal("1.12"), EVEN),
            "7010": ("Resor", 600_000, Decimal("0.81"), EVEN),
            "7410": ("Konsulttjänster", 5_200_000, Decimal("1.18"), EVEN),
            "7810": ("Avskrivningar", 3_300_000, Decimal("0.97"), EVEN),
        },
    },
    "barn-och-utbildningsnamnden": {
        "name": "Barn- och utbildningsnämnden",
        "accounts": {
            "3410": ("Föräldraavgifter", -9_600_000, Decimal("0.98"), EVEN),
            "3590": ("Statsbidrag", -21_400_000, Decimal("1.06"), EVEN),
            "5011": ("Månadslön", 214_000_000, Decimal("1.012"), SUMMER),
            "5610": ("Sociala avgifter", 67_300_000, Decimal("1.012"), SUMMER),
            "6010": ("Lokalhyror", 48_200_000, Decimal("1.00"), EVEN),
            "6420": ("Läromedel och datorer", 9_800_000, Decimal("0.94"), TERMS),
            "4610": ("Köpt verksamhet, skolskjuts", 14_600_000, Decimal("1.09"), TERMS),
            "7810": ("Avskrivningar", 7_100_000, Decimal("0.99"), EVEN),
        },
    },
    "samhallsbyggnadsnamnden": {
        "name": "Samhällsbyggnadsnämnden",
        "accounts": {
            "3410": ("Bygglovs- och tillsynsavgifter", -6_900_000, Decimal("0.87"), EVEN),
            "3590": ("Övriga intäkter", -2_300_000, Decimal("1.02"), EVEN),
            "5011": ("Månadslön", 24_800_000, Decimal("0.96"), SUMMER),
            "5610": ("Sociala avgifter", 7_800_000, Decimal("0.96"), SUMMER),
            "6010": ("Lokalhyror", 2_900_000, Decimal("1.00"), EVEN),
            "4610": ("Entreprenader, gata och park", 11_200_000, Decimal("1.07"), SUMMER),
            "7810": ("Avskrivningar", 4_600_000, Decimal("1.01"), EVEN),
        },
    },
}


def _months(total: Decimal, pattern: tuple) -> list[Decimal]:
    """``total`` spread by ``pattern`` in whole öre; the last month takes the remainder."""
    weights = [Decimal(w) for w in pattern]
    parts = [(total * w / sum(weights)).quantize(CENT, ROUND_HALF_UP) for w in weights[:-1]]
    return [*parts, total - sum(parts, Decimal(0))]


def _head(name: str, kind: int, note: str) -> list[str]:
    return [
        "#FLAGGA 0",
        '#PROGRAM "Styra exempelgenerator" "1.0"',
        "#FORMAT PC8",
        "#GEN 20250115",
        f"#SIETYP {kind}",
        *(["#OMFATTN 20241231"] if kind == 3 else []),
        f'#PROSA "{name} 2024, {note} (exempeldata)"',
        '#FNAMN "Lekebergs kommun (exempeldata)"',
        "#RAR 0 20240101 20241231",
        "#KPTYP EUBAS97",
    ]


def _chart(accounts: dict) -> list[str]:
    rows = [f'#KONTO {a} "{n}"' for a, (n, *_rest) in sorted(accounts.items())]
    return [*rows, '#KONTO 1930 "Bank"']


def ledger(committee: dict) -> str:
    lines = _head(committee["name"], 4, "huvudbok") + _chart(committee["accounts"])
    number = 0
    for account, (name, budget, share, pattern) in sorted(committee["accounts"].items()):
        outcome = (Decimal(budget) * share).quantize(CENT, ROUND_HALF_UP)
        for month, amount in enumerate(_months(outcome, pattern), start=1):
            number += 1
            day = f"2024{month:02d}25"
            lines += [
                f'#VER A {number} {day} "{name}"',
                "{",
                f"   #TRANS {account} {{}} {amount:.2f}",
                f"   #TRANS 1930 {{}} {-amount:.2f}",
                "}",
            ]
    return "\r\n".join(lines) + "\r\n"


def budget(committee: dict) -> str:
    lines = _head(committee["name"], 3, "budget") + _chart(committee["accounts"])
    for account, (_name, amount, _share, _pattern) in sorted(committee["accounts"].items()):
        for month, part in enumerate(_months(Decimal(amount), EVEN), start=1):
            lines.append(f"#PBUDGET 0 2024{month:02d} {account} {{}} {part:.2f}")
    return "\r\n".join(lines) + "\r\n"


def files() -> dict[Path, bytes]:
    """Every file this writes, by path: ledger.se and budget.se per committee, in CP437."""
    found = {}
    for folder, committee in COMMITTEES.items():
        found[HERE / folder / "ledger.se"] = ledger(committee).encode("cp437")
        found[HERE / folder / "budget.se"] = budget(committee).encode("cp437")
    return found


if __name__ == "__main__":
    for path, content in files().items():
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
        print(f"Skrev {path.relative_to(HERE.parent.parent)}")
