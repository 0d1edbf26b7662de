from django.urls import reverse

from apps.scoring.models import EvidenceAnswer
from apps.startups.models import Startup
from apps.startups.services import startup_create
from tests.conftest import login

WRITE_UP = "Web app that writes ad copy by calling the OpenAI API. Built in two weeks; no paying customers yet."


def test_scorecard_panel_highlights_evidence(client, analyst, committed):
    with committed():
        startup = startup_create(actor=analyst, data={"name": "Copybot", "description": WRITE_UP})
    login(client, analyst)
    page = client.get(reverse("scoring:scorecard", args=[startup.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and "<mark" in body and "Data moat" in body
    partial = client.get(reverse("scoring:scorecard", args=[startup.pk]), HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and b'id="scorecard-panel"' in partial.content


def test_scorecard_panel_in_korean(client, analyst, committed):
    with committed():
        startup = startup_create(actor=analyst, data={"name": "카피봇", "description": "외부 API로 광고 문구를 만든다. 유료 고객은 없다."})
    login(client, analyst)
    body = client.get(reverse("scoring:scorecard", args=[startup.pk]), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "데이터 해자" in body


def test_outsider_cannot_see_scorecard_or_answer(client, outsider, secret_startup):
    login(client, outsider)
    assert client.get(reverse("scoring:scorecard", args=[secret_startup.pk])).status_code == 404
    assert client.post(reverse("scoring:evidence", args=[secret_startup.pk]), {"q_dm_flywheel": "yes"}).status_code == 404
    assert client.post(reverse("scoring:layer", args=[secret_startup.pk]), {"layer": "middle_layer"}).status_code == 404


def test_partner_reads_but_does_not_answer(client, partner, analyst, committed):
    with committed():
        startup = startup_create(actor=analyst, data={"name": "Copybot", "description": WRITE_UP})
    login(client, partner)
    assert client.get(reverse("scoring:scorecard", args=[startup.pk])).status_code == 200
    assert client.post(reverse("scoring:evidence", args=[startup.pk]), {"q_dm_flywheel": "yes"}).status_code == 403


def test_evidence_form_prefills_and_saves(client, analyst, committed):
    with committed():
        startup = startup_create(actor=analyst, data={"name": "Copybot", "description": WRITE_UP})
    login(client, analyst)
    form = client.get(reverse("scoring:evidence", args=[startup.pk])).content.decode()
    assert "Suggested" in form
    with committed():
        response = client.post(reverse("scoring:evidence", args=[startup.pk]), {"q_ux_thin_api_layer": "yes", "j_ux_thin_api_layer": "Calls the OpenAI API"})
    assert response.status_code == 302
    assert EvidenceAnswer.objects.get(startup=startup).answered_by == analyst


def test_screen_page_scores_in_place_and_saves(client, analyst, committed):
    login(client, analyst)
    assert client.get(reverse("scoring:screen")).status_code == 200
    partial = client.post(reverse("scoring:screen"), {"name": "Copybot", "description": WRITE_UP}, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert "<html" not in body and "<mark" in body
    assert not Startup.objects.exists()
    with committed():
        saved = client.post(reverse("scoring:screen_save"), {"name": "Copybot", "description": WRITE_UP}, HTTP_HX_REQUEST="true")
    assert saved["HX-Redirect"].startswith("/startups/")
    assert Startup.objects.get().scorecards.count() == 1


def test_screen_page_shows_errors_in_place(client, analyst):
    login(client, analyst)
    partial = client.post(reverse("scoring:screen"), {"name": "", "country": "Korea"}, HTTP_HX_REQUEST="true")
    assert "This field is required." in partial.content.decode()


def test_score_history_chart_on_the_scorecard(client, analyst, committed):
    from apps.startups.services import startup_update

    with committed():
        startup = startup_create(actor=analyst, data={"name": "Copybot", "description": WRITE_UP})
    with committed():
        startup_update(actor=analyst, startup=startup, version=1, data={"description": "Trains its own models on exclusive hospital data."})
    login(client, analyst)
    body = client.get(reverse("scoring:scorecard", args=[startup.pk])).content.decode()
    assert "Score history" in body and "<polyline" in body and body.count("<circle") == 2


def test_screen_save_keeps_names_that_grow_under_normalisation(client, analyst, committed):
    """Probe 4: saving "ﷺ" * 200 from the Screen page was a 500."""
    login(client, analyst)
    with committed():
        saved = client.post(reverse("scoring:screen_save"), {"name": "ﷺ" * 200, "description": WRITE_UP})
    assert saved.status_code == 302 and Startup.objects.get().name == "ﷺ" * 200
