"""Monthly sums for imports made before they were kept: read once from the stored file."""

from typing import Any

from django.db import migrations

BATCH = 2000


def fill_in(apps: Any, schema_editor: Any) -> None:
    from styra import sie  # noqa: PLC0415 (only when the migration runs)
    from styra.web.followup.ledgers import monthly_rows  # noqa: PLC0415

    imports = apps.get_model("followup", "LedgerImport")
    monthly = apps.get_model("followup", "MonthlyAmount")
    for imp in imports.objects.exclude(content=b"").filter(monthly__isnull=True).distinct():
        doc = sie.read(bytes(imp.content), name=imp.file_name).document
        if doc is None:
            continue
        rows = (monthly(ledger_id=imp.pk, **row) for row in monthly_rows(doc))
        monthly.objects.bulk_create(rows, batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("followup", "0006_year_cycle")]

    operations = [migrations.RunPython(fill_in, migrations.RunPython.noop)]
