"""SIE upload → preview (what changes, every problem) → confirm, atomically."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from styra.web.followup import access as rules
from styra.web.followup import ledgers, sie_preview, uploads
from styra.web.followup import models as m
from styra.web.followup.forms import SieUploadForm


@login_required
def upload(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    access = rules.period_for_controller(request, slug, period)
    form: forms.Form = SieUploadForm()
    status = 200
    if request.method == "POST":
        rules.ensure_unlocked(access.the_period)
        form = SieUploadForm(request.POST, request.FILES)
        if form.is_valid():
            created = _create(request, access, form)
            if created is not None:
                return redirect("sie_preview", slug=slug, period=period, pk=created.pk)
        status = 400
    return _page(request, access, form, status)


def _create(
    request: HttpRequest, access: rules.Access, form: SieUploadForm
) -> m.LedgerImport | None:
    upload_file = form.cleaned_data["file"]
    name = upload_file.name or "fil.se"
    try:
        content = uploads.read(upload_file)
        uploads.check_sie(name, content)
    except uploads.UploadProblem as exc:
        form.add_error("file", str(exc))
        return None
    return ledgers.create_import(
        access.the_period,
        form.cleaned_data["kind"],
        name,
        content,
        request.user,
        state=m.ImportState.PENDING,
    )


def _page(
    request: HttpRequest, access: rules.Access, form: forms.Form, status: int
) -> HttpResponse:
    recent = access.the_period.imports.defer("content").select_related("uploaded_by")[:20]
    context = {
        "access": access,
        "period": access.period,
        "form": form,
        "imports": recent,
        "tab": "sie",
    }
    return render(request, "followup/sie_upload.html", context, status=status)


@login_required
def preview(request: HttpRequest, slug: str, period: str, pk: int) -> HttpResponse:
    access = rules.period_for_controller(request, slug, period)
    pending = get_object_or_404(
        m.LedgerImport.objects.defer("content"), pk=pk, period=access.period
    )
    if request.method == "POST":
        return _decide(request, access, pending)
    context = {
        "access": access,
        "period": access.period,
        "preview": sie_preview.preview(access.the_period, pending),
        "tab": "sie",
    }
    return render(request, "followup/sie_preview.html", context)


def _decide(request: HttpRequest, access: rules.Access, pending: m.LedgerImport) -> HttpResponse:
    rules.ensure_unlocked(access.the_period)
    slug, period = access.committee.slug, access.the_period.slug
    if request.POST.get("action") == "discard":
        if pending.state == m.ImportState.PENDING:
            m.LedgerImport.objects.filter(pk=pending.pk).update(
                state=m.ImportState.DISCARDED, content=b""
            )
            m.LedgerAmount.objects.filter(ledger=pending.pk).delete()
        messages.info(request, _("Inläsningen av %(f)s avbröts.") % {"f": pending.file_name})
        return redirect("sie_upload", slug=slug, period=period)
    try:
        sie_preview.confirm(access.the_period.pk, pending.pk, request.user)
    except sie_preview.ImportRefused as exc:
        messages.error(request, _("Filen lästes inte in: %(why)s.") % {"why": exc})
        return redirect("sie_preview", slug=slug, period=period, pk=pending.pk)
    messages.success(
        request, _("%(f)s är inläst och gäller nu för perioden.") % {"f": pending.file_name}
    )
    return redirect("overview", slug=slug, period=period)
