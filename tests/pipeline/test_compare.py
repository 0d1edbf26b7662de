from django.urls import reverse

from apps.scoring.services import rescore_startups
from apps.theses.selectors import active_version
from tests.conftest import login
from tests.factories import StartupFactory


def test_compare_side_by_side(client, analyst, outsider, secret_startup):
    a = StartupFactory(owner=analyst, name="Agentic", description="Books and pays across travel sites for the user.")
    b = StartupFactory(owner=analyst, name="Wrapper", description="Calls the OpenAI API to write ad copy.")
    rescore_startups(startup_ids=[a.pk, b.pk, secret_startup.pk], version=active_version())
    login(client, analyst)
    page = client.get(reverse("pipeline:compare"), {"startups": [b.pk, a.pk]}).content.decode()
    assert page.index("Wrapper") < page.index("Agentic")  # in the order chosen
    assert "Data moat" in page and "UX-arbitrage risk" in page and "mini-bar" in page
    login(client, outsider)
    page = client.get(reverse("pipeline:compare"), {"startups": [a.pk, secret_startup.pk]}).content.decode()
    assert "Project Falcon" not in page and "Select two to four" in page
