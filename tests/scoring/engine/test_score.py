"""Scorecard shape, formula and behaviour of score() and suggest_answers()."""

import ast
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest

from apps.scoring.engine import (
    ENGINE_VERSION, LAYERS, Answer, Criterion, Profile, Question, default_thesis, score, suggest_answers,
)
from apps.scoring.engine.default_thesis import DEFAULT_THESIS_DATA, LAYERS_DATA

WRAPPER = Profile(
    name="Quillo", one_liner="Cover letters in one click",
    description="Web app that sends your CV to GPT-4 through the OpenAI API and returns a cover letter. "
                "Built by two friends over a weekend; free for now, and three lookalike sites appeared within a week.",
)
EMPTY = Profile(name="Nameless")
THESIS = default_thesis()


def _reasons(card):
    yield from card["layer"]["reasons"]
    for c in card["criteria"]:
        yield from c["reasons"]


def _criterion(card, key):
    return next(c for c in card["criteria"] if c["key"] == key)


def test_scorecard_shape_and_types():
    card = score(WRAPPER, {}, THESIS).to_dict()
    assert set(card) == {"thesis", "engine_version", "layer", "criteria", "total", "coverage"}
    assert card["thesis"] == {"id": None, "name": "Generative AI 2023", "version": 1}
    assert card["engine_version"] == ENGINE_VERSION == "1.1.0"
    assert set(card["layer"]) == {"key", "confidence", "source", "reasons"}
    assert card["layer"]["key"] in LAYERS and card["layer"]["source"] == "suggested"
    assert [c["key"] for c in card["criteria"]] == [c.key for c in THESIS.criteria]
    for c in card["criteria"]:
        assert set(c) == {"key", "score", "confidence", "direction", "reasons"}
        assert isinstance(c["score"], float) and 0 <= c["score"] <= 100
        assert isinstance(c["confidence"], float) and 0 <= c["confidence"] <= 1
        assert c["direction"] in ("higher_is_better", "higher_is_worse")
    for r in _reasons(card):
        assert {"code", "text", "evidence", "source", "points", "msg", "params", "negated"} == set(r) - {"field", "start", "end"}
        assert isinstance(r["points"], float) and isinstance(r["text"], str) and r["text"]
        assert isinstance(r["msg"], str) and r["msg"] and isinstance(r["params"], dict) and isinstance(r["negated"], bool)
        assert r["source"] in ("text", "answer")
        if "field" in r:
            assert set(r) == {"code", "text", "evidence", "source", "points", "field", "start", "end", "msg", "params",
                              "negated"}
            assert r["source"] == "text"
            assert getattr(WRAPPER, r["field"])[r["start"]:r["end"]] == r["evidence"]
    assert isinstance(card["total"], float) and 0 <= card["total"] <= 100
    assert isinstance(card["coverage"], float) and 0 <= card["coverage"] <= 1


def test_wrapper_is_recognised_without_the_word():
    card = score(WRAPPER, {}, THESIS).to_dict()
    assert card["layer"]["key"] == "ai_application"
    assert _criterion(card, "ux_arbitrage_risk")["score"] >= 80
    assert _criterion(card, "data_moat")["score"] <= 30


@pytest.mark.parametrize("profile", [
    Profile(name="Stockly", one_liner="The pantry that refills itself",
            description="Reads the household's receipts, predicts when rice and detergent will run out and orders them "
                        "from the cheapest partner store ahead of time."),
    Profile(name="빨래봇", one_liner="세제가 떨어지기 전에 알아서 주문",
            description="세탁기 사용 기록을 보고 세제가 바닥나기 전에 제휴 쇼핑몰에서 자동으로 주문하고 결제까지 마친다."),
])
def test_second_generation_without_the_word_agent(profile):
    card = score(profile, {}, THESIS).to_dict()
    assert card["layer"]["key"] == "second_generation"
    assert _criterion(card, "second_gen_potential")["score"] >= 60


def test_chat_alone_is_first_generation():
    p = Profile(name="AskHR", one_liner="An AI agent for HR questions",
                description="A chatbot that answers employees' HR policy questions using a hosted model API.")
    card = score(p, {}, THESIS).to_dict()
    assert card["layer"]["key"] == "ai_application"
    assert _criterion(card, "second_gen_potential")["score"] < 30


