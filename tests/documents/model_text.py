"""The model report's text as an ordered list of pieces, and a check that a text holds them.

Normalisations, so that the comparison is about content and not typography or known
typos:

- typography: U+2212 (minus) becomes "-", U+202F, U+00A0 and other spaces become one
  space, U+2060 (word joiner, in Typst's contents lines) is dropped; the seed's "- 238"
  (minus, space, figure) becomes "-238";
- the seed's typos "Världkommunens" and "Syd närkes" are fixed, as the example fixes them
  ("Värdkommunens", "Sydnärkes"); the example keeps the model's ";" after the goal lead;
- the contents' page numbers are dropped (our pages differ), and so is the goal table's
  head repeated after the model's page break;
- a line break after a hyphen is joined ("IT-" at a line's end, "drift" on the next);
- each table cell and each line of text is one piece; bullets lose their "- ".
"""

from __future__ import annotations

import re
from pathlib import Path

TYPOS = {"Världkommunens": "Värdkommunens", "Syd närkes": "Sydnärkes"}
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2009\u2007]+|\n")


def normalise(text: str) -> str:
    text = text.replace("\u2212", "-").replace("\u2060", "")
    text = re.sub(r"-[ \t]*\n[ \t]*", "-", text)  # a hyphen at a line's end joins the lines
    text = _SPACES.sub(" ", text)
    text = re.sub(r"(?<![\w)])- (?=\d)", "-", text)
    return re.sub(r" +", " ", text)


def model_pieces(seed: Path) -> list[str]:
    text = seed.read_text(encoding="utf-8")
    for typo, fixed in TYPOS.items():
        text = text.replace(typo, fixed)
    pieces: list[str] = []
    seen_heads: set[str] = set()
    in_contents = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        cells = [normalise(c).strip() for c in line.split("\t") if c.strip()]
        if line == "Innehållsförteckning":
            in_contents = True
        elif in_contents and len(cells) == 3:
            cells = [f"{cells[0]} {cells[1]}"]  # "1.1 Inledning", without the page number
        elif len(cells) == 1:
            in_contents = False
        if len(cells) > 1 and cells[0] == "Nämndmål":
            if line in seen_heads:
                continue  # the head that the model repeats after its page break
            seen_heads.add(line)
        pieces += [c.removeprefix("- ") for c in cells]
    return pieces


def missing_in_order(pieces: list[str], text: str) -> list[str]:
    """The pieces that do not occur in ``text`` after the previous piece, with context."""
    flat = normalise(text)
    missing = []
    position = 0
    for piece in pieces:
        found = flat.find(piece, position)
        if found < 0:
            missing.append(f"{piece!r} (after …{flat[max(0, position - 60) : position]!r})")
        else:
            position = found + len(piece)
    return missing


SYMBOLS = re.compile(r"[●◐○▲▼◆] ?")


def without_symbols(text: str) -> str:
    """The text without the status and trend shapes: the PDF draws them as pictures
    (artifacts) beside the word, which is what a reader of its text gets."""
    return SYMBOLS.sub("", text)
