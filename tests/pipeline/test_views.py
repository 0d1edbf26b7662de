"""The scored pipeline table: filters in the URL, sort by any column, constant queries."""
from django.urls import reverse

from apps.pipeline.models import SavedView
from apps.scoring.services import rescore_startups
from apps.theses.selectors import active_version
from tests.conftest import login
from tests.factories import StartupFactory

AGENT = "Books and pays across travel sites for the user, before they ask."
WRAPPER = "A web app that calls the OpenAI API to write ad copy; built in two weeks; no paying customers."


def make(owner, n, **fields):
    startups = [StartupFactory(owner=owner, **fields) for _ in range(n)]
    rescore_startups(startup_ids=[s.pk for s in startups], version=active_version())
    return startups


def test_table_sorts_by_total_and_by_a_criterion(client, analyst):
    make(analyst, 1, name="Agentic", description=AGENT)
    make(analyst, 1, name="Wrapper", description=WRAPPER)
    login(client, analyst)
    rows = list(client.get(reverse("pipeline:table"), {"sort": "-total"}).context["page"])
    assert [s.name for s in rows] == ["Agentic", "Wrapper"] and rows[0].card_total > rows[1].card_total
    rows = list(client.get(reverse("pipeline:table"), {"sort": "-ux_arbitrage_risk"}).context["page"])
    assert rows[0].name == "Wrapper"
    rows = list(client.get(reverse("pipeline:table"), {"sort": "name"}).context["page"])
    assert [s.name for s in rows] == ["Agentic", "Wrapper"]


def test_filters_by_layer_score_range_and_more(client, analyst):
    make(analyst, 1, name="Agentic", description=AGENT, country="KR")
    make(analyst, 1, name="Wrapper", description=WRAPPER, country="US")
    login(client, analyst)
    names = lambda params: [s.name for s in client.get(reverse("pipeline:table"), params).context["page"]]  # noqa: E731
    assert names({"layer": "second_generation"}) == ["Agentic"]
    assert names({"criterion": "ux_arbitrage_risk", "min_score": 60}) == ["Wrapper"]
    assert names({"country": "kr"}) == ["Agentic"]
    assert names({"min_total": 99}) == []
    assert names({"min_total": "not a number"}) == names({})  # a mistyped filter is ignored
    partial = client.get(reverse("pipeline:table"), {"layer": "second_generation"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and b"Agentic" in partial.content


def test_confidential_deals_stay_hidden(client, outsider, secret_startup):
    rescore_startups(startup_ids=[secret_startup.pk], version=active_version())
    login(client, outsider)
    assert "Project Falcon" not in client.get(reverse("pipeline:table")).content.decode()


def test_constant_queries_at_two_sizes(client, analyst, django_assert_max_num_queries):
    make(analyst, 3, description=AGENT)
    login(client, analyst)
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("pipeline:table"))
    make(analyst, 60, description=WRAPPER)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("pipeline:table"))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("pipeline:table"), HTTP_HX_REQUEST="true")


def test_saved_views(client, analyst, partner):
    login(client, analyst)
    response = client.post(reverse("pipeline:view_create"), {"name": "Korean agents", "query": "layer=second_generation&country=KR"})
    assert response.url == reverse("pipeline:table") + "?layer=second_generation&country=KR"
    assert "Korean agents" in client.get(reverse("pipeline:table")).content.decode()
    login(client, partner)
    assert "Korean agents" not in client.get(reverse("pipeline:table")).content.decode()
    client.post(reverse("pipeline:view_delete", args=[SavedView.objects.get().pk]))
    assert SavedView.objects.exists()  # not partner's to delete
