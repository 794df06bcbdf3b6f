"""Template filters: Swedish numbers through the core's one formatter, statuses, Markdown."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.safestring import SafeString

from styra.core.money import format_number, to_tkr
from styra.web.followup.markdown import render_markdown

register = template.Library()


@register.filter
def num(value: Decimal | None) -> str:
    return "" if value is None else format_number(value)


@register.filter
def tkr(kronor: Decimal | None) -> str:
    """Kronor as whole tkr in Swedish typography, as the report's tables print them; "–"
    for none."""
    return "–" if kronor is None else format_number(to_tkr(kronor))


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text or "")


@register.filter
def status_class(status: Any) -> str:
    """A CSS class for a status; the symbol and label carry the meaning without colour."""
    value = getattr(status, "value", status) or "none"
    return f"status status-{str(value).replace('_', '-')}"


@register.filter
def person(user: Any) -> str:
    if user is None:
        return "–"
    return str(user.get_full_name() or user.get_username())
