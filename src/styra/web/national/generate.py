"""An invented national data set: many municipalities, committees and years, for benchmarks.

Every committee's year is a copy of one of the example municipality's committees (Lekeberg
2024, which ``demo.create_example`` loads when it is not there yet) with its amounts and
values varied, so every period computes like a real one: goals, indicators with a value
and earlier years, report lines, investment projects, the ledger and budget totals per
account, object and month, and, for the last year, a delår per 31 August with a forecast
on every report line. Nothing is real but the structure: the municipalities are named
``<invented name> (påhittad)`` with codes 9001 onwards (no municipality has a code over
2584), the committees carry common committee names, and the amounts are the example's
(themselves invented) times a factor.

The copying is set-based SQL on PostgreSQL: one ``INSERT … SELECT`` per table for all new
periods at once, with ids drawn from the tables' own sequences and kept in temporary
mapping tables (old id, new period → new id); a municipality's committees are written in
one transaction, so an interrupted run leaves whole municipalities.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction

from styra.web.followup import models as m

STEMS = (
    "Norr", "Sör", "Väster", "Öster", "Ek", "Björk", "Sjö", "Berg", "Lind", "Gran",
    "Asp", "Hassel", "Lönn", "Rönn", "Al", "Sälg", "Tall",
)  # fmt: skip
ENDS = (
    "by", "köping", "hamn", "torp", "vik", "åsen", "dal", "ryd", "forsa", "näs",
    "holm", "sund", "stad", "mo", "lunda", "berga", "tuna", "hult",
)  # fmt: skip
COMMITTEES = (
    "Kommunstyrelsen",
    "Barn- och utbildningsnämnden",
    "Socialnämnden",
    "Vård- och omsorgsnämnden",
    "Kultur- och fritidsnämnden",
    "Samhällsbyggnadsnämnden",
    "Miljö- och byggnämnden",
    "Tekniska nämnden",
    "Arbetsmarknadsnämnden",
    "Överförmyndarnämnden",
    "Valnämnden",
    "Krisledningsnämnden",
)
TEMPLATE_CODE = "1814"  # the example municipality (Lekeberg)
FIRST_CODE = 9001


@dataclass
class Counts:
    """Rows written per table, and the seconds it took."""

    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, table: str, n: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + n


def invented_name(n: int) -> str:
    stem, end = STEMS[n % len(STEMS)], ENDS[(n // len(STEMS)) % len(ENDS)]
    return f"{stem}{end} (påhittad)"


def templates() -> list[m.Period]:
    """The example municipality's annual periods of committees that are no joint committee."""
    found = m.Period.objects.filter(
        committee__municipality__code=TEMPLATE_CODE, kind=m.PeriodKind.ANNUAL, sharing_key=None
    ).order_by("committee__name")
    return list(found.select_related("committee"))


def generate(
    municipalities: int,
    committees: int,
    years: int,
    say: Callable[[str], None] = print,
) -> Counts:
    """Add ``municipalities`` invented municipalities with their committees and years."""
    began = time.perf_counter()
    counts = Counts()
    sources = templates()
    if not sources:
        raise ValueError("the example municipality is not loaded")
    last_year = sources[0].year
    start = _next_number()
    for n in range(start, start + municipalities):
        with transaction.atomic(), connection.cursor() as cursor:
            _municipality(cursor, n, committees, years, last_year, sources, counts)
        done = n - start + 1
        if done % 10 == 0 or done == municipalities:
            say(f"{done}/{municipalities} kommuner, {time.perf_counter() - began:.0f} s")
    counts.seconds = time.perf_counter() - began
    return counts


def _next_number() -> int:
    codes = m.Municipality.objects.filter(code__startswith="9").values_list("code", flat=True)
    return max((int(c) - FIRST_CODE + 1 for c in codes if c.isdigit()), default=0)


