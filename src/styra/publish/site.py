"""The report as a small static site: its files by path, built in memory.

    index.html               cover, contents, downloads
    avsnitt-1.html, …        a page per top-level section and per section below it
    drift-*.html             an operating line's or total's voucher rows
    investering-*.html       a project's voucher rows
    indikator-*.html (.csv)  the export rows an indicator's value was computed from
    rapport.pdf/.docx/.json  the report through the existing renderers
    styra.css, fonts/        one stylesheet, Source Sans Pro as WOFF2

The pages are built from the document model by the HTML renderer's own pieces
(:func:`styra.documents.html.section_html`), so a page reads as the single-page report
does; the account tables' outcome figures and line names and the goal table's computed
values link to their lineage pages.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

from styra.documents.html import contents_html, cover_html, css, section_html, section_id
from styra.documents.html_style import FONT_FILES, SITE_CSS, WEBFONTS, font_face
from styra.documents.model import Document, Section, Table, TableRow
from styra.i18n import _
from styra.publish.pages import Download, NavEntry, downloads, page, pager

STYLESHEET = "styra.css"


@dataclass(frozen=True, slots=True)
class LineagePage:
    """A page of rows behind a figure; ``body`` is given the page that links to it."""

    file: str
    title: str
    body: Callable[[str, str], str]  # (the linking page's file, its title) → main's HTML
    extra: dict[str, bytes] = field(default_factory=dict)  # files beside it (a CSV)


@dataclass(frozen=True, slots=True)
class Lineage:
    """Lineage pages and which table cells link to them: account rows by their label,
    projects by theirs, indicators by their name."""

    year: int
    accounts: dict[str, LineagePage] = field(default_factory=dict)
    projects: dict[str, LineagePage] = field(default_factory=dict)
    indicators: dict[str, LineagePage] = field(default_factory=dict)

    def target(self, table: Table, row: TableRow, column: int) -> LineagePage | None:
        if not row.cells:
            return None
        first = table.columns[0].header
        if first in (_("KONTOTEXT"), _("PROJEKT")):
            return self._account(table, row, column)
        if [c.header for c in table.columns[:2]] == [_("Nämndmål"), _("Indikator")]:
            return self._indicator(table, row, column)
        return None

    def _account(self, table: Table, row: TableRow, column: int) -> LineagePage | None:
        """The line's name and its outcome (the third column in every account table)."""
        titles = (_("DRIFTREDOVISNING"), _("INVESTERINGSREDOVISNING"), _("INVESTERINGSPROGNOS"))
        if column not in (0, 2) or not table.title.startswith(titles):
            return None
        found = self.projects if table.columns[0].header == _("PROJEKT") else self.accounts
        return found.get(row.cells[0].text)

    def _indicator(self, table: Table, row: TableRow, column: int) -> LineagePage | None:
        header = table.columns[column].header
        this_year = _("Resultat år {year}").format(year=self.year)
        if header != this_year and not header.startswith(_("Utfall")):
            return None
        name = 1 - (len(table.columns) - len(row.cells))  # after the goal's spanning cell
        return self.indicators.get(row.cells[name].text) if name >= 0 else None


@dataclass(frozen=True, slots=True)
class _Unit:
    """One section page: the section, and whether it shows its children or links them."""

    section: Section
    file: str
    offset: int
    own_blocks_only: bool


def _file(section: Section) -> str:
    return f"avsnitt-{section.number.replace('.', '-')}.html"


def _units(document: Document) -> list[_Unit]:
    """A page per top-level section, and one per section just below it: the top section's
    page holds its own text and links to those pages."""
    units = []
    for top in document.sections:
        units.append(_Unit(top, _file(top), 0, bool(top.children)))
        units.extend(_Unit(c, _file(c), -1, False) for c in top.children)
    return units


def _owners(units: Sequence[_Unit]) -> dict[str, str]:
    """Section number → the file of the page it is on."""
    owners: dict[str, str] = {}
    for unit in units:
        stack = [unit.section]
        while stack:
            section = stack.pop()
            owners.setdefault(section.number, unit.file)
            if not unit.own_blocks_only:
                stack.extend(section.children)
    return owners


