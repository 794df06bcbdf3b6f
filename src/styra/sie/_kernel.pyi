"""Types of the compiled kernel (``_kernel.c``); see ``kernel.py`` for its use."""

from collections.abc import Callable
from typing import Any

MAX_LINE: int

class Scanner:
    def __init__(self) -> None: ...
    def run(
        self, data: bytes, start: int, lineno: int, host: Any, /
    ) -> tuple[int, int, int, int]: ...
    def totals(
        self, periods: list[int], years: list[int | None], /
    ) -> tuple[dict[Any, int], dict[Any, int]]: ...
    def release(self) -> None: ...

def by_dimension(
    table: dict[Any, Any], dimension: str, year: int, plus: Callable[..., Any], /
) -> dict[Any, Any]: ...
