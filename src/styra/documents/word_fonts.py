"""Source Sans Pro embedded in the DOCX, so Word and LibreOffice show the PDF's font.

A DOCX carries a font as an obfuscated copy (ECMA-376 Part 1, 17.8.1): the first 32 bytes
XORed with the font's key, a GUID named in ``fontTable.xml``. The key is derived from the
family and style, so the same report gives the same file. Embedded only where the
document's own text style uses the family (Styra's template, or a municipality's that
chose it), and only the four faces the documents use.
"""

from __future__ import annotations

import uuid

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from lxml import etree

from styra.documents.fonts import FAMILY, font_folder

OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FACES = (
    ("embedRegular", "SourceSansPro-Regular.ttf"),
    ("embedBold", "SourceSansPro-Bold.ttf"),
    ("embedItalic", "SourceSansPro-It.ttf"),
    ("embedBoldItalic", "SourceSansPro-BoldIt.ttf"),
)


def uses_family(doc: WordDocument) -> bool:
    fonts = doc.styles.element.find(qn("w:docDefaults"))
    found = fonts.iter(qn("w:rFonts")) if fonts is not None else iter(())
    return any(f.get(qn("w:ascii")) == FAMILY for f in found)


def embed_family(doc: WordDocument) -> bool:
    """Embed the faces in the document's font table; False where there is none to use."""
    folder = font_folder()
    table = next(
        (r.target_part for r in doc.part.rels.values() if r.reltype == RT.FONT_TABLE), None
    )
    if folder is None or table is None:
        return False
    root = parse_xml(table.blob)
    entry = next((f for f in root.findall(qn("w:font")) if f.get(qn("w:name")) == FAMILY), None)
    if entry is None:
        entry = OxmlElement("w:font")
        entry.set(qn("w:name"), FAMILY)
        root.append(entry)
    for tag, _file in FACES:
        for old in entry.findall(qn(f"w:{tag}")):
            entry.remove(old)
    for number, (tag, file) in enumerate(FACES, start=1):
        key = uuid.uuid5(uuid.NAMESPACE_URL, f"styra:{FAMILY}:{tag}")
        data = obfuscate((folder / file).read_bytes(), key)
        part = Part(PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED, data, doc.part.package)
        reference = OxmlElement(f"w:{tag}")
        reference.set(qn("r:id"), table.relate_to(part, RT.FONT))
        reference.set(qn("w:fontKey"), "{" + str(key).upper() + "}")
        entry.append(reference)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    table._blob = xml
    return True


def obfuscate(data: bytes, key: uuid.UUID) -> bytes:
    """The font as a DOCX stores it: its first 32 bytes XORed with the key's bytes taken
    from the GUID's last hex pair to its first."""
    mask = bytes.fromhex(key.hex)[::-1]
    head = bytes(b ^ mask[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]
