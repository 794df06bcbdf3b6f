"""The hot path: #TRANS rows summed as integer öre without building an object per row.

A row such as ``b'   #TRANS 1930 {1 "Nord"} -195.00 20210105 "text"'`` is cut at the
first ``}`` and ``{``: the *prefix* (``b'   #TRANS 1930 '``) stands for the account, the
*head* (prefix and object bytes, ``b'   #TRANS 1930 {1 "Nord"'``) for account and object
list, and the first field after ``}`` is the amount. Sums go to one dict per month keyed
by prefix, and one dict per fiscal year keyed by head. Prefixes and heads are few
(accounts × objects × spellings): each is parsed properly once, the first time a table
misses it (``__missing__``), and refused there if the tokenizer reads the row otherwise.
Refused rows, odd amounts, dates in another month, #RTRANS and the like go to the full
tokenizer instead, which decides whether the row is kept (``vouchers.row_of``): an amount
``int()`` would take but SIE does not (``+5``, ``1_000``) is one of them. Decimal appears
only when the totals are handed over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from styra.sie.lexer import pairs, parse_record, split_fields
from styra.sie.model import ObjectList

Lines = Iterator[tuple[int, bytes]]
Pending = tuple[int, bytes] | None
SlowRow = Callable[[int, bytes], Pending]


class _Sums(dict[bytes, int]):
    """öre per key; a key is admitted (as 0) only when ``admit`` accepts it."""

    __slots__ = ("admit",)

    def __init__(self, admit: Callable[[bytes], bool]) -> None:
        super().__init__()
        self.admit = admit

    def __missing__(self, key: bytes) -> int:
        if self.admit(key):
            return 0
        raise KeyError(key)


class FastTables:
    """Sums per (month slot, prefix) and per (year slot, head)."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.accounts: dict[bytes, str | None] = {}
        self.object_lists: dict[bytes, ObjectList | None] = {}
        self.months: list[int] = []
        self.month_sums: list[_Sums] = []
        self.years: list[int | None] = []
        self.head_sums: list[_Sums] = []
        self.voucher_line = 0
        """The #VER line of the block being read: where a new account or object is used."""
        self.prefix_lines: dict[bytes, int] = {}
        self.objects_lines: dict[bytes, int] = {}

    def month_slot(self, period: int) -> int:
        if period not in self.months:
            self.months.append(period)
            self.month_sums.append(_Sums(self._admit_prefix))
        return self.months.index(period)

    def year_slot(self, year: int | None) -> int:
        if year not in self.years:
            self.years.append(year)
            self.head_sums.append(_Sums(self._admit_head))
        return self.years.index(year)

    def rows(
        self, lines: Lines, slot: int, yslot: int, vmonth: bytes, slow: SlowRow
    ) -> tuple[int, int, Pending, bool]:
        """Sum the rows of one block; returns (öre, rows, pending line, closed)."""
        months, heads = self.month_sums[slot], self.head_sums[yslot]
        ore = rows = 0
        for lineno, line in lines:
            head, _brace, tail = line.partition(b"}")
            prefix, brace, objs = head.partition(b"{")
            if brace:
                fields = tail.split(None, 2)
                try:
                    amount = fields[0]
                    if 95 in amount or 43 in amount:  # "_", "+": int() takes them, SIE not
                        raise LookupError
                    if amount[-3:-2] == b".":
                        cents = int(amount.replace(b".", b"", 1))
                    else:
                        cents = int(amount) * 100
                    if len(fields) > 1 and fields[1][:6] != vmonth and fields[1] != b'""':
                        raise LookupError
                    if objs:
                        heads[head] += cents  # admits the prefix too: nothing below fails
                    months[prefix] += cents
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

    # -- admitting keys ------------------------------------------------------------------

    def _admit_prefix(self, prefix: bytes) -> bool:
        account = self.accounts.get(prefix, False)
        if account is False:
            account = self.accounts[prefix] = self._account_of(prefix)
            self.prefix_lines[prefix] = self.voucher_line
        return account is not None

    def _account_of(self, prefix: bytes) -> str | None:
        if b"\\" in prefix or prefix.count(b'"') % 2:
            return None  # quoting the fast cut could misread
        record = parse_record(prefix.decode(self.encoding, "replace"), 0)
        if record is None or record.label != "#TRANS" or len(record.fields) != 1:
            return None
        account = record.fields[0]
        return account.strip() or None if isinstance(account, str) else None

    def _admit_head(self, head: bytes) -> bool:
        prefix, _brace, objs = head.partition(b"{")
        return self._objects(objs) is not None and self._admit_prefix(prefix)

    def _objects(self, objs: bytes) -> ObjectList | None:
        if objs not in self.object_lists:
            self.object_lists[objs] = self._objects_of(objs)
            self.objects_lines[objs] = self.voucher_line
        return self.object_lists[objs]

    def kernel_prefix(self, prefix: bytes, line: int) -> str | None:
        """The account of a prefix, admitted as the fast path admits it (for the kernel)."""
        self.voucher_line = line
        return self.accounts[prefix] if self._admit_prefix(prefix) else None

    def kernel_objects(self, objs: bytes, line: int) -> ObjectList | None:
        """An object list's pairs, admitted as the first half of ``_admit_head`` does."""
        self.voucher_line = line
        return self._objects(objs)

    def _objects_of(self, objs: bytes) -> ObjectList | None:
        if b"\\" in objs or objs.count(b'"') % 2:
            return None
        values = split_fields(objs.decode(self.encoding, "replace"))
        texts = tuple(v for v in values if isinstance(v, str))
        return pairs(texts) if len(texts) == len(values) else None

    # -- hand-over -----------------------------------------------------------------------

    def first_lines(self) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
        """Where each account and each (dimension, object) was first used."""
        accounts: dict[str, int] = {}
        for prefix, line in self.prefix_lines.items():
            account = self.accounts.get(prefix)
            if account is not None:
                accounts[account] = min(line, accounts.get(account, line))
        objects: dict[tuple[str, str], int] = {}
        for objs, line in self.objects_lines.items():
            for pair in self.object_lists.get(objs) or ():
                objects[pair] = min(line, objects.get(pair, line))
        return accounts, objects

    def month_totals(self) -> Iterator[tuple[tuple[str, int], int]]:
        for period, table in zip(self.months, self.month_sums, strict=True):
            for prefix, cents in table.items():
                account = self.accounts[prefix]
                if cents and account is not None:
                    yield (account, period), cents
            table.clear()

    def object_totals(self) -> Iterator[tuple[tuple[str, ObjectList, int], int]]:
        for year, table in zip(self.years, self.head_sums, strict=True):
            if year is not None:
                yield from self._object_totals(year, table)
            table.clear()

    def _object_totals(
        self, year: int, table: _Sums
    ) -> Iterator[tuple[tuple[str, ObjectList, int], int]]:
        for head, cents in table.items():
            prefix, _brace, objs = head.partition(b"{")
            account, objects = self.accounts[prefix], self.object_lists[objs]
            if cents and account is not None and objects:
                yield (account, objects, year), cents
