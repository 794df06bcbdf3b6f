"""The columnar path: voucher blocks summed by polars, a chunk of lines at a time.

For large files the per-row work moves out of CPython. The file is cut into chunks that
end before a ``#VER`` line; each chunk becomes a column of lines, and vectorised string
expressions classify the lines, check the block structure, cut ``#TRANS`` rows into
prefix (account), object list, amount (integer öre) and transaction date, and sum them
per (account, month) and (account, object list, fiscal year). Accounts and object lists
are parsed by the real tokenizer once per distinct spelling, as on the byte-level path.
Lines outside vouchers go through the line path's own code (``other``), one by one.

The path is only taken where it is exactly right. Anything it does not read exactly as
the line path would (``#RTRANS``/``#BTRANS`` or any other line inside a block, a #TRANS or
#VER row of another shape, amounts with three decimals, invalid dates, #KSUMMA, #RAR
after the first voucher, totals near the int64 limit, a line longer than a field may be)
raises ``Fallback`` and the caller reads the whole file again line by line (only the line
path skips over-long lines). Problems are reported exactly as the line path reports them,
in the same order (``Reporter.hold``), including which line first used an account: the
#VER line for rows the byte-level path sums, the row itself for rows it hands to the
tokenizer (``slow``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

import polars as pl

from styra.sie.ledger import Ledger, year_index
from styra.sie.lexer import (
    MAX_FIELD_BYTES,
    MAX_LINE_BYTES,
    pairs,
    parse_date,
    parse_record,
    split_fields,
)
from styra.sie.model import ObjectList
from styra.sie.report import Reporter

CHUNK_BYTES = 16 << 20
OTHER, VER, OPEN, TRANS, CLOSE, BLANK = range(6)
_INT64_GUARD = 9.0e18

_FIELD = r'(?:"[^"\\\s]*"|[^"\\\s{}]+)'
_DATE = r'(?:"\d{8}"|\d{8})'
_AMOUNT = r"-?\d{1,15}(?:\.\d{1,2})?"
TRANS_RE = (
    rf"^[ \t]*#TRANS[ \t]+{_FIELD}[ \t]+\{{[^{{}}\\]*\}}[ \t]+(?:\"{_AMOUNT}\"|{_AMOUNT})"
    rf'(?:[ \t]+(?:{_DATE}|"")(?:[ \t].*)?)?[ \t\r]*$'
)
VER_RE = rf"^[ \t]*#VER[ \t]+{_FIELD}[ \t]+{_FIELD}[ \t]+{_DATE}(?:[ \t].*)?[ \t\r]*$"

T = TypeVar("T")

Other = Callable[[int, bytes, bool], None]
"""Reads one line outside the vouchers (number, raw bytes, vouchers seen before it)."""


class Fallback(Exception):
    """The file holds something the columnar path does not read exactly: use the lines."""


def _require(condition: bool) -> None:
    if not condition:
        raise Fallback


# -- chunks of lines ----------------------------------------------------------------------


def chunks(source: Path | str | bytes, size: int = CHUNK_BYTES) -> Iterator[tuple[int, bytes]]:
    """(number of the first line, bytes) pieces of whole lines, each cut before a #VER."""
    carry, line = b"", 1
    for block in _blocks(source, size):
        buffer = carry + block
        cut = _cut(buffer)
        _require(cut > 0 or len(buffer) <= MAX_LINE_BYTES)  # no line break: an over-long line
        piece, carry = buffer[:cut], buffer[cut:]
        if piece:
            yield line, piece
            line += piece.count(b"\n")
    if carry:
        yield line, carry


def _blocks(source: Path | str | bytes, size: int) -> Iterator[bytes]:
    bom = b"\xef\xbb\xbf"
    if isinstance(source, bytes):
        data = source[len(bom) :] if source.startswith(bom) else source
        for start in range(0, len(data), size):
            yield data[start : start + size]
        return
    with Path(source).open("rb") as handle:
        first = handle.read(size)
        yield first[len(bom) :] if first.startswith(bom) else first
        while block := handle.read(size):
            yield block


