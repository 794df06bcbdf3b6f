"""SIE 5 XML parsed safely: defusedxml's expat reader, fed in chunks, with line numbers.

Nothing a file says can make the parser fetch, expand or hold more than the limits allow:
a document type declaration (``<!DOCTYPE``, the door to external entities and entity
"bombs") stops the reading, and so does nesting deeper than ``MAX_DEPTH`` or a tag longer
than ``MAX_TAG_BYTES`` (the SIE 4 line limit). Text content is never kept; attribute
values are checked against the SIE 4 field limit by the reader. Every stop is a
``Stopped`` with a Swedish message and the line where the parser was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import suppress
from pathlib import Path
from xml.parsers import expat
from xml.sax import SAXParseException
from xml.sax.expatreader import ExpatLocator
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesNSImpl, Locator

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.expatreader import DefusedExpatParser

from styra.i18n import _
from styra.sie.lexer import MAX_LINE_BYTES

MAX_DEPTH = 64
"""The schema nests at most seven deep (a signature's certificate); 64 leaves room."""
MAX_TAG_BYTES = MAX_LINE_BYTES
"""A start tag with its attributes; the longest in the samples is 250 bytes."""
CHUNK = 64 << 10
_DECLARATION = re.compile(rb"""\A\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class Stopped(Exception):
    """Why the file cannot be read on, where, and what to do."""

    def __init__(self, line: int, message: str, code: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.message, self.code, self.hint = line, message, code, hint


def declared_encoding(head: bytes) -> str | None:
    """The encoding the XML declaration names (lower case), "utf-16" for a UTF-16
    byte-order mark, None when nothing is declared (XML's default: UTF-8)."""
    if head.startswith(_UTF16_BOMS):
        return "utf-16"
    found = _DECLARATION.match(head.removeprefix(b"\xef\xbb\xbf"))
    return found.group(1).decode("ascii").lower() if found else None


def looks_like_xml(head: bytes) -> bool:
    """The first bytes start an XML document (after a byte-order mark and white space)."""
    if head.startswith(_UTF16_BOMS):
        return head[2:].replace(b"\x00", b"").lstrip().startswith(b"<")
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


class Elements(ContentHandler):
    """A SAX handler that sees (namespace, name, attributes, line) and keeps the depth.

    Subclasses implement ``start`` and ``end``; attributes without a namespace are given
    by their local name."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self._where: Locator | None = None

    @property
    def line(self) -> int:
        return (self._where.getLineNumber() or 1) if self._where is not None else 1

    def setDocumentLocator(self, locator: Locator) -> None:
        self._where = locator

    def startElementNS(
        self, name: tuple[str | None, str], qname: str | None, attrs: AttributesNSImpl
    ) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Stopped(
                self.line,
                _("elementen är nästlade mer än {0} nivåer djupt; läsningen avbryts").format(
                    MAX_DEPTH
                ),
                "sie5-too-deep",
                hint=_("SIE 5 nästlar högst sju nivåer; kontrollera att det är en SIE 5-fil"),
            )
        plain = {local: value for (uri, local), value in attrs.items() if uri is None}
        self.start(name[0] or "", name[1], plain, self.line)

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        self.depth -= 1
        self.end(name[0] or "", name[1], self.line)

    def start(self, namespace: str, name: str, attrs: Mapping[str, str], line: int) -> None:
        raise NotImplementedError

    def end(self, namespace: str, name: str, line: int) -> None:
        raise NotImplementedError


def feed(source: Path | bytes, handler: Elements) -> Iterator[None]:
    """Feed the file to the handler, a chunk at a time (yielding after each, so a caller
    can take what the handler collected); raises ``Stopped`` where it cannot go on, and
    ``OSError`` when the file cannot be read."""
    parser = DefusedExpatParser(namespaceHandling=1, forbid_dtd=True)
    parser.setContentHandler(handler)
    handler.setDocumentLocator(ExpatLocator(parser))  # SAX gives one only to parse()
    try:
        open_at: int | None = None
        fed = 0
        for chunk in _chunks(source):
            open_at = _open_tag(chunk, fed, open_at)
            fed += len(chunk)
            if open_at is not None and fed - open_at > MAX_TAG_BYTES:
                raise _tag_too_long(handler.line)
            parser.feed(chunk)
            yield
        parser.close()
    except SAXParseException as exc:
        raise _not_well_formed(exc) from None
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        raise Stopped(
            handler.line,
            _(
                "filen har en dokumenttypsdeklaration (<!DOCTYPE>); SIE 5 har ingen, "
                "och den läses inte eftersom den kan hämta andra filer eller blåsa upp innehållet"
            ),
            "sie5-dtd",
            hint=_("ta bort deklarationen eller be om en ny export"),
        ) from None
    finally:
        with suppress(Exception):  # the parser may already be broken; its state is dropped
            parser.close()


def _open_tag(chunk: bytes, fed: int, open_at: int | None) -> int | None:
    """Where a tag opened and not yet closed starts, in bytes from the file's start.

    A '>' inside an attribute value closes it early here: then the parser, not this
    check, holds the tag, and the file's size bounds it (docs/DECISIONS.md)."""
    opened, closed = chunk.rfind(b"<"), chunk.rfind(b">")
    if opened > closed:
        return fed + opened
    return None if closed >= 0 else open_at


def _chunks(source: Path | bytes) -> Iterator[bytes]:
    if isinstance(source, bytes):
        for start in range(0, len(source), CHUNK):
            yield source[start : start + CHUNK]
        return
    with source.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def _tag_too_long(line: int) -> Stopped:
    return Stopped(
        line,
        _("en tagg är längre än {0} byte; läsningen avbryts").format(MAX_TAG_BYTES),
        "sie5-tag-too-long",
        hint=_("en SIE 5-tagg är sällan längre än 300 tecken; be om en ny export"),
    )


_EXPAT_REASONS = {
    expat.errors.codes[expat.errors.XML_ERROR_TAG_MISMATCH]: "sluttaggen hör inte ihop med "
    "den öppna starttaggen",
    expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS]: "filen tar slut innan "
    "dokumentet är avslutat",
    expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN]: "filen tar slut mitt i en tagg",
    expat.errors.codes[expat.errors.XML_ERROR_INVALID_TOKEN]: "ogiltigt tecken eller "
    "ogiltig tagg (fel teckenkodning eller trasig XML)",
    expat.errors.codes[expat.errors.XML_ERROR_PARTIAL_CHAR]: "ett tecken är avklippt "
    "(fel teckenkodning)",
    expat.errors.codes[expat.errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT]: "innehåll efter "
    "dokumentets sista sluttagg",
    expat.errors.codes[expat.errors.XML_ERROR_DUPLICATE_ATTRIBUTE]: "samma attribut står "
    "två gånger i en tagg",
    expat.errors.codes[expat.errors.XML_ERROR_UNDEFINED_ENTITY]: "en okänd entitet (&…;)",
    expat.errors.codes[expat.errors.XML_ERROR_UNBOUND_PREFIX]: "ett namnrymdsprefix som "
    "inte är deklarerat",
    expat.errors.codes[expat.errors.XML_ERROR_UNKNOWN_ENCODING]: "en okänd teckenkodning",
    expat.errors.codes[expat.errors.XML_ERROR_INCORRECT_ENCODING]: "teckenkodningen i "
    "XML-deklarationen stämmer inte med innehållet",
    expat.errors.codes[expat.errors.XML_ERROR_SYNTAX]: "syntaxfel",
    expat.errors.codes[expat.errors.XML_ERROR_MISPLACED_XML_PI]: "XML-deklarationen står "
    "inte först i filen",
}


def _not_well_formed(exc: SAXParseException) -> Stopped:
    cause = exc.getException()
    code = getattr(cause, "code", None)
    reason = _EXPAT_REASONS.get(code) if isinstance(code, int) else None
    text = _(reason) if reason else _("XML-fel: {0}").format(exc.getMessage())
    return Stopped(
        exc.getLineNumber() or 1,
        _("filen är inte välformad XML: {0} (kolumn {1})").format(
            text, (exc.getColumnNumber() or 0) + 1
        ),
        "sie5-xml",
        hint=_("filen är trasig eller avkortad; be om en ny export"),
    )
