"""Input the API could not read, said in Swedish with the field it concerns: pydantic's
error types mapped to sentences, as the web form's own messages read."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "missing": _("saknas"),
    "int_parsing": _("ska vara ett heltal"),
    "int_type": _("ska vara ett heltal"),
    "int_from_float": _("ska vara ett heltal"),
    "greater_than_equal": _("är för litet"),
    "less_than_equal": _("är för stort"),
    "decimal_parsing": _("ska vara ett tal, till exempel 72.25"),
    "decimal_type": _("ska vara ett tal, till exempel 72.25"),
    "finite_number": _("ska vara ett ändligt tal"),
    "string_type": _("ska vara en text"),
    "string_too_long": _("är för lång"),
    "string_pattern_mismatch": _("har otillåtna tecken"),
    "literal_error": _("är inget av de tillåtna värdena"),
    "json_invalid": _("är inte giltig JSON"),
    "model_attributes_type": _("ska vara ett JSON-objekt"),
    "dict_type": _("ska vara ett JSON-objekt"),
}
WHERE = {"body", "path", "query"}


def field_name(loc: Iterable[Any]) -> str:
    """``("body", "body", "value")`` → ``value``: the field as the client named it."""
    parts = [str(p) for p in loc]
    while parts and parts[0] in WHERE:
        parts.pop(0)
    return ".".join(parts)


def validation_errors(errors: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    found = []
    for e in errors:
        message = MESSAGES.get(str(e.get("type")), _("har ett ogiltigt värde"))
        found.append({"field": field_name(e.get("loc", ())), "message": str(message)})
    return found
