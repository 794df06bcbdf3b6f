"""The shared cache's table (settings.CACHES), made by ``migrate`` like every other table.

``styra serve`` and the tests run ``migrate`` and nothing else, so the table Django's
``createcachetable`` would make is made here; it does nothing for a cache kept elsewhere.
"""

from typing import Any

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps: Any, schema_editor: Any) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
