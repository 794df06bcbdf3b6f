"""Typed reading of one YAML file's fields, collecting every problem with its line."""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import TypeVar

from styra.core.money import parse_decimal
from styra.folder.yamlfile import Mapping, Scalar, Sequence, Value
from styra.i18n import _
from styra.problems import Problem, error, warning

E = TypeVar("E", bound=enum.Enum)
MISSING_WORDS = {"", "~", "null"}


class FileReader:
    """Reads fields of one file; each getter returns None and records a problem on bad input."""

    def __init__(self, name: str, problems: list[Problem]) -> None:
        self.name = name
        self.problems = problems

    def fail(self, message: str, line: int | None, hint: str = "") -> None:
        self.problems.append(error(message, file=self.name, line=line, hint=hint))

    def warn(self, message: str, line: int | None, hint: str = "") -> None:
        self.problems.append(warning(message, file=self.name, line=line, hint=hint))

    def known_keys(self, mapping: Mapping, *keys: str) -> None:
        for key in mapping.entries:
            if key not in keys:
                near = difflib.get_close_matches(key, keys, n=1)
                hint = _("kända fält: {keys}").format(keys=", ".join(keys))
                if near:
                    hint = _("menade du »{near}»? {hint}").format(near=near[0], hint=hint)
                self.warn(
                    _("okänt fält »{key}» ignoreras").format(key=key), mapping.line_of(key), hint
                )

    def mapping(self, parent: Mapping, key: str, *, required: bool = True) -> Mapping | None:
        value = parent.get(key)
        if value is None or _is_empty(value):
            if required:
                self.fail(_("fältet »{key}» saknas").format(key=key), parent.line)
            return None
        if not isinstance(value, Mapping):
            self.fail(_("»{key}» ska vara en tabell med fält").format(key=key), parent.line_of(key))
            return None
        return value

    def items(self, parent: Mapping, key: str, *, required: bool = True) -> Iterator[Mapping]:
        value = parent.get(key)
        if value is None or _is_empty(value):
            if required:
                self.fail(_("fältet »{key}» saknas").format(key=key), parent.line)
            return
        if not isinstance(value, Sequence):
            self.fail(_("»{key}» ska vara en lista").format(key=key), parent.line_of(key))
            return
        for item in value.items:
            if isinstance(item, Mapping):
                yield item
            else:
                self.fail(_("varje post i »{key}» ska ha fält").format(key=key), item.line)

    def texts(self, parent: Mapping, key: str) -> list[tuple[str, int]]:
        value = parent.get(key)
        if value is None:
            return []
        if isinstance(value, Scalar):
            return [] if value.text in MISSING_WORDS else [(value.text, value.line)]
        if isinstance(value, Sequence):
            found = [(v.text, v.line) for v in value.items if isinstance(v, Scalar)]
            if len(found) != len(value.items):
                self.fail(_("»{key}» ska vara en lista med text").format(key=key), value.line)
            return found
        self.fail(
            _("»{key}» ska vara text eller en lista med text").format(key=key), parent.line_of(key)
        )
        return []

    def text(self, parent: Mapping, key: str, *, required: bool = True) -> str | None:
        value = parent.get(key)
        if value is None or (isinstance(value, Scalar) and value.text in MISSING_WORDS):
            if required:
                self.fail(_("fältet »{key}» saknas").format(key=key), parent.line)
            return None
        if not isinstance(value, Scalar):
            self.fail(_("»{key}» ska vara text").format(key=key), parent.line_of(key))
            return None
        return value.text

    def decimal(self, parent: Mapping, key: str, *, required: bool = True) -> Decimal | None:
        raw = self.text(parent, key, required=required)
        if raw is None:
            return None
        try:
            return parse_decimal(raw)
        except ValueError as exc:
            self.fail(_("»{key}»: {why}").format(key=key, why=exc), parent.line_of(key))
            return None

    def date(self, parent: Mapping, key: str, *, required: bool = True) -> date | None:
        raw = self.text(parent, key, required=required)
        if raw is None:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.fail(
                _("»{key}»: »{text}» är inte ett datum").format(key=key, text=raw),
                parent.line_of(key),
                _("skriv ÅÅÅÅ-MM-DD"),
            )
            return None

    def choice(
        self, parent: Mapping, key: str, kind: type[E], *, default: E | None = None
    ) -> E | None:
        raw = self.text(parent, key, required=default is None)
        if raw is None:
            return default
        try:
            return kind(raw)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in kind)
            self.fail(
                _("»{key}»: okänt värde »{text}»").format(key=key, text=raw),
                parent.line_of(key),
                _("tillåtna: {allowed}").format(allowed=allowed),
            )
            return None


def _is_empty(value: Value) -> bool:
    return isinstance(value, Scalar) and value.text in MISSING_WORDS
