"""Indicator values from source data: ticket, phone-queue and monitoring exports, and Kolada.

The public API is small; see README.md beside this file.
"""

from styra.sources.cache import SourceCache
from styra.sources.compute import compute_indicator_value
from styra.sources.kolada import (
    POPULATION_KPI,
    KoladaQuery,
    KoladaSnapshot,
    KoladaValue,
    snapshot_from_json,
    snapshot_to_json,
)
from styra.sources.lineage import ComputedValue, FileOrigin, KoladaOrigin, RowRef
from styra.sources.period import Period, PeriodLike
from styra.sources.population import load_kolada_snapshot, population_key
from styra.sources.spec import IndicatorSource, SourceKind, parse_indicator_source

__all__ = [
    "POPULATION_KPI",
    "ComputedValue",
    "FileOrigin",
    "IndicatorSource",
    "KoladaOrigin",
    "KoladaQuery",
    "KoladaSnapshot",
    "KoladaValue",
    "Period",
    "PeriodLike",
    "RowRef",
    "SourceCache",
    "SourceKind",
    "compute_indicator_value",
    "load_kolada_snapshot",
    "parse_indicator_source",
    "population_key",
    "snapshot_from_json",
    "snapshot_to_json",
]
