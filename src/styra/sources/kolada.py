"""Kolada (the municipal KPI database), API v3: the data, its pages and snapshots. Pure.

Responses are parsed with ``Decimal`` for every number, so a value is exactly what Kolada
sent. A missing value stays missing: ``value`` is None and ``status`` says why, never 0.
A snapshot is what one fetch returned plus when it was fetched; reports read snapshots,
never the network.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from styra.i18n import _
from styra.problems import Problem
from styra.sources._problems import field_error

BASE_URL = "https://api.kolada.se/v3/"
POPULATION_KPI = "N01951"  # "Invånare totalt, antal": inhabitants on 31 December (SCB)
MAX_IDS_PER_REQUEST = 25
PER_PAGE = 5000
SNAPSHOT_FORMAT = "styra.kolada-snapshot/1"
ATTRIBUTION = "Källa: Kolada"


def attribution() -> str:
    """Kolada's attribution as people read it (``ATTRIBUTION`` is what snapshot files store)."""
    return _("Källa: Kolada")


class KoladaFormatError(ValueError):
    """A response that is not in Kolada's v3 shape."""


@dataclass(frozen=True, slots=True)
class KoladaQuery:
    kpis: tuple[str, ...]
    municipalities: tuple[str, ...]
    years: tuple[int, ...]

    def describe(self) -> str:
        """How lineage names the query: ``N01951 för 1814, 1860 år 2022``."""
        years = ", ".join(str(y) for y in self.years)
        return _("{kpis} för {municipalities} år {years}").format(
            kpis=", ".join(self.kpis), municipalities=", ".join(self.municipalities), years=years
        )

    def as_dict(self) -> dict[str, list[str] | list[int]]:
        return {
            "kpi": list(self.kpis),
            "municipality": list(self.municipalities),
            "year": list(self.years),
        }


@dataclass(frozen=True, slots=True)
class KpiMetadata:
    id: str
    title: str
    description: str = ""
    is_divided_by_gender: bool = False
    municipality_type: str = ""
    extra: tuple[tuple[str, object], ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "is_divided_by_gender": self.is_divided_by_gender,
            "municipality_type": self.municipality_type,
            **dict(self.extra),
        }


@dataclass(frozen=True, slots=True)
class KoladaValue:
    kpi: str
    municipality: str
    period: int
    gender: str
    value: Decimal | None
    status: str = ""
    count: int | None = None

    @property
    def key(self) -> str:
        return f"{self.kpi}/{self.municipality}/{self.period}/{self.gender}"


@dataclass(frozen=True, slots=True)
class KoladaSnapshot:
    query: KoladaQuery
    fetched_at: datetime
    requests: tuple[str, ...]
    kpis: tuple[KpiMetadata, ...]
    values: tuple[KoladaValue, ...]
    base_url: str = BASE_URL

    def find(self, kpi: str, municipality: str, year: int, gender: str = "T") -> KoladaValue | None:
        for value in self.values:
            if (value.kpi, value.municipality, value.period, value.gender) == (
                kpi,
                municipality,
                year,
                gender,
            ):
                return value
        return None

    def kpi(self, kpi_id: str) -> KpiMetadata | None:
        return next((k for k in self.kpis if k.id == kpi_id), None)


# --- URLs ---


def chunks(items: Sequence[str], size: int = MAX_IDS_PER_REQUEST) -> list[tuple[str, ...]]:
    return [tuple(items[i : i + size]) for i in range(0, len(items), size)]


def data_urls(query: KoladaQuery, base_url: str = BASE_URL) -> tuple[str, ...]:
    """The data requests for a query, at most 25 ids of each kind a request."""
    years = [str(y) for y in query.years]
    return tuple(
        f"{base_url}data/kpi/{','.join(k)}/municipality/{','.join(m)}"
        + (f"/year/{','.join(y)}" if y else "")
        + f"?per_page={PER_PAGE}"
        for k in chunks(query.kpis)
        for m in chunks(query.municipalities)
        for y in (chunks(years) or [()])
    )


def kpi_urls(ids: Sequence[str], base_url: str = BASE_URL) -> tuple[str, ...]:
    return tuple(f"{base_url}kpi/{','.join(batch)}" for batch in chunks(ids))


# --- pages ---


def parse_json(body: bytes) -> object:
    """Numbers become Decimal, so 2.81 stays 2.81."""
    return json.loads(body, parse_float=Decimal)


def page_parts(payload: object) -> tuple[list[Mapping[str, object]], str | None]:
    """A v3 page's rows and its ``next_url`` (None on the last page)."""
    if not isinstance(payload, Mapping) or not isinstance(payload.get("values"), list):
        raise KoladaFormatError(_("Svaret från Kolada saknar listan values"))
    rows = payload["values"]
    if not all(isinstance(row, Mapping) for row in rows):
        raise KoladaFormatError(_("Svaret från Kolada har rader som inte är objekt"))
    next_url = payload.get("next_url")
    return list(rows), next_url if isinstance(next_url, str) and next_url else None


def parse_value_rows(rows: Iterable[Mapping[str, object]]) -> tuple[KoladaValue, ...]:
    return tuple(value for row in rows for value in _row_values(row))


