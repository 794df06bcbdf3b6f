"""The PDF renderer: Typst, tagged and PDF/UA-1, with the bundled Source Sans Pro embedded.

The layout lives in ``typst/*.typ``; the document model travels to it as JSON in
``sys.inputs``. System fonts are ignored, so a PDF looks the same on every machine and
never depends on what a server happens to have installed.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import typst

from styra.documents.fonts import font_folder
from styra.documents.model import Chart, Document
from styra.documents.pdf_tags import tag_row_headers
from styra.documents.serialize import chart_shape, document_data
from styra.documents.style import STATUS_COLOURS
from styra.problems import Problem, error

LAYOUT = Path(__file__).parent / "typst"


class TypstProblem(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Timing:
    """Typst's own compile time of the last call, for the benchmark."""

    seconds: float = 0.0


TIMING = Timing()


def _compiler(main: str) -> typst.Compiler:
    fonts = font_folder()
    if fonts is None:
        raise TypstProblem(
            [
                error(
                    "typsnittet Source Sans Pro saknas",
                    file="font-source-sans-pro",
                    hint="installera Styra med dess beroenden (uv sync)",
                )
            ]
        )
    return typst.Compiler(
        input=str(LAYOUT / main),
        root=str(LAYOUT),
        font_paths=[str(fonts)],
        ignore_system_fonts=True,
    )


Compile = Callable[[typst.Compiler], tuple[bytes | list[bytes] | None, list[typst.TypstWarning]]]


def _compile(main: str, run: Compile) -> bytes:
    compiler = _compiler(main)
    started = time.perf_counter()
    try:
        output, warnings = run(compiler)
    except typst.TypstError as exc:
        raise TypstProblem([error(f"Typst: {exc.message}", file=main)]) from None
    finally:
        TIMING.seconds = time.perf_counter() - started
    fonts = [w for w in warnings if "font" in w.message]
    if fonts:
        raise TypstProblem([error(f"Typst: {w.message}", file=main) for w in fonts])
    if not isinstance(output, bytes):
        raise TypstProblem([error("Typst gav inget dokument", file=main)])
    return output


def render_pdf(document: Document, made: date | None = None) -> bytes:
    data = json.dumps(document_data(document), ensure_ascii=False)
    when = datetime.combine(made, datetime.min.time(), UTC) if made else None
    content = _compile(
        "report.typ",
        lambda c: c.compile_with_warnings(
            sys_inputs={"document": data}, format="pdf", pdf_standards=["ua-1"], timestamp=when
        ),
    )
    return tag_row_headers(content, document)


def chart_png(chart: Chart, ppi: float = 200) -> bytes:
    data = json.dumps({"shape": chart_shape(chart), "colours": STATUS_COLOURS}, ensure_ascii=False)
    return _compile(
        "chart.typ",
        lambda c: c.compile_with_warnings(sys_inputs={"chart": data}, format="png", ppi=ppi),
    )
