"""localize(): a stored scorecard dict re-worded in another language equals scoring in that language."""

import copy
import json
import time
from dataclasses import replace
from types import MappingProxyType

import pytest

from apps.scoring.engine import Answer, Criterion, Profile, Question, default_thesis, localize, score

THESIS = default_thesis()
_ESG = Question(key="esg_exposure", criterion="esg", options=("yes", "no"), points=MappingProxyType({"yes": 30, "no": -20}),
                label_en="Does it reduce emissions measurably?", label_ko="배출량을 측정 가능하게 줄이는가?")
THESIS_CUSTOM = replace(THESIS, criteria=THESIS.criteria + (
    Criterion(key="esg", direction="higher_is_better", weight=20, questions=(_ESG,), builtin=False,
              label_en="Climate impact", label_ko="기후 영향"),))

PROFILES = [
    Profile(name="Quillo", one_liner="Cover letters in one click",
            description="Web app that sends your CV to GPT-4 through the OpenAI API and returns a cover letter. "
                        "Built by two friends over a weekend; free for now, and three lookalike sites appeared."),
    Profile(name="Stockly", one_liner="The pantry that refills itself",
            description="Predicts when rice will run out and orders it from the cheapest partner store ahead of time. "
                        "It does not use a third-party model API and has no proprietary data yet."),
    Profile(name="Gridcore", one_liner="Low-power inference chips for cameras",
            description="Designs NPU cores and licenses them as IP to chipmakers; 12 paying customers."),
    Profile(name="Evalbench", one_liner="Evaluation SDK for teams building on language models",
            description="Model-agnostic test suites and regression checks; 40 paying engineering teams."),
    Profile(name="Ledgerbox", one_liner="Accounting software since 2011, now with an AI assistant",
            description="Used by 9,000 firms; added AI features that draft reconciliations."),
    Profile(name="판례봇", one_liner="법률 질문에 답하는 챗봇",
            description="외부 대형 언어모델 API를 그대로 호출해 답한다. 자체 데이터는 아직 없고 두 명이 한 달 만에 만들었다."),
    Profile(name="한국어LM", one_liner="한국어에 특화된 대형 언어모델을 직접 학습",
            description="한국어 중심의 130억 파라미터 언어모델을 사전학습하고 API와 온프레미스 라이선스로 판매한다. "
                        "출판사와 독점 계약한 텍스트를 쓴다."),
    Profile(name="홈센스", one_liner="집안 기기 어디서나 부르면 답하는 가정용 비서",
            description="TV, 스피커, 냉장고에 들어가 생활 패턴을 익히고, 묻기 전에 난방과 조명을 조절한다."),
    Profile(name="Nameless"),
]
ANSWERS = [
    {},
    {"fm_third_party_api": Answer("no", "Moved to an in-house model in May."), "dm_flywheel": Answer("yes"),
     "sg_ambient": Answer("no", "  ")},
    {"dm_proprietary_data": Answer("yes", "병원 3곳과 독점 계약."), "mp_top_player": Answer("maybe")},
]
CASES = [(p, a, o) for p in PROFILES for a in ANSWERS for o in (None, "middle_layer")]


def _all_reasons(card):
    yield from card["layer"]["reasons"]
    for c in card["criteria"]:
        yield from c["reasons"]


@pytest.mark.parametrize("profile,answers,override", CASES)
@pytest.mark.parametrize("source,target", [("en", "ko"), ("ko", "en"), ("en", "en"), ("ko", "ko")])
def test_localize_equals_scoring_in_that_language(profile, answers, override, source, target):
    stored = score(profile, answers, THESIS, lang=source, layer_override=override).to_dict()
    stored = json.loads(json.dumps(stored))  # as read back from a JSON column
    expected = score(profile, answers, THESIS, lang=target, layer_override=override).to_dict()
    before = copy.deepcopy(stored)
    assert localize(stored, target) == expected
    assert stored == before  # the input is not touched


@pytest.mark.parametrize("profile", PROFILES[:3] + PROFILES[5:7])
def test_localize_fund_added_criterion(profile):
    answers = {"esg_exposure": Answer("yes", "Measured by a third party.")}
    en = score(profile, answers, THESIS_CUSTOM, lang="en").to_dict()
    ko = score(profile, answers, THESIS_CUSTOM, lang="ko").to_dict()
    assert localize(en, "ko") == ko and localize(ko, "en") == en
    esg = next(c for c in localize(en, "ko")["criteria"] if c["key"] == "esg")
    assert "배출량" in esg["reasons"][0]["text"]


@pytest.mark.parametrize("profile", PROFILES)
def test_localize_is_idempotent_and_returns_a_copy(profile):
    card = score(profile, ANSWERS[1], THESIS, lang="en").to_dict()
    once = localize(card, "ko")
    assert localize(once, "ko") == once
    assert localize(localize(once, "en"), "ko") == once
    assert localize(card, "en") == card and localize(card, "en") is not card
    once["layer"]["reasons"][0]["text"] = "changed"
    once["criteria"][0]["reasons"][0]["params"]["x"] = 1
    assert card == score(profile, ANSWERS[1], THESIS, lang="en").to_dict()


def test_every_reason_is_json_and_actually_changes_language():
    card = score(PROFILES[1], ANSWERS[1], THESIS, lang="en", layer_override="middle_layer").to_dict()
    assert json.loads(json.dumps(card)) == card
    ko = localize(card, "ko")
    for en_reason, ko_reason in zip(_all_reasons(card), _all_reasons(ko)):
        assert set(en_reason) == set(ko_reason)
        assert {k: v for k, v in en_reason.items() if k != "text"} == {k: v for k, v in ko_reason.items() if k != "text"}
        if en_reason["source"] == "text" or en_reason["msg"] == "answer":
            assert en_reason["text"] != ko_reason["text"] or not en_reason["text"]


def test_negated_reasons_are_worded_as_denials_in_both_languages():
    card = score(PROFILES[1], {}, THESIS, lang="en").to_dict()
    negated = [r for r in _all_reasons(card) if r["negated"]]
    assert negated and all(r["code"].split(".")[-1].startswith("no_") for r in negated)
    ko = {r["code"]: r for r in _all_reasons(localize(card, "ko"))}
    for r in negated:
        assert "밝힘" in ko[r["code"]]["text"] or "않" in ko[r["code"]]["text"]


def test_cards_without_wording_data_keep_their_text():
    card = score(PROFILES[0], {}, THESIS, lang="en").to_dict()
    for r in _all_reasons(card):
        del r["msg"], r["params"], r["negated"]
    assert localize(card, "ko") == card
    assert localize({"total": 1.0}, "ko") == {"total": 1.0}


def test_localize_is_fast():
    card = score(PROFILES[1], ANSWERS[1], THESIS, lang="en", layer_override="middle_layer").to_dict()
    n = sum(1 for _ in _all_reasons(card))
    assert n >= 10
    start = time.perf_counter()
    for _ in range(200):
        localize(card, "ko")
    per_call = (time.perf_counter() - start) / 200
    assert per_call < 0.001, per_call  # well under a millisecond for a page view
