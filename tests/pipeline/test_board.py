"""The board: lazy columns with counts, moves by form or drag, gates from settings, a logged trail."""
from django.urls import reverse

from apps.memos.services import memo_save
from apps.startups.models import StageTransition
from apps.scoring.services import layer_decide
from apps.startups.models import ChangeRecord, Startup
from apps.startups.services import startup_create
from tests.conftest import login


def test_board_counts_and_lazy_columns(client, partner, analyst, startup):
    login(client, partner)
    page = client.get(reverse("pipeline:board")).content.decode()
    assert 'hx-get="/pipeline/board/sourced/"' in page and "Show cards" in page
    column = client.get(reverse("pipeline:column", args=["sourced"]), HTTP_HX_REQUEST="true").content.decode()
    assert "Open Deal" in column and "<html" not in column
    assert client.get(reverse("pipeline:column", args=["nowhere"])).status_code == 404


def test_partner_moves_a_card_and_the_move_is_logged(client, partner, startup):
    login(client, partner)
    response = client.post(reverse("pipeline:move", args=[startup.pk]), {"to_stage": "screening"}, HTTP_HX_REQUEST="true")
    assert response["HX-Trigger"] == "board-changed" and b"moved to Screening" in response.content
    startup.refresh_from_db()
    assert startup.pipeline_stage == "screening" and startup.version == 2
    move = StageTransition.objects.get()
    assert (move.from_stage, move.to_stage, move.actor) == ("sourced", "screening", partner)
    assert ChangeRecord.objects.filter(startup=startup, field="pipeline_stage", new="screening").exists()


def test_gates_say_what_is_missing(client, analyst, committed):
    with committed():
        startup = startup_create(actor=analyst, data={"name": "Gated", "description": "Trains its own models."})
    login(client, analyst)
    url = reverse("pipeline:move", args=[startup.pk])
    blocked = client.post(url, {"to_stage": "ic"}, HTTP_HX_REQUEST="true").content.decode()
    assert "an analyst-confirmed layer" in blocked and "a saved memo draft" in blocked and "a current scorecard" not in blocked
    assert Startup.objects.get(pk=startup.pk).pipeline_stage == "sourced"
    with committed():
        layer_decide(actor=analyst, startup=startup, layer="ai_application")
    memo_save(actor=analyst, startup=startup, body="# Memo", version=0, lang="en")
    client.post(url, {"to_stage": "ic"})
    assert Startup.objects.get(pk=startup.pk).pipeline_stage == "ic"
    no_reason = client.post(url, {"to_stage": "passed"}, HTTP_HX_REQUEST="true").content.decode()
    assert "a reason" in no_reason
    client.post(url, {"to_stage": "passed", "reason": "Thin wrapper, no data"})
    assert StageTransition.objects.get(to_stage="passed").reason == "Thin wrapper, no data"


def test_gates_are_configuration(client, analyst, startup, settings):
    settings.STAGE_GATES = {"screening": ["reason"]}
    login(client, analyst)
    client.post(reverse("pipeline:move", args=[startup.pk]), {"to_stage": "screening"})
    assert Startup.objects.get(pk=startup.pk).pipeline_stage == "sourced"


def test_outsider_cannot_move_confidential(client, outsider, secret_startup):
    login(client, outsider)
    assert client.post(reverse("pipeline:move", args=[secret_startup.pk]), {"to_stage": "ic"}).status_code == 404
    assert "Project Falcon" not in client.get(reverse("pipeline:column", args=["sourced"])).content.decode()
