from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.theses.models import Layer
from apps.theses.selectors import active_version

from . import selectors, services
from .forms import PipelineFilterForm, SavedViewForm

PAGE_SIZE = 50


def pipeline_table(request):
    version = active_version()
    criteria = [c for c in version.criteria.all() if not c.retired]
    form = PipelineFilterForm(request.GET, criteria=criteria)
    filters = form.filters()
    page = Paginator(selectors.pipeline_table(user=request.user, version=version, filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    sortless = query.copy()
    sortless.pop("sort", None)
    context = {
        "page": page, "form": form, "criteria": criteria, "sort": filters.sort, "query": query.urlencode(),
        "sortless": sortless.urlencode(), "version": version, "saved_views": selectors.saved_views(user=request.user),
        "save_form": SavedViewForm(initial={"query": query.urlencode()}), "layer_labels": dict(Layer.choices),
    }
    template = "pipeline/pipeline_table.html#table" if request.htmx else "pipeline/pipeline_table.html"
    return render(request, template, context)


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
