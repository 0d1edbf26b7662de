"""Signal families: affirmed and negated sentences in English and Korean (not from examples.json)."""

import pytest

from apps.scoring.engine import Profile
from apps.scoring.engine.signals import detect

AFFIRMED, NEGATED, ABSENT = "affirmed", "negated", "absent"


def _state(text: str, family: str) -> str:
    hits = [h for h in detect(Profile(name="X", description=text)) if h.family == family and h.field == "description"]
    if any(not h.negated for h in hits):
        return AFFIRMED
    return NEGATED if hits else ABSENT


CASES = [
    # own model / pre-training / fine-tuning
    ("own_model", "The team pre-trained a 7B-parameter model on shipping manifests.", AFFIRMED),
    ("own_model", "We fine-tune open models on ten years of maintenance logs.", AFFIRMED),
    ("own_model", "It trains its own speech model for call transcripts.", AFFIRMED),
    ("own_model", "It does not train its own models and has no ML team.", NEGATED),
    ("own_model", "물류 문서로 사전학습한 언어모델을 운영한다.", AFFIRMED),
    ("own_model", "의료 영상 판독 모델을 자체 개발했다.", AFFIRMED),
    ("own_model", "자체 모델은 아직 없고 외부 모델을 빌려 쓴다.", NEGATED),
    ("own_model", "모델을 직접 학습하지 않는다.", NEGATED),
    # third-party model API dependence
    ("fm_api", "Every summary is produced by calling the OpenAI API.", AFFIRMED),
    ("fm_api", "Answers come from a large language model API with a custom prompt.", AFFIRMED),
    ("fm_api", "Transcription runs on the Whisper API.", AFFIRMED),
    ("fm_api", "The product calls no third-party model API; inference runs on its own GPUs.", NEGATED),
    ("fm_api", "It does not use the ChatGPT API for anything.", NEGATED),
    ("fm_api", "Built without relying on OpenAI, on a model trained in-house.", NEGATED),
    ("fm_api", "상담 요약은 GPT-4 API를 호출해 만든다.", AFFIRMED),
    ("fm_api", "외부 API에 의존해 이미지를 생성한다.", AFFIRMED),
    ("fm_api", "외부 API를 쓰지 않고 자체 모델로 추론한다.", NEGATED),
    ("fm_api", "ChatGPT API는 사용하지 않는다.", NEGATED),
    # proprietary data
    ("proprietary_data", "It holds an exclusive licence to 40 years of seismic survey data.", AFFIRMED),
    ("proprietary_data", "Training data comes from its own fleet of 300 delivery robots.", AFFIRMED),
    ("proprietary_data", "Pathology slides provided by 12 partner hospitals feed the model.", AFFIRMED),
    ("proprietary_data", "There is no proprietary data yet; everything is scraped from forums.", NEGATED),
    ("proprietary_data", "협력 병원 8곳이 제공한 진료 기록으로 학습한다.", AFFIRMED),
    ("proprietary_data", "외부에서 구할 수 없는 콜센터 녹취 데이터를 보유하고 있다.", AFFIRMED),
    ("proprietary_data", "자체 데이터는 아직 없고 공개 데이터셋만 쓴다.", NEGATED),
    ("proprietary_data", "독점 데이터가 없으며 누구나 같은 자료를 쓸 수 있다.", NEGATED),
    # data flywheel
    ("flywheel", "Each correction a lawyer makes improves the drafting model for every firm.", AFFIRMED),
    ("flywheel", "The model learns from every claim adjusters close.", AFFIRMED),
    ("flywheel", "Usage data never improves the model because nothing is stored.", NEGATED),
    ("flywheel", "사용할수록 추천 정확도가 좋아지는 구조다.", AFFIRMED),
    ("flywheel", "사용자 피드백으로 모델을 재학습한다.", AFFIRMED),
    ("flywheel", "사용자 피드백으로 모델을 재학습하지 않는다.", NEGATED),
    # paying customers
    ("paying_customers", "Signed annual contracts with 14 regional banks.", AFFIRMED),
    ("paying_customers", "It has 300 paying customers and 120% net revenue retention.", AFFIRMED),
    ("paying_customers", "It has no paying customers yet.", NEGATED),
    ("paying_customers", "유료 고객 40곳과 연간 계약을 맺었다.", AFFIRMED),
    ("paying_customers", "아직 매출은 없다.", NEGATED),
    # acting for the user
    ("agent_action", "It books flights and hotels for travellers and pays with their stored card.", AFFIRMED),
    ("agent_action", "The assistant files expense claims on the employee's behalf.", AFFIRMED),
    ("agent_action", "It logs into supplier portals and fills in purchase forms by itself.", AFFIRMED),
    ("agent_action", "It does not take actions for the user; it only suggests.", NEGATED),
    ("agent_action", "사용자 대신 병원 예약과 결제까지 처리한다.", AFFIRMED),
    ("agent_action", "여러 쇼핑 앱을 넘나들며 최저가로 알아서 주문한다.", AFFIRMED),
    ("agent_action", "사용자 대신 결제까지 처리하지는 않는다.", NEGATED),
    # ambient / embedded
    ("ambient", "The assistant lives in the car dashboard and on the living room TV.", AFFIRMED),
    ("ambient", "Works across phone, laptop and smart speaker wherever the user is.", AFFIRMED),
    ("ambient", "It has no smart speaker or in-car version.", NEGATED),
    ("ambient", "차량과 거실 TV, 스피커 어디서나 말로 부를 수 있다.", AFFIRMED),
    ("ambient", "웨어러블 기기는 지원하지 않는다.", NEGATED),
    # anticipation
    ("anticipation", "It refills prescriptions before patients run out.", AFFIRMED),
    ("anticipation", "It proactively reschedules meetings when flights are delayed.", AFFIRMED),
    ("anticipation", "It never acts proactively; users must ask first.", NEGATED),
    ("anticipation", "고객이 묻기 전에 배송 지연을 미리 알려 준다.", AFFIRMED),
    ("anticipation", "고장 나기 전에 부품을 주문해 둔다.", AFFIRMED),
    # hardware
    ("hardware", "Designs low-power inference chips for security cameras.", AFFIRMED),
    ("hardware", "Licenses neural-processing cores as IP to automotive chipmakers.", AFFIRMED),
    ("hardware", "It makes no chips and owns no hardware.", NEGATED),
    ("hardware", "엣지 기기용 NPU를 설계하는 팹리스 반도체 회사.", AFFIRMED),
    ("hardware", "반도체를 만들지 않는다.", NEGATED),
    # tooling for builders
    ("tooling", "An evaluation platform that scores LLM outputs for enterprise teams.", AFFIRMED),
    ("tooling", "A managed vector database with an SDK for developers.", AFFIRMED),
    ("tooling", "Model-agnostic gateway that routes prompts across providers.", AFFIRMED),
    ("tooling", "LLM 서비스 평가 도구와 모델 게이트웨이를 제공한다.", AFFIRMED),
    ("tooling", "특정 모델에 종속되지 않는 파인튜닝 플랫폼.", AFFIRMED),
    # incumbent product
    ("incumbent", "A payroll SaaS founded in 2014 that added an AI assistant last year.", AFFIRMED),
    ("incumbent", "Its existing scheduling product now includes AI summaries.", AFFIRMED),
    ("incumbent", "2012년부터 운영한 회계 소프트웨어에 AI 기능을 추가했다.", AFFIRMED),
    ("incumbent", "기존 고객 3천 곳이 쓰는 ERP에 생성형 요약을 붙였다.", AFFIRMED),
    # thin wrapper, never using the word
    ("wrapper", "Launched two weeks ago by a solo founder; dozens of clones followed.", AFFIRMED),
    ("wrapper", "A free Chrome extension with prompt templates.", AFFIRMED),
    ("wrapper", "두 명이 주말 동안 만든 서비스로, 출시 2주 만에 유사 서비스가 쏟아졌다.", AFFIRMED),
    ("wrapper", "무료로 배포했고 템플릿 30종을 제공한다.", AFFIRMED),
]


