"""Narrative Markdown to document blocks, safely.

markdown-it-py parses CommonMark with raw HTML turned off, so ``<script>`` in a narrative
stays visible text and never reaches a page; links keep only the schemes markdown-it
accepts (not ``javascript:``). Headings in a narrative become unnumbered subheadings;
everything else becomes paragraphs and lists.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from styra.documents.model import Block, BulletList, Paragraph, Run, Subheading

_PARSER = MarkdownIt("commonmark", {"html": False})


def to_blocks(markdown: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    items: list[Paragraph] = []
    ordered = False
    depth = 0  # list nesting: nested lists are flattened into their outer list
    heading = False
    for token in _PARSER.parse(markdown):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            ordered = ordered or (depth == 1 and token.type == "ordered_list_open")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                blocks.append(BulletList(tuple(items), ordered))
                items, ordered = [], False
        elif token.type in ("heading_open", "heading_close"):
            heading = token.type == "heading_open"
        elif token.type in ("inline", "code_block", "fence"):
            _add(token, heading, depth, blocks, items)
    return tuple(blocks)


def _add(
    token: Token, heading: bool, depth: int, blocks: list[Block], items: list[Paragraph]
) -> None:
    runs = runs_of(token.children or []) if token.type == "inline" else (Run(token.content),)
    paragraph = Paragraph(runs)
    if heading:
        blocks.append(Subheading(paragraph.text))
    elif depth:
        items.append(paragraph)
    elif paragraph.text.strip():
        blocks.append(paragraph)


def runs_of(children: Sequence[Token]) -> tuple[Run, ...]:
    runs: list[Run] = []
    strong = emphasis = 0
    href = ""
    for child in children:
        kind = child.type
        if kind in ("strong_open", "strong_close"):
            strong += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            emphasis += 1 if kind == "em_open" else -1
        elif kind in ("link_open", "link_close"):
            href = str(child.attrs.get("href", "")) if kind == "link_open" else ""
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Run(" "))
        elif kind in ("text", "code_inline"):
            runs.append(Run(child.content, strong > 0, emphasis > 0, href))
        elif kind == "image":
            runs.append(Run(child.content))  # the image's alt text; narratives carry no images
    return _merge(runs)


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    """Join neighbouring runs of the same kind, so a line break does not split a run."""
    merged: list[Run] = []
    for run in runs:
        last = merged[-1] if merged else None
        if last and (last.strong, last.emphasis, last.href) == (run.strong, run.emphasis, run.href):
            merged[-1] = Run(last.text + run.text, run.strong, run.emphasis, run.href)
        else:
            merged.append(run)
    return tuple(merged)
