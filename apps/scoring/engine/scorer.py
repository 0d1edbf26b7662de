"""The engine's entry points: score a profile against a thesis, and suggest questionnaire answers."""

from __future__ import annotations

from typing import Mapping

from .criteria import QUESTION_SIGNALS, score_criterion, text_points
from .layers import analyst_layer, suggest_layer
from .messages import lang_of, signal_text
from .signals import detect, detect_fields
from .types import HIGHER_IS_WORSE, Answer, Profile, Scorecard, SuggestedAnswer, ThesisSpec, rounded

ENGINE_VERSION = "1.1.0"  # 1.1.0: reasons carry msg/params/negated (localize); tooling signals


def score(profile: Profile, answers: Mapping[str, Answer], thesis: ThesisSpec, *, lang: str = "en",
          layer_override: str | None = None) -> Scorecard:
    """Score a profile against a thesis version; a pure function of its inputs."""
    lang = lang_of(lang)
    answers = answers or {}
    hits = detect_fields(profile.name or "", profile.one_liner or "", profile.description or "")
    layer = suggest_layer(hits, profile, lang)
    if layer_override:
        layer = analyst_layer(layer_override, layer, lang)
    scored = text_points(hits, lang)  # one pass over the hits for all criteria
    criteria = tuple([score_criterion(c, scored.get(c.key, ()), answers, lang) for c in thesis.criteria])
    total_weight = sum(max(0.0, c.weight) for c in thesis.criteria)
    if total_weight > 0:
        mean = sum(
            max(0.0, c.weight) * ((100.0 - s.score) if c.direction == HIGHER_IS_WORSE else s.score)
            for c, s in zip(thesis.criteria, criteria)
        ) / total_weight
    else:
        mean = 0.0
    total = round(min(100.0, max(0.0, mean * float(thesis.layer_multipliers.get(layer.key, 1.0)))), 1)
    coverage = rounded(sum(1 for s in criteria if s.has_evidence) / len(criteria), 2) if criteria else 0.0
    return Scorecard(thesis.thesis_id, thesis.name, thesis.version, ENGINE_VERSION, layer, criteria, total, coverage)


def suggest_answers(profile: Profile, thesis: ThesisSpec, *, lang: str = "en") -> dict[str, SuggestedAnswer]:
    """Question key -> suggested yes/no with the phrase that supports it, for pre-filling the questionnaire."""
    lang = lang_of(lang)
    hits = detect(profile)
    out: dict[str, SuggestedAnswer] = {}
    for criterion in thesis.criteria:
        for q in criterion.questions:
            codes = QUESTION_SIGNALS.get(q.key)
            if not codes or "yes" not in q.options or "no" not in q.options:
                continue
            relevant = [h for h in hits if h.code in codes]
            affirmed = [h for h in relevant if not h.negated]
            chosen = (affirmed or relevant)[:1]
            if not chosen:
                continue
            h = chosen[0]
            value = "no" if h.negated else "yes"
            out[q.key] = SuggestedAnswer(q.key, value, signal_text(h.code, h.negated, lang, h.evidence), h.evidence,
                                         h.field, h.start, h.end)
    return out
