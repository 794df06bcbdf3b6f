"""YAML with line numbers, and every scalar kept as text.

Every scalar is read as a string (no YAML 1.1 surprises such as ``NO`` becoming false or
``0,20`` a number) and parsed by the loader, which knows what each field means. Mappings
and sequences remember the line of each entry, so a problem can point at it.
"""

from __future__ import annotations

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
