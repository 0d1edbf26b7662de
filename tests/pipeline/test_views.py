"""The scored pipeline table: filters in the URL, sort by any column, constant queries."""
from django.urls import reverse

from apps.pipeline import selectors
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


def test_constant_queries_on_a_page_of_unscored_startups(client, analyst, django_assert_max_num_queries):
    make(analyst, 2, description=AGENT)
    StartupFactory.create_batch(2, owner=analyst)  # not scored yet: sorted last
    login(client, analyst)
    with django_assert_max_num_queries(30) as small:
        assert client.get(reverse("pipeline:table"), {"page": "last"}).context["page"][-1].card_total is None
    make(analyst, 60, description=WRAPPER)
    StartupFactory.create_batch(60, owner=analyst)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("pipeline:table"), {"page": 2}).context["page"]
    assert [s.card_total is None for s in page] == [False] * 12 + [True] * 38


def test_pages_read_only_their_rows_yet_match_one_sorted_query(client, analyst, outsider, secret_startup):
    """The paginator picks each page's rows by a narrow sub-select (by total: from the index, the
    unscored startups last, read from the end); page after page it must give exactly the rows of
    the plain sorted queryset, and never a confidential deal the user may not see."""
    make(analyst, 4, description=AGENT)  # equal totals: ties break by id
    make(analyst, 3, description=WRAPPER)
    make(analyst, 1, description=AGENT, confidential=True)
    unscored = [StartupFactory(owner=analyst, confidential=n == 0) for n in range(4)]
    rescore_startups(startup_ids=[secret_startup.pk], version=active_version())
    for user in (analyst, outsider):
        for sort in ("-total", "total", "-ux_arbitrage_risk", "name"):
            table = selectors.pipeline_table(user=user, version=active_version(), filters=selectors.PipelineFilters(sort=sort))
            expected = [s.pk for s in table]
            assert len(expected) == (13 if user == analyst else 10)
            if sort == "-total":
                assert expected[-len(unscored) + (user == outsider):] == [s.pk for s in unscored if user == analyst or not s.confidential]
            for per_page in (1, 3, 5, 50):
                paginator = selectors.PipelinePaginator(table, per_page)
                pages = [paginator.page(number) for number in paginator.page_range]
                assert [s.pk for page in pages for s in page] == expected, (user, sort, per_page)
    login(client, analyst)
    rows = list(client.get(reverse("pipeline:table"), {"sort": "-total"}).context["page"])
    assert [s.card_total is None for s in rows] == [False] * 9 + [True] * 4 and "Project Falcon" in [s.name for s in rows]


def test_saved_views(client, analyst, partner):
    login(client, analyst)
    response = client.post(reverse("pipeline:view_create"), {"name": "Korean agents", "query": "layer=second_generation&country=KR"})
    assert response.url == reverse("pipeline:table") + "?layer=second_generation&country=KR"
    assert "Korean agents" in client.get(reverse("pipeline:table")).content.decode()
    login(client, partner)
    assert "Korean agents" not in client.get(reverse("pipeline:table")).content.decode()
    client.post(reverse("pipeline:view_delete", args=[SavedView.objects.get().pk]))
    assert SavedView.objects.exists()  # not partner's to delete
