"""Column mappings as data, so exports from different systems fit the same computation.

A mapping is a plain dict (from YAML or inline in an indicator's source)::

    columns:            # our field -> the export's column header
      id: Ärendenummer
      type: Ärendetyp
    values:             # our value -> the export's spellings, comma-separated
      incident: Incident
      service_request: Tjänsteförfrågan, Beställning
    date_format: "%d.%m.%Y %H:%M"   # any other key is a setting, as text
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from styra.i18n import _
from styra.problems import Problem
from styra.sources._problems import field_error

KNOWN_SETTINGS = frozenset(
    {
        "date_format",
        "delimiter",
        "encoding",
        "sheet",
        "short_abandon_seconds",
        "abandoned_counted",
    }
)


@dataclass(frozen=True, slots=True)
class ExportMapping:
    columns: tuple[tuple[str, str], ...] = ()
    values: tuple[tuple[str, tuple[str, ...]], ...] = ()
    settings: tuple[tuple[str, str], ...] = field(default=())

    def column_names(self) -> dict[str, str]:
        return dict(self.columns)

    def spellings(self) -> dict[str, tuple[str, ...]]:
        return dict(self.values)

    def setting(self, key: str, default: str = "") -> str:
        return dict(self.settings).get(key, default)

    def over(self, defaults: ExportMapping) -> ExportMapping:
        """This mapping with the gaps filled from ``defaults``."""
        return ExportMapping(
            tuple({**dict(defaults.columns), **dict(self.columns)}.items()),
            tuple({**dict(defaults.values), **dict(self.values)}.items()),
            tuple({**dict(defaults.settings), **dict(self.settings)}.items()),
        )


def reverse_spellings(mapping: ExportMapping) -> dict[str, str]:
    """Export spelling (case-folded) -> our value."""
    return {
        spelling.casefold(): ours for ours, spellings in mapping.values for spelling in spellings
    }


def parse_mapping(
    data: object, file: str, where: str = "mapping"
) -> tuple[ExportMapping, list[Problem]]:
    if not isinstance(data, Mapping):
        return ExportMapping(), [_bad(file, where, _("Mappningen ska vara en tabell med nycklar"))]
    problems: list[Problem] = []
    columns = _text_table(data.get("columns", {}), file, f"{where}.columns", problems)
    values = _text_table(data.get("values", {}), file, f"{where}.values", problems)
    settings: dict[str, str] = {}
    for key, value in data.items():
        if key in ("columns", "values"):
            continue
        if str(key) not in KNOWN_SETTINGS:
            known = ", ".join(sorted(KNOWN_SETTINGS))
            message = _("Okänd inställning »{key}»").format(key=key)
            hint = _("Kända: {names}").format(names=known)
            problems.append(_bad(file, f"{where}.{key}", message, hint))
            continue
        settings[str(key)] = _as_text(value)
    spellings = tuple((k, _split(v)) for k, v in values.items())
    return ExportMapping(tuple(columns.items()), spellings, tuple(settings.items())), problems


def _text_table(raw: object, file: str, where: str, problems: list[Problem]) -> dict[str, str]:
    if raw in (None, ""):
        return {}
    if not isinstance(raw, Mapping):
        problems.append(_bad(file, where, _("Ska vara en tabell med nycklar och texter")))
        return {}
    return {str(key): _as_text(value) for key, value in raw.items()}


def _as_text(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _bad(file: str, where: str, message: str, hint: str = "") -> Problem:
    return field_error(message, file, where, code="sources.bad-mapping", hint=hint)
