"""Criterion scoring: text signals and answers to points, points to a 0-100 score with reasons."""

from __future__ import annotations

from operator import itemgetter
from typing import Mapping

from .messages import render, signal_text
from .types import Answer, Criterion, CriterionScore, Hit, Question, Reason, criterion_score, rounded

DM, UX, SG, FM, MP = "data_moat", "ux_arbitrage_risk", "second_gen_potential", "fm_dependency", "market_position"

# Score before any evidence. Absence of moat or second-gen evidence is itself weak evidence of
# absence, so those priors sit low; the no-evidence reason and low confidence say so.
PRIORS: dict[str, float] = {DM: 25.0, UX: 45.0, SG: 10.0, FM: 40.0, MP: 40.0}
CUSTOM_PRIOR = 50.0

_MODEL_OWN = {DM: (12, -5), UX: (-20, 10), FM: (-30, 10), MP: (5, 0)}
_TOOLS = {UX: (-15, 0), FM: (-15, 0), MP: (5, 0)}
_CHIPS = {UX: (-15, 0), FM: (-20, 0)}

# code -> criterion -> (points when affirmed, points when negated)
CODE_POINTS: dict[str, dict[str, tuple[float, float]]] = {
    "pretraining": {**_MODEL_OWN, DM: (15, -5)},
    "own_model": _MODEL_OWN,
    "fine_tuning": {DM: (8, -3), UX: (-10, 5), FM: (-15, 5)},
    "third_party_api": {DM: (-5, 0), UX: (30, -15), FM: (40, -25)},
    "third_party_model": {DM: (-3, 0), UX: (18, -8), FM: (25, -15)},
    "proprietary_data": {DM: (35, -15), UX: (-15, 10), MP: (10, 0)},
    "partner_data": {DM: (30, -10), UX: (-12, 5), MP: (8, 0)},
    "own_sensors": {DM: (20, -5), UX: (-8, 0)},
    "regulated_data": {DM: (15, -5), UX: (-5, 0)},
    "public_data": {DM: (-15, 5)},
    "data_flywheel": {DM: (25, -10), UX: (-10, 5), MP: (5, 0)},
    "per_user_finetune": {DM: (-10, 0), UX: (8, 0)},
    "paying_customers": {DM: (3, 0), UX: (-12, 10), MP: (20, -10)},
    "b2b_contracts": {DM: (3, 0), UX: (-15, 8), MP: (20, -10)},
    "retention": {UX: (-8, 5), MP: (12, -8)},
    "subscription": {UX: (-3, 0), MP: (6, -3)},
    "user_base": {DM: (10, -5), UX: (-10, 5), MP: (10, -5)},
    "vertical_workflow": {DM: (10, 0), UX: (-12, 5), MP: (5, 0)},
    "acts_for_user": {SG: (35, -5), UX: (-10, 0), MP: (3, 0)},
    "ai_agent": {SG: (8, -3)},
    "ambient": {SG: (18, -3)},
    "anticipation": {SG: (25, -5)},
    "built_for_agents": {SG: (25, -3), UX: (-8, 0)},
    "outcome_pricing": {SG: (12, 0), MP: (5, 0)},
    "chat_only": {SG: (-5, 0)},
    "chips": _CHIPS,
    "chip_design": _CHIPS,
    "mlops": _TOOLS,
    "dev_platform": _TOOLS,
    "model_agnostic": {UX: (-8, 0), FM: (-20, 5)},
    "enable_builders": {UX: (-10, 0), FM: (-10, 0)},
    "existing_product": {DM: (5, 0), UX: (-15, 0), MP: (8, 0)},
    "founded_earlier": {UX: (-10, 0), MP: (5, 0)},
    "added_ai": {UX: (-5, 0)},
    "sells_model": {UX: (-10, 0), FM: (-10, 0), MP: (5, 0)},
    "open_release": {UX: (-5, 0), FM: (-10, 0)},
    "built_fast": {UX: (20, -5), MP: (-5, 0)},
    "small_team": {UX: (10, -3), MP: (-5, 0)},
    "clones": {UX: (20, -5), MP: (-10, 0)},
    "templates": {UX: (10, 0)},
    "thin_layer": {UX: (15, -5)},
    "viral_churn": {DM: (-5, 0), UX: (15, 0), MP: (-10, 0)},
    "consumer_horizontal": {UX: (10, -3)},
    "free_no_revenue": {UX: (10, 0), MP: (-10, 0)},
    "platform_feature": {UX: (15, 0), MP: (-10, 0)},
    "frontier_area": {MP: (12, 0)},
    "big_tech_competition": {UX: (5, 0), MP: (-10, 0)},
}

