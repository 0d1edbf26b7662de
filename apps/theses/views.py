from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.permissions import can_edit_thesis

from . import selectors, services
from .forms import CriterionFormSet, DraftForm, LayerFitFormSet, NewCriterionForm, clean_draft
from .models import ThesisVersion


def _require_editor(user):
    if not can_edit_thesis(user):
        raise PermissionDenied


def thesis_list(request):
    context = {"theses": selectors.thesis_list(), "active": selectors.active_version(), "can_edit": can_edit_thesis(request.user)}
    return render(request, "theses/thesis_list.html", context)


def version_detail(request, pk):
    version = get_object_or_404(selectors.version_queryset(), pk=pk)
    editable = version.is_draft and can_edit_thesis(request.user)
    if version.is_draft and not editable:
        raise PermissionDenied  # drafts are the editors' work in progress
    criteria = CriterionFormSet(request.POST or None, queryset=version.criteria.all(), prefix="criteria")
    fits = LayerFitFormSet(request.POST or None, queryset=version.layer_fits.all(), prefix="fits")
    draft_form = DraftForm(request.POST or None, initial={"note": version.note})
    errors = []
    if request.method == "POST":
        if not editable:
            raise PermissionDenied  # a published version never changes
        if draft_form.is_valid() and criteria.is_valid() and fits.is_valid() and not (errors := clean_draft(criteria)):
            services.draft_update(
                actor=request.user, version=version, note=draft_form.cleaned_data["note"],
                criteria=[{**f.cleaned_data, "id": f.instance.pk} for f in criteria.forms],
                layer_fits=[{**f.cleaned_data, "id": f.instance.pk} for f in fits.forms],
            )
            messages.success(request, _("Draft saved."))
            return redirect("theses:version", pk=version.pk)
    context = _version_context(version, editable=editable, criteria_formset=criteria, fits_formset=fits, draft_form=draft_form, draft_errors=errors)
    return render(request, "theses/version_detail.html", context, status=422 if errors or criteria.errors else 200)


def _version_context(version, **overrides):
    """The version page's forms, unbound unless the caller passes bound ones."""
    return {
        "version": version,
        "criteria_formset": CriterionFormSet(queryset=version.criteria.all(), prefix="criteria"),
        "fits_formset": LayerFitFormSet(queryset=version.layer_fits.all(), prefix="fits"),
        "draft_form": DraftForm(initial={"note": version.note}),
        "new_criterion_form": NewCriterionForm(version=version),
    } | overrides


@require_POST
def draft_create(request, pk):
    _require_editor(request.user)
    version = get_object_or_404(ThesisVersion, pk=pk)
    draft = services.draft_create(actor=request.user, based_on=version)
    return redirect("theses:version", pk=draft.pk)


@require_POST
def criterion_add(request, pk):
    _require_editor(request.user)
    version = get_object_or_404(selectors.version_queryset(), pk=pk, status=ThesisVersion.Status.DRAFT)
    form = NewCriterionForm(request.POST, version=version)
    if form.is_valid():
        services.criterion_add(actor=request.user, version=version, data=form.criterion_data(), questions=form.questions())
        messages.success(request, _("Criterion added to the draft."))
        return redirect("theses:version", pk=version.pk)
    return render(request, "theses/version_detail.html", _version_context(version, editable=True, new_criterion_form=form), status=422)


@require_POST
def version_publish(request, pk):
    _require_editor(request.user)
    version = get_object_or_404(ThesisVersion, pk=pk, status=ThesisVersion.Status.DRAFT)
    services.version_publish(actor=request.user, version=version)
    messages.success(request, _("Version %(number)s is now active; the pipeline is being rescored.") % {"number": version.number})
    return redirect("theses:version", pk=version.pk)


@require_POST
def draft_discard(request, pk):
    _require_editor(request.user)
    version = get_object_or_404(ThesisVersion, pk=pk, status=ThesisVersion.Status.DRAFT)
    services.draft_discard(actor=request.user, version=version)
    messages.success(request, _("Draft discarded."))
    return redirect("theses:list")
