"""The source exports behind computed indicator values, kept byte for byte at import.

An indicator's value computed from an export (tickets, phone queue, monitoring, Kolada)
keeps its lineage, which names the file and its SHA-256; keeping the file itself lets an
export write the folder back as it came, so the lineage survives export → import.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.web.followup.models.period import Period


class SourceFile(models.Model):
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="source_files")
    # The path as the folder names it, relative to the folder (``sources/arenden-2024.csv``).
    path = models.CharField(_("fil"), max_length=500)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["path"]
        verbose_name = _("källfil")
        verbose_name_plural = _("källfiler")
        constraints = [
            models.UniqueConstraint(fields=["period", "path"], name="source_file_unique")
        ]

    def __str__(self) -> str:
        return self.path
