from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from apps.accounts.permissions import (
    COMMENT, DELETE, EDIT, MERGE, VIEW, can, can_create_deal, can_manage_users, can_see_job, get_deal_or_404,
)
from apps.accounts.security import log_event, rate_limited, searching

from . import exports, jobs, selectors, services, stages
from .forms import FounderFormSet, ImportMappingForm, ImportUploadForm, NoteForm, StartupFilterForm, StartupForm, founders_from
from .imports import ImportFileError
from .models import ExportJob, ImportJob, MergeRecord

PAGE_SIZE = 25
HISTORY_PAGE_SIZE = 50


@rate_limited("search", when=searching)
def startup_list(request):
    filter_form = StartupFilterForm(request.GET)
    startups = selectors.startup_list(user=request.user, filters=filter_form.filters())
    page = Paginator(startups, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"page": page, "filter_form": filter_form, "query": query.urlencode(), "can_create": can_create_deal(request.user)}
    template = "startups/startup_list.html#results" if request.htmx and not request.htmx.boosted else "startups/startup_list.html"
    return render(request, template, context)


def startup_detail(request, pk):
    startup = get_deal_or_404(request.user, selectors.startup_detail_queryset(user=request.user), pk)
    context = {
        "startup": startup,
        "note_form": NoteForm(),
        "notes": Paginator(selectors.notes(startup=startup), HISTORY_PAGE_SIZE).get_page(request.GET.get("notes")),
        "changes": Paginator(selectors.changes(startup=startup), HISTORY_PAGE_SIZE).get_page(request.GET.get("changes")),
        "can_edit": can(request.user, EDIT, startup),
        "can_merge": can(request.user, MERGE, startup),
        "can_delete": can(request.user, DELETE, startup),
        "merges": startup.merges_in.filter(undone_at__isnull=True).select_related("drop", "actor"),
    }
    return render(request, "startups/startup_detail.html", context)


def _render_form(request, form, formset, startup=None, conflict=None, status=200):
    if "validate" in request.GET:
        form.hide_required_errors()
    duplicates = selectors.possible_duplicates(
        user=request.user, name=form["name"].value() or "", website=form["website"].value() or "", exclude_pk=getattr(startup, "pk", None)
    ) if form.is_bound else []
    context = {"form": form, "formset": formset, "startup": startup, "conflict": conflict, "duplicates": duplicates}
    template = "startups/startup_form.html#form" if request.htmx else "startups/startup_form.html"
    return render(request, template, context, status=status)


def startup_create(request):
    if not can_create_deal(request.user):
        raise PermissionDenied
    form = StartupForm(request.POST or None, initial={"owner": request.user.pk}, user=request.user)
    formset = FounderFormSet(request.POST or None, prefix="founders")
    if request.method == "POST" and form.is_valid() and formset.is_valid() and "validate" not in request.GET:
        data = form.profile_data() | {"founders": founders_from(formset)}
        try:
            startup = services.startup_create(actor=request.user, data=data, stage_reason=form.cleaned_data["stage_reason"])
        except stages.GateClosed as closed:
            form.add_error("pipeline_stage", closed.message)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": startup.name})
            return redirect("startups:detail", pk=startup.pk)
    return _render_form(request, form, formset, status=422 if form.errors and not request.htmx else 200)


def startup_edit(request, pk):
    startup = get_deal_or_404(request.user, selectors.startup_detail_queryset(user=request.user), pk, EDIT)
    founders = [{"name": f.name, "role": f.role, "profile_url": f.profile_url} for f in startup.founders.all()]
    form = StartupForm(request.POST or None, instance=startup, user=request.user)
    formset = FounderFormSet(request.POST or None, prefix="founders", initial=founders)
    if request.method == "POST" and form.is_valid() and formset.is_valid() and "validate" not in request.GET:
        data = form.profile_data() | {"founders": founders_from(formset)}
        try:
            startup = services.startup_update(
                actor=request.user, startup=startup, version=form.cleaned_data["version"] or 0, data=data,
                stage_reason=form.cleaned_data["stage_reason"],
            )
        except stages.GateClosed as closed:
            form.add_error("pipeline_stage", closed.message)
            return _render_form(request, form, formset, startup, status=422)
        except services.StaleVersionError as error:
            # Keep the user's text; a second save is a deliberate choice made after seeing the other version.
            form.data = form.data.copy()
            form.data["version"] = error.current.version
            return _render_form(request, form, formset, startup, conflict=error.current, status=409)
        if not can(request.user, VIEW, startup):  # the owner handed a confidential deal to someone else
            messages.success(request, _("Changes saved. %(name)s is no longer visible to you.") % {"name": startup.name})
            return redirect("startups:list")
        messages.success(request, _("Changes saved."))
        return redirect("startups:detail", pk=startup.pk)
    return _render_form(request, form, formset, startup, status=422 if form.errors and not request.htmx else 200)


@require_POST
def note_create(request, pk):
    startup = get_deal_or_404(request.user, selectors.startup_queryset(user=request.user), pk, COMMENT)
    form = NoteForm(request.POST)
    if form.is_valid():
        note = services.note_create(actor=request.user, startup=startup, body=form.cleaned_data["body"])
        if request.htmx:
            return render(request, "startups/startup_detail.html#note", {"note": note, "note_form": NoteForm()})
    elif request.htmx:
        response = render(request, "startups/startup_detail.html#note-form", {"note_form": form, "startup": startup})
        return reswap(retarget(response, "#note-form"), "outerHTML")
    else:
        messages.error(request, _("A note cannot be empty."))
    return redirect("startups:detail", pk=startup.pk)


