"""The published site's HTML: the frame every page shares and the lineage pages' bodies.

Every page has the document language, a skip link to its ``main``, the site's navigation
(``aria-current="page"`` on the page shown), one ``h1`` and the shared stylesheet. Every
text is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from styra.core.money import format_number, to_tkr
from styra.i18n import _
from styra.publish.sources import ExportRows, VoucherRow

STYLESHEET = "styra.css"


@dataclass(frozen=True, slots=True)
class NavEntry:
    href: str
    text: str
    children: tuple[NavEntry, ...] = ()


def page(
    *, language: str, title: str, site: str, nav: Sequence[NavEntry], current: str, main: str
) -> bytes:
    """A whole page: ``current`` is its own file, marked in the navigation."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f'<link rel="stylesheet" href="{STYLESHEET}">',
        "</head>",
        "<body>",
        f'<a class="skip-link" href="#innehall-start">{escape(_("Hoppa till innehållet"))}</a>',
        "<header>",
        f'<p class="site-name">{escape(site)}</p>',
        _nav(nav, current),
        "</header>",
        f'<main id="innehall-start">\n{main}\n</main>',
        "</body>",
        "</html>",
    ]
    return ("\n".join(parts) + "\n").encode("utf-8")


def _nav(entries: Sequence[NavEntry], current: str) -> str:
    label = escape(_("Rapportens delar"))
    return f'<nav class="site" aria-label="{label}">\n{_nav_list(entries, current)}\n</nav>'


def _nav_list(entries: Sequence[NavEntry], current: str) -> str:
    items = []
    for entry in entries:
        mark = ' aria-current="page"' if entry.href == current else ""
        children = _nav_list(entry.children, current) if entry.children else ""
        items.append(
            f'<li><a href="{escape(entry.href)}"{mark}>{escape(entry.text)}</a>{children}</li>'
        )
    return "<ul>" + "".join(items) + "</ul>"


def pager(previous: NavEntry | None, following: NavEntry | None) -> str:
    """Links to the pages before and after, in reading order."""
    links = []
    if previous:
        text = _("Föregående: {title}").format(title=previous.text)
        links.append(f'<a href="{escape(previous.href)}" rel="prev">{escape(text)}</a>')
    if following:
        text = _("Nästa: {title}").format(title=following.text)
        links.append(f'<a href="{escape(following.href)}" rel="next">{escape(text)}</a>')
    label = escape(_("Föregående och nästa sida"))
    return f'<nav class="pages" aria-label="{label}">{"".join(links)}</nav>' if links else ""


@dataclass(frozen=True, slots=True)
class Download:
    href: str
    text: str
    size: int


def downloads(files: Sequence[Download]) -> str:
    items = "".join(
        f'<li><a href="{escape(f.href)}" download>{escape(f.text)}</a> '
        f"({escape(_size(f.size))})</li>"
        for f in files
    )
    return (
        '<section class="downloads" aria-labelledby="ladda-ned">\n'
        f'<h2 id="ladda-ned">{escape(_("Ladda ned rapporten"))}</h2>\n<ul>{items}</ul>\n'
        f"<p>{escape(_SOURCES_NOTE())}</p>\n</section>"
    )


def _SOURCES_NOTE() -> str:
    return _(
        "Beloppen i driftredovisningen och investeringsredovisningen länkar till "
        "verifikationsraderna i huvudboken bakom dem, och indikatorer som räknas fram ur "
        "exporter länkar till raderna de räknades ur."
    )


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return _("{n} kB").format(n=format_number(Decimal(max(1, round(size / 1024)))))
    return _("{n} MB").format(n=format_number(Decimal(size) / (1024 * 1024), 1))


def facts(pairs: Sequence[tuple[str, str]]) -> str:
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in pairs)
    return f'<dl class="lineage-facts">{items}</dl>'


def back(href: str, text: str) -> str:
    return f'<p class="lineage-back"><a href="{escape(href)}">{escape(text)}</a></p>'


def kronor(amount: Decimal) -> str:
    return format_number(amount, 2)


def tkr(amount: Decimal) -> str:
    return format_number(to_tkr(amount))


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def voucher_table(caption: str, rows: Sequence[VoucherRow], total: Decimal) -> str:
    """The voucher rows with their file and line, and their sum in the foot."""
    heads = (
        (_("Datum"), "text"),
        (_("Verifikation"), "text"),
        (_("Text"), "text"),
        (_("Konto"), "text"),
        (_("Belopp"), "number"),
        (_("Källa"), "text"),
    )
    head = "".join(
        f'<th scope="col" class="{kind}">{escape(h)}'
        + (f' <span class="unit">{escape(_("kr"))}</span>' if kind == "number" else "")
        + "</th>"
        for h, kind in heads
    )
    body = "\n".join(
        f'<tr><td class="text date">{_date(r.date)}</td><td class="text">{escape(r.voucher)}</td>'
        f'<td class="text">{escape(r.text)}</td><td class="text">{escape(r.account)}</td>'
        f'<td class="number">{escape(kronor(r.amount))}</td>'
        f'<td class="source">{escape(r.file)}:{r.line}</td></tr>'
        for r in rows
    )
    foot = (
        f'<tr class="total"><th scope="row" colspan="4" class="text">{escape(_("Summa"))}</th>'
        f'<td class="number">{escape(kronor(total))}</td><td></td></tr>'
    )
    table = f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n<tfoot>{foot}</tfoot>"
    return _region(caption, table, "verifikationsrader")


def parts_table(caption: str, parts: Sequence[tuple[str, str, Decimal]], total: Decimal) -> str:
    """A total's lines (label, page, amount in kronor) and their sum."""
    head = (
        f'<th scope="col" class="text">{escape(_("Rad"))}</th>'
        f'<th scope="col" class="number">{escape(_("Utfall"))} '
        f'<span class="unit">{escape(_("kr"))}</span></th>'
    )
    body = "\n".join(
        f'<tr><th scope="row" class="text"><a href="{escape(href)}">{escape(label)}</a></th>'
        f'<td class="number">{escape(kronor(amount))}</td></tr>'
        for label, href, amount in parts
    )
    foot = (
        f'<tr class="total"><th scope="row" class="text">{escape(_("Summa"))}</th>'
        f'<td class="number">{escape(kronor(total))}</td></tr>'
    )
    table = f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n<tfoot>{foot}</tfoot>"
    return _region(caption, table, "delar")


def export_table(caption: str, rows: ExportRows) -> str:
    """The export's rows a value used, each with its line in the file."""
    head = f'<th scope="col" class="number">{escape(_("Rad i filen"))}</th>' + "".join(
        f'<th scope="col" class="text">{escape(h)}</th>' for h in rows.head
    )
    body = "\n".join(
        f'<tr><td class="number">{line}</td>'
        + "".join(f'<td class="text">{escape(v)}</td>' for v in fields)
        + "</tr>"
        for line, fields in rows.rows
    )
    return _region(
        caption, f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>", "exportrader"
    )


def _region(caption: str, inner: str, ident: str) -> str:
    return (
        f'<div class="table-scroll" role="region" tabindex="0" aria-labelledby="{ident}">\n'
        f'<table>\n<caption id="{ident}">{escape(caption)}</caption>\n{inner}\n</table>\n</div>'
    )
