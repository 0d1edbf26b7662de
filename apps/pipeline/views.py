from functools import cache

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import localize
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.permissions import MOVE, can_vote_ic, get_deal_or_404
from apps.accounts.security import rate_limited, searching
from apps.startups.models import FundingStage, PipelineStage
from apps.startups.selectors import startup_queryset
from apps.startups.services import stage_change
from apps.startups.stages import GateClosed
from apps.theses.models import Direction, Layer
from apps.theses.selectors import active_version

from . import selectors, services
from .forms import ICDecisionForm, ICVoteForm, PipelineFilterForm, SavedViewForm, StageMoveForm

PAGE_SIZE = 50
NO_SCORE = ("", "", "", None)  # a criterion cell without a score: (bar class, title, width, number)


@rate_limited("search", when=searching)
def pipeline_table(request):
    version = active_version()
    criteria = [c for c in version.criteria.all() if not c.retired]
    form = PipelineFilterForm(request.GET, criteria=criteria)
    filters = form.filters()
    table = selectors.pipeline_table(user=request.user, version=version, filters=filters)
    page = selectors.PipelinePaginator(table, PAGE_SIZE).get_page(request.GET.get("page"))
    _dress_rows(page.object_list, criteria)
    query = request.GET.copy()
    query.pop("page", None)
    sortless = query.copy()
    sortless.pop("sort", None)
    context = {
        "page": page, "form": form, "criteria": criteria, "sort": filters.sort, "query": query.urlencode(),
        "sortless": sortless.urlencode(), "version": version, "saved_views": selectors.saved_views(user=request.user),
        "save_form": SavedViewForm(initial={"query": query.urlencode()}),
    }
    template = "pipeline/pipeline_table.html#table" if request.htmx else "pipeline/pipeline_table.html"
    return render(request, template, context)


def _dress_rows(startups, criteria) -> None:
    """Work out once per page, in Python, what each table row prints: its link, tag names,
    labels, the whole-number total and, per criterion, the bar's class, title, width and number.
    The template then only prints them, instead of a url tag, a filter, a choice lookup and
    floatformat per row and cell (the bulk of its rendering time); same output as before."""
    layers = {key: str(label) for key, label in Layer.choices}
    pipeline_stages = {key: str(label) for key, label in PipelineStage.choices}
    funding_stages = {key: str(label) for key, label in FundingStage.choices}
    whole, width = cache(lambda value: floatformat(value, 0)), cache(localize)  # as {{ value|floatformat:0 }} and {{ value }}
    columns = [(f"score_{c.key}", f"{c.label}: ", "bar-worse" if c.direction == Direction.HIGHER_IS_WORSE else "") for c in criteria]
    for startup in startups:
        startup.url = reverse("startups:detail", args=[startup.pk])
        startup.tag_names = [tag.name for tag in startup.tags.all()]
        startup.layer_label = layers.get(startup.card_layer, startup.card_layer)
        startup.total_shown = None if startup.card_total is None else whole(startup.card_total)
        startup.cells = [
            NO_SCORE if (value := getattr(startup, attribute)) is None else (bar, title + whole(value), width(value), whole(value))
            for attribute, title, bar in columns
        ]
        startup.pipeline_stage_label = pipeline_stages.get(startup.pipeline_stage, startup.pipeline_stage)
        startup.stage_label = funding_stages.get(startup.stage, startup.stage)


@require_POST
def saved_view_create(request):
    form = SavedViewForm(request.POST)
    if form.is_valid():
        view = services.saved_view_save(user=request.user, **form.cleaned_data)
        messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
        return redirect(f"{reverse('pipeline:table')}?{view.query}")
    messages.error(request, _("Give the view a name."))
    return redirect("pipeline:table")


@require_POST
def saved_view_delete(request, pk):
    services.saved_view_delete(user=request.user, pk=pk)
    return redirect("pipeline:table")


