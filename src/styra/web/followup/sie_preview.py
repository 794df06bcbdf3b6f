"""What a pending SIE import would change: the accounts' rows before and after, and problems."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styra.core.accounts import Row, YearResult
from styra.core.followup import FollowUp, compute
from styra.core.goals import Status
from styra.problems import Problem, has_errors
from styra.web.followup import audit, ledgers
from styra.web.followup import models as m
from styra.web.followup.access import lock_for_write
from styra.web.followup.bridge import build_input


@dataclass(frozen=True)
class RowChange:
    label: str
    kind: str
    before: Row
    after: Row
    field: str = "budget"  # the column the import fills: budget, outcome or previous

    @property
    def changed(self) -> bool:
        def figures(row: Row) -> tuple[object, ...]:
            return (row.budget, row.outcome, row.previous)

        return figures(self.before) != figures(self.after)

    @property
    def before_tkr(self) -> object:
        return getattr(self.before, f"{self.field}_tkr")

    @property
    def after_tkr(self) -> object:
        return getattr(self.after, f"{self.field}_tkr")


@dataclass(frozen=True)
class GoalChange:
    name: str
    before: Status
    after: Status


@dataclass(frozen=True)
class Preview:
    pending: m.LedgerImport
    problems: tuple[Problem, ...]
    operating: tuple[RowChange, ...] = ()
    investment: tuple[RowChange, ...] = ()
    result_before: YearResult | None = None
    result_after: YearResult | None = None
    goals: tuple[GoalChange, ...] = ()
    added_accounts: tuple[str, ...] = ()
    removed_accounts: tuple[str, ...] = ()

    @property
    def can_confirm(self) -> bool:
        return self.pending.state == m.ImportState.PENDING and not has_errors(self.problems)

    @property
    def field(self) -> str:
        """The one column the file fills: a budget file the budget, a ledger the outcome."""
        return FIELDS[self.pending.kind]

    @property
    def changed_operating(self) -> tuple[RowChange, ...]:
        return tuple(r for r in self.operating if r.changed)

    @property
    def unchanged_operating(self) -> tuple[RowChange, ...]:
        return tuple(r for r in self.operating if not r.changed)

    @property
    def changed_investment(self) -> tuple[RowChange, ...]:
        return tuple(r for r in self.investment if r.changed)

    @property
    def unchanged_investment(self) -> tuple[RowChange, ...]:
        return tuple(r for r in self.investment if not r.changed)

    @property
    def changed_count(self) -> int:
        return sum(r.changed for r in (*self.operating, *self.investment))

    @property
    def unchanged_count(self) -> int:
        return len(self.operating) + len(self.investment) - self.changed_count

    @property
    def summary(self) -> str:
        """One line first: "Inga ändringar", or how many rows change and how many do not."""
        if not self.changed_count and not self.added_accounts and not self.removed_accounts:
            return _("Inga ändringar")
        changed = ngettext("%(n)d rad ändras", "%(n)d rader ändras", self.changed_count) % {
            "n": self.changed_count
        }
        unchanged = ngettext("%(n)d oförändrad", "%(n)d oförändrade", self.unchanged_count) % {
            "n": self.unchanged_count
        }
        return f"{changed}, {unchanged}"


FIELDS: dict[str, str] = {
    m.LedgerKind.LEDGER: "outcome",
    m.LedgerKind.BUDGET: "budget",
    m.LedgerKind.PREVIOUS: "previous",
}


def _with_import(period: m.Period, kind: str, imp_id: int | None) -> FollowUp:
    setattr(period, f"{kind}_id", imp_id)
    return compute(build_input(period))


def _accounts(imp_id: int | None) -> set[str]:
    if imp_id is None:
        return set()
    rows = m.LedgerAmount.objects.filter(ledger_id=imp_id, dimension="")
    return set(rows.values_list("account", flat=True))


def preview(period: m.Period, pending: m.LedgerImport) -> Preview:
    problems = tuple(ledgers.problems_of(pending))
    if has_errors(problems):
        return Preview(pending, problems)
    current_id = getattr(period, f"{pending.kind}_id")
    before = _with_import(period, pending.kind, current_id)
    after = _with_import(period, pending.kind, pending.pk)
    setattr(period, f"{pending.kind}_id", current_id)
    old, new = _accounts(current_id), _accounts(pending.pk)
    return Preview(
        pending,
        problems,
        operating=_rows(before.operating.rows, after.operating.rows, FIELDS[pending.kind]),
        investment=_rows(before.investment.rows, after.investment.rows, FIELDS[pending.kind]),
        result_before=before.result,
        result_after=after.result,
        goals=tuple(
            GoalChange(b.goal.name, b.status, a.status)
            for b, a in zip(before.goals, after.goals, strict=True)
        ),
        added_accounts=tuple(sorted(new - old)),
        removed_accounts=tuple(sorted(old - new)),
    )


def _rows(before: tuple[Row, ...], after: tuple[Row, ...], field: str) -> tuple[RowChange, ...]:
    pairs = zip(before, after, strict=True)
    return tuple(RowChange(a.label, a.kind.value, b, a, field) for b, a in pairs)


class ImportRefused(Exception):
    pass


def confirm(period_id: int, pending_id: int, user: object) -> m.LedgerImport:
    """Make the pending import the period's ledger, budget or previous year: all or nothing."""
    with transaction.atomic():
        period = lock_for_write(period_id)
        pending = m.LedgerImport.objects.select_for_update().get(pk=pending_id, period=period)
        if pending.state != m.ImportState.PENDING:
            raise ImportRefused(_("filen är redan behandlad"))
        if has_errors(ledgers.problems_of(pending)):
            raise ImportRefused(_("filen har fel och kan inte läsas in"))
        field = f"{pending.kind}_id"
        old_id = getattr(period, field)
        old_name = ""
        if old_id is not None:
            old = m.LedgerImport.objects.only("file_name").get(pk=old_id)
            old_name = old.file_name
            # A period opened from another shares its imports: still the other's, not replaced.
            shared = Q(ledger_id=old_id) | Q(budget_id=old_id) | Q(previous_id=old_id)
            if not m.Period.objects.filter(shared).exclude(pk=period.pk).exists():
                m.LedgerImport.objects.filter(pk=old_id).update(state=m.ImportState.REPLACED)
        pending.state = m.ImportState.ACTIVE
        pending.save(update_fields=["state"])
        setattr(period, field, pending.pk)
        period.save(update_fields=[pending.kind])
        audit.record(
            period,
            user,
            m.ItemKind.LEDGER,
            pending,
            {pending.kind: (old_name, pending.file_name)},
            note=f"sha256 {pending.sha256}",
        )
    return pending