def _municipality(  # noqa: PLR0917 - one municipality's share of generate's arguments
    cursor: object,
    n: int,
    committees: int,
    years: int,
    last_year: int,
    sources: list[m.Period],
    counts: Counts,
) -> None:
    municipality = m.Municipality.objects.create(code=str(FIRST_CODE + n), name=invented_name(n))
    counts.add("municipality", 1)
    made = m.Committee.objects.bulk_create(
        m.Committee(
            name=COMMITTEES[i % len(COMMITTEES)],
            slug=f"k{municipality.code}-{i + 1:02d}",
            municipality=municipality,
        )
        for i in range(committees)
    )
    counts.add("committee", len(made))
    plan = [
        (c.pk, sources[i % len(sources)].pk, year)
        for i, c in enumerate(made)
        for year in range(last_year - years + 1, last_year + 1)
    ]
    _council(cursor, municipality.pk, last_year, years, counts)
    _copy_periods(cursor, plan, last_year, counts, interim=False)
    _copy_periods(cursor, [p for p in plan if p[2] == last_year], last_year, counts, interim=True)


def _council(cursor: object, municipality: int, last_year: int, years: int, counts: Counts) -> None:
    """The example municipality's council goals, rule set and KF indicators for each year."""
    sql = _Sql(cursor)
    sql.run(
        """CREATE TEMP TABLE map_cg ON COMMIT DROP AS
        SELECT g.id AS old_id, y AS year, nextval(pg_get_serial_sequence('followup_councilgoal',
        'id')) AS new_id FROM followup_councilgoal g
        JOIN followup_municipality mu ON mu.id = g.municipality_id AND mu.code = %s
        CROSS JOIN generate_series(%s, %s) AS y WHERE g.year = %s""",
        [TEMPLATE_CODE, last_year - years + 1, last_year, last_year],
    )
    counts.add("councilgoal", sql.copy("followup_councilgoal", "map_cg", {
        "municipality_id": str(municipality), "year": "mp.year",
    }))  # fmt: skip
    sql.run(
        """CREATE TEMP TABLE map_ci ON COMMIT DROP AS
        SELECT i.id AS old_id, mp.new_id AS goal_new, nextval(pg_get_serial_sequence(
        'followup_councilindicator', 'id')) AS new_id FROM followup_councilindicator i
        JOIN map_cg mp ON mp.old_id = i.council_goal_id"""
    )
    counts.add("councilindicator", sql.copy("followup_councilindicator", "map_ci", {
        "council_goal_id": "mp.goal_new", "value": _vary_value("t.value", "mp.new_id"),
    }))  # fmt: skip
    counts.add("councilgovernance", sql.run(
        """INSERT INTO followup_councilgovernance (model, description, partial_kind,
        partial_share, rollup_share, rollup_empty, rollup_all_missing, principles, year,
        municipality_id) SELECT g.model, g.description, g.partial_kind, g.partial_share,
        g.rollup_share, g.rollup_empty, g.rollup_all_missing, g.principles, y, %s
        FROM followup_councilgovernance g JOIN followup_municipality mu
        ON mu.id = g.municipality_id AND mu.code = %s CROSS JOIN generate_series(%s, %s) AS y
        WHERE g.year = %s""",
        [municipality, TEMPLATE_CODE, last_year - years + 1, last_year, last_year],
    ))  # fmt: skip


def _vary_value(column: str, seed: str) -> str:
    """A decimal value as text, times 0.9 to 1.1 by the seed; empty and NULL kept."""
    factor = f"(0.9 + ((({seed}) * 7919) % 201) / 1000.0)"
    return (
        f"CASE WHEN {column} IS NULL OR {column} = '' THEN {column} "
        f"ELSE round(({column})::numeric * {factor}, 1)::text END"
    )


def _vary_amount(column: str, seed: str) -> str:
    """An amount as text, times 0.85 to 1.15 by the seed, in whole kronor and öre."""
    factor = f"(0.85 + ((({seed}) * 104729) % 301) / 1000.0)"
    return f"round(({column})::numeric * {factor}, 2)::text"


class _Sql:
    def __init__(self, cursor: object) -> None:
        self.cursor = cursor

    def run(self, sql: str, params: list[object] | None = None) -> int:
        self.cursor.execute(sql, params)  # type: ignore[attr-defined]
        return int(self.cursor.rowcount)  # type: ignore[attr-defined]

    def columns(self, table: str) -> list[str]:
        self.cursor.execute(  # type: ignore[attr-defined]
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "AND column_name <> 'id' ORDER BY ordinal_position",
            [table],
        )
        return [r[0] for r in self.cursor.fetchall()]  # type: ignore[attr-defined]

    def copy(self, table: str, mapping: str, overrides: dict[str, str], join: str = "") -> int:
        """Insert a copy of each row the mapping table names, with its new id and the
        columns ``overrides`` gives as SQL over ``t`` (the old row) and ``mp`` (the map)."""
        columns = self.columns(table)
        values = [overrides.get(c, f't."{c}"') for c in columns]
        names = ", ".join(f'"{c}"' for c in columns)
        return self.run(
            f"INSERT INTO {table} (id, {names}) SELECT mp.new_id, {', '.join(values)} "
            f"FROM {mapping} mp JOIN {table} t ON t.id = mp.old_id {join}"
        )


