"""YAML with line numbers, and every scalar kept as text.

Every scalar is read as a string (no YAML 1.1 surprises such as ``NO`` becoming false or
``0,20`` a number) and parsed by the loader, which knows what each field means. Mappings
and sequences remember the line of each entry, so a problem can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

import yaml

from styra.i18n import _

Value = Union["Mapping", "Sequence", "Scalar"]


@dataclass(frozen=True)
class Scalar:
    text: str
    line: int


@dataclass(frozen=True)
class Sequence:
    items: list[Value]
    line: int


@dataclass(frozen=True)
class Mapping:
    entries: dict[str, Value]
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)

    def get(self, key: str) -> Value | None:
        return self.entries.get(key)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlError(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


class NotText(Exception):
    """A file that is not UTF-8 text: binary, or text in another encoding."""

    def __init__(self, message: str, line: int | None, hint: str) -> None:
        super().__init__(message)
        self.message, self.line, self.hint = message, line, hint


# Control characters that no YAML or Markdown text holds (tab, line feed, carriage return
# and form feed do): one of them is the first sign of a binary file.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(raw: bytes) -> str:
    """The file's text, or NotText at the first sign that it is none.

    A binary file (an Excel workbook, a PDF, a zip archive) is stopped here with one
    error, before the YAML parser or the field checks can say many confusing things.
    """
    found = _BINARY_BYTES.search(raw)
    if found:
        raise NotText(
            _("filen är inte text utan binär (ett styrtecken på rad {line})").format(
                line=raw[: found.start()].count(b"\n") + 1
            ),
            None,
            _("är det rätt fil? den ska vara text i UTF-8"),
        )
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise NotText(
            _("filen är inte UTF-8 (första felaktiga tecknet på rad {line})").format(line=line),
            line,
            _("spara filen som UTF-8"),
        ) from None


def parse(text: str) -> Value | None:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        raise YamlError(_("ogiltig YAML: {why}").format(why=exc.problem), line) from None
    except yaml.YAMLError as exc:
        raise YamlError(_("ogiltig YAML: {why}").format(why=exc), None) from None
    return None if node is None else _convert(node)


def _convert(node: yaml.Node) -> Value:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        entries: dict[str, Value] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            entries[key] = _convert(value_node)
            lines[key] = key_node.start_mark.line + 1
        return Mapping(entries, line, lines)
    if isinstance(node, yaml.SequenceNode):
        return Sequence([_convert(n) for n in node.value], line)
    return Scalar("" if node.value is None else str(node.value), line)
