"""The hot path: #TRANS rows summed as integer öre without building an object per row.

A row such as ``b'   #TRANS 1930 {1 "Nord"} -195.00 20210105 "text"'`` is cut at the
first ``}`` and ``{``: the *prefix* (``b'   #TRANS 1930 '``) stands for the account, the
*object bytes* (``b'1 "Nord"'``) for the object list, the first field after ``}`` is the
amount. Prefixes and object bytes are few (accounts and objects times their spellings), so
each is parsed properly once, when first seen, and afterwards only looked up. A row the
fast path cannot vouch for (quotes in the amount, a date in another month, an unknown
prefix, #RTRANS …) is handed to the full tokenizer. Decimal appears only at hand-over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from styra.sie.lexer import pairs, parse_record, split_fields
from styra.sie.model import ObjectList

Lines = Iterator[tuple[int, bytes]]
Pending = tuple[int, bytes] | None
SlowRow = Callable[[int, bytes], Pending]
Entry = tuple[list[int], list[dict[bytes, int]]]
"""Per prefix: öre per month slot, and per year slot a dict object bytes → öre."""


class FastTables:
    """Sums per (prefix, month slot) and per (prefix, year slot, object bytes)."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.entries: dict[bytes, Entry] = {}
        self.rejected: set[bytes] = set()
        self.accounts: dict[bytes, str] = {}
        self.known_objects: dict[bytes, bytes] = {}
        self.object_lists: dict[bytes, ObjectList] = {}
        self.months: list[int] = []
        self.years: list[int | None] = []

    def month_slot(self, period: int) -> int:
        if period not in self.months:
            self.months.append(period)
        return self.months.index(period)

    def year_slot(self, year: int | None) -> int:
        if year not in self.years:
            self.years.append(year)
        return self.years.index(year)

    def rows(
        self, lines: Lines, slot: int, yslot: int, vmonth: bytes, slow: SlowRow
    ) -> tuple[int, int, Pending, bool]:
        """Sum the rows of one block; returns (öre, rows, pending line, closed)."""
        entries, known = self.entries, self.known_objects
        ore = rows = 0
        for lineno, line in lines:
            head, _brace, tail = line.partition(b"}")
            prefix, brace, objs = head.partition(b"{")
            if brace:
                fields = tail.split(None, 2)
                try:
                    amount = fields[0]
                    if amount[-3:-2] == b".":
                        cents = int(amount[:-3] + amount[-2:])
                    else:
                        cents = int(amount) * 100
                    if len(fields) > 1 and fields[1][:6] != vmonth and fields[1] != b'""':
                        raise LookupError
                    entry = entries[prefix]
                    row = entry[0]
                    old = row[slot]
                    if objs:
                        objs = known[objs]
                        table = entry[1][yslot]
                        table[objs] = table.get(objs, 0) + cents
                    row[slot] = old + cents
                    ore += cents
                    rows += 1
                    continue
                except (LookupError, ValueError):
                    pass
            elif line.strip() == b"}":
                return ore, rows, None, True
            pending = slow(lineno, line)
            if pending is not None:
                return ore, rows, pending, False
        return ore, rows, None, False

    # -- learning ------------------------------------------------------------------------

    def learn(self, line: bytes, account: str, objects: ObjectList) -> None:
        """After a clean #TRANS parse: let later rows like it take the fast path."""
        head = line.partition(b"}")[0]
        prefix, brace, objs = head.partition(b"{")
        if not brace or prefix in self.rejected:
            return
        entry = self.entries.get(prefix)
        if entry is None and not self._learn_prefix(prefix, account):
            return
        entry = self.entries[prefix]
        if self.accounts[prefix] != account:
            return
        entry[0].extend([0] * (len(self.months) - len(entry[0])))
        entry[1].extend({} for _ in range(len(self.years) - len(entry[1])))
        if objs and objs not in self.known_objects:
            self._learn_objects(objs, objects)

    def _learn_prefix(self, prefix: bytes, account: str) -> bool:
        record = parse_record(prefix.decode(self.encoding, "replace"), 0)
        if record is None or record.label != "#TRANS" or record.fields != (account,):
            self.rejected.add(prefix)
            return False
        self.entries[prefix] = ([], [])
        self.accounts[prefix] = account
        return True

    def _learn_objects(self, objs: bytes, objects: ObjectList) -> None:
        values = split_fields(objs.decode(self.encoding, "replace"))
        texts = tuple(v for v in values if isinstance(v, str))
        if len(texts) == len(values) and pairs(texts) == objects:
            self.known_objects[objs] = objs
            self.object_lists[objs] = objects

    # -- hand-over -----------------------------------------------------------------------

    def clear(self) -> None:
        self.entries.clear()

    def month_totals(self) -> Iterator[tuple[str, int, int]]:
        for prefix, (row, _tables) in self.entries.items():
            account = self.accounts[prefix]
            for slot, cents in enumerate(row):
                if cents:
                    yield account, self.months[slot], cents

    def object_totals(self) -> Iterator[tuple[str, ObjectList, int, int]]:
        for prefix, (_row, tables) in self.entries.items():
            account = self.accounts[prefix]
            for yslot, table in enumerate(tables):
                year = self.years[yslot]
                if year is None:
                    continue
                for objs, cents in table.items():
                    objects = self.object_lists[objs]
                    if cents and objects:
                        yield account, objects, year, cents
            tables.clear()  # handed over: free it now
