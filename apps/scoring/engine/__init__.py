"""Pure-Python scoring engine: profile + answers + thesis version -> explainable scorecard.

Imports nothing from Django or the apps, so it is fast and testable on its own.
"""

from .default_thesis import DEFAULT_THESIS_DATA, LAYERS_DATA, default_thesis, thesis_from_data
from .layers import LAYERS
from .messages import localize
from .scorer import ENGINE_VERSION, score, suggest_answers
from .types import (
    Answer,
    Criterion,
    CriterionScore,
    LayerResult,
    Profile,
    Question,
    Reason,
    Scorecard,
    SuggestedAnswer,
    ThesisSpec,
)

__all__ = [
    "ENGINE_VERSION", "LAYERS", "DEFAULT_THESIS_DATA", "LAYERS_DATA", "Answer", "Criterion", "CriterionScore",
    "LayerResult", "Profile", "Question", "Reason", "Scorecard", "SuggestedAnswer", "ThesisSpec",
    "default_thesis", "localize", "score", "suggest_answers", "thesis_from_data",
]
