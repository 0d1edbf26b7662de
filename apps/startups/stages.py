"""Stage gates: what a startup needs before it may enter a pipeline stage.

`settings.STAGE_GATES` names the checks each stage needs, e.g. {"ic": ["layer_confirmed",
"current_scorecard", "memo_draft"]}. The checks are registered here by the apps that own the
data they look at (scoring: a confirmed layer and a current scorecard; memos: a saved draft)
from their AppConfig.ready(), so the one stage-change service in startups enforces every gate
on every path (board, form, API, import) without importing the apps above it.
"""
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext, gettext_lazy as _


@dataclass(frozen=True)
class Check:
    label: str  # what the startup needs, worded for the user ("a saved memo draft")
    passes: Callable  # (startup, reason) -> bool


CHECKS: dict[str, Check] = {}


def register_check(name: str, label, passes: Callable) -> None:
    """Make a check available to STAGE_GATES under `name`."""
    CHECKS[name] = Check(label, passes)


register_check("reason", _("a reason"), lambda startup, reason: bool(reason and reason.strip()))


class GateClosed(Exception):
    """The stage's gate is not met; carries the stage and what is missing."""

    def __init__(self, stage: str, missing: list[str]):
        super().__init__(", ".join(missing))
        self.stage = stage
        self.missing = missing

    @property
    def message(self) -> str:
        """What a refused stage change says, on the board, the form and the API."""
        from .models import PipelineStage

        return gettext("It cannot move to %(stage)s yet: it needs %(missing)s.") % {
            "stage": PipelineStage(self.stage).label, "missing": ", ".join(self.missing)}


def gate(stage: str) -> list[Check]:
    """The checks a startup must pass to enter `stage`."""
    try:
        return [CHECKS[name] for name in settings.STAGE_GATES.get(stage, [])]
    except KeyError as error:
        raise ImproperlyConfigured(f"STAGE_GATES names an unknown check {error}; known: {sorted(CHECKS)}") from None


def missing(startup, stage: str, reason: str = "") -> list[str]:
    """What the startup still lacks to enter `stage`, worded for the user."""
    return [str(check.label) for check in gate(stage) if not check.passes(startup, reason)]