def test_no_evidence_reason_and_low_confidence():
    card = score(EMPTY, {}, THESIS).to_dict()
    for c in card["criteria"]:
        assert c["confidence"] <= 0.2
        assert any(r["code"] == f"{c['key']}.no_evidence" for r in c["reasons"])
        assert 0 <= c["score"] <= 100
    assert card["coverage"] == 0.0
    ko = score(EMPTY, {}, THESIS, lang="ko").to_dict()
    assert "근거" in ko["criteria"][0]["reasons"][0]["text"]


def test_total_is_weighted_mean_times_multiplier():
    card = score(WRAPPER, {}, THESIS).to_dict()
    weights = {c.key: (c.weight, c.direction) for c in THESIS.criteria}
    num = sum(weights[c["key"]][0] * (100 - c["score"] if weights[c["key"]][1] == "higher_is_worse" else c["score"])
              for c in card["criteria"])
    expected = num / sum(w for w, _ in weights.values()) * THESIS.layer_multipliers[card["layer"]["key"]]
    assert card["total"] == pytest.approx(round(expected, 1), abs=0.11)


def test_total_is_clipped_to_100():
    only_sg = replace(THESIS, criteria=(next(c for c in THESIS.criteria if c.key == "second_gen_potential"),),
                      layer_multipliers=MappingProxyType({k: 3.0 for k in LAYERS}))
    answers = {q.key: Answer("yes") for q in only_sg.criteria[0].questions}
    card = score(EMPTY, answers, only_sg).to_dict()
    assert card["total"] == 100.0


def test_coverage_counts_criteria_with_evidence():
    card = score(WRAPPER, {}, THESIS).to_dict()
    with_evidence = sum(1 for c in card["criteria"] if not any(r["code"].endswith(".no_evidence") for r in c["reasons"]))
    assert card["coverage"] == round(with_evidence / len(card["criteria"]), 2)


def test_deterministic():
    a = score(WRAPPER, {"fm_own_model": Answer("no")}, THESIS, lang="ko").to_dict()
    b = score(WRAPPER, {"fm_own_model": Answer("no")}, THESIS, lang="ko").to_dict()
    assert a == b


def test_layer_override_is_analyst():
    card = score(WRAPPER, {}, THESIS, layer_override="middle_layer").to_dict()
    assert card["layer"]["key"] == "middle_layer" and card["layer"]["source"] == "analyst"
    assert card["total"] == score(WRAPPER, {}, replace(THESIS, layer_multipliers=MappingProxyType(
        {k: THESIS.layer_multipliers["middle_layer"] for k in LAYERS})), ).to_dict()["total"]
    with pytest.raises(ValueError):
        score(WRAPPER, {}, THESIS, layer_override="blockchain")


def test_answers_show_as_answer_reasons_and_override_text():
    text_only = _criterion(score(WRAPPER, {}, THESIS).to_dict(), "fm_dependency")
    assert any(r["code"] == "fm_dependency.third_party_api" for r in text_only["reasons"])
    card = score(WRAPPER, {"fm_third_party_api": Answer("no", "Moved to an in-house model in May.")}, THESIS).to_dict()
    fm = _criterion(card, "fm_dependency")
    answer = [r for r in fm["reasons"] if r["source"] == "answer"]
    q = next(q for c in THESIS.criteria for q in c.questions if q.key == "fm_third_party_api")
    assert answer == [{"code": "fm_dependency.answer.fm_third_party_api", "text": answer[0]["text"],
                       "evidence": "fm_third_party_api", "source": "answer", "points": -25.0, "msg": "answer",
                       "params": {"label_en": q.label_en, "label_ko": q.label_ko, "value": "no",
                                  "justification": "Moved to an in-house model in May."}, "negated": False}]
    assert "in-house" in answer[0]["text"]
    assert not any(r["code"] == "fm_dependency.third_party_api" for r in fm["reasons"])
    assert fm["score"] < text_only["score"]


def test_invalid_answer_value_is_ignored():
    card = score(EMPTY, {"dm_flywheel": Answer("maybe")}, THESIS).to_dict()
    assert _criterion(card, "data_moat")["reasons"][0]["code"] == "data_moat.no_evidence"


