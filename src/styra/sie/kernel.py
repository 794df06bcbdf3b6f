"""The compiled kernel (``_kernel.c``): runs of plain vouchers summed in C.

The kernel is an accelerator of the pure-Python path, never a second reader. Between two
records the ``Ledger`` lets it read the vouchers that follow, as long as each is one the
byte-level fast path would read whole (``_kernel.c`` says which); it stops at the first
line that is anything else, and Python reads on from there, reporting whatever is wrong.
Python's judgement of each new spelling (a date, an account, an object list) is asked
through the ``Ledger`` and remembered on both sides, so the totals, counts, problems and
first-use lines are the pure path's, whichever read a voucher.

The kernel is used when it was built (the wheel's build hook compiles it where a C
compiler exists; without one the pure path is all there is) and ``STYRA_SIE_KERNEL`` is
not ``0``. ``STYRA_SIE_KERNEL_PATH`` loads a build from elsewhere (the fuzz campaign's
AddressSanitizer build).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from types import ModuleType
from typing import TYPE_CHECKING, BinaryIO, Protocol

from styra.sie.lexer import MAX_FIELD_BYTES, MAX_LINE_BYTES, Oversized, _checked

if TYPE_CHECKING:
    from collections.abc import Callable

CHUNK_BYTES = 1 << 20
"""What is read at a time; a voucher that crosses a chunk's end is read by Python."""
_REFILL_BELOW = 64 << 10


def _load() -> ModuleType | None:
    path = os.environ.get("STYRA_SIE_KERNEL_PATH")
    try:
        if path:
            spec = importlib.util.spec_from_file_location("styra.sie._kernel", path)
            if spec is None or spec.loader is None:
                return None
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
        from styra.sie import _kernel  # noqa: PLC0415 - absent where nothing compiled it

        return _kernel
    except ImportError:
        return None


_module = _load()


def available() -> bool:
    """The kernel was built and loads."""
    return _module is not None


def enabled() -> bool:
    """The kernel is used: built, and not turned off with ``STYRA_SIE_KERNEL=0``."""
    return _module is not None and os.environ.get("STYRA_SIE_KERNEL", "1") != "0"


def by_dimension(
    table: dict[object, object], dimension: str, year: int, plus: Callable[..., object]
) -> dict[object, object]:
    """``SieDocument.outcome_by_object``'s loop in C (the same ``add`` rule)."""
    assert _module is not None
    result: dict[object, object] = _module.by_dimension(table, dimension, year, plus)
    return result


class Host(Protocol):
    """What the kernel asks Python (the ``Ledger``), once per distinct spelling."""

    def kernel_day(self, day: bytes) -> tuple[int, int] | None: ...

    def kernel_prefix(self, prefix: bytes, line: int) -> str | None: ...

    def kernel_objects(self, objs: bytes, line: int) -> tuple[tuple[str, str], ...] | None: ...

    def kernel_series(self, series: bytes) -> bytearray: ...

    def kernel_number(self, series: str, number: str) -> bool: ...


class Lines:
    """``lexer.bounded_lines`` over a buffer the kernel can read ahead in.

    Yields the same numbered lines (a line over a limit is told to ``refused`` and read
    as empty); ``readline`` behaves as a binary file's, so ``lexer._checked`` reads the
    rest of an over-long line from here."""

    def __init__(
        self,
        handle: BinaryIO,
        data: bytes | None,
        refused: Callable[[Oversized], None] | None = None,
    ) -> None:
        self.handle, self.refused = handle, refused
        self.whole = data is not None
        self.buffer = data if data is not None else handle.read(CHUNK_BYTES)
        self.pos = 3 if self.buffer.startswith(b"\xef\xbb\xbf") else 0
        self.lineno = 0
        self.ended = self.whole

    def __iter__(self) -> Iterator[tuple[int, bytes]]:
        return self

    def __next__(self) -> tuple[int, bytes]:
        line = self.readline(MAX_LINE_BYTES + 2)
        if not line:
            raise StopIteration
        self.lineno += 1
        if len(line) > MAX_FIELD_BYTES:
            line = _checked(self.lineno, line, self, self.refused)  # type: ignore[arg-type]
        return self.lineno, line

    def readline(self, limit: int) -> bytes:
        """Up to and including the next line break, at most ``limit`` bytes; b"" at the end."""
        parts: list[bytes] = []
        while limit > 0:
            buffer, pos = self.buffer, self.pos
            end = buffer.find(b"\n", pos, pos + limit)
            if end >= 0:
                parts.append(buffer[pos : end + 1])
                self.pos = end + 1
                break
            piece = buffer[pos : pos + limit]
            self.pos = pos + len(piece)
            parts.append(piece)
            limit -= len(piece)
            if limit and not self._refill():
                break
        return b"".join(parts)

    def _refill(self) -> bool:
        """Keep the unread rest and read the next chunk; False at the end of the file."""
        if self.ended:
            return False
        more = self.handle.read(CHUNK_BYTES)
        if not more:
            self.ended = True
            return False
        self.buffer = self.buffer[self.pos :] + more
        self.pos = 0
        return True

    def ahead(self) -> tuple[bytes, int]:
        """The buffer and where the next line starts, with a chunk's worth when possible."""
        if len(self.buffer) - self.pos < _REFILL_BELOW:
            self._refill()
        return self.buffer, self.pos

    def skip(self, size: int, lines: int) -> None:
        """Move past what the kernel read."""
        self.pos += size
        self.lineno += lines


class Kernel:
    """One file's kernel: the scanner's tables, and reading on from the ``Lines``."""

    def __init__(self, lines: Lines) -> None:
        assert _module is not None
        self.lines = lines
        self.scanner = _module.Scanner()

    def run(self, host: Host) -> tuple[int, int]:
        """Read the plain vouchers that come next; (vouchers, rows) read."""
        buffer, pos = self.lines.ahead()
        size, lines, vouchers, rows = self.scanner.run(buffer, pos, self.lines.lineno + 1, host)
        self.lines.skip(size, lines)
        return vouchers, rows

    def totals(
        self, periods: list[int], years: list[int | None]
    ) -> tuple[dict[tuple[str, int], int], dict[tuple[str, tuple[tuple[str, str], ...], int], int]]:
        """The sums as the ledger keys them (zero totals left out), and the tables freed."""
        months, objects = self.scanner.totals(periods, years)
        self.scanner.release()
        return months, objects
