"""The SIE 5 files the tests use, held against SIE-gruppen's schema (sie5.xsd).

lxml validates (it is here through python-docx); Styra's reader itself uses only the
standard library's expat through defusedxml. The schema imports the W3C signature schema
from w3.org; nothing is fetched: a stand-in accepts any ``Signature``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.sie.test_sie5 import FIXTURES, LEDGER

SIGNATURE = b"""<?xml version="1.0" encoding="utf-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"
  targetNamespace="http://www.w3.org/2000/09/xmldsig#" elementFormDefault="qualified">
  <xsd:element name="Signature">
    <xsd:complexType>
      <xsd:sequence>
        <xsd:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
      </xsd:sequence>
      <xsd:anyAttribute processContents="skip"/>
    </xsd:complexType>
  </xsd:element>
</xsd:schema>
"""
W3C = b"http://www.w3.org/TR/2002/REC-xmldsig-core-20020212/xmldsig-core-schema.xsd"


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> etree.XMLSchema:
    folder = tmp_path_factory.mktemp("xsd")
    (folder / "signature.xsd").write_bytes(SIGNATURE)
    text = (FIXTURES / "sie5.xsd").read_bytes().replace(W3C, b"signature.xsd")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(text, parser, base_url=(folder / "sie5.xsd").as_uri())
    return etree.XMLSchema(root)


def errors(schema: etree.XMLSchema, data: bytes) -> list[tuple[int, str]]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    schema.validate(etree.fromstring(data, parser))
    return [(e.line, e.message) for e in schema.error_log]


def test_the_ledger_written_for_the_tests_is_valid_sie5(schema: etree.XMLSchema) -> None:
    assert errors(schema, LEDGER.encode()) == []


def test_sie_gruppens_minimal_entry_file_is_valid(schema: etree.XMLSchema) -> None:
    assert errors(schema, (FIXTURES / "SampleEntry.sie").read_bytes()) == []


def test_the_complete_sample_fails_only_at_its_stray_character(schema: etree.XMLSchema) -> None:
    found = errors(schema, (FIXTURES / "Sample.sie").read_bytes())
    assert len(found) == 1
    line, message = found[0]
    assert line == 613 and "SupplierInvoices" in message and "Character content" in message


@pytest.mark.parametrize(
    ("name", "because"),
    [
        ("SampleEntry2.sie", "verison"),
        ("SampleEntry3.sie", "xmlschema-instance"),
        ("SampleEntryExtension.sie", "extensionKey"),
    ],
)
def test_the_other_samples_break_the_schema_as_sources_md_says(
    schema: etree.XMLSchema, name: str, because: str
) -> None:
    found = errors(schema, (FIXTURES / name).read_bytes())
    assert any(because in message for _line, message in found)


def test_every_fixture_is_named_in_sources_md() -> None:
    sources = (FIXTURES / "SOURCES.md").read_text(encoding="utf-8")
    for path in FIXTURES.iterdir():
        if path.name not in ("SOURCES.md", "LICENSE-LGPL-3.0.txt"):
            assert f"`{path.name}`" in sources, path.name
    assert Path(FIXTURES / "LICENSE-LGPL-3.0.txt").read_text().startswith(" " * 19 + "GNU LESSER")
