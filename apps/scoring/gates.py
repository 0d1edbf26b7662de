"""The stage-gate checks about scoring, registered with startups' gate registry (see apps/startups/stages.py)."""
from django.utils.translation import gettext_lazy as _

from apps.startups.stages import register_check

from .models import LayerDecision
from .selectors import CURRENT, scorecard_latest, scorecard_status, scoring_state


def _layer_confirmed(startup, reason) -> bool:
    return LayerDecision.objects.filter(startup=startup).exists()


def _current_scorecard(startup, reason) -> bool:
    return scorecard_status(scorecard_latest(startup=startup), scoring_state(startup=startup)) == CURRENT


register_check("layer_confirmed", _("an analyst-confirmed layer"), _layer_confirmed)
register_check("current_scorecard", _("a current scorecard"), _current_scorecard)
