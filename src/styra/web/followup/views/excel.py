"""Excel round-trip of indicator values: download the sheet, upload it filled in."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from styra.problems import Problem
from styra.web.followup import access as rules
from styra.web.followup import excel, uploads
from styra.web.followup.forms import ExcelUploadForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def download(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access = rules.period_for_reader(request, slug, period)
    response = HttpResponse(excel.workbook(access.the_period), content_type=XLSX)
    name = f"indikatorer-{access.committee.slug}-{access.the_period.slug}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def page(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    """The Excel tab of those who may not upload: a page with the download on it."""
    access = rules.period_for_reader(request, slug, period)
    context = {"access": access, "period": access.period, "tab": "excel"}
    return render(request, "followup/excel_download.html", context)


@login_required
def upload(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access = rules.period_for_editor(request, slug, period)
    form: forms.Form = ExcelUploadForm()
    problems: list[Problem] = []
    status = 200
    if request.method == "POST":
        rules.ensure_unlocked(access.the_period)
        form = ExcelUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            name = upload_file.name or "blad.xlsx"
            try:
                content = uploads.read(upload_file)
                uploads.check_xlsx(name, content)
            except uploads.UploadProblem as exc:
                form.add_error("file", str(exc))
                return _page(request, access, form, problems, 400)
            rows, problems = excel.read_rows(content, name)
            saved, problems = excel.apply(access, request.user, rows, name, problems)
            if not problems:
                messages.success(
                    request, _("%(n)d värden sparade från Excelbladet.") % {"n": saved}
                )
                return redirect("overview", slug=slug, period=period)
        status = 400
    return _page(request, access, form, problems, status)


def _page(
    request: HttpRequest,
    access: rules.Access,
    form: forms.Form,
    problems: list[Problem],
    status: int,
) -> HttpResponse:
    context = {
        "access": access,
        "period": access.period,
        "form": form,
        "problems": problems,
        "tab": "excel",
    }
    return render(request, "followup/excel.html", context, status=status)
