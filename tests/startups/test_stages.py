"""One path for stage changes: the board, the edit form, the API and imports all pass the gate
of the stage they enter and log the move (probe 3: the API and the form skipped both)."""
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from apps.memos.services import memo_save
from apps.scoring.services import layer_decide
from apps.startups import stages
from apps.startups.models import StageTransition, Startup
from apps.startups.services import startup_create
from tests.conftest import login
from tests.factories import StartupFactory

LIST = "/api/v1/startups/"


def test_every_gate_check_in_the_settings_is_registered(settings):
    assert {name for names in settings.STAGE_GATES.values() for name in names} <= set(stages.CHECKS)
    assert {"layer_confirmed", "current_scorecard", "memo_draft", "reason"} <= set(stages.CHECKS)


@pytest.mark.parametrize("stage", ["ic", "term_sheet", "passed"])
def test_api_patch_into_a_closed_gate_is_409_naming_what_is_missing(api, analyst, startup, stage):
    api.force_authenticate(analyst)
    response = api.patch(f"{LIST}{startup.pk}/", {"pipeline_stage": stage, "version": 1}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["missing"] and all(item in body["detail"] for item in body["missing"])
    startup.refresh_from_db()
    assert (startup.pipeline_stage, startup.version) == ("sourced", 1) and not StageTransition.objects.exists()


def test_api_create_into_a_closed_gate_is_409_and_creates_nothing(api, analyst):
    api.force_authenticate(analyst)
    response = api.post(LIST, {"name": "Straight to term sheet", "pipeline_stage": "term_sheet"}, format="json")
    assert response.status_code == 409 and "a saved memo draft" in response.json()["missing"]
    assert not Startup.objects.exists() and not StageTransition.objects.exists()


def test_api_moves_that_pass_are_logged_like_board_moves(api, analyst, startup):
    api.force_authenticate(analyst)
    moved = api.patch(f"{LIST}{startup.pk}/", {"pipeline_stage": "invested", "version": 1}, format="json")
    assert moved.status_code == 200
    passed = api.patch(f"{LIST}{startup.pk}/", {"pipeline_stage": "passed", "stage_reason": "No moat", "version": 2}, format="json")
    assert passed.status_code == 200 and "stage_reason" not in passed.json()
    moves = list(StageTransition.objects.order_by("at", "id").values_list("from_stage", "to_stage", "reason", "actor"))
    assert moves == [("sourced", "invested", "", analyst.pk), ("invested", "passed", "No moat", analyst.pk)]
    created = api.post(LIST, {"name": "Met at a fair", "pipeline_stage": "meeting"}, format="json")
    assert created.status_code == 201
    assert StageTransition.objects.filter(startup_id=created.json()["id"], from_stage="", to_stage="meeting").exists()


def test_api_move_into_ic_once_the_gate_is_met(api, analyst, committed):
    with committed():
        startup = startup_create(actor=analyst, data={"name": "Ready", "description": "Trains its own models."})
        layer_decide(actor=analyst, startup=startup, layer="ai_application")
    memo_save(actor=analyst, startup=startup, body="# Memo", version=0, lang="en")
    api.force_authenticate(analyst)
    response = api.patch(f"{LIST}{startup.pk}/", {"pipeline_stage": "ic", "version": Startup.objects.get(pk=startup.pk).version}, format="json")
    assert response.status_code == 200 and StageTransition.objects.get().to_stage == "ic"


def test_edit_form_refuses_a_closed_gate_in_place(client, analyst, startup):
    login(client, analyst)
    form = {"name": startup.name, "website": "", "one_liner": "", "description": "", "country": "KR", "stage": "seed",
            "pipeline_stage": "ic", "sector": "", "tags": "", "round_size": "", "pre_money_valuation": "", "currency": "",
            "source": "", "version": 1, "owner": analyst.pk, "founders-TOTAL_FORMS": "0", "founders-INITIAL_FORMS": "0",
            "founders-MIN_NUM_FORMS": "0", "founders-MAX_NUM_FORMS": "20"}
    response = client.post(reverse("startups:edit", args=[startup.pk]), form)
    assert response.status_code == 422 and "It cannot move to IC yet: it needs" in response.content.decode()
    assert Startup.objects.get(pk=startup.pk).pipeline_stage == "sourced" and not StageTransition.objects.exists()
    created = client.post(reverse("startups:create"), form | {"name": "New at IC"})
    assert created.status_code == 422 and not Startup.objects.filter(name="New at IC").exists()
    passed = client.post(reverse("startups:edit", args=[startup.pk]), form | {"pipeline_stage": "passed", "stage_reason": "Too early"})
    assert passed.status_code == 302 and StageTransition.objects.get().reason == "Too early"


def test_board_reason_is_bounded(client, analyst, startup):
    login(client, analyst)
    client.post(reverse("pipeline:move", args=[startup.pk]), {"to_stage": "passed", "reason": "x" * 2_000_000})
    assert Startup.objects.get(pk=startup.pk).pipeline_stage == "sourced" and not StageTransition.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_moving_the_transition_model_keeps_its_rows(django_user_model):
    """pipeline.StageTransition became startups.StageTransition: the rows come along."""
    executor = MigrationExecutor(connection)
    old = [("pipeline", "0003_ic_review"), ("startups", "0007_merge_record")]
    executor.migrate(old)
    state = executor.loader.project_state(old).apps
    user = django_user_model.objects.create(username="mover")  # accounts stays migrated
    startup = state.get_model("startups", "Startup").objects.create(name="Kept", owner_id=user.pk, version=1)
    state.get_model("pipeline", "StageTransition").objects.create(startup_id=startup.pk, from_stage="sourced", to_stage="meeting", reason="kept", actor_id=user.pk)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert list(StageTransition.objects.values_list("startup__name", "to_stage", "reason")) == [("Kept", "meeting", "kept")]
    assert StartupFactory(name="After").stage_transitions.count() == 0