def _row_values(row: Mapping[str, object]) -> list[KoladaValue]:
    kpi, municipality, period = row.get("kpi"), row.get("municipality"), row.get("period")
    entries = row.get("values")
    if not isinstance(kpi, str) or not isinstance(municipality, str):
        raise KoladaFormatError(_("En rad från Kolada saknar kpi eller municipality"))
    if not isinstance(period, int | str | Decimal) or not isinstance(entries, list):
        message = _("Raden för {kpi}/{municipality} saknar period eller values")
        raise KoladaFormatError(message.format(kpi=kpi, municipality=municipality))
    year = int(period)
    return [
        _value(kpi, municipality, year, entry)
        for entry in entries
        if isinstance(entry, Mapping) and not entry.get("isdeleted")
    ]


def _value(kpi: str, municipality: str, year: int, entry: Mapping[str, object]) -> KoladaValue:
    raw, status, count = entry.get("value"), entry.get("status"), entry.get("count")
    if raw is not None and not isinstance(raw, int | Decimal):
        message = _("Värdet för {kpi}/{municipality}/{year} är inte ett tal")
        raise KoladaFormatError(message.format(kpi=kpi, municipality=municipality, year=year))
    value = None if raw is None else Decimal(raw)
    status_text = "" if status is None else str(status)
    if value is None and not status_text:
        status_text = "saknas"
    gender = str(entry.get("gender") or "T")
    return KoladaValue(
        kpi,
        municipality,
        year,
        gender,
        value,
        status_text,
        count if isinstance(count, int) else None,
    )


def parse_kpi_rows(rows: Iterable[Mapping[str, object]]) -> tuple[KpiMetadata, ...]:
    return tuple(_kpi(row) for row in rows)


_KPI_FIELDS = ("id", "title", "description", "is_divided_by_gender", "municipality_type")


def _kpi(row: Mapping[str, object]) -> KpiMetadata:
    if not isinstance(row.get("id"), str):
        raise KoladaFormatError(_("Ett nyckeltal från Kolada saknar id"))
    extra = tuple((k, _plain(v)) for k, v in row.items() if k not in _KPI_FIELDS)
    return KpiMetadata(
        str(row["id"]),
        str(row.get("title") or ""),
        str(row.get("description") or ""),
        bool(row.get("is_divided_by_gender")),
        str(row.get("municipality_type") or ""),
        extra,
    )


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# --- snapshots ---


def snapshot_to_json(snapshot: KoladaSnapshot) -> str:
    document = {
        "format": SNAPSHOT_FORMAT,
        "attribution": ATTRIBUTION,
        "base_url": snapshot.base_url,
        "fetched_at": snapshot.fetched_at.isoformat(timespec="seconds"),
        "query": snapshot.query.as_dict(),
        "requests": list(snapshot.requests),
        "kpis": [k.as_dict() for k in snapshot.kpis],
        "values": _value_rows(snapshot.values),
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=_plain) + "\n"


def _value_rows(values: Iterable[KoladaValue]) -> list[dict[str, object]]:
    """Back to Kolada's own row shape: one row per kpi, municipality and period."""
    rows: dict[tuple[str, str, int], list[dict[str, object]]] = {}
    for v in values:
        entry: dict[str, object] = {
            "gender": v.gender,
            "count": v.count,
            "status": v.status or None,
            "value": v.value,
        }
        rows.setdefault((v.kpi, v.municipality, v.period), []).append(entry)
    return [
        {"kpi": k, "municipality": m, "period": p, "values": entries}
        for (k, m, p), entries in rows.items()
    ]


def snapshot_from_json(text: str, file: str) -> tuple[KoladaSnapshot | None, list[Problem]]:
    try:
        document = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        message = _("Filen är inte giltig JSON (rad {line}, kolumn {column})").format(
            line=exc.lineno, column=exc.colno
        )
        return None, [_snapshot_problem(file, message)]
    try:
        return _snapshot(document), []
    except (KoladaFormatError, KeyError, TypeError, ValueError) as exc:
        return None, [
            _snapshot_problem(file, _("Ogiltig Kolada-ögonblicksbild: {why}").format(why=exc))
        ]


def _snapshot(document: object) -> KoladaSnapshot:
    if not isinstance(document, Mapping) or document.get("format") != SNAPSHOT_FORMAT:
        raise KoladaFormatError(_("formatet ska vara {format}").format(format=SNAPSHOT_FORMAT))
    query = document["query"]
    kpis = page_parts({"values": document.get("kpis", [])})[0]
    rows = page_parts(document)[0]
    return KoladaSnapshot(
        KoladaQuery(
            tuple(str(k) for k in query["kpi"]),
            tuple(str(m) for m in query["municipality"]),
            tuple(int(y) for y in query["year"]),
        ),
        datetime.fromisoformat(str(document["fetched_at"])),
        tuple(str(url) for url in document.get("requests", [])),
        parse_kpi_rows(kpis),
        parse_value_rows(rows),
        str(document.get("base_url") or BASE_URL),
    )


def _snapshot_problem(file: str, message: str) -> Problem:
    hint = _("Hämta på nytt med: styra kolada fetch --output FIL")
    return field_error(message, file, "", code="sources.bad-kolada-snapshot", hint=hint)
