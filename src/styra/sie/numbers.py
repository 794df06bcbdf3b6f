"""Duplicate voucher numbers without keeping every number in a set.

Numbers are nearly always small integers per series, so a bit per possible number is
enough (a million vouchers: 125 kB). Non-numeric or huge numbers fall back to a set.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_BITMAP_LIMIT = 1 << 27
"""Numbers above this (16 MB of bits per series) go to the fallback set."""


@dataclass
class _Series:
    bits: bytearray = field(default_factory=bytearray)
    others: set[str] = field(default_factory=set)

    def add(self, number: str) -> bool:
        """Record the number; False when it was already there."""
        value = int(number) if number.isascii() and number.isdigit() else -1
        if not 0 <= value < _BITMAP_LIMIT or number != str(value):
            if number in self.others:
                return False
            self.others.add(number)
            return True
        index, bit = divmod(value, 8)
        if index >= len(self.bits):
            self.bits.extend(bytes(max(index + 1 - len(self.bits), len(self.bits))))
        mask = 1 << bit
        if self.bits[index] & mask:
            return False
        self.bits[index] |= mask
        return True


@dataclass
class VoucherNumbers:
    series: dict[str, _Series] = field(default_factory=dict)

    def add(self, series: str, number: str) -> bool:
        """Record a voucher number; False when the series already had it. Empty: ignored."""
        if not number:
            return True
        return self._series(series).add(number)

    def bits(self, series: str) -> bytearray:
        """The series' bitmap, for the kernel: bit n of it is set when number n was seen
        (numbers written without leading zeros, below ``_BITMAP_LIMIT``)."""
        return self._series(series).bits

    def _series(self, series: str) -> _Series:
        found = self.series.get(series)
        if found is None:
            found = self.series[series] = _Series()
        return found