def _copy_periods(
    cursor: object,
    plan: list[tuple[int, int, int]],
    last_year: int,
    counts: Counts,
    *,
    interim: bool,
) -> None:
    """Copy each (committee, template period, year) of ``plan`` with everything in it."""
    sql = _Sql(cursor)
    sql.run("DROP TABLE IF EXISTS plan, map_p, map_g, map_i, map_l, map_x, map_li")
    sql.run("CREATE TEMP TABLE plan (committee_id bigint, old_id bigint, year int)")
    cursor.executemany("INSERT INTO plan VALUES (%s, %s, %s)", plan)  # type: ignore[attr-defined]
    seq = "nextval(pg_get_serial_sequence('{0}', 'id'))"
    sql.run(
        f"""CREATE TEMP TABLE map_p AS SELECT p.committee_id, p.old_id, p.year,
        {seq.format("followup_period")} AS new_id, p.year - {last_year} AS shift FROM plan p"""
    )
    years = "make_interval(years => mp.shift)"
    end = "make_date(mp.year, 8, 31)" if interim else f't."end" + {years}'
    counts.add("period", sql.copy("followup_period", "map_p", {
        "slug": f"mp.year::text || '{'-delar' if interim else '-helar'}'",
        "year": "mp.year",
        "kind": f"'{m.PeriodKind.INTERIM if interim else 'annual'}'",
        "start": f"t.start + {years}",
        "end": end,
        "report_date": f"{'make_date(mp.year, 9, 30)' if interim else f't.report_date + {years}'}",
        "state": "'draft'",
        "revision": "1",
        "budget_id": "NULL", "ledger_id": "NULL", "previous_id": "NULL",
        "committee_id": "mp.committee_id",
    }))  # fmt: skip
    _children(sql, counts, last_year, interim=interim)


def _by_period(sql: _Sql, table: str, mapping: str) -> None:
    sql.run(
        f"""CREATE TEMP TABLE {mapping} AS SELECT t.id AS old_id, mp.new_id AS period_new,
        mp.shift, nextval(pg_get_serial_sequence('{table}', 'id')) AS new_id
        FROM map_p mp JOIN {table} t ON t.period_id = mp.old_id"""
    )


def _children(sql: _Sql, counts: Counts, last_year: int, *, interim: bool) -> None:
    for table in (
        "followup_governance",
        "followup_accountplan",
        "followup_narrativesection",
        "followup_investmentproject",
    ):
        sql.run("DROP TABLE IF EXISTS map_x")
        _by_period(sql, table, "map_x")
        counts.add(table[9:], sql.copy(table, "map_x", {"period_id": "mp.period_new"}))
    _by_period(sql, "followup_reportline", "map_l")
    counts.add("reportline", sql.copy("followup_reportline", "map_l", {
        "period_id": "mp.period_new", "analysis": "''", "version": "1",
    }))  # fmt: skip
    _goals(sql, counts)
    _ledgers(sql, counts)
    if interim:
        _forecasts(sql, counts)


