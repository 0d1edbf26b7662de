"""Value types of the scoring engine: inputs (profile, answers, thesis) and the scorecard."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, NamedTuple

HIGHER_IS_BETTER = "higher_is_better"
HIGHER_IS_WORSE = "higher_is_worse"
TEXT_FIELDS = ("name", "one_liner", "description")


@dataclass(frozen=True)
class Profile:
    name: str
    one_liner: str = ""
    description: str = ""
    website: str = ""
    country: str = ""
    stage: str = ""


@dataclass(frozen=True)
class Answer:
    value: str
    justification: str = ""


@dataclass(frozen=True)
class Question:
    key: str
    criterion: str
    options: tuple[str, ...]
    points: Mapping[str, float]
    label_en: str
    label_ko: str


@dataclass(frozen=True)
class Criterion:
    key: str
    direction: str
    weight: float
    questions: tuple[Question, ...]
    builtin: bool
    label_en: str = ""
    label_ko: str = ""
    help_en: str = ""
    help_ko: str = ""


@dataclass(frozen=True)
class ThesisSpec:
    thesis_id: int | None
    name: str
    version: int
    criteria: tuple[Criterion, ...]
    layer_multipliers: Mapping[str, float]


class Hit(NamedTuple):  # a NamedTuple: immutable and cheap to create, there are dozens per profile
    """One signal found in a profile field; `negated` when the clause denies it."""

    family: str
    code: str
    field: str
    start: int
    end: int
    evidence: str
    negated: bool = False
    weak: bool = False


class Reason(NamedTuple):
    """One explained contribution to a score or to the layer."""

    code: str
    text: str
    evidence: str
    source: str  # "text" | "answer"
    points: float
    field: str | None = None
    start: int | None = None
    end: int | None = None
    # What the wording needs, so a stored reason can be re-worded in another language (messages.localize):
    # msg names the sentence, params holds its language-neutral arguments, negated picks the denial form.
    msg: str = ""
    params: Mapping[str, Any] | None = None
    negated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Serialise; text reasons carry field and offsets, answer reasons do not."""
        return _reason_dicts((self,))[0]


def _reason_dicts(reasons: tuple[Reason, ...]) -> list[dict[str, Any]]:
    """Serialise reasons, in one comprehension (a scorecard serialises dozens of them)."""
    return [
        {"code": code, "text": text, "evidence": evidence, "source": source,
         "points": points if points.__class__ is float else float(points), "msg": msg,
         "params": dict(params) if params else {}, "negated": negated, "field": field, "start": start, "end": end}
        if source == "text" and field is not None else
        {"code": code, "text": text, "evidence": evidence, "source": source,
         "points": points if points.__class__ is float else float(points), "msg": msg,
         "params": dict(params) if params else {}, "negated": negated}
        for code, text, evidence, source, points, field, start, end, msg, params, negated in reasons
    ]


@dataclass(frozen=True)
class CriterionScore:
    key: str
    score: float
    confidence: float
    direction: str
    reasons: tuple[Reason, ...]
    has_evidence: bool

    def to_dict(self) -> dict[str, Any]:
        """Serialise to the public scorecard shape."""
        return {
            "key": self.key,
            "score": float(self.score),
            "confidence": float(self.confidence),
            "direction": self.direction,
            "reasons": _reason_dicts(self.reasons),
        }


def criterion_score(key: str, score: float, confidence: float, direction: str, reasons: tuple[Reason, ...],
                    has_evidence: bool) -> CriterionScore:
    """CriterionScore(...) without the frozen dataclass's __init__, which sets each field through
    object.__setattr__ (slow on the scoring hot path): the same fields in the same order, still frozen."""
    obj = _object_new(CriterionScore)
    d = obj.__dict__
    d["key"] = key
    d["score"] = score
    d["confidence"] = confidence
    d["direction"] = direction
    d["reasons"] = reasons
    d["has_evidence"] = has_evidence
    return obj


_object_new = object.__new__


def rounded(x: float, ndigits: int) -> float:
    """round(x, ndigits), remembered for floats: rounding a float is costly and scores take few values."""
    if type(x) is not float or not x or x != x:  # ints stay ints; 0.0 and -0.0 are equal keys; NaN
        return round(x, ndigits)
    memo = _ROUNDED[ndigits] if ndigits in _ROUNDED else _ROUNDED.setdefault(ndigits, {})
    value = memo.get(x)
    if value is None:
        if len(memo) >= 100_000:
            memo.clear()
        value = memo[x] = round(x, ndigits)
    return value


_ROUNDED: dict[int, dict[float, float]] = {}


@dataclass(frozen=True)
class LayerResult:
    key: str
    confidence: float
    source: str  # "suggested" | "analyst"
    reasons: tuple[Reason, ...]

    def to_dict(self) -> dict[str, Any]:
        """Serialise to the public scorecard shape."""
        return {
            "key": self.key,
            "confidence": float(self.confidence),
            "source": self.source,
            "reasons": _reason_dicts(self.reasons),
        }


@dataclass(frozen=True)
class Scorecard:
    thesis_id: int | None
    thesis_name: str
    thesis_version: int
    engine_version: str
    layer: LayerResult
    criteria: tuple[CriterionScore, ...]
    total: float
    coverage: float

    def to_dict(self) -> dict[str, Any]:
        """Return the scorecard in the public API shape of DESIGN.md."""
        return {
            "thesis": {"id": self.thesis_id, "name": self.thesis_name, "version": self.thesis_version},
            "engine_version": self.engine_version,
            "layer": self.layer.to_dict(),
            "criteria": [c.to_dict() for c in self.criteria],
            "total": float(self.total),
            "coverage": float(self.coverage),
        }


@dataclass(frozen=True)
class SuggestedAnswer:
    question: str
    value: str
    reason: str
    evidence: str
    field: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Serialise for pre-filling the questionnaire."""
        return {
            "question": self.question,
            "value": self.value,
            "reason": self.reason,
            "evidence": self.evidence,
            "field": self.field,
            "start": self.start,
            "end": self.end,
        }