def _cut(buffer: bytes) -> int:
    """Where to end a piece: before the last #VER line, else after the last line break."""
    end = len(buffer)
    while (at := buffer.rfind(b"#VER", 0, end)) > 0:
        start = buffer.rfind(b"\n", 0, at) + 1
        if start > 0 and not buffer[start:at].strip():
            return start
        end = at
    return buffer.rfind(b"\n") + 1


def lines_frame(piece: bytes, encoding: str) -> pl.DataFrame:
    """One row per line (without its line break), in order; empty lines kept."""
    data = piece if encoding == "utf-8" or piece.isascii() else piece.decode(encoding).encode()
    expected = data.count(b"\n") + (not data.endswith(b"\n"))
    try:
        frame = pl.read_csv(
            io.BytesIO(data),
            has_header=False,
            separator="\x1f",
            quote_char=None,
            new_columns=["line"],
            infer_schema=False,
        )
    except pl.exceptions.PolarsError:
        frame = pl.DataFrame()
    if frame.width != 1 or frame.height != expected:
        texts = data.decode().split("\n")
        frame = pl.DataFrame({"line": texts[:expected]}, schema={"line": pl.String})
    return frame.select(pl.col("line").fill_null(""))


# -- classification and structure ---------------------------------------------------------


def classify(frame: pl.DataFrame, first_line: int) -> pl.DataFrame:
    """Line number and kind of every non-blank line; the #VER line of each block."""
    start = pl.col("line").str.strip_chars_start(" \t")
    bare = start.str.strip_chars_end(" \t\r")
    kind = (
        pl.when(start.str.starts_with("#TRANS"))
        .then(TRANS)
        .when(start.str.starts_with("#VER ") | start.str.starts_with("#VER\t"))
        .then(VER)
        .when(bare == "{")
        .then(OPEN)
        .when(bare == "}")
        .then(CLOSE)
        .when(bare == "")
        .then(BLANK)
        .otherwise(OTHER)
        .cast(pl.Int8)
    )
    number = pl.int_range(first_line, first_line + pl.len(), dtype=pl.Int64)
    return (
        frame.lazy()
        .with_columns(kind=kind, no=number)
        .filter(pl.col("kind") != BLANK)
        .with_columns(ver=pl.when(pl.col("kind") == VER).then(pl.col("no")).forward_fill())
        .collect()
    )


def check_lengths(frame: pl.DataFrame) -> None:
    """No line that could be over one of the lexer's limits: the line path reports those."""
    _require(not frame.select((pl.col("line").str.len_bytes() > MAX_FIELD_BYTES).any()).item())


def check_structure(lines: pl.DataFrame) -> None:
    """Every block is #VER, {, #TRANS rows, }; nothing else inside, nothing left open."""
    kind = pl.col("kind")
    before, after = kind.shift(1).fill_null(CLOSE), kind.shift(-1).fill_null(OTHER)
    inside = before.is_in([OPEN, TRANS])
    bad = (
        ((kind == VER) & (after != OPEN))
        | ((kind == OPEN) & (before != VER))
        | (kind.is_in([TRANS, CLOSE]) & ~inside)
        | ((kind == OTHER) & inside)
    )
    _require(not lines.select(bad.any()).item())
    if lines.height:
        _require(lines.item(-1, "kind") in (OTHER, CLOSE))


# -- the voucher headers ------------------------------------------------------------------