# Families whose distinct codes are independent facts that add up (a thin wrapper shows many
# facets); elsewhere repeated mentions of one family count with diminishing weight.
_STACKING = frozenset({"wrapper"})
_DIMINISH = (1.0, 0.5, 0.25)

# Default question key -> text signal codes it confirms or denies (for suggestions and overrides).
QUESTION_SIGNALS: dict[str, frozenset[str]] = {
    "dm_proprietary_data": frozenset({"proprietary_data", "partner_data", "own_sensors", "regulated_data"}),
    "dm_flywheel": frozenset({"data_flywheel"}),
    "dm_domain_training": frozenset({"pretraining", "own_model", "fine_tuning"}),
    "ux_thin_api_layer": frozenset({"third_party_api", "thin_layer", "templates"}),
    "ux_easy_to_copy": frozenset({"built_fast", "small_team", "clones"}),
    "ux_paying_customers": frozenset({"paying_customers", "b2b_contracts", "retention", "subscription"}),
    "ux_platform_feature": frozenset({"platform_feature", "consumer_horizontal"}),
    "sg_acts_for_user": frozenset({"acts_for_user"}),
    "sg_ambient": frozenset({"ambient"}),
    "sg_anticipates": frozenset({"anticipation"}),
    "sg_built_for_agents": frozenset({"built_for_agents", "outcome_pricing"}),
    "fm_third_party_api": frozenset({"third_party_api", "third_party_model"}),
    "fm_own_model": frozenset({"pretraining", "own_model", "fine_tuning"}),
    "mp_paying_customers": frozenset({"paying_customers", "b2b_contracts", "retention"}),
    "mp_frontier": frozenset({"frontier_area"}),
}


_FIELD_ORDER = {"name": 0, "one_liner": 1, "description": 2}
_new = tuple.__new__  # builds a Reason without the NamedTuple's Python-level __new__ (hot path)


def text_points(hits: tuple[Hit, ...] | list[Hit], lang: str) -> dict[str, list[tuple]]:
    """One pass over the hits (in reading order) for all criteria: per criterion, the hits that move it with
    their points (halved for a side mention), as (-|points|, order, points, hit, _POINTS entry, shared) for
    _text_reasons, where shared holds what the hit's reasons have in common (sort position, text, repeat group)."""
    out: dict[str, list[tuple]] = {}
    rows_of = _CODE_ROWS
    prefixes = _SIGNAL_PREFIX[lang]
    for i, h in enumerate(hits):
        rows = rows_of.get(h[1])
        if rows is None:
            continue
        family, code, field, start, _, evidence, negated, weak = h
        shared = None
        for criterion, entry in rows:
            pts = entry[1] if negated else entry[0]
            if not pts:
                continue
            if weak:
                pts *= 0.5
            if shared is None:
                shared = (_FIELD_ORDER.get(field or "", 3), start or 0, prefixes[code, negated] + evidence + "\u201d",
                          (code if family in _STACKING else family, negated))
            items = out.get(criterion)
            if items is None:
                items = out[criterion] = []
            items.append((-abs(pts), i, pts, h, entry, shared))
    return out


def _text_reasons(scored: list[tuple], suppressed: frozenset[str]) -> list[Reason]:
    """Reasons from one criterion's text_points(): repeats of a signal family count with diminishing weight,
    strongest first; the reasons come out in reading order."""
    if suppressed:
        scored = [x for x in scored if x[3][1] not in suppressed]
    if not scored:
        return []
    if len(scored) > 1:
        scored = sorted(scored)  # strongest first, so diminishing weight falls on the repeats (ties: reading order)
    keyed = []
    seen: dict[tuple[str, bool], int] = {}
    memo = _ROUNDED
    for _, _, pts, h, entry, (order, start, text, group) in scored:
        n = seen.get(group, 0)
        seen[group] = n + 1
        if n >= 3:
            continue
        negated = h[6]
        key = entry[3] if negated else entry[2]
        dims = memo.get(pts)
        if dims is None:  # round(x, 1) on floats is costly; the points are few
            dims = memo[pts] = tuple(round(pts * d, 1) for d in _DIMINISH)
        rp = dims[n]
        # Sorted below by (field, start, code) as _reason_order (stable: ties keep this order), without a
        # Python key function.
        keyed.append((order, start, key, len(keyed), _new(Reason, (
            key, text, h[5], "text", rp, h[2], h[3], h[4], "signal", {"signal": h[1]}, negated))))
    if len(keyed) > 1:
        keyed.sort()
    return [k[4] for k in keyed]


