"""The default thesis "Generative AI 2023" (version 1) as plain data, and its conversion to a ThesisSpec.

Plain dicts and tuples so a Django data migration can copy them into rows unchanged.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Mapping

from .types import Criterion, Question, ThesisSpec

YES_NO = ("yes", "no")

LAYERS_DATA: tuple[dict[str, Any], ...] = (
    {"key": "foundation_model", "multiplier": 0.90, "label_en": "Foundation model", "label_ko": "파운데이션 모델",
     "description_en": "Its main product is a model it trains: general, open with support, or vertical.",
     "description_ko": "직접 학습한 모델 자체가 주력 제품인 회사(범용·오픈소스·버티컬 모델)."},
    {"key": "middle_layer", "multiplier": 1.05, "label_en": "Middle layer", "label_ko": "미들 레이어",
     "description_en": "Tools and infrastructure between models and applications: MLOps, evaluation, fine-tuning, vector stores.",
     "description_ko": "모델과 애플리케이션 사이의 도구·인프라(MLOps, 평가, 미세조정, 벡터 저장소 등)."},
    {"key": "ai_hardware", "multiplier": 0.85, "label_en": "AI hardware", "label_ko": "AI 하드웨어",
     "description_en": "AI semiconductors and inference hardware for data centers or edge devices.",
     "description_ko": "데이터센터·엣지용 AI 반도체와 추론 하드웨어."},
    {"key": "ai_application", "multiplier": 1.00, "label_en": "AI application", "label_ko": "AI 애플리케이션",
     "description_en": "Services and apps built on models, from vertical workflow tools to thin UX layers.",
     "description_ko": "모델 위에 만든 서비스·앱(버티컬 업무 도구부터 얇은 UX 레이어까지)."},
    {"key": "software_plus_ai", "multiplier": 0.95, "label_en": "Software + AI", "label_ko": "기존 소프트웨어 + AI",
     "description_en": "A conventional software product whose core value predates AI, now adding AI features.",
     "description_ko": "AI 이전부터 가치를 만들어 온 기존 소프트웨어에 AI 기능을 더한 제품."},
    {"key": "second_generation", "multiplier": 1.10, "label_en": "Second generation", "label_ko": "2세대 모델",
     "description_en": "AI-native ways of use: agents acting across services, ambient or anticipatory services, agent backends.",
     "description_ko": "AI 네이티브 사용 방식: 서비스를 넘나들며 대신 행동하는 에이전트, 앰비언트·예측형 서비스, 에이전트용 백엔드."},
)


def _q(key: str, en: str, ko: str, yes: float, no: float) -> dict[str, Any]:
    return {"key": key, "label_en": en, "label_ko": ko, "options": YES_NO, "points": {"yes": yes, "no": no}}


CRITERIA_DATA: tuple[dict[str, Any], ...] = (
    {"key": "data_moat", "direction": "higher_is_better", "weight": 30.0, "builtin": True,
     "label_en": "Data moat", "label_ko": "데이터 해자",
     "help_en": "Does it own data others cannot crawl or buy, and does usage keep improving its models? "
                "Being in a language or a niche is not a moat by itself.",
     "help_ko": "남이 크롤링하거나 살 수 없는 데이터를 가졌고, 사용이 늘수록 모델이 좋아지는가? 특정 언어나 틈새 시장이라는 것만으로는 해자가 아니다.",
     "questions": (
         _q("dm_proprietary_data", "Does it hold a proprietary data source that cannot be crawled?",
            "크롤링으로 얻을 수 없는 독점 데이터 원천을 보유하는가?", 35, -10),
         _q("dm_flywheel", "Does usage produce data that improves its models (a data flywheel)?",
            "사용할수록 데이터가 쌓여 모델이 개선되는 구조(데이터 플라이휠)인가?", 25, -5),
         _q("dm_domain_training", "Does it pre-train or fine-tune models on its own domain data?",
            "자체 도메인 데이터로 모델을 사전학습하거나 미세조정하는가?", 15, -5),
     )},
    {"key": "ux_arbitrage_risk", "direction": "higher_is_worse", "weight": 25.0, "builtin": True,
     "label_en": "UX-arbitrage risk", "label_ko": "UX 차익 위험",
     "help_en": "How easily could the model provider, a platform or a small team ship the same thing? "
                "High when it is a thin interface over someone else's model with no lock-in.",
     "help_ko": "모델 제공사나 플랫폼, 소규모 팀이 같은 것을 얼마나 쉽게 내놓을 수 있는가? 남의 모델 위의 얇은 인터페이스이고 락인이 없으면 높다.",
     "questions": (
         _q("ux_thin_api_layer", "Is its core output a thin interface over a third-party model API?",
            "핵심 결과물이 외부 모델 API 위의 얇은 인터페이스인가?", 35, -20),
         _q("ux_easy_to_copy", "Could a small team copy it within weeks?", "소규모 팀이 몇 주 안에 따라 만들 수 있는가?", 20, -10),
         _q("ux_paying_customers", "Does it have paying customers locked into its workflow?",
            "업무 흐름에 묶인 유료 고객이 있는가?", -15, 10),
         _q("ux_platform_feature", "Could the model provider or an incumbent ship it as a feature?",
            "모델 제공사나 기존 강자가 이것을 기능 하나로 출시할 수 있는가?", 15, -5),
     )},
    {"key": "second_gen_potential", "direction": "higher_is_better", "weight": 25.0, "builtin": True,
     "label_en": "Second-generation potential", "label_ko": "2세대 모델 가능성",
     "help_en": "Signs of an AI-native way of use: acting for the user across services, being present wherever "
                "the user is, or acting before being asked. Chat alone is first generation.",
     "help_ko": "AI 네이티브 사용 방식의 징후: 서비스를 넘나들며 대신 행동하기, 사용자가 있는 곳 어디에나 존재하기, 요청 전에 먼저 움직이기. 대화만으로는 1세대다.",
     "questions": (
         _q("sg_acts_for_user", "Does it act for the user across services and tools?",
            "사용자를 대신해 여러 서비스와 도구에서 직접 행동하는가?", 35, -5),
         _q("sg_ambient", "Is it embedded where the user is (car, TV, speaker, wearables)?",
            "차량·TV·스피커·웨어러블 등 사용자가 있는 곳에 내장되어 있는가?", 20, 0),
         _q("sg_anticipates", "Does it act before the user asks?", "사용자가 요청하기 전에 먼저 행동하는가?", 20, 0),
         _q("sg_built_for_agents", "Is it built for AI agents, or on a business model only AI makes possible?",
            "AI 에이전트를 위해 만들어졌거나 AI로만 가능한 수익 모델인가?", 15, 0),
     )},
    {"key": "fm_dependency", "direction": "higher_is_worse", "weight": 10.0, "builtin": True,
     "label_en": "Foundation-model dependency", "label_ko": "파운데이션 모델 의존도",
     "help_en": "How much of the value and gross margin sits with a model provider; providers are expected to "
                "capture 10–30% of AI services' revenue.",
     "help_ko": "가치와 매출총이익 중 모델 제공사에 넘어가는 몫이 얼마나 되는가. 제공사는 AI 서비스 매출의 10~30%를 가져갈 것으로 본다.",
     "questions": (
         _q("fm_third_party_api", "Does it call a third-party model API for its core output?",
            "핵심 결과물을 만들 때 외부 모델 API를 호출하는가?", 40, -25),
         _q("fm_own_model", "Does it train or fine-tune its own models?", "자체 모델을 학습하거나 미세조정하는가?", -20, 10),
     )},
    {"key": "market_position", "direction": "higher_is_better", "weight": 10.0, "builtin": True,
     "label_en": "Market position", "label_ko": "시장 지위",
     "help_en": "Can it become a top-3–5 player in its vertical: a real pain point, go-to-market, paying customers, "
                "execution. Frontier areas are big-bet upside; a general model against Big Tech is not.",
     "help_ko": "버티컬에서 상위 3~5위가 될 수 있는가: 실제 문제, 시장 진입, 유료 고객, 실행력. 아직 열린 첨단 분야는 큰 베팅의 기회지만 빅테크와 맞서는 범용 모델은 아니다.",
     "questions": (
         _q("mp_paying_customers", "Does it have paying customers?", "유료 고객이 있는가?", 20, -10),
         _q("mp_top_player", "Can it be a top-3–5 player in a defined vertical?", "특정 버티컬에서 상위 3~5위가 될 수 있는가?", 20, -15),
         _q("mp_frontier", "Does it work in a frontier area still open (robotics, multimodal, reasoning)?",
            "아직 열려 있는 첨단 분야(로보틱스·멀티모달·추론)에서 일하는가?", 10, 0),
     )},
)

DEFAULT_THESIS_DATA: dict[str, Any] = {
    "name": "Generative AI 2023",
    "version": 1,
    "criteria": CRITERIA_DATA,
    "layers": LAYERS_DATA,
}


def thesis_from_data(data: Mapping[str, Any], thesis_id: int | None = None) -> ThesisSpec:
    """Build a ThesisSpec from plain data shaped like DEFAULT_THESIS_DATA."""
    criteria = []
    for c in data["criteria"]:
        questions = tuple(
            Question(
                key=q["key"], criterion=c["key"], options=tuple(q.get("options", YES_NO)),
                points=MappingProxyType({k: float(v) for k, v in q.get("points", {}).items()}),
                label_en=q.get("label_en", q["key"]), label_ko=q.get("label_ko", q.get("label_en", q["key"])),
            )
            for q in c.get("questions", ())
        )
        criteria.append(Criterion(
            key=c["key"], direction=c["direction"], weight=float(c["weight"]), questions=questions,
            builtin=bool(c.get("builtin", False)), label_en=c.get("label_en", c["key"]),
            label_ko=c.get("label_ko", c.get("label_en", c["key"])), help_en=c.get("help_en", ""),
            help_ko=c.get("help_ko", ""),
        ))
    multipliers = MappingProxyType({layer["key"]: float(layer["multiplier"]) for layer in data.get("layers", ())})
    return ThesisSpec(thesis_id=thesis_id, name=data["name"], version=int(data["version"]),
                      criteria=tuple(criteria), layer_multipliers=multipliers)


def default_thesis() -> ThesisSpec:
    """The default thesis "Generative AI 2023", version 1."""
    return thesis_from_data(DEFAULT_THESIS_DATA)


def layer_label(key: str, lang: str) -> str:
    """Label of a layer key in "en" or "ko"."""
    for layer in LAYERS_DATA:
        if layer["key"] == key:
            return layer["label_ko"] if lang == "ko" else layer["label_en"]
    return key
