"""Layer suggestion: evidence strength per layer, then THESIS.md's precedence rule with thresholds."""

from __future__ import annotations

import re
from operator import itemgetter

from .messages import render
from .text import FLAGS
from .types import Hit, LayerResult, Profile, Reason, rounded

LAYERS = ("foundation_model", "middle_layer", "ai_hardware", "ai_application", "software_plus_ai", "second_generation")
PRECEDENCE = ("second_generation", "ai_hardware", "foundation_model", "middle_layer", "software_plus_ai")

# layer -> code -> weight of one affirmed mention
LAYER_WEIGHTS: dict[str, dict[str, float]] = {
    "second_generation": {"acts_for_user": 3.0, "anticipation": 2.0, "built_for_agents": 2.5, "ambient": 1.0,
                          "outcome_pricing": 1.0, "ai_agent": 0.5},
    "ai_hardware": {"chips": 1.5, "chip_design": 2.0},
    "foundation_model": {"pretraining": 2.0, "own_model": 1.5, "fine_tuning": 0.5, "sells_model": 2.0,
                         "open_release": 1.5, "frontier_area": 0.5},
    "middle_layer": {"mlops": 2.0, "dev_platform": 1.5, "model_agnostic": 1.5, "enable_builders": 1.5},
    "software_plus_ai": {"existing_product": 2.0, "founded_earlier": 1.5, "added_ai": 1.5, "user_base": 0.5},
}
THRESHOLDS = {"second_generation": 3.0, "ai_hardware": 3.0, "foundation_model": 3.5, "middle_layer": 3.0,
              "software_plus_ai": 3.0}
# A layer must show at least one of these core signals: a weak mix of side signals is not enough.
CORE = {
    "second_generation": frozenset({"acts_for_user", "anticipation", "built_for_agents"}),
    "ai_hardware": frozenset({"chips", "chip_design"}),
    "foundation_model": frozenset({"pretraining", "own_model"}),
    "middle_layer": frozenset({"mlops", "dev_platform", "model_agnostic", "enable_builders"}),
    "software_plus_ai": frozenset({"existing_product", "founded_earlier"}),
}
# Signals that the product is an application on someone else's model.
APP_CODES = frozenset({"third_party_api", "third_party_model", "thin_layer", "templates", "built_fast", "clones",
                       "consumer_horizontal", "chat_only", "vertical_workflow", "data_flywheel", "per_user_finetune"})
_ONE_LINER_WEIGHT = 1.5  # the one-liner says what the company is; the description adds detail
_DOMINANCE = 0.5  # an earlier layer wins only if its evidence is at least half as strong as the strongest
# One-liner whose head noun is a model ("Korean document-recognition model"): the model is the product.
_HEAD_BONUS = 1.5
_MODEL_HEAD = re.compile(r"(?:\bmodels?|\bllms?|모델)\s*[.!]?\s*$", FLAGS)


def _strengths(hits: list[Hit], profile: Profile) -> tuple[dict[str, float], dict[str, list[tuple[Hit, float]]]]:
    strength = {layer: 0.0 for layer in PRECEDENCE}
    support: dict[str, list[tuple[Hit, float]]] = {layer: [] for layer in PRECEDENCE}
    # One pass over the hits; per layer the additions happen in the same (reading) order as layer by layer.
    counts: dict[tuple[str, str], int] = {}
    for h in hits:
        if h[6]:  # negated
            continue
        targets = _CODE_LAYERS.get(h[1])  # code
        if targets is None:
            continue
        scale = (0.5 if h[7] else 1.0) * (_ONE_LINER_WEIGHT if h[2] == "one_liner" else 1.0)  # weak, field
        for layer, w, key in targets:
            n = counts.get(key, 0)
            counts[key] = n + 1
            if n >= 2:
                continue
            w *= (0.5 if n else 1.0) * scale
            strength[layer] += w
            rw = _ROUND2.get(w)
            if rw is None:  # round(x, 2) on floats is costly; the weights are few (all positive)
                rw = _ROUND2[w] = round(w, 2)
            support[layer].append((h, rw))
    if _MODEL_HEAD.search(profile.one_liner or ""):
        strength["foundation_model"] += _HEAD_BONUS
    return strength, support


_ROUND2: dict[float, float] = {}


# code -> ((layer, weight, (layer, code)), ...) in LAYER_WEIGHTS order
_CODE_LAYERS: dict[str, tuple[tuple[str, float, tuple[str, str]], ...]] = {}
for _layer, _weights in LAYER_WEIGHTS.items():
    for _code, _w in _weights.items():
        _CODE_LAYERS[_code] = _CODE_LAYERS.get(_code, ()) + ((_layer, _w, (_layer, _code)),)