def board(request):
    counts = selectors.board_counts(user=request.user)
    columns = [{"stage": value, "label": label, "count": counts.get(value, 0)} for value, label in PipelineStage.choices]
    return render(request, "pipeline/board.html", {"columns": columns, "stages": PipelineStage.choices})


def board_column(request, stage):
    if stage not in PipelineStage.values:
        raise Http404
    cards = selectors.board_cards(user=request.user, version=active_version(), stage=stage)
    context = {"stage": stage, "label": PipelineStage(stage).label, "cards": cards, "stages": PipelineStage.choices,
               "layer_labels": dict(Layer.choices), "count": selectors.board_counts(user=request.user).get(stage, 0)}
    template = "pipeline/board_column.html#column" if request.htmx else "pipeline/board_column.html"
    return render(request, template, context)


@require_POST
def stage_move(request, pk):
    startup = get_deal_or_404(request.user, startup_queryset(user=request.user), pk, MOVE)
    form = StageMoveForm(request.POST)
    if not form.is_valid():
        return _board_answer(request, " ".join(error for errors in form.errors.values() for error in errors), ok=False)
    stage = form.cleaned_data["to_stage"]
    try:
        stage_change(actor=request.user, startup=startup, to_stage=stage, reason=form.cleaned_data["reason"])
    except GateClosed as closed:
        return _board_answer(request, _("%(name)s cannot move to %(stage)s yet: it needs %(missing)s.") % {
            "name": startup.name, "stage": PipelineStage(stage).label, "missing": ", ".join(closed.missing)}, ok=False)
    return _board_answer(request, _("%(name)s moved to %(stage)s.") % {"name": startup.name, "stage": PipelineStage(stage).label}, ok=True)


def _board_answer(request, text, ok):
    if not request.htmx:
        (messages.success if ok else messages.error)(request, text)
        return redirect("pipeline:board")
    response = render(request, "pipeline/board.html#message", {"text": text, "ok": ok})
    if ok:
        response["HX-Trigger"] = "board-changed"
    return response


def compare(request):
    ids = [int(value) for value in request.GET.getlist("startups") if value.isdigit()]
    version = active_version()
    columns = selectors.compare(user=request.user, ids=ids, version=version)
    criteria = [c for c in version.criteria.all() if not c.retired]
    return render(request, "pipeline/compare.html", {"columns": columns, "criteria": criteria, "layer_labels": dict(Layer.choices), "asked": len(ids)})


def dashboard(request):
    return render(request, "pipeline/dashboard.html", selectors.dashboard(user=request.user, version=active_version()))


def ic_review(request, pk):
    startup = get_deal_or_404(request.user, startup_queryset(user=request.user), pk)
    version = active_version()
    criteria = [c for c in version.criteria.all() if not c.retired]
    voter = can_vote_ic(request.user)
    form = ICVoteForm(request.POST or None, criteria=criteria)
    status = 200
    if request.method == "POST":
        if not voter:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.ic_vote_submit(actor=request.user, startup=startup, scores=form.scores(), vote=form.cleaned_data["vote"], comment=form.cleaned_data["comment"])
            except services.AlreadyVoted:
                status = 409  # a second entry (or two submits at once): the first one stands
                messages.error(request, _("You have already submitted your entry; it was kept as it was."))
            else:
                return redirect("pipeline:ic", pk=startup.pk)
    context = {"startup": startup, "form": form, "voter": voter, "decision_form": ICDecisionForm(),
               "summary": selectors.ic_summary(startup=startup, user=request.user, version=version)}
    return render(request, "pipeline/ic_review.html", context, status=422 if form.errors else status)


@require_POST
def ic_decide(request, pk):
    startup = get_deal_or_404(request.user, startup_queryset(user=request.user), pk)
    if not can_vote_ic(request.user):
        raise PermissionDenied
    form = ICDecisionForm(request.POST)
    if form.is_valid():
        services.ic_decide(actor=request.user, startup=startup, **form.cleaned_data)
        messages.success(request, _("Decision recorded."))
    return redirect("pipeline:ic", pk=startup.pk)
