"""A report's sections and their order, as data (``sections:`` in ``report.yaml``).

Each section has a title, content (named blocks of the follow-up) and sub-sections; the
numbers 1, 1.1, 1.2.1 follow from the nesting. A municipality adds, drops and reorders
sections by editing the list, without code. Content names are checked when the folder is
read, so ``styra check`` points at the file and line of a name that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from styra.i18n import _

if TYPE_CHECKING:  # the folder reader imports this module: no import back at run time
    from styra.folder.fields import FileReader
    from styra.folder.yamlfile import Mapping

SPEC_FILE = "report.yaml"
SPEC_KEYS = ("title", "template", "sections", "cover")
LOGO_FORMATS = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg", ".svg": "svg"}
LOGO_LIMIT = 2_000_000  # bytes: a logo, not a photograph
NARRATIVE = "narrative"
ACCURACY = "forecast_accuracy"

# Blocks a section may name in ``content``; ``narrative:KEY`` names a narrative text.
BLOCKS: dict[str, str] = {
    "introduction": "inledningsmeningen",
    "goals_lead": "inledningen till måluppfyllelsen",
    "goal_summary": "meningen om nämndmålens bedömning",
    "goals_basis": "meningen om uppföljningens underlag",
    "governance": "styrmodellen och principerna för bedömning",
    "goal_table": "tabellen över nämndmål och indikatorer",
    "operating_account": "driftredovisningen",
    "operating_chart": "diagrammet över budget och utfall per rad",
    "deviation_analysis": "analysen av rader med stor avvikelse",
    "result": "meningen om årets resultat",
    "sharing": "meningen om fördelningen mellan medlemskommunerna",
    "sharing_key": "fördelningsnyckeln och tabellen över fördelningen per medlemskommun",
    "goal_overview": "översikten över nämndmålen: bedömning och antal indikatorer per bedömning",
    "investment_account": "investeringsredovisningen",
    "investment": "meningen om investeringsbudgeten",
    ACCURACY: "prognossäkerheten: årets prognoser mot utfallet (forecast-history.yaml)",
}


@dataclass(frozen=True, slots=True)
class ContentRef:
    name: str  # a key of BLOCKS, or "narrative"
    key: str = ""  # the narrative's key
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.name}:{self.key}" if self.key else self.name


@dataclass(frozen=True, slots=True)
class SectionSpec:
    title: str
    content: tuple[ContentRef, ...] = ()
    children: tuple[SectionSpec, ...] = ()
    line: int | None = None


@dataclass(frozen=True, slots=True)
class CoverSpec:
    """``cover:`` in report.yaml: the logo file and the file number (diarienummer)."""

    logo: bytes = b""
    logo_format: str = ""
    reference: str = ""


@dataclass(frozen=True, slots=True)
class ReportSpec:
    sections: tuple[SectionSpec, ...]
    title: str = ""  # "{committee}" and "{year}" are filled in; empty: by the period's kind
    template: Path | None = None  # a municipality's own Word template
    template_name: str = ""  # as written in report.yaml, for problems
    template_line: int | None = None
    explicit: bool = False  # the sections came from report.yaml, so every name must exist
    cover: CoverSpec = CoverSpec()


def _refs(*names: str) -> tuple[ContentRef, ...]:
    return tuple(
        ContentRef(NARRATIVE, n.partition(":")[2])
        if n.startswith(NARRATIVE + ":")
        else ContentRef(n)
        for n in names
    )


# The model report's structure (Sydnärkes IT-nämnd 2024): the default when report.yaml
# gives no sections. Missing data is then left out quietly rather than reported.
DEFAULT_SECTIONS = (
    SectionSpec(
        "Verksamheter",
        children=(
            SectionSpec("Inledning", _refs("introduction")),
            SectionSpec(
                "Måluppfyllelse",
                _refs("goals_lead", "goal_summary", "goal_overview", "goals_basis", "governance"),
                (SectionSpec("Nämndmål", _refs("goal_table")),),
            ),
            SectionSpec("Verksamhetsberättelse", _refs("narrative:verksamhetsberattelse")),
            SectionSpec(
                "Ekonomi",
                _refs(
                    "operating_account",
                    "deviation_analysis",
                    "operating_chart",
                    "result",
                    "narrative:resultat",
                    "sharing",
                    "sharing_key",
                    "narrative:driftanalys",
                    "investment_account",
                    "investment",
                    "narrative:investeringsanalys",
                ),
            ),
        ),
    ),
)


def read_spec(
    r: FileReader, doc: Mapping | None, folder: Path, narrative_keys: set[str]
) -> ReportSpec:
    """The document part of report.yaml: ``title``, ``template`` and ``sections``."""
    if doc is None:
        return ReportSpec(DEFAULT_SECTIONS)
    title = r.text(doc, "title", required=False) or ""
    template, name, line = _template(r, doc, folder)
    cover = _cover(r, doc, folder)
    if "sections" not in doc.entries:
        return ReportSpec(DEFAULT_SECTIONS, title, template, name, line, cover=cover)
    sections = _sections(r, doc, "sections", narrative_keys)
    if not sections:
        r.fail("»sections» anger inga avsnitt", doc.line_of("sections"))
    return ReportSpec(sections, title, template, name, line, explicit=True, cover=cover)


def _cover(r: FileReader, doc: Mapping, folder: Path) -> CoverSpec:
    """``cover: {logo: logotyp.png, diarienummer: KS 2025/12}``, both optional."""
    found = r.mapping(doc, "cover", required=False)
    if found is None:
        return CoverSpec()
    r.known_keys(found, "logo", "diarienummer")
    reference = r.text(found, "diarienummer", required=False) or ""
    name = r.text(found, "logo", required=False)
    if not name:
        return CoverSpec(reference=reference)
    line = found.line_of("logo")
    path = folder / name
    kind = LOGO_FORMATS.get(path.suffix.lower())
    if kind is None:
        r.fail(_("logotypen »{name}» ska vara PNG, JPEG eller SVG").format(name=name), line)
    elif not path.is_file():
        hint = _("lägg filen i mappen eller ta bort »logo»")
        r.fail(_("logotypen »{name}» saknas").format(name=name), line, hint)
    elif path.stat().st_size > LOGO_LIMIT:
        hint = _("spara en mindre bild")
        r.fail(_("logotypen »{name}» är större än 2 MB").format(name=name), line, hint)
    else:
        return CoverSpec(path.read_bytes(), kind, reference)
    return CoverSpec(reference=reference)


def _template(r: FileReader, doc: Mapping, folder: Path) -> tuple[Path | None, str, int | None]:
    name = r.text(doc, "template", required=False)
    if not name:
        return None, "", None
    line = doc.line_of("template")
    path = folder / name
    if path.suffix.lower() != ".docx":
        hint = "spara mallen som Word-dokument (.docx)"
        r.fail(f"Word-mallen »{name}» ska vara en .docx-fil", line, hint)
    elif not path.is_file():
        r.fail(f"Word-mallen »{name}» saknas", line, "lägg filen i mappen eller ta bort »template»")
    elif not _opens_as_word(path):
        hint = "spara mallen på nytt i Word som .docx"
        r.fail(f"Word-mallen »{name}» kan inte öppnas som Word-dokument", line, hint)
    return path, name, line


def _opens_as_word(path: Path) -> bool:
    import docx  # noqa: PLC0415 - python-docx loads only when a template is named

    try:
        docx.Document(str(path))
    except Exception:  # python-docx raises many kinds for a broken file
        return False
    return True


def _sections(
    r: FileReader, parent: Mapping, key: str, narrative_keys: set[str]
) -> tuple[SectionSpec, ...]:
    found = []
    for item in r.items(parent, key, required=False):
        r.known_keys(item, "title", "content", "sections")
        title = r.text(item, "title")
        content = tuple(
            ref
            for text, line in r.texts(item, "content")
            if (ref := _ref(r, text, line, narrative_keys))
        )
        children = _sections(r, item, "sections", narrative_keys)
        if title:
            found.append(SectionSpec(title, content, children, item.line))
    return tuple(found)


def _ref(r: FileReader, text: str, line: int, narrative_keys: set[str]) -> ContentRef | None:
    name, _, key = (part.strip() for part in text.partition(":"))
    if name == NARRATIVE:
        if key not in narrative_keys:
            known = ", ".join(sorted(narrative_keys)) or "inga"
            r.fail(f"berättelsen »{key}» finns inte i »narrative»", line, f"kända: {known}")
            return None
        return ContentRef(NARRATIVE, key, line)
    if name not in BLOCKS or key:
        hint = "kända: " + ", ".join(BLOCKS) + f", {NARRATIVE}:NYCKEL"
        r.fail(f"okänt innehåll »{text}»", line, hint)
        return None
    return ContentRef(name, "", line)
