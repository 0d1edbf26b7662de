"""Writes for partner review."""
from django.conf import settings
from django.db import transaction

from apps.accounts.models import User
from apps.startups.models import Startup
from apps.startups.services import startup_set_stage

from . import gates
from .models import SavedView, StageTransition


@transaction.atomic
def saved_view_save(*, user: User, name: str, query: str) -> SavedView:
    """Save (or replace) the user's named view of the pipeline table."""
    view, _ = SavedView.objects.update_or_create(user=user, name=name, defaults={"query": query.lstrip("?")})
    return view


def saved_view_delete(*, user: User, pk: int) -> None:
    """Forget one of the user's saved views."""
    SavedView.objects.filter(user=user, pk=pk).delete()


class GateClosed(Exception):
    """The stage's gate is not met; carries what is missing."""

    def __init__(self, missing: list[str]):
        super().__init__(", ".join(missing))
        self.missing = missing


@transaction.atomic
def stage_move(*, actor: User, startup: Startup, to_stage: str, reason: str = "") -> StageTransition:
    """Move a startup to another pipeline stage if the stage's gate allows it, and log the move."""
    missing = gates.missing(startup, to_stage, reason, settings.STAGE_GATES)
    if missing:
        raise GateClosed(missing)
    from_stage = startup.pipeline_stage
    startup_set_stage(actor=actor, startup=startup, stage=to_stage)
    return StageTransition.objects.create(startup=startup, from_stage=from_stage, to_stage=to_stage, reason=reason, actor=actor)
