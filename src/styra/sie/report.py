"""Collecting problems for one file: every problem carries the file name and a line."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from styra.i18n import _
from styra.problems import Problem, error, warning
from styra.sie.amounts import shown

MAX_PER_CODE = 200
"""A broken export can repeat one defect a million times; keep the first ones and a count."""


@dataclass
class Reporter:
    file: str
    problems: list[Problem] = field(default_factory=list)
    _per_code: dict[str, int] = field(default_factory=dict)

    def error(self, line: int, message: str, code: str, hint: str = "") -> None:
        if self._admit(code):
            self.problems.append(error(message, file=self.file, line=line, hint=hint, code=code))

    def warning(self, line: int, message: str, code: str, hint: str = "") -> None:
        if self._admit(code):
            self.problems.append(warning(message, file=self.file, line=line, hint=hint, code=code))

    def once(self, line: int, message: str, code: str) -> None:
        """A warning for a quirk that repeats on every line: said once per file."""
        if code not in self._per_code:
            self.warning(line, message, code)

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
