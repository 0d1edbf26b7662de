import pytest

from apps.scoring.models import Scorecard
from apps.startups.models import Startup
from apps.startups.services import startup_create

SCREEN = "/api/v1/screen/"
PROFILE = {
    "name": "Pantry Pilot",
    "one_liner": "Groceries ordered before you run out",
    "description": "Watches what a household uses, predicts when staples run low and places the order with the "
                   "cheapest store itself, paying and booking delivery without being asked.",
    "country": "kr",
    "stage": "seed",
}


def test_screen_scores_and_stores_nothing(api, analyst):
    api.force_authenticate(analyst)
    response = api.post(SCREEN, PROFILE, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert set(body) == {"thesis", "engine_version", "layer", "criteria", "total", "coverage"}
    assert body["thesis"]["name"] == "Generative AI 2023" and body["thesis"]["version"] == 1
    assert body["layer"]["key"] in {"foundation_model", "middle_layer", "ai_hardware", "ai_application", "software_plus_ai", "second_generation"}
    for criterion in body["criteria"]:
        assert 0 <= criterion["score"] <= 100
        assert criterion["direction"] in ("higher_is_better", "higher_is_worse")
        for reason in criterion["reasons"]:
            assert reason["source"] in ("text", "answer")
            if reason["source"] == "text" and "start" in reason:
                assert PROFILE[reason["field"]][reason["start"]:reason["end"]] == reason["evidence"]
    assert not Startup.objects.exists() and not Scorecard.objects.exists()


def test_screen_in_korean(api, analyst):
    api.force_authenticate(analyst)
    body = api.post(SCREEN, PROFILE, format="json", HTTP_ACCEPT_LANGUAGE="ko").json()
    texts = [r["text"] for c in body["criteria"] for r in c["reasons"]]
    assert any(any("\uac00" <= ch <= "\ud7a3" for ch in text) for text in texts)


def test_screen_answers_change_the_score(api, analyst):
    api.force_authenticate(analyst)
    plain = api.post(SCREEN, PROFILE, format="json").json()
    answered = api.post(SCREEN, {**PROFILE, "evidence": {"dm_proprietary_data": "yes"}}, format="json").json()
    moat = lambda body: next(c["score"] for c in body["criteria"] if c["key"] == "data_moat")  # noqa: E731
    assert moat(answered) > moat(plain)


@pytest.mark.parametrize(
    "change, field",
    [({"name": ""}, "name"), ({"stage": "series_z"}, "stage"), ({"country": "KOR"}, "country"),
     ({"website": "nope"}, "website"), ({"evidence": {"no_such_question": "yes"}}, "evidence"),
     ({"evidence": {"dm_proprietary_data": "maybe"}}, "evidence")],
)
def test_screen_rejects_bad_input_naming_the_field(api, analyst, change, field):
    api.force_authenticate(analyst)
    response = api.post(SCREEN, {**PROFILE, **change}, format="json")
    assert response.status_code == 400 and field in response.json()


def test_screen_needs_login(api):
    assert api.post(SCREEN, PROFILE, format="json").status_code == 401


def test_scorecard_endpoint(api, analyst, outsider, secret_startup, committed):
    with committed():
        startup = startup_create(actor=analyst, data={"name": "Loop", "description": "Trains its own models."})
    api.force_authenticate(analyst)
    body = api.get(f"/api/v1/startups/{startup.pk}/scorecard/").json()
    assert body["status"] == "current" and body["computed_at"] and body["criteria"]
    api.force_authenticate(outsider)
    assert api.get(f"/api/v1/startups/{secret_startup.pk}/scorecard/").status_code == 404


def test_scorecard_pending_when_none_yet(api, analyst, startup):
    api.force_authenticate(analyst)
    body = api.get(f"/api/v1/startups/{startup.pk}/scorecard/").json()  # factory rows skip the service
    assert body["status"] == "pending" and body["criteria"] == [] and body["layer"] is None
