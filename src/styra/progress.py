"""How far a long read has come, told to whoever listens (a progress bar on the command line).

The SIE reader reads its file a chunk at a time (a mebibyte); when someone listens, the
file is opened through :class:`Counting`, which tells each chunk's size. Nothing is counted
per line, and nothing at all when no one listens: the reader then opens its file as before.
The listener is a context variable, so the folder loader and the report need no parameter
to pass it down to the reader.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO, cast

Listener = Callable[[int], None]
"""Called with the number of bytes read since the last call."""

_listener: ContextVar[Listener | None] = ContextVar("styra_progress", default=None)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Tell ``listener`` of every chunk read by the SIE readers within the block."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


Buffer = memoryview | bytearray


class Counting(io.RawIOBase):
    """A raw file that tells the listener how many bytes each read gave."""

    def __init__(self, raw: io.FileIO, listener: Listener) -> None:
        self.raw, self.listener = raw, listener

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Buffer) -> int:  # type: ignore[override]
        size = self.raw.readinto(buffer)
        if size:
            self.listener(size)
        return size or 0

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self.raw.seek(offset, whence)

    def tell(self) -> int:
        return self.raw.tell()

    def close(self) -> None:
        self.raw.close()
        super().close()


def open_raw(path: Path) -> BinaryIO:
    """The file unbuffered: counted while someone listens, else the plain file."""
    raw = io.FileIO(path, "rb")
    listener = _listener.get()
    return cast("BinaryIO", raw if listener is None else Counting(raw, listener))


def open_buffered(path: Path) -> io.BufferedReader:
    """The file buffered a chunk at a time when counted (one count a mebibyte, whatever the
    line length), else as ``Path.open("rb")`` opens it."""
    listener = _listener.get()
    if listener is None:
        return path.open("rb")
    return io.BufferedReader(Counting(io.FileIO(path, "rb"), listener), 1 << 20)
