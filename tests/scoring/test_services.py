from apps.scoring import services
from apps.scoring.models import EvidenceAnswer, Scorecard, ScoreHistory
from apps.startups.services import startup_create, startup_update
from apps.theses.selectors import active_version


def _create(analyst, committed, **fields):
    data = {"name": "Loop AI", "one_liner": "Chat assistant", "description": "A web app on a third-party LLM API."} | fields
    with committed():
        return startup_create(actor=analyst, data=data)


def test_saving_a_profile_scores_it(analyst, committed):
    startup = _create(analyst, committed)
    card = Scorecard.objects.get(startup=startup)
    assert card.thesis_version == active_version()
    assert set(card.scores) == {"data_moat", "ux_arbitrage_risk", "second_gen_potential", "fm_dependency", "market_position"}
    assert card.data["thesis"]["version"] == 1 and 0 <= card.total <= 100


def test_rescore_replaces_the_scorecard_and_appends_history(analyst, committed):
    startup = _create(analyst, committed)
    before = Scorecard.objects.get(startup=startup).total
    with committed():
        startup = startup_update(
            actor=analyst, startup=startup, version=1,
            data={"description": "Trains its own models on exclusive hospital data; 40 paying hospitals renew yearly."},
        )
    assert Scorecard.objects.filter(startup=startup).count() == 1
    assert Scorecard.objects.get(startup=startup).total != before
    assert ScoreHistory.objects.filter(startup=startup).count() == 2


def test_unchanged_scores_add_no_history_point(analyst, committed):
    startup = _create(analyst, committed)
    services.scorecard_refresh(startup=startup)
    assert ScoreHistory.objects.filter(startup=startup).count() == 1


def test_answers_record_who_and_override_text(analyst, committed):
    startup = _create(analyst, committed)
    before = Scorecard.objects.get(startup=startup).scores["data_moat"]
    with committed():
        services.answers_save(actor=analyst, startup=startup, answers={"dm_proprietary_data": ("yes", "Exclusive licence with 3 hospitals")})
    answer = EvidenceAnswer.objects.get(startup=startup)
    assert answer.answered_by == analyst and answer.justification.startswith("Exclusive")
    after = Scorecard.objects.get(startup=startup)
    assert after.scores["data_moat"] > before
    moat = next(c for c in after.data["criteria"] if c["key"] == "data_moat")
    assert any(r["source"] == "answer" and r["evidence"] == "dm_proprietary_data" for r in moat["reasons"])
    with committed():
        services.answers_save(actor=analyst, startup=startup, answers={"dm_proprietary_data": ("", "")})
    assert not EvidenceAnswer.objects.exists()


def test_layer_decision_marks_the_layer_as_the_analysts(analyst, committed):
    startup = _create(analyst, committed)
    with committed():
        services.layer_decide(actor=analyst, startup=startup, layer="middle_layer")
    card = Scorecard.objects.get(startup=startup)
    assert (card.layer, card.layer_source) == ("middle_layer", "analyst")
    with committed():
        services.layer_decide(actor=analyst, startup=startup, layer=None)
    assert Scorecard.objects.get(startup=startup).layer_source == "suggested"


def test_bulk_rescoring_pauses_the_cyclic_collector(monkeypatch, startup):
    import gc

    from apps.scoring import engine, services
    from apps.theses.selectors import active_version

    seen = []
    real_score = engine.score
    monkeypatch.setattr(engine, "score", lambda *a, **k: seen.append(gc.isenabled()) or real_score(*a, **k))
    services.rescore_startups(startup_ids=[startup.pk], version=active_version())
    assert seen == [False] and gc.isenabled()
