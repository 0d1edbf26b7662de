"""The checks that stage gates are made of (settings.STAGE_GATES picks which apply where)."""
from django.utils.translation import gettext_lazy as _

from apps.memos.models import Memo
from apps.scoring.models import LayerDecision
from apps.scoring.selectors import CURRENT, scorecard_latest, scorecard_status, scoring_state

CHECKS = {
    "layer_confirmed": (_("an analyst-confirmed layer"), lambda startup, reason: LayerDecision.objects.filter(startup=startup).exists()),
    "current_scorecard": (
        _("a current scorecard"),
        lambda startup, reason: scorecard_status(scorecard_latest(startup=startup), scoring_state(startup=startup)) == CURRENT,
    ),
    "memo_draft": (_("a saved memo draft"), lambda startup, reason: Memo.objects.filter(startup=startup).exists()),
    "reason": (_("a reason"), lambda startup, reason: bool(reason and reason.strip())),
}


def missing(startup, stage: str, reason: str, gates: dict) -> list[str]:
    """What the startup still lacks to enter `stage`, worded for the user."""
    return [str(CHECKS[name][0]) for name in gates.get(stage, []) if not CHECKS[name][1](startup, reason)]
