from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from apps.accounts.permissions import EDIT, can, can_create_deal, can_edit_thesis, can_see_job, get_deal_or_404, visible_jobs
from apps.accounts.security import log_event
from apps.startups.selectors import startup_queryset
from apps.startups.services import startup_create
from apps.theses.selectors import active_version, version_queryset, version_spec

from . import engine, selectors, services
from .forms import EvidenceForm, LayerForm, ScreenForm
from .models import RescoreJob


def _startup(request, pk, action="view"):
    return get_deal_or_404(request.user, startup_queryset(user=request.user), pk, action)


def _scorecard_context(startup, scorecard):
    data = selectors.localized(scorecard.data) if scorecard else None
    reasons = selectors.all_reasons(data) if data else []
    state = selectors.scoring_state(startup=startup)
    return {
        "startup": startup,
        "scorecard": scorecard,
        "card": data,
        "state": state,
        "status": selectors.scorecard_status(scorecard, state),
        "one_liner_segments": selectors.highlight(startup.one_liner, "one_liner", reasons),
        "description_segments": selectors.highlight(startup.description, "description", reasons),
        "layer_labels": selectors.layer_labels(),
        "criteria_labels": selectors.criteria_labels(scorecard.thesis_version if scorecard else None),
        "history": selectors.score_history_chart(startup=startup),
    }


def scorecard_panel(request, pk):
    startup = _startup(request, pk)
    context = _scorecard_context(startup, selectors.scorecard_latest(startup=startup))
    context |= {"can_edit": can(request.user, EDIT, startup), "layer_form": LayerForm(initial={"layer": getattr(selectors.layer_decision(startup=startup), "layer", "")})}
    template = "scoring/scorecard_page.html#panel" if request.htmx else "scoring/scorecard_page.html"
    return render(request, template, context)


def evidence_edit(request, pk):
    startup = _startup(request, pk, EDIT)
    form = EvidenceForm(request.POST or None, groups=selectors.questionnaire(startup=startup))
    if request.method == "POST" and form.is_valid():
        services.answers_save(actor=request.user, startup=startup, answers=form.answers())
        messages.success(request, _("Evidence saved; the scorecard is being updated."))
        return redirect("scoring:scorecard", pk=startup.pk)
    return render(request, "scoring/evidence_form.html", {"startup": startup, "form": form})


@require_POST
def layer_decide(request, pk):
    startup = _startup(request, pk, EDIT)
    form = LayerForm(request.POST)
    if form.is_valid():
        services.layer_decide(actor=request.user, startup=startup, layer=form.cleaned_data["layer"] or None)
        messages.success(request, _("Layer saved."))
    return redirect("scoring:scorecard", pk=startup.pk)


def screen(request):
    form = ScreenForm(request.POST or None)
    context = {"form": form, "can_create": can_create_deal(request.user)}
    if request.method == "POST" and form.is_valid():
        profile = engine.Profile(**form.cleaned_data)
        data = engine.score(profile, {}, version_spec(active_version()), lang=selectors.ui_language()).to_dict()
        reasons = selectors.all_reasons(data)
        context |= {
            "card": data,
            "one_liner_segments": selectors.highlight(profile.one_liner, "one_liner", reasons),
            "description_segments": selectors.highlight(profile.description, "description", reasons),
            "layer_labels": selectors.layer_labels(),
            "criteria_labels": selectors.criteria_labels(None),
        }
    template = "scoring/screen_page.html#screen" if request.htmx else "scoring/screen_page.html"
    return render(request, template, context)


@require_POST
def screen_save(request):
    if not can_create_deal(request.user):
        raise PermissionDenied
    form = ScreenForm(request.POST)
    if not form.is_valid():
        template = "scoring/screen_page.html#screen" if request.htmx else "scoring/screen_page.html"
        return render(request, template, {"form": form, "can_create": True}, status=200 if request.htmx else 422)
    startup = startup_create(actor=request.user, data=form.cleaned_data)
    messages.success(request, _("%(name)s was added and scored.") % {"name": startup.name})
    url = reverse("startups:detail", args=[startup.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def version_preview(request, pk):
    if not can_edit_thesis(request.user):
        raise PermissionDenied
    version = get_object_or_404(version_queryset(), pk=pk)
    context = {"version": version, "rows": selectors.ranking_preview(user=request.user, version=version), "layer_labels": selectors.layer_labels()}
    template = "scoring/version_preview.html#preview" if request.htmx else "scoring/version_preview.html"
    return render(request, template, context)


def _job_context(request, job):
    finished = job.status in (RescoreJob.Status.DONE, RescoreJob.Status.FAILED)
    movers = selectors.job_movers(user=request.user, job=job) if job.status == RescoreJob.Status.DONE else []
    return {"job": job, "finished": finished, "movers": movers, "criteria_labels": selectors.criteria_labels(job.thesis_version)}


def job_detail(request, pk):
    job = get_object_or_404(RescoreJob.objects.select_related("thesis_version__thesis", "previous_version"), pk=pk)
    if not can_see_job(request.user, job):
        log_event("denied", obj=job, reason="not_visible")
        raise Http404  # someone else's job does not exist for this user
    template = "scoring/job_detail.html#progress" if request.htmx else "scoring/job_detail.html"
    return render(request, template, _job_context(request, job))


def version_job(request, pk):
    """The newest rescoring job of a thesis version that the user may see, as a progress panel (or nothing)."""
    jobs = visible_jobs(request.user, RescoreJob.objects.filter(thesis_version_id=pk))
    job = jobs.select_related("thesis_version__thesis", "previous_version").first()
    template = "scoring/job_detail.html#progress" if request.htmx else "scoring/job_detail.html"
    return render(request, template, _job_context(request, job) if job else {"job": None})


@require_POST
def version_whatif(request, pk):
    """Live ranking while a partner drags the draft's weight and multiplier sliders."""
    if not can_edit_thesis(request.user):
        raise PermissionDenied
    draft = get_object_or_404(version_queryset(), pk=pk)
    criteria = {str(c.pk): c for c in draft.criteria.all()}
    fits = {str(f.pk): f.layer for f in draft.layer_fits.all()}
    weights, multipliers = {}, {}
    for i in range(min(int(request.POST.get("criteria-TOTAL_FORMS") or 0), 50)):
        criterion = criteria.get(request.POST.get(f"criteria-{i}-id", ""))
        if criterion and not request.POST.get(f"criteria-{i}-retired"):
            weights[criterion.key] = _number(request.POST.get(f"criteria-{i}-weight"), criterion.weight)
    for i in range(min(int(request.POST.get("fits-TOTAL_FORMS") or 0), 20)):
        layer = fits.get(request.POST.get(f"fits-{i}-id", ""))
        if layer:
            multipliers[layer] = _number(request.POST.get(f"fits-{i}-multiplier"), 1.0)
    active = active_version()
    directions = {c.key: c.direction for c in active.criteria.all() if not c.retired}
    rows = selectors.whatif_ranking(user=request.user, version=active, weights=weights, multipliers=multipliers, directions=directions)
    return render(request, "scoring/version_preview.html#whatif", {"rows": rows, "layer_labels": selectors.layer_labels(), "version": draft})


def _number(value, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default
