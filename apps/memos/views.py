from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.permissions import EDIT, can, can_see_job, get_deal_or_404
from apps.accounts.security import log_event, rate_limited
from apps.scoring.selectors import ui_language
from apps.startups.selectors import startup_queryset

from . import selectors, services
from .forms import BundleForm, MemoForm
from .models import MemoBundle
from .rendering import RenderFailed, RenderTimeout, markdown_to_html


def _startup(request, pk, action="view"):
    return get_deal_or_404(request.user, startup_queryset(user=request.user).prefetch_related("founders"), pk, action)


def memo_edit(request, pk):
    startup = _startup(request, pk)
    context = selectors.memo_context(startup=startup, lang=ui_language())
    memo = context["memo"]
    form = MemoForm(request.POST or None, initial={"body": context["body"], "version": memo.version if memo else 0})
    conflict, status = None, 200
    if request.method == "POST":
        if not can(request.user, EDIT, startup):
            raise PermissionDenied
        if form.is_valid():
            try:
                memo = services.memo_save(actor=request.user, startup=startup, lang=ui_language(), **form.cleaned_data)
            except services.StaleMemoError as error:
                conflict, status = error.current, 409
            else:
                if request.htmx:
                    return render(request, "memos/memo_edit.html#save-status", {"memo": memo, "saved": True})
                messages.success(request, _("Memo saved."))
                return redirect("memos:edit", pk=startup.pk)
        if request.htmx:
            return render(request, "memos/memo_edit.html#save-status", {"memo": conflict or memo, "conflict": conflict, "form": form})
    context |= {"form": form, "conflict": conflict, "preview": markdown_to_html(form["body"].value()),
                "can_edit": can(request.user, EDIT, startup), "exports": Paginator(selectors.export_list(startup=startup), 20).get_page(request.GET.get("exports"))}
    return render(request, "memos/memo_edit.html", context, status=status)


@require_POST
def memo_preview(request, pk):
    _startup(request, pk)
    return HttpResponse(markdown_to_html(request.POST.get("body", "")[:100_000]))


def _pdf_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    # Percent-encoded with an ASCII fallback: a raw Hangul name made Django MIME-encode the whole
    # header, and browsers then showed the PDF instead of saving it.
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    response["Cache-Control"] = "no-store"
    return response


@rate_limited("pdf")
def memo_pdf(request, pk):
    startup = _startup(request, pk)
    try:
        pdf, _pages, _context = services.memo_pdf(startup=startup, actor=request.user, lang=ui_language())
    except (RenderTimeout, RenderFailed):
        return render(request, "memos/render_failed.html", {"startup": startup}, status=503)
    log_event("pdf_download", obj=startup)
    return _pdf_response(pdf, services.filename(startup))


@require_POST
@rate_limited("pdf")
def memo_export(request, pk):
    startup = _startup(request, pk, EDIT)
    try:
        export = services.memo_export(actor=request.user, startup=startup, lang=ui_language())
    except (RenderTimeout, RenderFailed):
        return render(request, "memos/render_failed.html", {"startup": startup}, status=503)
    log_event("pdf_export", obj=startup, number=export.number)
    messages.success(request, _("Exported version %(number)s.") % {"number": export.number})
    return redirect("memos:edit", pk=startup.pk)


@rate_limited("pdf")
def export_download(request, pk, number):
    startup = _startup(request, pk)
    export = get_object_or_404(selectors.export_list(startup=startup), number=number)
    log_event("pdf_download", obj=startup, number=export.number)
    response = FileResponse(export.file.open("rb"), as_attachment=True, filename=export.file.name.rsplit("/", 1)[-1], content_type="application/pdf")
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@rate_limited("pdf")
def bundle_create(request):
    ids = [int(i) for i in request.POST.getlist("startups") if i.isdigit()]
    visible = list(startup_queryset(user=request.user).filter(pk__in=ids).values_list("pk", flat=True))
    form = BundleForm({"startups": visible}, startup_ids=visible)  # hidden startups are dropped
    if not form.is_valid():
        messages.error(request, _("Select at least one startup."))
        return redirect("startups:list")
    bundle = services.bundle_create(actor=request.user, startup_ids=form.cleaned_data["startups"], lang=ui_language())
    return redirect("memos:bundle", pk=bundle.pk)


def _bundle(request, pk):
    """A bundle is its creator's (and admins'); to anyone else it does not exist."""
    bundle = get_object_or_404(MemoBundle, pk=pk)
    if not can_see_job(request.user, bundle):
        log_event("denied", obj=bundle, reason="not_visible")
        raise Http404
    return bundle


def bundle_detail(request, pk):
    bundle = _bundle(request, pk)
    template = "memos/bundle_detail.html#progress" if request.htmx else "memos/bundle_detail.html"
    return render(request, template, {"bundle": bundle})


@rate_limited("pdf")
def bundle_download(request, pk):
    bundle = _bundle(request, pk)
    if bundle.status != MemoBundle.Status.DONE:
        return redirect("memos:bundle", pk=bundle.pk)
    log_event("bundle_download", obj=bundle)
    response = FileResponse(bundle.file.open("rb"), as_attachment=True, filename=f"memos-{bundle.pk}.zip")
    response["Cache-Control"] = "no-store"
    return response
