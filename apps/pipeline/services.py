"""Writes for partner review."""
from django.conf import settings
from django.db import transaction

from apps.accounts.models import User
from apps.startups.models import Startup
from apps.startups.services import startup_set_stage

from . import gates
from .models import ICDecision, ICVote, SavedView, StageTransition


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


class AlreadyVoted(Exception):
    """A partner's IC entry is final once submitted (it was made blind)."""


@transaction.atomic
def ic_vote_submit(*, actor: User, startup: Startup, scores: dict[str, float], vote: str, comment: str) -> ICVote:
    """Record a partner's blind IC entry; one per partner and startup."""
    if ICVote.objects.filter(startup=startup, partner=actor).exists():
        raise AlreadyVoted
    return ICVote.objects.create(startup=startup, partner=actor, scores=scores, vote=vote, comment=comment)


@transaction.atomic
def ic_decide(*, actor: User, startup: Startup, decision: str, note: str) -> ICDecision:
    """Record the committee's decision."""
    return ICDecision.objects.create(startup=startup, decision=decision, note=note, decided_by=actor)
