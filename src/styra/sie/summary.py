"""What a controller wants to see first about a SIE file: ``styra sie inspect``.

``describe()`` builds one plain dict (also the ``--json`` output); ``render()`` prints it
in Swedish.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from styra.core.money import format_number
from styra.i18n import _
from styra.problems import Severity
from styra.sie.amounts import exact
from styra.sie.model import SieDocument
from styra.sie.reader import ReadResult

RECONCILIATION_CODES = frozenset(
    {"sie-balance-mismatch", "sie-result-mismatch", "sie-result-missing", "sie-opening-mismatch"}
)
_TYPES = {
    "1": "årssaldon",
    "2": "årssaldon och periodsaldon",
    "3": "årssaldon, periodsaldon och objektsaldon",
    "4E": "export med verifikationer och saldon",
    "4I": "import av verifikationer, utan saldon",
    "5": "XML, fullständig export (Sie) med saldon och verifikationer",
    "5I": "XML, importfil (SieEntry) med verifikationer, utan saldon",
}
_ENCODINGS = {
    "cp437": "CP437 (IBM PC 8-bitars), avläst ur innehållet",
    "utf-8": "UTF-8, avläst ur innehållet",
    "iso-8859-15": "ISO-8859-15 (Latin-9), avläst ur innehållet",
}
"""What the bytes showed; what #FORMAT claims is said beside it (``_encoding_text``)."""


@exact
def describe(result: ReadResult, file: str) -> dict[str, Any]:
    doc = result.document
    errors = sum(p.severity is Severity.ERROR for p in result.problems)
    summary: dict[str, Any] = {
        "file": file,
        "refused": doc is None,
        "errors": errors,
        "warnings": len(result.problems) - errors,
        "problems": [p.as_dict() for p in result.problems],
    }
    if doc is not None:
        summary.update(_document(doc))
        summary["reconciliation"] = _reconciliation(doc, result)
    return summary


def _document(doc: SieDocument) -> dict[str, Any]:
    ident = doc.identification
    return {
        "company": doc.company,
        "org_number": doc.org_number,
        "program": f"{ident.program} {ident.program_version}".strip(),
        "generated": ident.generated.isoformat() if ident.generated else None,
        "file_type": doc.file_type,
        "encoding": doc.encoding,
        "encoding_declared": ident.format,
        "ascii_only": doc.ascii_only,
        "years": [
            {"index": i, "start": y.start.isoformat(), "end": y.end.isoformat()}
            for i, y in sorted(doc.years.items(), reverse=True)
        ],
        "counts": {
            "accounts": len(doc.accounts),
            "dimensions": len(doc.dimensions),
            "objects": len(doc.objects),
            "vouchers": doc.voucher_count,
            "transactions": doc.transaction_count,
            "period_balances": len(doc.period_balances),
            "period_budgets": len(doc.period_budgets),
        },
        "dimensions": _dimensions(doc),
        "voucher_months": _months(doc),
        "budget_accounts": len(doc.budget(0)),
        "checksum": {None: "absent", True: "verified", False: "wrong"}[doc.checksum],
        "outcome_total": str(sum(doc.outcome(0).values(), Decimal(0))),
        "budget_total": str(sum(doc.budget(0).values(), Decimal(0))),
    }


def _dimensions(doc: SieDocument) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for dimension, _obj in doc.objects:
        counts[dimension] = counts.get(dimension, 0) + 1
    numbers = sorted(set(doc.dimensions) | set(counts), key=lambda n: (len(n), n))
    return [
        {
            "number": number,
            "name": doc.dimensions[number].name if number in doc.dimensions else "",
            "objects": counts.get(number, 0),
        }
        for number in numbers
    ]


def _months(doc: SieDocument) -> list[int]:
    months = {month for _account, month in doc.transaction_totals if month}
    return [min(months), max(months)] if months else []


def _reconciliation(doc: SieDocument, result: ReadResult) -> dict[str, Any]:
    mismatches = sum(p.code in RECONCILIATION_CODES for p in result.problems)
    checked = doc.file_type in ("4E", "5") and doc.has_transactions_in(0)
    accounts = {a for (y, a) in doc.closing_balances if y == 0}
    accounts |= {a for (y, a) in doc.results if y == 0}
    return {"checked": checked, "accounts": len(accounts), "mismatches": mismatches}


def render(summary: dict[str, Any]) -> str:
    lines = [_row(_("Fil"), summary["file"])]
    if summary["refused"]:
        lines.append(_row(_("Status"), _("filen kunde inte läsas in")))
    else:
        lines.extend(_document_lines(summary))
    lines.append(
        _row(
            _("Problem"),
            _("{0} fel, {1} varningar").format(_n(summary["errors"]), _n(summary["warnings"])),
        )
    )
    lines.extend(_problem_line(p) for p in summary["problems"])
    return "\n".join(lines) + "\n"


