"""Imported SIE files: read, aggregate per account and object, and check against the mapping."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from styra import sie
from styra.core.accounts import overlapping_accounts
from styra.problems import Problem, Severity, Source, error, has_errors
from styra.web.followup import bridge
from styra.web.followup import models as m

ZERO = Decimal(0)
MEASURE_OF_KIND = {
    m.LedgerKind.LEDGER: m.Measure.OUTCOME,
    m.LedgerKind.BUDGET: m.Measure.BUDGET,
    m.LedgerKind.PREVIOUS: m.Measure.OUTCOME,
}


def create_import(
    period: m.Period, kind: str, name: str, content: bytes, user: Any, *, state: str
) -> m.LedgerImport:
    """Read the file and store it with its amounts, or with its problems when it has errors."""
    result = sie.read(content, name=name)
    doc = result.document
    problems = list(result.problems)
    if doc is not None:
        problems += year_problems(period, kind, doc, name)
        if not has_errors(problems):
            problems += content_problems(period, kind, doc, name)
    imp = m.LedgerImport.objects.create(
        period=period,
        kind=kind,
        state=state,
        file_name=name,
        # A file with errors can never be confirmed: keep its problems and checksum, not it.
        content=b"" if has_errors(problems) else content,
        sha256=hashlib.sha256(content).hexdigest(),
        company=doc.company if doc else "",
        accounts={n: a.name for n, a in doc.accounts.items()} if doc else {},
        problems=[p.as_dict() for p in problems],
        uploaded_by=user,
    )
    if doc is not None and not has_errors(problems):
        m.LedgerAmount.objects.bulk_create(_amount_rows(imp, doc), batch_size=2000)
        m.MonthlyAmount.objects.bulk_create(
            (m.MonthlyAmount(ledger=imp, **row) for row in monthly_rows(doc)), batch_size=2000
        )
        mapping = mapping_problems(period, imp)
        if mapping:
            imp.problems = imp.problems + [p.as_dict() for p in mapping]
            imp.save(update_fields=["problems"])
    return imp


def year_problems(period: m.Period, kind: str, doc: sie.SieDocument, name: str) -> list[Problem]:
    fiscal = doc.years.get(0)
    expected = period.year - 1 if kind == m.LedgerKind.PREVIOUS else period.year
    if fiscal is None or fiscal.end.year == expected:
        return []
    return [
        error(
            _("filen avser räkenskapsåret %(start)s–%(end)s, men %(kind)s ska avse %(year)d")
            % {
                "start": f"{fiscal.start:%Y-%m-%d}",
                "end": f"{fiscal.end:%Y-%m-%d}",
                "kind": str(m.LedgerKind(kind).label).lower(),
                "year": expected,
            },
            file=name,
            hint=_("välj rätt fil eller rätt slag av fil"),
        )
    ]


def content_problems(period: m.Period, kind: str, doc: sie.SieDocument, name: str) -> list[Problem]:
    """A file with no accounts or no amounts for the year would replace the figures by zeros."""
    problems = []
    if not doc.accounts:
        problems.append(
            error(
                _("filen har inga konton (#KONTO)"),
                file=name,
                hint=_("exportera på nytt ur ekonomisystemet, med kontoplanen"),
            )
        )
    measure = MEASURE_OF_KIND[m.LedgerKind(kind)]
    amounts = doc.budget(0) if measure == m.Measure.BUDGET else doc.outcome(0)
    if not any(amounts.values()):
        expected = period.year - 1 if kind == m.LedgerKind.PREVIOUS else period.year
        what = _("budgetbelopp (#PBUDGET)") if measure == m.Measure.BUDGET else _("belopp")
        problems.append(
            error(
                _("filen har inga %(what)s för räkenskapsåret %(year)d")
                % {"what": what, "year": expected},
                file=name,
                hint=_("kontrollera att filen avser rätt år och rätt slag av fil"),
            )
        )
    return problems


def _amount_rows(imp: m.LedgerImport, doc: sie.SieDocument) -> Iterator[m.LedgerAmount]:
    sums = {m.Measure.OUTCOME: doc.outcome(0), m.Measure.BUDGET: doc.budget(0)}
    for measure, per_account in sums.items():
        for account, amount in per_account.items():
            yield m.LedgerAmount(ledger=imp, measure=measure, account=account, amount=amount)
    dimensions = set(doc.dimensions) | {dim for dim, _ in doc.objects}
    for dim in sorted(dimensions):
        by_object = {
            m.Measure.OUTCOME: doc.outcome_by_object(dim, 0),
            m.Measure.BUDGET: doc.budget_by_object(dim, 0),
        }
        for measure, found in by_object.items():
            for (account, obj), amount in found.items():
                yield m.LedgerAmount(
                    ledger=imp,
                    measure=measure,
                    account=account,
                    dimension=dim,
                    object_id=obj,
                    amount=amount,
                )


def monthly_rows(doc: sie.SieDocument) -> Iterator[dict[str, Any]]:
    """The fiscal year's sums per month: per account, and per account and object.

    Outcome per account is what ``monthly_outcome`` gives (vouchers, or #PSALDO without);
    per object, the vouchers are streamed again (the reader's per-object totals have no
    month), or without vouchers the #PSALDO rows; budgets are the #PBUDGET months. Also
    called by the migration that fills in imports made before months were kept.
    """
    per_account = {
        m.Measure.OUTCOME: doc.monthly_outcome(0),
        m.Measure.BUDGET: doc.monthly_budget(0),
    }
    for measure, found in per_account.items():
        for (account, month), amount in found.items():
            yield {"measure": measure, "account": account, "month": month, "amount": amount}
    objects = {
        m.Measure.OUTCOME: _monthly_objects_outcome(doc),
        m.Measure.BUDGET: _monthly_objects(doc, doc.period_budgets),
    }
    for measure, by_object in objects.items():
        for (account, dim, obj, month), amount in sorted(by_object.items()):
            yield {
                "measure": measure,
                "account": account,
                "dimension": dim,
                "object_id": obj,
                "month": month,
                "amount": amount,
            }


ObjectMonth = tuple[str, str, str, int]  # account, dimension, object, YYYYMM


def _monthly_objects(doc: sie.SieDocument, table: Any) -> dict[ObjectMonth, Decimal]:
    found: dict[ObjectMonth, Decimal] = {}
    for (month, account, objects), amount in table.items():
        if doc.year_of_month(month) == 0:
            for dim, obj in objects:
                key = (account, dim, obj, month)
                found[key] = found.get(key, ZERO) + amount
    return found


def _monthly_objects_outcome(doc: sie.SieDocument) -> dict[ObjectMonth, Decimal]:
    if not doc.has_transactions_in(0):
        return _monthly_objects(doc, doc.period_balances)
    found: dict[ObjectMonth, Decimal] = {}
    in_year: dict[int, bool] = {}
    for voucher in doc.vouchers():
        for row in voucher.rows:
            day = row.date or voucher.date
            if day is None or not row.objects:
                continue
            month = day.year * 100 + day.month
            if month not in in_year:
                in_year[month] = doc.year_of_month(month) == 0
            if not in_year[month]:
                continue
            for dim, obj in row.objects:
                key = (row.account, dim, obj, month)
                found[key] = found.get(key, ZERO) + row.amount
    return found


def mapping_problems(period: m.Period, imp: m.LedgerImport) -> list[Problem]:
    """Accounts in scope that no report line or more than one holds: money lost or doubled."""
    if imp.kind == m.LedgerKind.PREVIOUS:
        return []
    plan = period.account_plan
    found = bridge.in_scope(
        bridge.amounts(imp.pk, MEASURE_OF_KIND[m.LedgerKind(imp.kind)]),
        bridge.parse_ranges(plan.scope),
    )
    lines = bridge.report_lines(period)
    problems = []
    for account in sorted(found):
        if not any(line.holds(account) for line in lines):
            name = f"{account} {imp.accounts.get(account, '')}".strip()
            problems.append(
                error(
                    _("konto %(a)s ingår inte i någon rad i driftredovisningen") % {"a": name},
                    file=imp.file_name,
                    hint=_("lägg till kontot i en rad i kontoplanen (admin) eller ändra omfånget"),
                )
            )
    for account, labels in overlapping_accounts(found, lines).items():
        problems.append(
            error(
                _("konto %(a)s ingår i flera rader: %(lines)s")
                % {"a": account, "lines": ", ".join(labels)},
                file=imp.file_name,
                hint=_("varje konto får bara höra till en rad"),
            )
        )
    return problems


def problems_of(imp: m.LedgerImport) -> list[Problem]:
    return [_problem(d) for d in imp.problems]


def _problem(d: dict[str, Any]) -> Problem:
    source = Source(d.get("file") or "", d.get("line"), d.get("field") or "", d.get("column") or "")
    return Problem(
        source, d["message"], Severity(d["severity"]), d.get("hint") or "", d.get("code") or ""
    )


def expire_pending(hours: int | None = None, *, now: datetime | None = None) -> int:
    """Remove imports never confirmed (pending or discarded) older than ``hours`` (the
    setting STYRA_PENDING_IMPORT_HOURS); returns how many. Confirmed and replaced imports
    stay: they are the periods' ledgers and their history."""
    hours = settings.STYRA_PENDING_IMPORT_HOURS if hours is None else hours
    cutoff = (now or timezone.now()) - timedelta(hours=hours)
    stale = m.LedgerImport.objects.filter(
        state__in=(m.ImportState.PENDING, m.ImportState.DISCARDED), uploaded_at__lt=cutoff
    )
    _total, by_model = stale.delete()  # their amounts go with them (cascade)
    return int(by_model.get(m.LedgerImport._meta.label, 0))
