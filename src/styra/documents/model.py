"""The document model: what a report says, independent of DOCX, PDF or HTML.

A report type (see :mod:`styra.documents.annual`) builds a :class:`Document` from the
computed follow-up; each renderer turns the same document into one format. Every text in
the model is final: numbers are already formatted with Swedish typography, statuses carry
their symbol and label, so the renderers only lay out and never format.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from styra.core.goals import Status


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text in a paragraph, with its emphasis and an optional link."""

    text: str
    strong: bool = False
    emphasis: bool = False
    href: str = ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: tuple[Run, ...]

    @classmethod
    def of(cls, text: str) -> Paragraph:
        return cls((Run(text),))

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True, slots=True)
class Subheading:
    """An unnumbered heading inside a section, such as the narrative's "Drift och support"."""

    text: str


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[Paragraph, ...]
    ordered: bool = False


class ColumnKind(enum.StrEnum):
    TEXT = "text"  # left-aligned
    NUMBER = "number"  # a figure: right-aligned
    STATUS = "status"  # an assessment: symbol and text, and colour where the format has it


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    kind: ColumnKind = ColumnKind.TEXT
    unit: str = ""  # shown in the head under the header, e.g. "tkr"
    width: float = 1.0  # relative share of the table's width
    # A head spanning the consecutive columns that share it, above their own heads
    # (a forecast's title over its forecast, difference and per cent); "" for none.
    group: str = ""


class RowKind(enum.StrEnum):
    BODY = "body"
    SUBTOTAL = "subtotal"
    TOTAL = "total"


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    status: Status | None = None  # set in a status cell: the renderer shows symbol and label
    note: str = ""  # a second line, e.g. the justification of an overridden assessment
    rowspan: int = 1
    header: bool = False  # a row header: the cell names its row (or its group of rows)


@dataclass(frozen=True, slots=True)
class TableRow:
    cells: tuple[Cell, ...]
    kind: RowKind = RowKind.BODY


@dataclass(frozen=True, slots=True)
class Table:
    title: str  # shown above the table and used as its caption
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    summary: str = ""  # a short description for assistive technology
    # A visible note under the table, its caption: how to read it (signs, what a total
    # means). Empty for none.
    note: str = ""

    @property
    def grouped(self) -> bool:
        """Whether the head has two rows: group heads above the columns' own."""
        return any(c.group for c in self.columns)

    def column_runs(self) -> list[tuple[str, int, int]]:
        """(group, first column, count) for each run of consecutive columns sharing a group."""
        runs: list[tuple[str, int, int]] = []
        for index, column in enumerate(self.columns):
            if runs and column.group and runs[-1][0] == column.group:
                group, first, count = runs[-1]
                runs[-1] = (group, first, count + 1)
            else:
                runs.append((column.group, index, 1))
        return runs


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[float, ...]  # for drawing only: the figures shown are in ``labels``
    labels: tuple[str, ...]
    filled: bool  # solid bars, or outlined light bars: told apart without colour


@dataclass(frozen=True, slots=True)
class BarChart:
    """A horizontal bar chart; ``description`` is its full text alternative."""

    title: str
    unit: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    description: str


class LineStyle(enum.StrEnum):
    SOLID = "solid"
    DASHED = "dashed"
    DOTTED = "dotted"


class Marker(enum.StrEnum):
    CIRCLE = "circle"
    SQUARE = "square"
    DIAMOND = "diamond"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class LineSeries:
    """One line of a line chart: a value per category, None where it has none.

    Told apart from the others by its dash and its marker, not by colour alone. A series
    that ``continues`` starts from where the previous series ends (a forecast from the
    outcome to date). ``label`` is printed beside its last point.
    """

    name: str
    values: tuple[float | None, ...]  # for drawing only: the figures are in ``label``
    label: str
    style: LineStyle = LineStyle.SOLID
    marker: Marker = Marker.CIRCLE
    continues: bool = False


@dataclass(frozen=True, slots=True)
class LineChart:
    """A line chart over categories (months); ``description`` is its full text alternative."""

    title: str
    unit: str
    categories: tuple[str, ...]
    series: tuple[LineSeries, ...]
    description: str


@dataclass(frozen=True, slots=True)
class TrendChart:
    """A small line chart of one indicator's values over the years, with its target as a
    dashed line; every point has its figure beside it and ``description`` is the full
    text alternative, so the chart reads without colour and without the picture."""

    title: str
    categories: tuple[str, ...]  # the years
    values: tuple[float, ...]  # for drawing only: the figures are in ``labels``
    labels: tuple[str, ...]
    target: float | None
    target_label: str  # "Målvärde: minst 60 st"
    description: str


@dataclass(frozen=True, slots=True)
class ChartGroup:
    """Small charts side by side where the page is wide enough (one per indicator)."""

    title: str
    charts: tuple[TrendChart, ...]


Chart = BarChart | LineChart | TrendChart
Block = Paragraph | Subheading | BulletList | Table | BarChart | LineChart | ChartGroup


@dataclass(frozen=True, slots=True)
class Section:
    number: str  # "1", "1.2", "1.2.1"
    title: str
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()

    @property
    def level(self) -> int:
        return self.number.count(".") + 1

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}"


@dataclass(frozen=True, slots=True)
class Logo:
    """The municipality's logo on the cover: the image file's bytes (PNG, JPEG or SVG)."""

    data: bytes
    format: str  # "png", "jpg" or "svg"
    alt: str  # "Logotyp: Lekebergs kommun"


@dataclass(frozen=True, slots=True)
class Cover:
    organisation: str  # the publishing municipality, e.g. "Lekebergs kommun"
    date: str  # ISO date, as Swedish documents print dates
    title: str
    # A notice the reader must not miss, shown boxed on the cover with its label in bold
    # ("Exempeldata", "…"); empty for none.
    note_label: str = ""
    note: str = ""
    year: str = ""  # the period's year, large on the cover
    reference: str = ""  # the file number (diarienummer), "KS 2025/12"; empty for none
    logo: Logo | None = None


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    cover: Cover
    sections: tuple[Section, ...]
    author: str = ""
    committee: str = ""  # the committee whose report it is: the running header, Word's author
    language: str = "sv-SE"
    contents_title: str = "Innehållsförteckning"
    contents_depth: int = 3
    # A short document (månadsuppföljning) meant to fit one page: the title heads the
    # first page, with no cover page and no table of contents.
    compact: bool = False

    def walk(self) -> list[Section]:
        """Every section in reading order, parents before their children."""
        found: list[Section] = []
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            found.append(section)
            stack.extend(reversed(section.children))
        return found