_ROUNDED: dict[float, tuple[float, ...]] = {}  # points -> the reason's points for each repeat (_DIMINISH)


class _SignalPrefixes(dict):
    """(code, negated) -> signal_text(code, negated, lang, evidence) without its evidence and closing quote."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def __missing__(self, key: tuple[str, bool]) -> str:
        text = signal_text(key[0], key[1], self.lang, "")
        assert text.endswith("\u201d")
        value = self[key] = text[:-1]
        return value


_SIGNAL_PREFIX = {"en": _SignalPrefixes("en"), "ko": _SignalPrefixes("ko")}


# (code, criterion) -> (points when affirmed, points when negated)
# plus the reason codes when affirmed and when negated.
_POINTS = {(code, crit): (pair[0], pair[1], f"{crit}.{code}", f"{crit}.no_{code}")
           for code, table in CODE_POINTS.items() for crit, pair in table.items()}
# code -> ((criterion, its _POINTS entry), ...) in CODE_POINTS order
_CODE_ROWS = {code: tuple((crit, _POINTS[(code, crit)]) for crit in table) for code, table in CODE_POINTS.items()}


def _reason_order(r: Reason) -> tuple[int, int, str]:
    return (_FIELD_ORDER.get(r.field or "", 3), r.start or 0, r.code)


def _answer_reason(q: Question, ans: Answer, lang: str) -> Reason | None:
    if ans.value not in q.options:
        return None
    # The question's labels travel with the reason, so it can be re-worded without the thesis.
    params = {"label_en": q.label_en, "label_ko": q.label_ko, "value": ans.value,
              "justification": (ans.justification or "").strip()}
    text = render("answer", params, False, lang)
    return Reason(f"{q.criterion}.answer.{q.key}", text, q.key, "answer", round(float(q.points.get(ans.value, 0.0)), 1),
                  None, None, None, "answer", params)


def score_criterion(criterion: Criterion, scored: list[tuple], answers: Mapping[str, Answer], lang: str) -> CriterionScore:
    """Score one criterion from its text points (text_points(); builtin keys only) and answers to its questions."""
    answer_reasons: list[Reason] = []
    suppressed: set[str] = set()
    if answers:
        for q in criterion.questions:
            ans = answers.get(q.key)
            if ans is None:
                continue
            r = _answer_reason(q, ans, lang)
            if r is not None:
                answer_reasons.append(r)
                suppressed |= QUESTION_SIGNALS.get(q.key, frozenset())  # the analyst's answer replaces the text reading
    known = criterion.builtin and criterion.key in PRIORS
    text_reasons = _text_reasons(scored, frozenset(suppressed) if suppressed else _NOTHING) if known else []
    prior = PRIORS[criterion.key] if known else CUSTOM_PRIOR
    reasons = text_reasons + answer_reasons if answer_reasons else text_reasons
    if not reasons:
        key = "no_evidence" if known else "no_evidence_custom"
        r = _NO_EVIDENCE.get((key, criterion.key, lang))
        if r is None:
            r = _NO_EVIDENCE[(key, criterion.key, lang)] = Reason(
                f"{criterion.key}.no_evidence", render(key, None, False, lang), "", "text", 0.0, msg=key)
        return criterion_score(criterion.key, rounded(prior, 1), 0.15, criterion.direction, (r,), False)
    raw = prior + sum(map(_POINTS_OF, reasons))
    raw = raw if raw > 0.0 else 0.0  # as max(0.0, raw) and min(100.0, ...), cheaper
    score = rounded(raw if raw < 100.0 else 100.0, 1)
    n = len(text_reasons)
    confidence = 0.35 + 0.1 * (n if n < 4 else 4) + 0.2 * len(answer_reasons)
    confidence = rounded(confidence if confidence < 0.95 else 0.95, 2)
    return criterion_score(criterion.key, score, confidence, criterion.direction, tuple(reasons), True)


_NOTHING: frozenset[str] = frozenset()
_POINTS_OF = itemgetter(4)  # Reason.points


# (message, criterion, lang) -> the no-evidence reason (immutable: params None)
_NO_EVIDENCE: dict[tuple[str, str, str], Reason] = {}