def _applies(layer: str, strength: dict[str, float], support: dict[str, list[tuple[Hit, float]]]) -> bool:
    if strength[layer] < THRESHOLDS[layer]:
        return False
    core = CORE[layer]
    for h, _ in support[layer]:
        if h[1] in core:
            break
    else:
        return False
    if layer == "foundation_model":
        # The model must be the product: sold or released, or named as the product in the one-liner.
        own = sum(w for h, w in support[layer] if h.code in ("pretraining", "own_model"))
        listed = strength[layer] - sum(w for _, w in support[layer])  # the one-liner head bonus, if any
        sold = listed + sum(w for h, w in support[layer] if h.code in ("sells_model", "open_release"))
        return own >= 1.5 and sold >= 1.5
    return True


def suggest_layer(hits: list[Hit], profile: Profile, lang: str) -> LayerResult:
    """Suggest the layer with reasons, applying the precedence rule of THESIS.md."""
    strength, support = _strengths(hits, profile)
    ratio = {layer: strength[layer] / THRESHOLDS[layer] for layer in PRECEDENCE}
    applicable = [layer for layer in PRECEDENCE if _applies(layer, strength, support)]
    chosen = None
    if applicable:
        best = max([ratio[layer] for layer in applicable])
        for layer in applicable:
            if ratio[layer] >= _DOMINANCE * best:
                chosen = layer
                break
    reasons: list[Reason] = []
    if chosen is not None:
        rivals = [ratio[layer] for layer in applicable if layer != chosen]
        confidence = 0.55 + 0.1 * min(ratio[chosen], 4.0)
        if rivals and max(rivals) >= 0.8 * ratio[chosen]:
            confidence -= 0.15
        for h, w in sorted(support[chosen], key=_WEIGHT, reverse=True)[:5]:  # stable: ties keep reading order
            reasons.append(_hit_reason(chosen, h, w, lang))
    else:
        chosen = "ai_application"
        app_hits = [h for h in hits if h.code in APP_CODES and not h.negated]
        confidence = 0.7 if app_hits else 0.4
        for h in app_hits[:4]:
            reasons.append(_hit_reason(chosen, h, 1.0, lang))
        fallback = _FALLBACK.get(lang)
        if fallback is None:  # immutable (no params), so one per language
            fallback = _FALLBACK[lang] = Reason("layer.ai_application.fallback", render("layer_fallback", None, False, lang),
                                                "", "text", 0.0, msg="layer_fallback")
        reasons.append(fallback)
    for layer in PRECEDENCE:
        if layer != chosen and support[layer] and strength[layer] >= 1.5:
            h = max(support[layer], key=_WEIGHT)[0]
            params = {"layer": layer, "chosen": chosen}
            text = _WEAKER.get((layer, chosen, lang))
            if text is None:
                text = _WEAKER[(layer, chosen, lang)] = render("layer_weaker", params, False, lang)
            reasons.append(_new(Reason, (f"layer.{layer}.weaker", text, h[5], "text", 0.0, h[2], h[3], h[4],
                                         "layer_weaker", params, False)))
    reasons.sort(key=_strongest_first)
    return LayerResult(chosen, round(min(0.95, confidence), 2), "suggested", tuple(reasons))


_WEIGHT = itemgetter(1)  # of a (hit, weight) pair


def _strongest_first(r: Reason) -> tuple[bool, float]:
    return (r[4] == 0, -r[4])  # points


_new = tuple.__new__  # builds a Reason without the NamedTuple's Python-level __new__ (hot path)
_FALLBACK: dict[str, Reason] = {}
_WEAKER: dict[tuple[str, str, str], str] = {}
# (layer, code, lang) -> (reason code, its text without the evidence and closing quote)
_HIT_PREFIX: dict[tuple[str, str, str], tuple[str, str]] = {}


def _hit_reason(layer: str, h: Hit, weight: float, lang: str) -> Reason:
    code = h[1]
    params = {"layer": layer, "signal": code}
    pre = _HIT_PREFIX.get((layer, code, lang))
    if pre is None:
        text = render("layer_signal", params, False, lang, "")
        assert text.endswith("\u201d")
        pre = _HIT_PREFIX[(layer, code, lang)] = (f"layer.{layer}.{code}", text[:-1])
    evidence = h[5]
    return _new(Reason, (pre[0], pre[1] + evidence + "\u201d", evidence, "text", rounded(weight, 2), h[2], h[3], h[4],
                         "layer_signal", params, False))


def analyst_layer(key: str, suggested: LayerResult, lang: str) -> LayerResult:
    """Layer fixed by an analyst; the engine's own view is kept as a reason."""
    if key not in LAYERS:
        raise ValueError(f"unknown layer {key!r}; expected one of {', '.join(LAYERS)}")
    params = {"layer": suggested.key}
    reasons = (
        Reason("layer.analyst_override", render("layer_analyst", None, False, lang), "layer_override", "answer", 0.0,
               msg="layer_analyst"),
        Reason("layer.engine_suggestion", render("layer_engine_view", params, False, lang), "", "text", 0.0,
               msg="layer_engine_view", params=params),
    )
    return LayerResult(key, 1.0, "analyst", reasons)