def startup_duplicates(request):
    page = Paginator(selectors.duplicate_keys(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    groups = selectors.duplicate_groups(user=request.user, keys=list(page.object_list))
    for startup in (startup for group in groups for startup in group["startups"]):
        startup.can_merge = can(request.user, MERGE, startup)  # the merge button needs it on both sides
    return render(request, "startups/startup_duplicates.html", {"groups": groups, "page": page})


@require_POST
def startup_merge(request):
    queryset = selectors.startup_queryset(user=request.user)
    keep = get_deal_or_404(request.user, queryset, request.POST.get("keep"))
    drop = get_deal_or_404(request.user, queryset, request.POST.get("drop"))
    if not (can(request.user, MERGE, keep) and can(request.user, MERGE, drop)):
        raise PermissionDenied(MERGE)
    if keep.pk == drop.pk:
        messages.error(request, _("Choose two different startups."))
        return redirect("startups:duplicates")
    services.startup_merge(actor=request.user, keep=keep, drop=drop)
    messages.success(request, _("%(drop)s was merged into %(keep)s. You can undo this below.") % {"drop": drop.name, "keep": keep.name})
    return redirect("startups:detail", pk=keep.pk)


@require_POST
def startup_merge_undo(request, pk):
    record = get_object_or_404(MergeRecord, pk=pk)
    get_deal_or_404(request.user, selectors.startup_queryset(user=request.user), record.keep_id, MERGE)
    if not can(request.user, MERGE, record.drop):
        raise PermissionDenied
    services.startup_merge_undo(actor=request.user, record=record)
    messages.success(request, _("The merge was undone; %(name)s is back.") % {"name": record.drop.name})
    return redirect("startups:detail", pk=record.drop_id)


def startup_trash(request):
    if not can_manage_users(request.user):
        raise PermissionDenied
    page = Paginator(selectors.deleted_startups(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "startups/startup_trash.html", {"page": page})


@require_POST
def startup_restore(request, pk):
    startup = get_deal_or_404(request.user, selectors.deleted_startups(user=request.user), pk, DELETE)
    services.startup_restore(actor=request.user, startup=startup)
    messages.success(request, _("%(name)s was restored.") % {"name": startup.name})
    return redirect("startups:detail", pk=startup.pk)


@require_POST
def startup_delete(request, pk):
    startup = get_deal_or_404(request.user, selectors.startup_queryset(user=request.user), pk, DELETE)
    services.startup_soft_delete(actor=request.user, startup=startup)
    messages.success(request, _("%(name)s was deleted.") % {"name": startup.name})
    return redirect("startups:list")


@rate_limited("export")
def startup_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    startups = selectors.startup_list(user=request.user, filters=StartupFilterForm(request.GET).filters())
    count = startups.count()
    if count > settings.EXPORT_SYNC_MAX_ROWS:
        job = jobs.export_create(actor=request.user, fmt=fmt, query=request.GET.urlencode(), language=get_language())
        log_event("export", format=fmt, rows=count, job=job.pk)
        return redirect("startups:export_job", pk=job.pk)
    log_event("export", format=fmt, rows=count)
    rows = exports.rows(startups)
    if fmt == "csv":
        response = StreamingHttpResponse(exports.csv_stream(exports.header(), rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(exports.to_xlsx(exports.header(), rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(fmt)}"'
    response["Cache-Control"] = "no-store"
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _job(request, model, pk):
    """A job is its creator's (and admins'); to anyone else it does not exist."""
    job = get_object_or_404(model, pk=pk)
    if not can_see_job(request.user, job):
        log_event("denied", obj=job, reason="not_visible")
        raise Http404
    return job


def export_job(request, pk):
    job = _job(request, ExportJob, pk)
    template = "startups/export_job.html#progress" if request.htmx else "startups/export_job.html"
    return render(request, template, {"job": job})


@rate_limited("export")
def export_download(request, pk):
    job = _job(request, ExportJob, pk)
    if job.status != ExportJob.Status.DONE:
        return redirect("startups:export_job", pk=job.pk)
    log_event("export_download", obj=job)
    content_type = XLSX if job.format == "xlsx" else "text/csv; charset=utf-8"
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=exports.filename(job.format, job.created_at), content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response


def import_start(request):
    if not can_create_deal(request.user):
        raise PermissionDenied
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = jobs.import_upload(actor=request.user, name=upload.name, content=upload.read(), language=get_language())
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("startups:import", pk=job.pk)
    return render(request, "startups/import_start.html", {"form": form}, status=422 if form.errors else 200)


def import_detail(request, pk):
    job = _job(request, ImportJob, pk)
    if job.status not in (ImportJob.Status.UPLOADED, ImportJob.Status.CHECKED):
        done = cache.get(jobs.import_progress_key(job.pk), job.done) if job.status == ImportJob.Status.RUNNING else job.done
        context = {"job": job, "done": done, "percent": int(100 * done / job.total) if job.total else 0}
        template = "startups/import_detail.html#progress" if request.htmx else "startups/import_detail.html"
        return render(request, template, context)
    form = ImportMappingForm(request.POST or None, header=job.header, mapping=job.mapping)
    if request.method == "POST" and form.is_valid():
        queue = jobs.import_queue if "commit" in request.POST else jobs.import_check_queue
        queue(job=job, mapping=form.mapping())
        return redirect("startups:import", pk=job.pk)
    checked = job.status == ImportJob.Status.CHECKED
    duplicates = selectors.visible_duplicates(user=request.user, found=job.duplicates) if checked else []
    context = {"job": job, "form": form, "checked": checked, "duplicates": duplicates}
    return render(request, "startups/import_detail.html", context, status=422 if form.errors else 200)