def test_fund_added_criterion_scored_from_answers():
    q = Question(key="esg_exposure", criterion="esg", options=("yes", "no"), points=MappingProxyType({"yes": 30, "no": -20}),
                 label_en="Does it reduce emissions measurably?", label_ko="배출량을 측정 가능하게 줄이는가?")
    esg = Criterion(key="esg", direction="higher_is_better", weight=20, questions=(q,), builtin=False,
                    label_en="Climate impact", label_ko="기후 영향")
    thesis = replace(THESIS, criteria=THESIS.criteria + (esg,))
    unanswered = _criterion(score(WRAPPER, {}, thesis).to_dict(), "esg")
    assert unanswered["reasons"][0]["code"] == "esg.no_evidence" and unanswered["confidence"] <= 0.2
    card = score(WRAPPER, {"esg_exposure": Answer("yes")}, thesis, lang="ko").to_dict()
    esg_card = _criterion(card, "esg")
    assert esg_card["score"] == 80.0
    assert esg_card["reasons"][0]["source"] == "answer" and esg_card["reasons"][0]["points"] == 30.0
    assert "배출량" in esg_card["reasons"][0]["text"]


def test_suggest_answers():
    suggested = suggest_answers(WRAPPER, THESIS)
    assert suggested["fm_third_party_api"].value == "yes"
    assert "OpenAI" in suggested["fm_third_party_api"].evidence
    s = suggested["ux_easy_to_copy"]
    assert s.value == "yes" and getattr(WRAPPER, s.field)[s.start:s.end] == s.evidence
    negated = suggest_answers(Profile(name="K", description="자체 모델은 없고 외부 API를 호출한다."), THESIS, lang="ko")
    assert negated["fm_own_model"].value == "no"
    assert negated["fm_third_party_api"].value == "yes"
    assert all(v.to_dict()["question"] == k for k, v in suggested.items())


def test_default_thesis_data():
    assert DEFAULT_THESIS_DATA["name"] == "Generative AI 2023" and DEFAULT_THESIS_DATA["version"] == 1
    weights = {c["key"]: c["weight"] for c in DEFAULT_THESIS_DATA["criteria"]}
    assert weights == {"data_moat": 30, "ux_arbitrage_risk": 25, "second_gen_potential": 25,
                       "fm_dependency": 10, "market_position": 10}
    assert {l["key"]: l["multiplier"] for l in LAYERS_DATA} == {
        "second_generation": 1.10, "middle_layer": 1.05, "ai_application": 1.00,
        "software_plus_ai": 0.95, "foundation_model": 0.90, "ai_hardware": 0.85}
    for c in THESIS.criteria:
        assert c.builtin and 2 <= len(c.questions) <= 4 and c.label_ko and c.help_en and c.help_ko
        for q in c.questions:
            assert q.criterion == c.key and set(q.points) <= set(q.options) and q.label_ko


ENGINE_DIR = Path(__file__).resolve().parents[3] / "apps/scoring/engine"


def test_engine_imports_nothing_from_django_or_apps():
    files = sorted(ENGINE_DIR.glob("*.py"))
    assert files
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                root = name.split(".")[0]
                assert root not in ("django", "apps", "rest_framework", "celery", "config"), (path.name, name)


@pytest.mark.parametrize("profile,layer", [
    (Profile(name="Probe", one_liner="Evaluation and monitoring for LLM apps",
             description="An SDK and hosted dashboard that lets teams building on language models replay prompts and "
                         "catch regressions. 30 paying engineering teams."), "middle_layer"),
    (Profile(name="Edgeserve", one_liner="Model serving network for open-weight models",
             description="Hosts open-source models in 40 cities; developers reach all of them through one gateway API."),
     "middle_layer"),
    (Profile(name="Tunebay", one_liner="Fine-tuning platform for domain models",
             description="A workspace where companies fine-tune and deploy models on their private data."), "middle_layer"),
    (Profile(name="평가랩", one_liner="LLM 앱 평가와 회귀 테스트를 위한 SDK",
             description="언어모델로 서비스를 만드는 팀이 배포 전에 테스트를 돌리고 모델 버전을 비교한다. 유료 고객 20곳."),
     "middle_layer"),
    (Profile(name="Grasp", one_liner="Picking robots for warehouses",
             description="Trains its own vision-action model on data from its fleet of 50 robots; sells robots as a service."),
     "ai_application"),
])
def test_builder_tooling_and_robot_models_layers(profile, layer):
    assert score(profile, {}, THESIS).to_dict()["layer"]["key"] == layer


def test_an_app_with_an_sdk_mention_is_not_middle_layer():
    p = Profile(name="Snapmeal", one_liner="Recipe ideas from a fridge photo",
                description="A consumer app built on the OpenAI API; a free mobile SDK lets grocery apps embed it.")
    assert score(p, {}, THESIS).to_dict()["layer"]["key"] == "ai_application"
