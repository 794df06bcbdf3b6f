"""Where an indicator's value comes from, as data: ``IndicatorSource`` and its parser.

The folder format gives a plain dict of strings per indicator, for example::

    source: {kind: ticket_export, file: sources/arenden-2024.csv,
             mapping: sources/arenden-mappning.yaml,
             metric: average_handling_time, type: incident, days: calendar}

``kind``, ``file``, ``metric`` and ``mapping`` are the source's own keys; every other key
is a parameter of the metric. A nested ``parameters`` table is accepted too.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from styra.i18n import _
from styra.problems import Problem
from styra.sources._problems import field_error
from styra.sources.cells import parse_flag, parse_number
from styra.sources.mapping import ExportMapping, parse_mapping
from styra.sources.tickets import DayCount, TicketType


class SourceKind(enum.StrEnum):
    MANUAL = "manual"  # entered by hand: the default
    TICKET_EXPORT = "ticket_export"
    PHONE_EXPORT = "phone_export"
    MONITORING_EXPORT = "monitoring_export"
    KOLADA = "kolada"
    LEDGER = "ledger"  # derived from the ledger by the core, e.g. the net result


@dataclass(frozen=True, slots=True)
class IndicatorSource:
    kind: SourceKind = SourceKind.MANUAL
    file: str = ""
    metric: str = ""
    parameters: tuple[tuple[str, str], ...] = ()
    mapping_file: str = ""
    mapping: ExportMapping | None = None

    def param(self, key: str, default: str = "") -> str:
        return dict(self.parameters).get(key, default)


OWN_KEYS = frozenset({"kind", "file", "metric", "mapping", "parameters"})
FILE_KINDS = frozenset(
    {
        SourceKind.TICKET_EXPORT,
        SourceKind.PHONE_EXPORT,
        SourceKind.MONITORING_EXPORT,
        SourceKind.KOLADA,
    }
)

Check = Callable[[str], str]  # returns a Swedish complaint, or "" when the text is fine


def _choice(options: type[enum.StrEnum]) -> Check:
    names = ", ".join(o.value for o in options)
    return lambda text: (
        ""
        if text in {o.value for o in options}
        else _("ska vara en av {names}").format(names=names)
    )


def _whole(low: int, high: int) -> Check:
    def check(text: str) -> str:
        ok = text.isdigit() and low <= int(text) <= high
        return (
            "" if ok else _("ska vara ett heltal från {low} till {high}").format(low=low, high=high)
        )

    return check


def _positive_number(text: str) -> str:
    try:
        return "" if parse_number(text) > 0 else _("ska vara större än 0")
    except ValueError as exc:
        return str(exc)


def _flag(text: str) -> str:
    try:
        parse_flag(text)
    except ValueError as exc:
        return str(exc)
    return ""


def _any_text(text: str) -> str:
    return "" if text.strip() else _("får inte vara tom")


# metric -> parameter -> (required, check)
_HANDLING = {
    "type": (True, _choice(TicketType)),
    "days": (False, _choice(DayCount)),
    "decimals": (False, _whole(0, 6)),
    "eves": (False, _flag),
}
METRICS: dict[SourceKind, dict[str, dict[str, tuple[bool, Check]]]] = {
    SourceKind.TICKET_EXPORT: {
        "average_handling_time": _HANDLING,
        "median_handling_time": _HANDLING,
        "open_at_period_end": {"type": (True, _choice(TicketType))},
    },
    SourceKind.PHONE_EXPORT: {
        "share_answered_within": {
            "seconds": (True, _positive_number),
            "decimals": (False, _whole(0, 6)),
        },
    },
    SourceKind.MONITORING_EXPORT: {
        "availability": {"groups": (False, _any_text), "decimals": (False, _whole(0, 6))},
    },
    SourceKind.KOLADA: {
        "value": {
            "kpi": (True, _any_text),
            "municipality": (True, _any_text),
            "year": (True, _whole(1900, 2100)),
            "gender": (False, lambda t: "" if t in ("T", "K", "M") else _("ska vara T, K eller M")),
            # Comparison: the codes of a group of similar municipalities (as Kolada's
            # municipality_groups list them), its name, and the country's code ("0000").
            "group": (False, _any_text),
            "group_name": (False, _any_text),
            "national": (False, _any_text),
        },
    },
}


def parse_indicator_source(
    data: Mapping[str, object], file: str = "", field: str = "source"
) -> tuple[IndicatorSource | None, list[Problem]]:
    """An ``IndicatorSource`` from a plain dict; problems name ``file`` and ``field.key``."""
    problems: list[Problem] = []
    kind_text = _text(data.get("kind")) or SourceKind.MANUAL.value
    if kind_text not in {k.value for k in SourceKind}:
        names = ", ".join(k.value for k in SourceKind)
        message = _("Okänd källa »{kind}»").format(kind=kind_text)
        hint = _("Välj en av {names}").format(names=names)
        problems.append(_bad(file, f"{field}.kind", message, hint))
        return None, problems
    kind = SourceKind(kind_text)
    parameters = _parameters(data)
    mapping, mapping_file = _mapping(data, file, field, problems)
    source = IndicatorSource(
        kind, _text(data.get("file")), _text(data.get("metric")), parameters, mapping_file, mapping
    )
    problems += check_source(source, file, field)
    return (None if problems else source), problems


def check_source(source: IndicatorSource, file: str = "", field: str = "source") -> list[Problem]:
    if source.kind in FILE_KINDS and not source.file:
        message, hint = _("Källan saknar file"), _("Ange exportfilens sökväg")
        return [_bad(file, f"{field}.file", message, hint)]
    metrics = METRICS.get(source.kind)
    if metrics is None:
        return []
    if source.metric not in metrics:
        names = ", ".join(sorted(metrics))
        message = _("Okänt mått »{metric}» för {kind}").format(
            metric=source.metric, kind=source.kind.value
        )
        hint = _("Välj ett av {names}").format(names=names)
        return [_bad(file, f"{field}.metric", message, hint)]
    return _check_parameters(source, metrics[source.metric], file, field)


def _check_parameters(
    source: IndicatorSource,
    allowed: Mapping[str, tuple[bool, Check]],
    file: str,
    field: str,
) -> list[Problem]:
    problems: list[Problem] = []
    given = dict(source.parameters)
    for key in given.keys() - allowed.keys():
        message = _("Okänd parameter »{key}» för måttet {metric}").format(
            key=key, metric=source.metric
        )
        hint = _("Kända: {names}").format(names=", ".join(sorted(allowed)))
        problems.append(_bad(file, f"{field}.{key}", message, hint))
    for key, (required, check) in allowed.items():
        if key not in given:
            if required:
                message = _("Parametern {key} saknas för måttet {metric}").format(
                    key=key, metric=source.metric
                )
                problems.append(_bad(file, f"{field}.{key}", message))
            continue
        complaint = check(given[key])
        if complaint:
            message = _("»{value}» {complaint}").format(value=given[key], complaint=complaint)
            problems.append(_bad(file, f"{field}.{key}", message))
    return problems


def _parameters(data: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    nested = data.get("parameters")
    pairs = {str(k): _text(v) for k, v in data.items() if k not in OWN_KEYS}
    if isinstance(nested, Mapping):
        pairs.update({str(k): _text(v) for k, v in nested.items()})
    return tuple(sorted(pairs.items()))


def _mapping(
    data: Mapping[str, object], file: str, field: str, problems: list[Problem]
) -> tuple[ExportMapping | None, str]:
    raw = data.get("mapping")
    if isinstance(raw, Mapping):
        mapping, found = parse_mapping(raw, file, f"{field}.mapping")
        problems += found
        return mapping, ""
    return None, _text(raw)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _bad(file: str, field: str, message: str, hint: str = "") -> Problem:
    return field_error(message, file, field, code="sources.bad-source", hint=hint)