def _goals(sql: _Sql, counts: Counts) -> None:
    _by_period(sql, "followup_goal", "map_g")
    counts.add("goal", sql.copy("followup_goal", "map_g", {"period_id": "mp.period_new"}))
    counts.add("goal_council_goals", sql.run(
        """INSERT INTO followup_goal_council_goals (goal_id, councilgoal_id)
        SELECT mg.new_id, cg.id FROM map_g mg
        JOIN followup_goal_council_goals l ON l.goal_id = mg.old_id
        JOIN followup_councilgoal old ON old.id = l.councilgoal_id
        JOIN followup_period p ON p.id = mg.period_new
        JOIN followup_committee c ON c.id = p.committee_id
        JOIN followup_councilgoal cg ON cg.municipality_id = c.municipality_id
        AND cg.key = old.key AND cg.year = p.year"""
    ))  # fmt: skip
    sql.run(
        """CREATE TEMP TABLE map_i AS SELECT i.id AS old_id, mg.new_id AS goal_new, mg.shift,
        nextval(pg_get_serial_sequence('followup_indicator', 'id')) AS new_id
        FROM map_g mg JOIN followup_indicator i ON i.goal_id = mg.old_id"""
    )
    counts.add("indicator", sql.copy("followup_indicator", "map_i", {
        "goal_id": "mp.goal_new", "owner_id": "NULL",
    }))  # fmt: skip
    counts.add("result", sql.run(
        f"""INSERT INTO followup_result (override_status, override_justification, override_by,
        override_at, version, value, analysis, updated_at, indicator_id, updated_by_id,
        value_justification) SELECT '', '', '', NULL, 1, {_vary_value("r.value", "mi.new_id")},
        '', now(), mi.new_id, NULL, '' FROM map_i mi
        JOIN followup_result r ON r.indicator_id = mi.old_id"""
    ))  # fmt: skip
    counts.add("indicatoryear", sql.run(
        f"""INSERT INTO followup_indicatoryear (year, value, council_indicator_id, indicator_id)
        SELECT y.year + mi.shift, {_vary_value("y.value", "mi.new_id + y.year")}, NULL,
        mi.new_id FROM map_i mi JOIN followup_indicatoryear y ON y.indicator_id = mi.old_id"""
    ))  # fmt: skip


def _ledgers(sql: _Sql, counts: Counts) -> None:
    """The active ledger and budget of each template period, their totals varied; the file
    itself is not copied (its totals are what every page reads)."""
    sql.run(
        """CREATE TEMP TABLE map_li AS SELECT li.id AS old_id, mp.new_id AS period_new,
        mp.shift, li.kind, nextval(pg_get_serial_sequence('followup_ledgerimport', 'id'))
        AS new_id FROM map_p mp JOIN followup_ledgerimport li ON li.period_id = mp.old_id
        AND li.state = 'active'"""
    )
    counts.add("ledgerimport", sql.copy("followup_ledgerimport", "map_li", {
        "period_id": "mp.period_new", "content": "''::bytea", "uploaded_by_id": "NULL",
        "file_name": "mp.kind || '-' || (2024 + mp.shift)::text || '.se'",
    }))  # fmt: skip
    amount = _vary_amount("a.amount", "ml.period_new")
    counts.add("ledgeramount", sql.run(
        f"""INSERT INTO followup_ledgeramount (measure, account, dimension, object_id, amount,
        ledger_id) SELECT a.measure, a.account, a.dimension, a.object_id, {amount}, ml.new_id
        FROM map_li ml JOIN followup_ledgeramount a ON a.ledger_id = ml.old_id"""
    ))  # fmt: skip
    counts.add("monthlyamount", sql.run(
        f"""INSERT INTO followup_monthlyamount (measure, account, dimension, object_id, month,
        amount, ledger_id) SELECT a.measure, a.account, a.dimension, a.object_id,
        a.month + 100 * ml.shift, {amount}, ml.new_id
        FROM map_li ml JOIN followup_monthlyamount a ON a.ledger_id = ml.old_id"""
    ))  # fmt: skip
    for kind in ("ledger", "budget", "previous"):
        sql.run(
            f"""UPDATE followup_period p SET {kind}_id = ml.new_id FROM map_li ml
            WHERE ml.period_new = p.id AND ml.kind = '{kind}'"""
        )


def _forecasts(sql: _Sql, counts: Counts) -> None:
    """A forecast on every report line of the delår: run rate, as a controller picks it."""
    counts.add("forecast", sql.run(
        """INSERT INTO followup_forecast (method, amount, comment, version, updated_at, line_id,
        period_id, project_id, updated_by_id) SELECT 'run_rate', NULL, '', 1, now(), ml.new_id,
        ml.period_new, NULL, NULL FROM map_l ml"""
    ))  # fmt: skip


def summary(counts: Counts) -> Iterator[str]:
    total = sum(counts.rows.values())
    for table, n in sorted(counts.rows.items(), key=lambda kv: -kv[1]):
        yield f"  {table:<22}{n:>12,}"
    rate = total / max(counts.seconds, 1e-9)
    yield f"  {'i alla tabeller':<22}{total:>12,}   {counts.seconds:.0f} s, {rate:,.0f} rader/s"
