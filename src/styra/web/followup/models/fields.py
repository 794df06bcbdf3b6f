"""An exact decimal stored as text, so no figure passes through a float on any database.

SQLite keeps DecimalField values with numeric affinity, which may round through a float;
text keeps ``72.25`` and ``7.50`` exactly as written, which the core prints as written.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.core.money import parse_decimal

if TYPE_CHECKING:
    _Required = models.Field[Decimal | str | int, Decimal]
    _Optional = models.Field[Decimal | str | int | None, Decimal | None]
else:
    _Required = _Optional = models.Field


class _ExactDecimal:
    def get_internal_type(self) -> str:
        return "CharField"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Decimal | None:
        return None if value in (None, "") else Decimal(value)

    def to_python(self, value: Any) -> Decimal | None:
        if value is None or value == "":
            return None
        if isinstance(value, Decimal):
            return value
        if isinstance(value, int):
            return Decimal(value)
        try:
            return parse_decimal(str(value))
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from None

    def get_prep_value(self, value: Any) -> str | None:
        number = self.to_python(value)
        return None if number is None else f"{number:f}"


class ExactDecimalField(_ExactDecimal, _Required):
    description = _("Exakt decimaltal")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)


class OptionalDecimalField(_ExactDecimal, _Optional):
    """An exact decimal that may be missing (stored as NULL), e.g. an indicator's value."""

    description = _("Exakt decimaltal eller inget värde")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.update(null=True, blank=True)
        super().__init__(*args, **kwargs)