def build_site(
    document: Document, files: Sequence[tuple[Download, bytes]], lineage: Lineage | None
) -> dict[str, bytes]:
    """Every file of the site by its path: pages, lineage pages, downloads, style, fonts."""
    units = _units(document)
    linked: dict[str, tuple[str, str]] = {}  # lineage file → (linking page, its title)
    site: dict[str, bytes] = {}
    for i, unit in enumerate(units):
        site[unit.file] = _section_page(document, units, i, lineage, linked)
    site["index.html"] = _index(document, units, [d for d, _data in files])
    for download, data in files:
        site[download.href] = data
    if lineage:
        site.update(_lineage_pages(document, units, lineage, linked))
    site[STYLESHEET] = (
        font_face("fonts") + "\n" + css(document, parts=(SITE_CSS,)) + "\n"
    ).encode()
    for name, _weight, _style in FONT_FILES:
        site[f"fonts/{name}"] = (WEBFONTS / name).read_bytes()
    site["fonts/LICENSE.txt"] = (WEBFONTS / "LICENSE.txt").read_bytes()
    return site


def _site_name(document: Document) -> str:
    return f"{document.cover.organisation}: {document.title}"


def _nav(document: Document, units: Sequence[_Unit], current: str) -> list[NavEntry]:
    """Start and the top-level sections; the sections below the one shown, too."""
    entries = [NavEntry("index.html", _("Start"))]
    owners = {u.section.number: u for u in units}
    for top in document.sections:
        children: tuple[NavEntry, ...] = ()
        files = {_file(top), *(_file(c) for c in top.children)}
        if current in files:
            children = tuple(NavEntry(_file(c), c.heading) for c in top.children)
        entries.append(NavEntry(owners[top.number].file, top.heading, children))
    return entries


def _page(document: Document, units: Sequence[_Unit], file: str, title: str, main: str) -> bytes:
    return page(
        language=document.language.split("-")[0],
        title=f"{title} – {document.title}",
        site=_site_name(document),
        nav=_nav(document, units, file),
        current=file,
        main=main,
    )


def _section_page(
    document: Document,
    units: Sequence[_Unit],
    index: int,
    lineage: Lineage | None,
    linked: dict[str, tuple[str, str]],
) -> bytes:
    unit = units[index]

    def links(table: Table, row: TableRow, column: int) -> str:
        target = lineage.target(table, row, column) if lineage else None
        if target is None:
            return ""
        linked.setdefault(target.file, (unit.file, unit.section.heading))
        return target.file

    section = unit.section
    shown = dataclasses.replace(section, children=()) if unit.own_blocks_only else section
    main = [section_html(shown, document, offset=unit.offset, links=links)]
    if unit.own_blocks_only:
        main.append(_children(section))
    before = units[index - 1] if index else None
    after = units[index + 1] if index + 1 < len(units) else None
    start = NavEntry("index.html", _("Start"))
    main.append(
        pager(
            NavEntry(before.file, before.section.heading) if before else start,
            NavEntry(after.file, after.section.heading) if after else None,
        )
    )
    return _page(document, units, unit.file, section.heading, "\n".join(main))


def _children(section: Section) -> str:
    ident = f"{section_id(section)}-delar"
    items = "".join(
        f'<li><a href="{_file(c)}">{escape(c.heading)}</a></li>' for c in section.children
    )
    return (
        f'<nav class="contents" aria-labelledby="{ident}">\n'
        f'<h2 id="{ident}">{escape(_("I det här avsnittet"))}</h2>\n<ol>{items}</ol>\n</nav>'
    )


def _index(document: Document, units: Sequence[_Unit], files: Sequence[Download]) -> bytes:
    owners = _owners(units)

    def href(section: Section) -> str:
        return f"{owners[section.number]}#{section_id(section)}"

    main = [cover_html(document, tag="div"), contents_html(document, href), downloads(files)]
    if units:
        main.append(pager(None, NavEntry(units[0].file, units[0].section.heading)))
    return _page(document, units, "index.html", document.cover.title, "\n".join(main))


def _lineage_pages(
    document: Document,
    units: Sequence[_Unit],
    lineage: Lineage,
    linked: dict[str, tuple[str, str]],
) -> dict[str, bytes]:
    # An indicator's page only where a table links to it (a month's report has no goal
    # table); every line's and project's, which their totals' pages link to.
    shown = [p for p in lineage.indicators.values() if p.file in linked]
    pages = [*lineage.accounts.values(), *lineage.projects.values(), *shown]
    found: dict[str, bytes] = {}
    for target in pages:
        if target.file in found:
            continue
        origin, origin_title = linked.get(target.file, ("index.html", _("Start")))
        main = target.body(origin, origin_title)
        found[target.file] = _page(document, units, target.file, target.title, main)
        found.update(target.extra)
    return found
