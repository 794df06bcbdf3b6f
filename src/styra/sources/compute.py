"""``compute_indicator_value``: one indicator's value from its source, with lineage.

The adapter part of the package: it resolves the file under the folder, reads it and its
mapping, then hands parsed rows to the pure computations. Any error in the export means
no value: a value is never computed from rows that failed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from styra.i18n import _
from styra.problems import Problem, has_errors
from styra.sources import monitoring, phone, tickets
from styra.sources._files import read_text
from styra.sources._problems import cell_error, field_error
from styra.sources.cache import Parser, SourceCache, parsed_export
from styra.sources.lineage import ComputedValue
from styra.sources.mapping import ExportMapping, parse_mapping
from styra.sources.metrics import kolada_value, monitoring_value, phone_value, ticket_value
from styra.sources.period import PeriodLike
from styra.sources.spec import IndicatorSource, SourceKind, check_source

Result = tuple[ComputedValue | None, list[Problem]]


def compute_indicator_value(
    source: IndicatorSource, base_dir: Path, period: PeriodLike, cache: SourceCache | None = None
) -> Result:
    """The indicator's value for ``period`` from ``source``, reading files under ``base_dir``.

    Returns (None, []) for sources Styra does not compute here: ``manual`` (entered by
    hand) and ``ledger`` (derived from the ledger by the core). Pass one ``SourceCache``
    to every call of one load, so a problem in a shared export is reported once.
    """
    value, problems = _compute(source, base_dir, period)
    return value, cache.first_time(problems) if cache is not None else problems


def _compute(source: IndicatorSource, base_dir: Path, period: PeriodLike) -> Result:
    if source.kind in (SourceKind.MANUAL, SourceKind.LEDGER):
        return None, []
    problems = check_source(source)
    path = _inside(base_dir, source.file, problems)
    if problems or path is None:
        return None, problems
    if source.kind is SourceKind.KOLADA:
        return kolada_value(source, path, period)
    return _from_export(source, base_dir, path, period)


def _from_export(source: IndicatorSource, base_dir: Path, path: Path, period: PeriodLike) -> Result:
    mapping, problems = load_mapping(source, base_dir)
    if has_errors(problems):
        return None, problems
    rows, found = parsed_export(source.kind.value, _parser(source.kind), path, source.file, mapping)
    problems += found
    if rows is None or has_errors(problems):
        return None, problems
    value, found = _metric(source, rows, mapping, period, path)
    return value, problems + found


def _parser(kind: SourceKind) -> Parser[Any]:
    if kind is SourceKind.TICKET_EXPORT:
        return tickets.parse_tickets
    if kind is SourceKind.PHONE_EXPORT:
        return phone.parse_calls
    return monitoring.parse_outages


def _metric(
    source: IndicatorSource,
    rows: tuple[Any, ...],
    mapping: ExportMapping,
    period: PeriodLike,
    path: Path,
) -> Result:
    if source.kind is SourceKind.TICKET_EXPORT:
        return ticket_value(source, rows, period, path)
    if source.kind is SourceKind.PHONE_EXPORT:
        return phone_value(source, rows, mapping, period, path)
    return monitoring_value(source, rows, period, path)


def load_mapping(source: IndicatorSource, base_dir: Path) -> tuple[ExportMapping, list[Problem]]:
    """The source's column mapping: inline, from a YAML file, or the export kind's default."""
    if source.mapping is not None:
        return source.mapping, []
    if not source.mapping_file:
        return ExportMapping(), []
    problems: list[Problem] = []
    path = _inside(base_dir, source.mapping_file, problems)
    text = None
    if path is not None:
        text, problems = read_text(path, source.mapping_file)
    if text is None:
        return ExportMapping(), problems
    return _mapping_from_yaml(text, source.mapping_file)


def _mapping_from_yaml(text: str, file: str) -> tuple[ExportMapping, list[Problem]]:
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        message = _invalid_yaml(mark.line + 1, mark.column + 1) if mark else _invalid_yaml()
        return ExportMapping(), [cell_error(message, file, line, "", code="sources.bad-mapping")]
    except yaml.YAMLError:
        message = _invalid_yaml()
        return ExportMapping(), [field_error(message, file, "", code="sources.bad-mapping")]
    return parse_mapping(data, file, "")


def _invalid_yaml(line: int | None = None, column: int | None = None) -> str:
    if line is None:
        return _("Mappningen är inte giltig YAML")
    return _("Mappningen är inte giltig YAML (rad {line}, kolumn {column})").format(
        line=line, column=column
    )


def _inside(base_dir: Path, relative: str, problems: list[Problem]) -> Path | None:
    """The file under the folder; a path that leads out of the folder is refused."""
    path = (base_dir / relative).resolve()
    if not path.is_relative_to(base_dir.resolve()):
        message = _("Sökvägen »{path}» leder ut ur mappen").format(path=relative)
        problems.append(field_error(message, relative, "", code="sources.outside-folder"))
        return None
    if not path.is_file():
        message = _("Filen »{file}» finns inte").format(file=relative)
        hint = _("Sökvägen räknas från mappen där goals.yaml ligger")
        problems.append(field_error(message, relative, "", code="sources.no-file", hint=hint))
        return None
    return path
