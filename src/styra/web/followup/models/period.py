"""A committee's report period, its governance model, sharing key, and report versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.web.followup.models.fields import ExactDecimalField
from styra.web.followup.models.org import Committee, Member


class PeriodKind(models.TextChoices):
    ANNUAL = "annual", _("Helår (årsredovisning)")
    INTERIM = "interim", _("Delår (delårsrapport)")
    TERTIAL = "tertial", _("Tertial (tertialrapport)")
    MONTH = "month", _("Månad (månadsuppföljning)")


class PeriodState(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    ADOPTED = "adopted", _("Fastställd")
    CORRECTING = "correcting", _("Under rättelse")


class Period(models.Model):
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="periods", verbose_name=_("nämnd")
    )
    slug = models.SlugField(_("kortnamn i adressen"))
    year = models.PositiveIntegerField(_("år"))
    kind = models.CharField(_("slag"), max_length=20, choices=PeriodKind.choices)
    start = models.DateField(_("första dag"))
    end = models.DateField(_("sista dag"))
    report_date = models.DateField(_("rapportdatum"))
    state = models.CharField(
        _("läge"), max_length=20, choices=PeriodState.choices, default=PeriodState.DRAFT
    )
    # Bumped by every change, so cached pages of the period know when they are stale.
    revision = models.PositiveIntegerField(default=1)
    wording = models.JSONField(_("omformulerade meningar"), default=dict, blank=True)
    ledger = models.ForeignKey(
        "LedgerImport", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    budget = models.ForeignKey(
        "LedgerImport", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    previous = models.ForeignKey(
        "LedgerImport", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Earlier forecasts of the fiscal year read from an imported forecast-history.yaml, as
    # that file's entries (amounts in tkr as text), for those made at periods this database
    # does not hold; the export writes them back beside the stored periods' forecasts.
    imported_history = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("perioder")
        ordering = ["-end", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "slug"], name="period_slug_unique")
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.year} ({self.get_kind_display()})"

    @property
    def is_locked(self) -> bool:
        return self.state == PeriodState.ADOPTED

    @property
    def is_annual(self) -> bool:
        return self.kind == PeriodKind.ANNUAL


class PartialKind(models.TextChoices):
    NONE = "none", _("Ingen automatisk delvis-bedömning")
    TOLERANCE = "tolerance", _("Tolerans kring målvärdet")
    PROGRESS = "progress", _("Framsteg från utgångsvärdet")


class StatusChoice(models.TextChoices):
    ACHIEVED = "achieved", _("Uppnås")
    PARTIALLY_ACHIEVED = "partially_achieved", _("Uppnås delvis")
    NOT_ACHIEVED = "not_achieved", _("Uppnås ej")
    NO_VALUE = "no_value", _("Värde saknas")


class RuleSet(models.Model):
    """A governance model's rule set: how indicators are judged and statuses roll up."""

    model = models.CharField(_("styrmodell"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    partial_kind = models.CharField(_("delvis uppnådd"), max_length=20, choices=PartialKind)
    partial_share = ExactDecimalField(_("andel för delvis uppnådd"), default="0")
    rollup_share = ExactDecimalField(_("andel för målet delvis uppnått"), default="0.5")
    rollup_empty = models.CharField(max_length=20, choices=StatusChoice, default="no_value")
    rollup_all_missing = models.CharField(
        max_length=20, choices=StatusChoice, default="not_achieved"
    )
    principles = models.JSONField(_("principer"), default=list, blank=True)

    class Meta:
        abstract = True


class Governance(RuleSet):
    """The host municipality's governance model as this period applies it."""

    period = models.OneToOneField(Period, on_delete=models.CASCADE, related_name="governance")

    class Meta:
        verbose_name = _("styrmodell")
        verbose_name_plural = _("styrmodeller")


class Rounding(models.TextChoices):
    LARGEST_REMAINDER = "largest_remainder", _("Största rest")
    HALF_UP = "half_up", _("Avrunda varje andel")


class SharingKey(models.Model):
    """The members' agreement on sharing the result (fördelningsnyckel)."""

    period = models.OneToOneField(Period, on_delete=models.CASCADE, related_name="sharing_key")
    basis = models.CharField(_("grund"), max_length=200)
    reference_date = models.DateField(_("avser datum"))
    source = models.CharField(_("källa"), max_length=300)
    rounding = models.CharField(_("avrundning"), max_length=30, choices=Rounding)
    # The Kolada snapshot the weights were read from, as committee.yaml names it (file, kpi,
    # year); the file itself is one of the period's source files.
    kolada = models.JSONField(_("Kolada-ögonblicksbild"), default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("fördelningsnyckel")
        verbose_name_plural = _("fördelningsnycklar")


class KeyWeight(models.Model):
    key = models.ForeignKey(SharingKey, on_delete=models.CASCADE, related_name="weights")
    member = models.ForeignKey(Member, on_delete=models.PROTECT)
    weight = ExactDecimalField(_("värde"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("andel i nyckeln")
        verbose_name_plural = _("andelar i nyckeln")


class ReportVersion(models.Model):
    """An adopted report: the period as a folder (zip) and its computed data, kept for good.

    ``archive`` is what anyone can verify with ``styra verify``: the folder with its source
    exports, the rendered report and a manifest of SHA-256 hashes (``styra.archive``).
    Versions adopted before the archive existed have none.
    """

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("motivering"), blank=True)
    snapshot = models.BinaryField()
    data = models.JSONField()
    archive = models.BinaryField(default=b"")
    archive_sha256 = models.CharField(_("arkivets SHA-256"), max_length=64, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("rapportversion")
        verbose_name_plural = _("rapportversioner")
        constraints = [models.UniqueConstraint(fields=["period", "number"], name="version_unique")]


class Correction(models.Model):
    """An explicit, justified correction of an adopted period; closed by a new version."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="corrections")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    justification = models.TextField(_("motivering"))
    version = models.OneToOneField(
        ReportVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="correction"
    )

    class Meta:
        verbose_name = _("rättelse")
        verbose_name_plural = _("rättelser")
