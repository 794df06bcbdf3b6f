"""The documents as report formats: read the folder's report spec, build, render.

These are the ``docx``, ``pdf`` and ``html`` entries of
:data:`styra.report.formats.RENDERERS`, and ``municipality_*`` those of
:data:`styra.report.formats.MUNICIPALITY_RENDERERS`. Any problem (a section naming missing data, a
broken template, a missing font) raises :class:`RenderError`, so nothing is written.
"""

from __future__ import annotations

from styra.core.cycle.interim import Interim
from styra.core.cycle.periods import FollowUpKind
from styra.core.followup import FollowUp
from styra.core.municipality import MunicipalityFollowUp
from styra.documents.annual import build_annual_report
from styra.documents.compiled import CommitteeReport, build_compiled_report
from styra.documents.compiled_tables import CommitteePart
from styra.documents.html import render_html
from styra.documents.interim import build_interim_report
from styra.documents.model import Document
from styra.documents.month import build_month_report
from styra.documents.pdf import TypstProblem, chart_png, render_pdf
from styra.documents.spec import SPEC_FILE, ReportSpec, read_spec
from styra.documents.word import TemplateProblem, open_template, render_docx
from styra.folder import Loaded
from styra.folder.fields import FileReader
from styra.folder.loader import read_yaml
from styra.folder.municipality import LoadedMunicipality
from styra.problems import Problem, has_errors
from styra.report.formats import RenderError


def report_spec(loaded: Loaded, followup: FollowUp) -> ReportSpec:
    problems: list[Problem] = []
    doc = read_yaml(loaded.folder, SPEC_FILE, problems, required=False)
    keys = {n.key for n in followup.input.narrative}
    spec = read_spec(FileReader(SPEC_FILE, problems), doc, loaded.folder, keys)
    if has_errors(problems):
        raise RenderError(problems)
    return spec


def document(loaded: Loaded, followup: FollowUp, spec: ReportSpec | None = None) -> Document:
    """The månadsuppföljning for a month, the interim report for a tertial or delår, else
    the annual report."""
    interim = loaded.extras.get("interim")
    if isinstance(interim, Interim) and interim.period.kind is FollowUpKind.MONTH:
        built = build_month_report(followup, interim)
    elif isinstance(interim, Interim):
        built = build_interim_report(followup, interim)
    else:
        history = loaded.extras.get("history") or ()
        assert isinstance(history, tuple)
        built = build_annual_report(followup, spec or report_spec(loaded, followup), history)
    if has_errors(built.problems):
        raise RenderError(list(built.problems))
    return built.document


def html(loaded: Loaded, followup: FollowUp) -> bytes:
    return render_html(document(loaded, followup))


def pdf(loaded: Loaded, followup: FollowUp) -> bytes:
    try:
        return render_pdf(document(loaded, followup), followup.input.period.report_date)
    except TypstProblem as exc:
        raise RenderError(exc.problems) from None


def docx(loaded: Loaded, followup: FollowUp) -> bytes:
    spec = report_spec(loaded, followup)
    built = document(loaded, followup, spec)
    try:
        template = open_template(spec.template, spec.template_name, spec.template_line)
        return render_docx(built, template, chart_png)
    except (TemplateProblem, TypstProblem) as exc:
        raise RenderError(exc.problems) from None


def compiled_document(loaded: LoadedMunicipality, m: MunicipalityFollowUp) -> Document:
    """Kommunens sammanställda uppföljning, with each committee's own report built as
    :func:`document` builds it alone."""
    reports = []
    for folder, followup in zip(loaded.committees, m.committees, strict=True):
        interim = folder.loaded.extras.get("interim")
        part = CommitteePart(followup, interim if isinstance(interim, Interim) else None)
        reports.append(CommitteeReport(part, document(folder.loaded, followup)))
    built = build_compiled_report(m, reports)
    if has_errors(built.problems):
        raise RenderError(list(built.problems))
    return built.document


def municipality_html(loaded: LoadedMunicipality, m: MunicipalityFollowUp) -> bytes:
    return render_html(compiled_document(loaded, m))


def municipality_pdf(loaded: LoadedMunicipality, m: MunicipalityFollowUp) -> bytes:
    try:
        return render_pdf(compiled_document(loaded, m), m.period.report_date)
    except TypstProblem as exc:
        raise RenderError(exc.problems) from None


def municipality_docx(loaded: LoadedMunicipality, m: MunicipalityFollowUp) -> bytes:
    """In Word's default styles: the municipality folder names no template (yet)."""
    built = compiled_document(loaded, m)
    try:
        return render_docx(built, open_template(None), chart_png)
    except (TemplateProblem, TypstProblem) as exc:
        raise RenderError(exc.problems) from None
