"""Account mapping, investment projects, and imported ledgers and budgets.

An import keeps the original file and its amounts aggregated per account and per object,
so the overview never parses a file and the report can be rebuilt from the original.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.web.followup.models.fields import ExactDecimalField, OptionalDecimalField
from styra.web.followup.models.period import Period


class AccountPlan(models.Model):
    """Which accounts the operating account covers and how the investment account is read."""

    period = models.OneToOneField(Period, on_delete=models.CASCADE, related_name="account_plan")
    scope = models.CharField(_("konton i driftredovisningen"), max_length=500)
    total_revenue = models.CharField(max_length=100, default="TOTALT INTÄKTER")
    total_cost = models.CharField(max_length=100, default="TOTALT KOSTNADER")
    net_result = models.CharField(max_length=100, default="NETTORESULTAT")
    investment_dimension = models.CharField(_("dimension för projekt"), max_length=10)
    investment_accounts = models.CharField(_("investeringskonton"), max_length=500, blank=True)
    investment_total_label = models.CharField(max_length=100, default="TOTALT INVESTERAT")
    # A line whose deviation reaches either limit needs an analysis beside it.
    large_deviation_tkr = OptionalDecimalField(_("stor avvikelse från (tkr)"))
    large_deviation_share = OptionalDecimalField(_("stor avvikelse från (andel av budget)"))

    class Meta:
        verbose_name = _("kontoplan")
        verbose_name_plural = _("kontoplaner")


class Section(models.TextChoices):
    REVENUE = "revenue", _("Intäkter")
    COST = "cost", _("Kostnader")


class ReportLine(models.Model):
    """A line of the operating account: account ranges such as ``5000-5999, 6010``."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="report_lines")
    # The line's name in narrative placeholders: {drift.<key>.avvikelse} (styra.core.figures).
    key = models.CharField(_("id"), max_length=50, blank=True)
    label = models.CharField(_("rad"), max_length=200)
    section = models.CharField(_("avsnitt"), max_length=10, choices=Section)
    accounts = models.CharField(_("konton"), max_length=500)
    position = models.PositiveIntegerField(default=0)
    analysis = models.TextField(_("analys av avvikelsen"), blank=True)
    # The distribution profile of the line's budget as accounts.yaml writes it: "even",
    # "previous_year", twelve shares in per cent as text, or None (even twelfths).
    profile = models.JSONField(_("fördelningsprofil"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position"]
        verbose_name = _("rad i driftredovisningen")
        verbose_name_plural = _("rader i driftredovisningen")

    def __str__(self) -> str:
        return self.label


class InvestmentProject(models.Model):
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="projects")
    label = models.CharField(_("projekt"), max_length=200)
    object_id = models.CharField(_("objekt"), max_length=50)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("investeringsprojekt")
        verbose_name_plural = _("investeringsprojekt")

    def __str__(self) -> str:
        return f"{self.label} ({self.object_id})"


class LedgerKind(models.TextChoices):
    LEDGER = "ledger", _("Huvudbok (utfall)")
    BUDGET = "budget", _("Budget")
    PREVIOUS = "previous", _("Huvudbok föregående år")


class ImportState(models.TextChoices):
    PENDING = "pending", _("Väntar på bekräftelse")
    ACTIVE = "active", _("Gäller")
    REPLACED = "replaced", _("Ersatt")
    DISCARDED = "discarded", _("Avbruten")


class LedgerImport(models.Model):
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="imports")
    kind = models.CharField(_("slag"), max_length=20, choices=LedgerKind)
    state = models.CharField(max_length=20, choices=ImportState, default=ImportState.PENDING)
    file_name = models.CharField(_("fil"), max_length=255)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    company = models.CharField(max_length=300, blank=True)
    accounts = models.JSONField(default=dict, blank=True)  # account number → name
    problems = models.JSONField(default=list, blank=True)  # Problem.as_dict() of every problem
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("inläst SIE-fil")
        verbose_name_plural = _("inlästa SIE-filer")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_kind_display()})"


class Measure(models.TextChoices):
    OUTCOME = "outcome", _("Utfall")
    BUDGET = "budget", _("Budget")


class LedgerAmount(models.Model):
    """A sum for the fiscal year: per account (no object) or per account and object."""

    ledger = models.ForeignKey(LedgerImport, on_delete=models.CASCADE, related_name="amounts")
    measure = models.CharField(max_length=10, choices=Measure)
    account = models.CharField(max_length=20)
    dimension = models.CharField(max_length=10, blank=True)
    object_id = models.CharField(max_length=50, blank=True)
    amount = ExactDecimalField()

    class Meta:
        indexes = [models.Index(fields=["ledger", "measure", "dimension"])]


class MonthlyAmount(models.Model):
    """A sum for one month (``YYYYMM``): per account, or per account and object.

    Kept at import beside the yearly sums, so the year cycle's pages (outcome and budget
    to date, the forecast proposals) never parse a file.
    """

    ledger = models.ForeignKey(LedgerImport, on_delete=models.CASCADE, related_name="monthly")
    measure = models.CharField(max_length=10, choices=Measure)
    account = models.CharField(max_length=20)
    dimension = models.CharField(max_length=10, blank=True)
    object_id = models.CharField(max_length=50, blank=True)
    month = models.PositiveIntegerField()
    amount = ExactDecimalField()

    class Meta:
        indexes = [models.Index(fields=["ledger", "measure", "dimension"])]