def _document_lines(s: dict[str, Any]) -> list[str]:
    counts = s["counts"]
    company = s["company"] + (f" ({s['org_number']})" if s["org_number"] else "")
    years = [f"{y['index']}: {y['start']} – {y['end']}" for y in s["years"]] or [_("(inga)")]
    lines = [
        _row(_("Företag"), company or _("(saknas)")),
        _row(
            _("Program"), (s["program"] or "?") + (f", {s['generated']}" if s["generated"] else "")
        ),
        _row(_("Filtyp"), f"SIE {s['file_type']}: {_(_TYPES[s['file_type']])}"),
        _row(_("Teckenkodning"), _encoding_text(s)),
        _row(_("Räkenskapsår"), years[0]),
        *(_row("", year) for year in years[1:]),
        _row(
            _("Innehåll"),
            _("{0} konton, {1} dimensioner, {2} objekt, {3} verifikationer, {4} rader").format(
                _n(counts["accounts"]),
                _n(counts["dimensions"]),
                _n(counts["objects"]),
                _n(counts["vouchers"]),
                _n(counts["transactions"]),
            ),
        ),
        *_dimension_lines(s["dimensions"]),
        _row(_("Verifikationer"), _months_text(s["voucher_months"])),
        _row(
            _("Budget"),
            _("{0} konton med budget år 0").format(_n(s["budget_accounts"]))
            if s["budget_accounts"]
            else _("ingen budget (Budget) för år 0")
            if s["file_type"].startswith("5")
            else _("ingen budget (#PBUDGET) för år 0"),
        ),
        _row(_("Avstämning"), _reconciliation_text(s["reconciliation"])),
        _row(_("Kontrollsumma"), _checksum_text(s["checksum"])),
    ]
    if s["file_type"].startswith("5"):  # SIE 5 has no #KSUMMA and no #PBUDGET
        lines = [line for line in lines if not line.startswith(_("Kontrollsumma"))]
    return lines


def _encoding_text(s: dict[str, Any]) -> str:
    """What was found in the bytes, then what the file declares (nothing, PC8 or other)."""
    encoding, declared = s["encoding"], s["encoding_declared"]
    if s["file_type"].startswith("5"):  # XML: the declaration says it, UTF-8 is the rule
        return encoding.upper() if encoding != "utf-8" else _("UTF-8, som SIE 5 föreskriver")
    if s["ascii_only"]:
        found = _("bara ASCII-tecken (läses som CP437)")
    else:
        found = _(_ENCODINGS.get(encoding, encoding))
    if declared is None:
        said = _("filen anger ingen teckenkodning (#FORMAT saknas)")
    elif declared.upper() != "PC8":
        said = _("filen anger »{0}» (#FORMAT), men standarden föreskriver PC8").format(declared)
    elif s["ascii_only"] or encoding == "cp437":
        said = _("filen anger PC8 (#FORMAT), som standarden föreskriver")
    else:
        said = _("fast filen anger PC8 (#FORMAT)")
    return f"{found}; {said}"


def _dimension_lines(dimensions: list[dict[str, Any]]) -> list[str]:
    texts = [
        _("{0} {1}: {2} objekt").format(d["number"], d["name"] or "?", _n(d["objects"]))
        for d in dimensions
    ]
    return [_row(_("Dimensioner") if i == 0 else "", t) for i, t in enumerate(texts)]


def _months_text(months: list[int]) -> str:
    if not months:
        return _("inga")
    first, last = (f"{m // 100}-{m % 100:02d}" for m in months)
    return _("daterade {0} – {1}").format(first, last)


def _reconciliation_text(rec: dict[str, Any]) -> str:
    if not rec["checked"]:
        return _("ingen (filen har inte både verifikationer och saldon för år 0)")
    if rec["mismatches"]:
        return _("{0} avvikelse(r) mellan saldon och verifikationer (se varningarna)").format(
            _n(rec["mismatches"])
        )
    return _("IB + verifikationer = UB och verifikationer = RES för alla {0} konton").format(
        _n(rec["accounts"])
    )


def _checksum_text(state: str) -> str:
    return {
        "absent": _("ingen #KSUMMA i filen"),
        "verified": _("#KSUMMA stämmer"),
        "wrong": _("#KSUMMA stämmer inte"),
    }[state]


def _problem_line(problem: dict[str, Any]) -> str:
    where = f"{problem['file']}:{problem['line']}"
    kind = _("fel") if problem["severity"] == "error" else _("varning")
    hint = f" ({problem['hint']})" if problem["hint"] else ""
    return f"  {where}: {kind}: {problem['message']}{hint}"


def _row(label: str, value: str) -> str:
    return f"{label + ':' if label else '':<16}{value}"


def _n(value: int) -> str:
    """A count for people: groups of three by U+202F, as everywhere in Styra."""
    return format_number(Decimal(value))
