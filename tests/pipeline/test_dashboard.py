from django.urls import reverse

from apps.pipeline.selectors import dashboard
from apps.scoring.services import rescore_startups
from apps.theses.selectors import active_version
from tests.conftest import login
from tests.factories import StartupFactory


def test_dashboard_figures(client, analyst, outsider, secret_startup):
    a = StartupFactory(owner=analyst, pipeline_stage="ic", description="Books and pays across travel sites for the user.")
    b = StartupFactory(owner=analyst, pipeline_stage="sourced", description="Calls the OpenAI API to write ad copy.")
    rescore_startups(startup_ids=[a.pk, b.pk, secret_startup.pk], version=active_version())
    figures = dashboard(user=outsider, version=active_version())
    assert figures["total"] == 2  # the confidential deal is not counted for an outsider
    funnel = {step["stage"]: step["count"] for step in figures["funnel"]}
    assert funnel["sourced"] == 2 and funnel["meeting"] == 1 and funnel["ic"] == 1 and funnel["invested"] == 0
    layers = {layer["key"]: layer for layer in figures["layers"]}
    assert sum(layer["count"] for layer in layers.values()) == 2
    assert sum(bin["count"] for bin in figures["histogram"]) == 2
    login(client, analyst)
    page = client.get(reverse("pipeline:dashboard"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "<svg" in page and "깔때기" in page