@pytest.mark.parametrize("family,text,expected", CASES)
def test_signal_family(family, text, expected):
    assert _state(text, family) == expected


HUMAN_AGENT_TEXTS = [
    "A CRM for insurance agents that drafts follow-up emails.",
    "Helps real-estate agents write listings faster.",
    "Our travel agency books trips for corporate clients by phone.",
    "상담원이 고객 문의에 답할 때 답변 초안을 추천한다.",
    "보험 설계사와 부동산 중개인을 위한 일정 관리 도구.",
]


@pytest.mark.parametrize("text", HUMAN_AGENT_TEXTS)
def test_human_agents_are_not_ai_agents(text):
    hits = detect(Profile(name="X", description=text))
    assert not [h for h in hits if h.family in ("agent_action", "agent_mention")]


AI_AGENT_TEXTS = [
    "An AI agent that books restaurant tables and pays the deposit for you.",
    "Autonomous agents that negotiate supplier invoices on the company's behalf.",
    "AI 에이전트가 사용자 대신 항공권을 예약하고 결제한다.",
]


@pytest.mark.parametrize("text", AI_AGENT_TEXTS)
def test_ai_agents_act(text):
    hits = detect(Profile(name="X", description=text))
    assert [h for h in hits if h.family == "agent_action" and not h.negated]


