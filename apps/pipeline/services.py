"""Writes for partner review (stage moves go through apps.startups.services.stage_change)."""
from django.db import IntegrityError, transaction

from apps.accounts.models import User
from apps.core.limits import check_text_lengths
from apps.startups.models import Startup

from .models import ICDecision, ICVote, SavedView


@transaction.atomic
def saved_view_save(*, user: User, name: str, query: str) -> SavedView:
    """Save (or replace) the user's named view of the pipeline table."""
    check_text_lengths(SavedView, {"name": name, "query": query})
    view, _ = SavedView.objects.update_or_create(user=user, name=name, defaults={"query": query.lstrip("?")})
    return view


def saved_view_delete(*, user: User, pk: int) -> None:
    """Forget one of the user's saved views."""
    SavedView.objects.filter(user=user, pk=pk).delete()


class AlreadyVoted(Exception):
    """A partner's IC entry is final once submitted (it was made blind)."""


@transaction.atomic
def ic_vote_submit(*, actor: User, startup: Startup, scores: dict[str, float], vote: str, comment: str) -> ICVote:
    """Record a partner's blind IC entry; one per partner and startup (raises AlreadyVoted)."""
    check_text_lengths(ICVote, {"comment": comment})
    # The unique constraint decides, not a check before the insert: two submits at once
    # both pass such a check, and the second insert must be a refusal, not a crash.
    try:
        with transaction.atomic():
            return ICVote.objects.create(startup=startup, partner=actor, scores=scores, vote=vote, comment=comment)
    except IntegrityError:
        raise AlreadyVoted from None


@transaction.atomic
def ic_decide(*, actor: User, startup: Startup, decision: str, note: str) -> ICDecision:
    """Record the committee's decision."""
    check_text_lengths(ICDecision, {"note": note})
    return ICDecision.objects.create(startup=startup, decision=decision, note=note, decided_by=actor)
