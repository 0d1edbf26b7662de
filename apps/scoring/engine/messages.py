"""Human sentences for reasons, English and Korean. Codes stay stable; wording may change."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from .default_thesis import layer_label

# code -> (en affirmed, en negated, ko affirmed, ko negated)
SIGNALS: dict[str, tuple[str, str, str, str]] = {
    "pretraining": ("Pre-trains its own model", "States that it does not pre-train a model",
                    "자체적으로 모델을 사전학습함", "사전학습을 하지 않는다고 밝힘"),
    "own_model": ("Trains or builds its own model", "States that it has no model of its own",
                  "자체 모델을 학습·개발함", "자체 모델이 없다고 밝힘"),
    "fine_tuning": ("Fine-tunes models on domain data", "States that it does not fine-tune models",
                    "도메인 데이터로 모델을 미세조정함", "미세조정을 하지 않는다고 밝힘"),
    "third_party_api": ("Core output comes from a third-party model API", "States that it does not rely on a third-party model API",
                        "핵심 결과물을 외부 모델 API에 의존함", "외부 모델 API에 의존하지 않는다고 밝힘"),
    "third_party_model": ("Built on a model made by someone else", "States that it does not build on someone else's model",
                          "다른 회사가 만든 모델 위에 구축됨", "외부 모델에 의존하지 않는다고 밝힘"),
    "proprietary_data": ("Holds proprietary data that others cannot crawl or buy", "States that it has no proprietary data",
                         "외부에서 구할 수 없는 독점 데이터를 보유함", "독점 데이터가 없다고 밝힘"),
    "partner_data": ("Gets data from partners or customers under agreement", "States that partners do not provide data",
                     "파트너·고객사로부터 데이터를 제공받음", "파트너 데이터가 없다고 밝힘"),
    "own_sensors": ("Collects data from its own sensors, lab or fleet", "States that it has no sensors or lab of its own",
                    "자체 센서·연구소·장비에서 데이터를 수집함", "자체 센서·장비 데이터가 없다고 밝힘"),
    "regulated_data": ("Works with regulated domain data (medical, legal, financial)", "States that it holds no regulated domain data",
                       "의료·법률·금융 등 규제 영역 데이터를 다룸", "규제 영역 데이터가 없다고 밝힘"),
    "public_data": ("Relies on public or crawled data", "States that it does not rely on public data",
                    "공개·크롤링 데이터에 의존함", "공개 데이터에 의존하지 않는다고 밝힘"),
    "data_flywheel": ("Usage produces data that improves the model (data flywheel)", "States that usage data does not improve the model",
                      "사용할수록 데이터가 쌓여 모델이 개선되는 구조", "사용 데이터로 모델을 개선하지 않는다고 밝힘"),
    "per_user_finetune": ("Per-user fine-tuning on a handful of uploads is not a data moat", "Does not rely on per-user fine-tuning",
                          "사용자별 소량 데이터 미세조정은 데이터 해자가 아님", "사용자별 미세조정에 의존하지 않음"),
    "paying_customers": ("Has paying customers or a revenue model", "States that it has no paying customers",
                         "유료 고객 또는 수익 모델이 있음", "유료 고객이 없다고 밝힘"),
    "b2b_contracts": ("Sells to businesses under contract", "States that it has no business contracts",
                      "기업 고객과 계약해 판매함", "기업 계약이 없다고 밝힘"),
    "retention": ("Shows revenue or retention", "States that it has no revenue or retention",
                  "매출 또는 고객 유지 지표가 있음", "매출·유지 지표가 없다고 밝힘"),
    "subscription": ("Sells a subscription", "States that it sells no subscription",
                     "구독형으로 판매함", "구독 판매가 없다고 밝힘"),
    "user_base": ("Has a large installed user base", "States that it has no users yet",
                  "대규모 사용자 기반이 있음", "아직 사용자가 없다고 밝힘"),
    "vertical_workflow": ("Sits inside the users' daily workflow", "States that it is not part of a workflow",
                          "사용자의 일상 업무 흐름 안에 자리 잡음", "업무 흐름에 통합되지 않았다고 밝힘"),
    "acts_for_user": ("Takes actions for the user across services or devices", "States that it does not act for the user",
                      "사용자를 대신해 서비스·기기에서 직접 행동함", "사용자를 대신해 행동하지 않는다고 밝힘"),
    "ai_agent": ("Describes an AI agent", "States that it is not an AI agent",
                 "AI 에이전트를 언급함", "AI 에이전트가 아니라고 밝힘"),
    "ambient": ("Present where the user is (car, TV, speaker, devices)", "States that it is not embedded in devices",
                "차량·TV·스피커 등 사용자가 있는 곳에 내장됨", "기기에 내장되지 않았다고 밝힘"),
    "anticipation": ("Acts or prepares before the user asks", "States that it does not act ahead of the user",
                     "사용자가 요청하기 전에 미리 행동함", "미리 행동하지 않는다고 밝힘"),
    "built_for_agents": ("Built for AI agents rather than human front-ends", "States that it is not built for agents",
                         "사람이 아닌 AI 에이전트를 위해 만들어짐", "에이전트용이 아니라고 밝힘"),
    "outcome_pricing": ("Charges per outcome, a business model that AI makes possible", "States that it does not charge per outcome",
                        "성과·건당 과금 등 AI가 가능하게 한 수익 모델", "성과 연동 과금이 아니라고 밝힘"),
    "chat_only": ("Chat and question answering are first-generation use", "States that it is not a chat product",
                  "대화·질의응답은 1세대 방식의 사용", "대화형 제품이 아니라고 밝힘"),
    "chips": ("Makes AI chips or accelerators", "States that it does not make chips",
              "AI 반도체·가속기를 만듦", "반도체를 만들지 않는다고 밝힘"),
    "chip_design": ("Designs silicon or licenses chip IP", "States that it does not design silicon",
                    "칩을 설계하거나 IP를 라이선스함", "칩을 설계하지 않는다고 밝힘"),
    "mlops": ("Sells MLOps/LLMOps or model infrastructure", "States that it is not model infrastructure",
              "MLOps·모델 인프라를 판매함", "모델 인프라가 아니라고 밝힘"),
    "dev_platform": ("Provides tools or a platform for teams building with models", "States that it is not a builder platform",
                     "모델로 제품을 만드는 팀을 위한 도구·플랫폼", "개발자 플랫폼이 아니라고 밝힘"),
    "model_agnostic": ("Works with any model (model-agnostic)", "States that it is tied to one model",
                       "특정 모델에 묶이지 않음", "특정 모델에 묶여 있다고 밝힘"),
    "enable_builders": ("Lets customers train, build or deploy their own models", "States that it does not serve model builders",
                        "고객이 직접 모델을 학습·배포하도록 지원함", "모델 개발 지원이 아니라고 밝힘"),
    "existing_product": ("An existing product with customers adds AI", "States that it has no existing product",
                         "고객이 있는 기존 제품에 AI를 더함", "기존 제품이 없다고 밝힘"),
    "founded_earlier": ("The business predates generative AI", "States that it is a new business",
                        "생성형 AI 이전부터 운영된 사업", "신규 사업이라고 밝힘"),
    "added_ai": ("Adds AI features to its product", "States that it adds no AI features",
                 "기존 제품에 AI 기능을 추가함", "AI 기능을 추가하지 않았다고 밝힘"),
    "sells_model": ("Sells the model itself (API, licence, on-premises)", "States that it does not sell a model",
                    "모델 자체를 API·라이선스로 판매함", "모델을 판매하지 않는다고 밝힘"),
    "open_release": ("Releases models it trained", "States that it releases no models",
                     "직접 학습한 모델을 공개함", "모델을 공개하지 않는다고 밝힘"),
    "built_fast": ("Built or launched within days or weeks", "States that it was not built quickly",
                   "며칠·몇 주 만에 만들어 출시함", "단기간에 만든 제품이 아니라고 밝힘"),
    "small_team": ("Built by a tiny team; easy to copy", "States that it is not a tiny team",
                   "극소수 인원이 만든 제품으로 모방이 쉬움", "소규모 팀이 아니라고 밝힘"),
    "clones": ("Copies and clones appeared quickly", "States that it has no clones",
               "유사 서비스·클론이 빠르게 등장함", "유사 서비스가 없다고 밝힘"),
    "templates": ("A thin layer of templates or an extension on top of a model", "States that it is not a template layer",
                  "모델 위에 템플릿·확장 프로그램만 얹은 구조", "템플릿 레이어가 아니라고 밝힘"),
    "thin_layer": ("A thin interface on top of someone else's model", "States that it is not a thin layer",
                   "다른 회사 모델 위의 얇은 인터페이스", "얇은 레이어가 아니라고 밝힘"),
    "viral_churn": ("Viral spike followed by churn", "States that usage did not churn",
                    "반짝 인기 후 이용자가 이탈함", "이용자 이탈이 없다고 밝힘"),
    "consumer_horizontal": ("A horizontal consumer use case that platforms can ship as a feature", "States that it is not a consumer app",
                            "플랫폼이 기능으로 흡수하기 쉬운 범용 소비자 서비스", "소비자 앱이 아니라고 밝힘"),
    "free_no_revenue": ("Free, with no revenue yet", "States that it is not free",
                        "무료로 운영 중이며 아직 매출이 없음", "무료 서비스가 아니라고 밝힘"),
    "platform_feature": ("A platform or model provider already offers the same feature", "States that no platform offers it",
                         "플랫폼·모델 제공사가 이미 같은 기능을 제공함", "플랫폼이 같은 기능을 제공하지 않는다고 밝힘"),
    "frontier_area": ("Works in a frontier area still open (robotics, multimodal, reasoning)", "States that it is not in a frontier area",
                      "아직 열려 있는 첨단 분야(로보틱스·멀티모달·추론)", "첨단 분야가 아니라고 밝힘"),
    "big_tech_competition": ("Competes head-on with Big Tech", "States that it does not compete with Big Tech",
                             "빅테크와 정면으로 경쟁함", "빅테크와 경쟁하지 않는다고 밝힘"),
}

TEMPLATES = {
    "en": {
        "no_evidence": "No evidence found for this criterion in the profile or the answers; the score is a prior with low confidence.",
        "no_evidence_custom": "No answers yet for this fund-defined criterion; the score is a neutral prior with low confidence.",
        "answer": 'Answer to "{label}": {value}.',
        "answer_invalid": 'Answer "{value}" is not an option of "{label}"; ignored.',
        "layer_signal": "{layer}: {signal}",
        "layer_fallback": "No stronger layer evidence; treated as an application built on models.",
        "layer_weaker": "{layer} signals found but weaker than the evidence for {chosen}.",
        "layer_analyst": "Layer set by an analyst.",
        "layer_engine_view": "The engine would suggest {layer}.",
    },
    "ko": {
        "no_evidence": "프로필과 답변에서 이 기준의 근거를 찾지 못했습니다. 점수는 사전값이며 신뢰도가 낮습니다.",
        "no_evidence_custom": "펀드가 추가한 이 기준에 대한 답변이 아직 없습니다. 점수는 중립 사전값이며 신뢰도가 낮습니다.",
        "answer": '"{label}" 질문에 대한 답변: {value}.',
        "answer_invalid": '"{label}" 질문의 선택지에 없는 답변 "{value}"은 무시했습니다.',
        "layer_signal": "{layer}: {signal}",
        "layer_fallback": "더 강한 레이어 근거가 없어 모델 기반 애플리케이션으로 분류했습니다.",
        "layer_weaker": "{layer} 신호가 있으나 {chosen} 근거보다 약합니다.",
        "layer_analyst": "심사역이 레이어를 지정했습니다.",
        "layer_engine_view": "엔진 제안 레이어는 {layer}입니다.",
    },
}


def lang_of(lang: str) -> str:
    """Normalise a language code to "en" or "ko"."""
    return "ko" if (lang or "").lower().startswith("ko") else "en"


@lru_cache(maxsize=4096)
def signal_text(code: str, negated: bool, lang: str, evidence: str) -> str:
    """Sentence for a text signal, quoting its evidence."""
    en, en_neg, ko, ko_neg = SIGNALS.get(code, (code, "No " + code, code, code + " 없음"))
    base = (ko_neg if negated else ko) if lang == "ko" else (en_neg if negated else en)
    return f"{base}: “{evidence}”"


def template(key: str, lang: str, **kwargs: object) -> str:
    """A fixed sentence in the requested language."""
    return TEMPLATES[lang][key].format(**kwargs)


# ---------------------------------------------------------------- rendering from a reason's own data
# Every reason carries `msg` (which sentence), `params` (its language-neutral arguments) and `negated`,
# so its text can be re-worded in any language from the stored scorecard alone (see localize()).
# The engine words its reasons with the same render(), so both paths give identical text.

def _r_signal(p: Mapping[str, Any], negated: bool, lang: str, evidence: str) -> str:
    return signal_text(p["signal"], negated, lang, evidence)


def _r_layer_signal(p: Mapping[str, Any], negated: bool, lang: str, evidence: str) -> str:
    return TEMPLATES[lang]["layer_signal"].format(layer=layer_label(p["layer"], lang),
                                                  signal=signal_text(p["signal"], negated, lang, evidence))


def _r_layer_weaker(p: Mapping[str, Any], negated: bool, lang: str, evidence: str) -> str:
    return TEMPLATES[lang]["layer_weaker"].format(layer=layer_label(p["layer"], lang),
                                                  chosen=layer_label(p["chosen"], lang))


def _r_layer_engine_view(p: Mapping[str, Any], negated: bool, lang: str, evidence: str) -> str:
    return TEMPLATES[lang]["layer_engine_view"].format(layer=layer_label(p["layer"], lang))


def _r_answer(p: Mapping[str, Any], negated: bool, lang: str, evidence: str) -> str:
    label = p["label_ko"] if lang == "ko" else p["label_en"]
    text = TEMPLATES[lang]["answer"].format(label=label, value=p["value"])
    justification = p.get("justification")
    return f"{text} {justification}" if justification else text


_RENDER = {
    "signal": _r_signal,
    "layer_signal": _r_layer_signal,
    "layer_weaker": _r_layer_weaker,
    "layer_engine_view": _r_layer_engine_view,
    "answer": _r_answer,
}
_EMPTY: Mapping[str, Any] = {}


def render(msg: str, params: Mapping[str, Any] | None, negated: bool, lang: str, evidence: str = "") -> str:
    """The sentence of a reason in `lang`; msg is a key of _RENDER or of TEMPLATES (a fixed sentence)."""
    fn = _RENDER.get(msg)
    if fn is not None:
        return fn(params or _EMPTY, negated, lang, evidence)
    return TEMPLATES[lang][msg]


def _localize_reasons(reasons: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    out = []
    for r in reasons:
        r = dict(r)
        msg = r.get("msg")
        params = r.get("params")
        if params is not None:
            r["params"] = dict(params)
        if msg:
            try:
                r["text"] = render(msg, params, bool(r.get("negated")), lang, r.get("evidence") or "")
            except (KeyError, TypeError, ValueError, AttributeError):
                pass  # a reason from another engine version: keep its stored text
        out.append(r)
    return out


def localize(card: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """A copy of a scorecard dict (Scorecard.to_dict()) with every reason's text worded in `lang`.

    Pure and cheap: no thesis needed, since each reason carries `msg`, `params` and `negated`. The result
    equals what score(..., lang=lang).to_dict() gives for the same inputs. Reasons without `msg` (cards made
    by engine versions before 1.1.0) keep their stored text.
    """
    lang = lang_of(lang)
    out = dict(card)
    layer = card.get("layer")
    if isinstance(layer, Mapping):
        out["layer"] = {**layer, "reasons": _localize_reasons(layer.get("reasons") or [], lang)}
    criteria = card.get("criteria")
    if isinstance(criteria, list):
        out["criteria"] = [{**c, "reasons": _localize_reasons(c.get("reasons") or [], lang)} for c in criteria]
    if isinstance(card.get("thesis"), Mapping):
        out["thesis"] = dict(card["thesis"])
    return out