def _split_field(text: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """The first space-separated field (unquoted) and the rest."""
    parts = text.str.strip_chars_start(" ").str.splitn(" ", 2)
    return parts.struct.field("field_0"), parts.struct.field("field_1").fill_null("")


def voucher_heads(lines: pl.DataFrame) -> pl.DataFrame:
    """Series, number and date of each #VER line (they must all have the plain shape)."""
    vers = lines.filter(pl.col("kind") == VER)
    _require(vers.select(pl.col("line").str.contains(VER_RE).all()).item())
    body = pl.col("line").str.strip_chars(" \t\r").str.replace_all("\t", " ", literal=True)
    series, rest = _split_field(body.str.slice(5))
    number, rest = _split_field(rest)
    day, _rest = _split_field(rest)
    return (
        vers.lazy()
        .select(
            "no",
            series=series.str.strip_chars('"'),
            number=number.str.strip_chars('"'),
            day=day.str.strip_chars('"'),
        )
        .collect()
    )


# -- the rows -----------------------------------------------------------------------------


def rows(lines: pl.DataFrame, heads: pl.DataFrame) -> pl.DataFrame:
    """prefix, objs, öre, transaction date, and whether the byte path would hand it on."""
    trans = lines.filter(pl.col("kind") == TRANS)
    _require(trans.select(pl.col("line").str.contains(TRANS_RE).all()).item())
    cut = pl.col("line").str.splitn("}", 2)
    head = cut.struct.field("field_0").str.splitn("{", 2)
    tail = cut.struct.field("field_1").str.strip_chars_end(" \t\r")
    amount, rest = _split_field(tail.str.replace_all("\t", " ", literal=True))
    day, _rest = _split_field(rest)
    frame = trans.lazy().select(
        "no",
        "ver",
        prefix=head.struct.field("field_0"),
        objs=head.struct.field("field_1"),
        amount=amount,
        day=day,
    )
    vday = heads.lazy().select(ver="no", vmonth=pl.col("day").str.slice(0, 6))
    return frame.join(vday, on="ver", how="left").with_columns(**_row_columns()).collect()


def _row_columns() -> dict[str, pl.Expr]:
    amount, day = pl.col("amount"), pl.col("day")
    quoted = amount.str.starts_with('"')
    digits = amount.str.strip_chars('"')
    point = digits.str.find(".", literal=True)
    decimals = (digits.str.len_chars() - point - 1).fill_null(0)
    scale = pl.when(decimals == 0).then(100).when(decimals == 1).then(10).otherwise(1)
    ore = digits.str.replace(".", "", literal=True).cast(pl.Int64) * scale
    dated = (day != "") & (day != '""')
    slow = quoted | (decimals == 1) | (dated & (day.str.slice(0, 6) != pl.col("vmonth")))
    return {
        "ore": ore,
        "slow": slow,
        "rday": pl.when(slow & dated).then(day.str.strip_chars('"')).otherwise(None),
    }


# -- per chunk and for the whole file -----------------------------------------------------


@dataclass
class Keys:
    """Ids for accounts and object lists, each spelling parsed once by the tokenizer."""

    encoding: str
    accounts: list[str] = field(default_factory=list)
    account_ids: dict[str, int] = field(default_factory=dict)
    prefixes: dict[str, int] = field(default_factory=dict)
    object_lists: list[ObjectList] = field(default_factory=list)
    object_ids: dict[ObjectList, int] = field(default_factory=dict)
    spellings: dict[str, int] = field(default_factory=dict)

    def prefix_ids(self, values: pl.Series) -> dict[str, int]:
        for prefix in values.unique().to_list():
            if prefix not in self.prefixes:
                self.prefixes[prefix] = self._id(self.accounts, self.account_ids, _account(prefix))
        return self.prefixes

    def objects_ids(self, values: pl.Series) -> dict[str, int]:
        for objs in values.unique().to_list():
            if objs not in self.spellings:
                self.spellings[objs] = self._id(
                    self.object_lists, self.object_ids, _object_list(objs)
                )
        return self.spellings

    @staticmethod
    def _id(names: list[T], ids: dict[T, int], value: T) -> int:
        found = ids.get(value)
        if found is None:
            found = ids[value] = len(names)
            names.append(value)
        return found


def _account(prefix: str) -> str:
    record = parse_record(prefix, 0)
    _require(record is not None and record.label == "#TRANS" and len(record.fields) == 1)
    assert record is not None
    account = record.fields[0]
    _require(isinstance(account, str) and bool(account.strip()))
    assert isinstance(account, str)
    return account.strip()


def _object_list(objs: str) -> ObjectList:
    _require(objs.count('"') % 2 == 0)
    values = split_fields(objs)
    texts = tuple(v for v in values if isinstance(v, str))
    _require(len(texts) == len(values))
    found = pairs(texts)
    _require(found is not None)
    assert found is not None
    return found


@dataclass(frozen=True, slots=True)
class Day:
    period: int
    year: int | None
    outside: bool
    day: date


class ColumnarLedger:
    """Reads the voucher blocks of a whole file into the line path's Ledger."""

    def __init__(self, ledger: Ledger, report: Reporter, encoding: str, other: Other) -> None:
        self.ledger, self.report, self.encoding, self.other = ledger, report, encoding, other
        self.keys = Keys(encoding)
        self.days: dict[str, Day] = {}
        self.parts: dict[str, list[pl.DataFrame]] = {}
        """Per chunk: sums and first use per (acc, obj, period, year), merged now and then."""
        self.seen = pl.Series("key", [], dtype=pl.String)
        self.magnitude = 0.0
        self.first_voucher: int | None = None

    def read(self, source: Path | str | bytes) -> None:
        for first_line, piece in chunks(source, CHUNK_BYTES):
            self.report.hold()
            frame = lines_frame(piece, self.encoding)
            check_lengths(frame)
            self._chunk(classify(frame, first_line))
            self.report.release()
        self._hand_over()

    def _chunk(self, lines: pl.DataFrame) -> None:
        check_structure(lines)
        self._others(lines)
        heads = voucher_heads(lines)
        table = rows(lines, heads)
        self._vouchers(heads, table)
        table = self._row_dates(table)
        self._sum(table)
        self.ledger.voucher_count += heads.height
        self.ledger.row_count += table.height

    def _others(self, lines: pl.DataFrame) -> None:
        vers = lines.filter(pl.col("kind") == VER)
        if self.first_voucher is None and vers.height:
            self.first_voucher = int(vers.item(0, "no"))
        others = lines.filter(pl.col("kind") == OTHER).select("no", "line")
        for number, text in others.iter_rows():
            after = self.first_voucher is not None and number > self.first_voucher
            self.report.at = (number, 0, number)
            self.other(number, text.encode(self.encoding), after)

    # -- vouchers ----------------------------------------------------------------------

    def _day(self, text: str) -> Day:
        found = self.days.get(text)
        if found is None:
            day = parse_date(text)
            _require(day is not None)
            assert day is not None
            years = self.ledger.years
            period = day.year * 100 + day.month
            outside = bool(years) and not any(y.contains(day) for y in years.values())
            found = self.days[text] = Day(period, year_index(years, period), outside, day)
        return found

    def _vouchers(self, heads: pl.DataFrame, table: pl.DataFrame) -> None:
        sums = table.group_by("ver").agg(ore=pl.col("ore").sum(), n=pl.len())
        frame = heads.join(sums, left_on="no", right_on="ver", how="left").with_columns(
            pl.col("ore").fill_null(0), pl.col("n").fill_null(0), dup=self._duplicates(heads)
        )
        for day in frame.get_column("day").unique().to_list():
            self._day(day)
        outside = [d for d, info in self.days.items() if info.outside]
        flagged = frame.filter(
            pl.col("dup") | pl.col("day").is_in(outside) | (pl.col("n") == 0) | (pl.col("ore") != 0)
        )
        for row in flagged.iter_rows(named=True):
            self._voucher_problems(row)

    def _duplicates(self, heads: pl.DataFrame) -> pl.Series:
        key = pl.concat_str("series", pl.lit("\x1f"), "number")
        numbered = pl.col("number") != ""
        keyed = heads.select(
            key=key, dup=numbered & (~key.is_first_distinct() | key.is_in(self.seen.implode()))
        )
        new = heads.filter(numbered).select(key=key).get_column("key")
        self.seen = pl.concat([self.seen, new]).unique()
        return keyed.get_column("dup")

    def _voucher_problems(self, row: dict[str, object]) -> None:
        line, series, number = int(str(row["no"])), str(row["series"]), str(row["number"])
        self.report.at = (line, 1, line)
        if row["dup"]:
            self.ledger.report_duplicate(line, series, number)
        day = self.days[str(row["day"])]
        if day.outside:
            self.ledger.report_date_outside(line, day.day)
        self.report.at = (line, 3, line)
        self.ledger.report_balance(line, series, number, int(str(row["n"])), int(str(row["ore"])))

    def _row_dates(self, table: pl.DataFrame) -> pl.DataFrame:
        """Rows the byte path hands on: their own date, warned about outside the years."""
        dated = table.filter(pl.col("rday").is_not_null()).select("no", "ver", "rday")
        for number, voucher, text in dated.iter_rows():
            day = self._day(text)
            if day.outside:
                self.report.at = (voucher, 2, number)
                self.ledger.report_row_date_outside(number, day.day)
        vmonth = pl.col("vmonth").cast(pl.Int32)
        period = pl.col("rday").str.slice(0, 6).cast(pl.Int32).fill_null(vmonth)
        return table.with_columns(period=period)

    # -- sums --------------------------------------------------------------------------

    def _sum(self, table: pl.DataFrame) -> None:
        if not table.height:
            return
        self.magnitude += float(table.get_column("ore").abs().cast(pl.Float64).sum())
        _require(self.magnitude < _INT64_GUARD)
        prefixes = self.keys.prefix_ids(table.get_column("prefix"))
        spellings = self.keys.objects_ids(table.get_column("objs"))
        years = {p: year_index(self.ledger.years, p) for p in table.get_column("period").unique()}
        frame = table.select(
            acc=pl.col("prefix").replace_strict(prefixes, return_dtype=pl.UInt32),
            obj=pl.col("objs").replace_strict(spellings, return_dtype=pl.UInt32),
            period="period",
            year=pl.col("period").replace_strict(years, return_dtype=pl.Int32),
            ore="ore",
            use=pl.when("slow").then("no").otherwise("ver"),
        ).with_columns(has_objects=~pl.col("obj").is_in(self._empty_lists()))
        self._accumulate(frame)

    def _empty_lists(self) -> list[int]:
        return [i for i, objects in enumerate(self.keys.object_lists) if not objects]

    def _accumulate(self, frame: pl.DataFrame) -> None:
        objects = frame.filter(pl.col("has_objects"))
        for name, part in (
            ("months", frame.group_by("acc", "period").agg(_ORE)),
            ("objects", objects.filter(pl.col("year").is_not_null()).group_by(_OBJECT).agg(_ORE)),
            ("accounts", frame.group_by("acc").agg(_USE)),
            ("uses", objects.group_by("obj").agg(_USE)),
        ):
            parts = self.parts.setdefault(name, [])
            parts.append(part)
            if sum(p.height for p in parts) > _MERGE_ROWS:
                self.parts[name] = [self._merged(name)]

    def _merged(self, name: str) -> pl.DataFrame:
        parts = self.parts.get(name, [])
        frame = pl.concat(parts) if parts else pl.DataFrame(schema=_SCHEMAS[name])
        keys = [c for c in frame.columns if c not in ("ore", "use")]
        return frame.group_by(keys).agg(_ORE if "ore" in frame.columns else _USE)

    def _hand_over(self) -> None:
        names, lists = self.keys.accounts, self.keys.object_lists
        months = self._merged("months").filter(pl.col("ore") != 0)
        month_keys = zip(_named(months, names), months.get_column("period").to_list(), strict=True)
        objects = self._merged("objects").filter(pl.col("ore") != 0)
        object_keys = zip(
            _named(objects, names),
            [lists[obj] for obj in objects.get_column("obj").to_list()],
            objects.get_column("year").to_list(),
            strict=True,
        )
        self.ledger.absorb(
            dict(zip(month_keys, months.get_column("ore").to_list(), strict=True)),
            dict(zip(object_keys, objects.get_column("ore").to_list(), strict=True)),
            *self._first_uses(),
        )

    def _first_uses(self) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
        accounts = self._merged("accounts")
        names = _named(accounts, self.keys.accounts)
        used = dict(zip(names, accounts.get_column("use").to_list(), strict=True))
        pairs_used: dict[tuple[str, str], int] = {}
        for obj, use in self._merged("uses").sort("use").iter_rows():
            for pair in self.keys.object_lists[obj]:
                pairs_used.setdefault(pair, use)
        return used, pairs_used


_MERGE_ROWS = 1_000_000
_ORE, _USE = pl.col("ore").sum(), pl.col("use").min()
_OBJECT = ("acc", "obj", "year")
_SCHEMAS: dict[str, dict[str, type[pl.DataType]]] = {
    "months": {"acc": pl.UInt32, "period": pl.Int32, "ore": pl.Int64},
    "objects": {"acc": pl.UInt32, "obj": pl.UInt32, "year": pl.Int32, "ore": pl.Int64},
    "accounts": {"acc": pl.UInt32, "use": pl.Int64},
    "uses": {"obj": pl.UInt32, "use": pl.Int64},
}


def _named(frame: pl.DataFrame, names: list[str]) -> list[str]:
    return [names[acc] for acc in frame.get_column("acc").to_list()]