def test_users_acting_through_a_tool_is_not_the_ai_acting():
    hits = detect(Profile(name="X", description="An app that lets users book tables at nearby restaurants."))
    assert not [h for h in hits if h.family == "agent_action"]


def test_offsets_and_particles():
    text = "상담 요약은 ChatGPT API로 만든다."
    hit = next(h for h in detect(Profile(name="X", description=text)) if h.family == "fm_api")
    assert text[hit.start:hit.end] == hit.evidence
    assert "API" in hit.evidence


def test_human_agent_in_another_clause_does_not_hide_the_ai_acting():
    hits = detect(Profile(name="X", description="Unlike a travel agent, it books flights and hotels for you."))
    assert [h for h in hits if h.family == "agent_action" and not h.negated]


def test_list_negation_reaches_later_items_only_for_list_negators():
    hits = detect(Profile(name="X", description="It has no model of its own, fine-tuning or data moat."))
    assert all(h.negated for h in hits if h.family == "own_model")
    hits = detect(Profile(name="X", description="It does not wait for a prompt, it proactively reorders supplies."))
    assert [h for h in hits if h.family == "anticipation" and not h.negated]


# Tooling for builders (middle layer), affirmed and negated, English and Korean.
TOOLING_CASES = [
    ("An SDK that records every prompt and completion for later review.", AFFIRMED),
    ("Regression testing for LLM apps, run in continuous integration.", AFFIRMED),
    ("Sold to teams building on large language models.", AFFIRMED),
    ("A workspace where enterprises fine-tune and deploy their own speech models.", AFFIRMED),
    ("A serving network that hosts open-weight models close to users; one gateway API for all of them.", AFFIRMED),
    ("Works like a CDN for inference.", AFFIRMED),
    ("It offers no SDK and no gateway API; it is a consumer app.", NEGATED),
    ("The company does not sell to teams building on language models.", NEGATED),
    ("LLM 서비스를 만드는 팀에 회귀 테스트 SDK를 판매한다.", AFFIRMED),
    ("오픈소스 모델을 서빙하는 추론 전송망으로, 게이트웨이 API 하나로 모델을 바꿀 수 있다.", AFFIRMED),
    ("AI 앱 평가 자동화 도구를 제공한다.", AFFIRMED),
    ("SDK나 게이트웨이 API는 제공하지 않는다.", NEGATED),
]


@pytest.mark.parametrize("text,expected", TOOLING_CASES)
def test_tooling_for_builders(text, expected):
    assert _state(text, "tooling") == expected


ROBOT_MODEL_TEXTS = [
    "Trains a vision-action model on data from its own picking robots.",
    "자체 로봇 60대에서 모은 데이터로 비전-행동 모델을 학습한다.",
]


@pytest.mark.parametrize("text", ROBOT_MODEL_TEXTS)
def test_a_robot_policy_model_is_not_an_agent_acting_for_the_user(text):
    assert _state(text, "agent_action") == ABSENT


def test_an_action_model_that_operates_apps_still_acts():
    assert _state("A large action model that operates existing apps for the user.", "agent_action") == AFFIRMED
    assert _state("It is not an action model and does not operate apps.", "agent_action") == NEGATED
