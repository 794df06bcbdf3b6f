"""Collecting problems for one file: every problem carries the file name and a line."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from styra.i18n import _
from styra.problems import Problem, error, warning
from styra.sie.amounts import shown

MAX_PER_CODE = 200
"""A broken export can repeat one defect a million times; keep the first ones and a count."""


class Held(NamedTuple):
    """A problem kept back while the columnar path reads a chunk, sorted before it is told."""

    at: tuple[int, ...]
    seq: int
    kind: str
    line: int
    message: str
    code: str
    hint: str


@dataclass
class Reporter:
    file: str
    problems: list[Problem] = field(default_factory=list)
    _per_code: dict[str, int] = field(default_factory=dict)
    at: tuple[int, ...] = ()
    """Where the reading is, in file order: the sort key of problems while held."""
    _held: list[Held] | None = None

    def error(self, line: int, message: str, code: str, hint: str = "") -> None:
        if self._keep("error", line, message, code, hint):
            return
        if self._admit(code):
            self.problems.append(error(message, file=self.file, line=line, hint=hint, code=code))

    def warning(self, line: int, message: str, code: str, hint: str = "") -> None:
        if self._keep("warning", line, message, code, hint):
            return
        if self._admit(code):
            self.problems.append(warning(message, file=self.file, line=line, hint=hint, code=code))

    def once(self, line: int, message: str, code: str) -> None:
        """A warning for a quirk that repeats on every line: said once per file."""
        if self._keep("once", line, message, code, ""):
            return
        if code not in self._per_code:
            self.warning(line, message, code)

    def hold(self) -> None:
        """Keep problems back (with ``at`` as their place) until ``release``."""
        self._held = []

    def release(self) -> None:
        """Tell the held problems in the order of their places, as a line-by-line read would."""
        held, self._held = self._held or [], None
        for item in sorted(held):
            if item.kind == "once":
                self.once(item.line, item.message, item.code)
            else:
                getattr(self, item.kind)(item.line, item.message, item.code, item.hint)

    def _keep(self, kind: str, line: int, message: str, code: str, hint: str) -> bool:
        if self._held is None:
            return False
        self._held.append(Held(self.at, len(self._held), kind, line, message, code, hint))
        return True

    def _admit(self, code: str) -> bool:
        seen = self._per_code.get(code, 0) + 1
        self._per_code[code] = seen
        return seen <= MAX_PER_CODE

    def summary(self, line: int) -> None:
        """One closing warning per code whose problems were cut off."""
        for code, seen in self._per_code.items():
            if seen > MAX_PER_CODE:
                message = f"ytterligare {seen - MAX_PER_CODE} problem av samma slag ({code})"
                self.problems.append(warning(message, file=self.file, line=line, code=code))


def note_decimal_comma(report: Reporter, line: int, text: str, amount: Decimal) -> None:
    """An amount written with a decimal comma: read, and said at its line (one rule for the
    balance records and the voucher rows)."""
    if "," in text:
        report.warning(
            line,
            _("beloppet »{0}» har decimalkomma; läst som {1} (SIE skriver punkt)").format(
                text.strip(), shown(amount)
            ),
            "sie-decimal-comma",
        )
