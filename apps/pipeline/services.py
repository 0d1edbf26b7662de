"""Writes for partner review."""
from django.db import transaction

from apps.accounts.models import User

from .models import SavedView


@transaction.atomic
def saved_view_save(*, user: User, name: str, query: str) -> SavedView:
    """Save (or replace) the user's named view of the pipeline table."""
    view, _ = SavedView.objects.update_or_create(user=user, name=name, defaults={"query": query.lstrip("?")})
    return view


def saved_view_delete(*, user: User, pk: int) -> None:
    """Forget one of the user's saved views."""
    SavedView.objects.filter(user=user, pk=pk).delete()
