"""Writes for startups, founders and notes."""
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User

from .models import Founder, Note, Startup, Tag, normalise_domain, normalise_name
from .signals import startup_changed

M2M_AND_CHILDREN = ("tags", "founders", "deal_team")


class StaleVersionError(Exception):
    """The startup changed since the editor loaded it; carries the current row."""

    def __init__(self, current: Startup):
        super().__init__("stale version")
        self.current = current


def _tags_from_names(names: list[str]) -> list[Tag]:
    cleaned = sorted({name.strip()[:50] for name in names if name and name.strip()})
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=cleaned)}
    missing = [Tag(name=name) for name in cleaned if name not in existing]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    return list(Tag.objects.filter(name__in=cleaned))


def _set_related(startup: Startup, data: dict) -> None:
    if "tags" in data:
        startup.tags.set(_tags_from_names(data["tags"]))
    if "deal_team" in data:
        startup.deal_team.set(data["deal_team"])
    if "founders" in data:
        startup.founders.all().delete()
        Founder.objects.bulk_create(
            Founder(startup=startup, position=index, **founder) for index, founder in enumerate(data["founders"])
        )


def _apply_fields(startup: Startup, data: dict) -> None:
    for field, value in data.items():
        if field not in M2M_AND_CHILDREN:
            setattr(startup, field, value)
    startup.domain = normalise_domain(startup.website)
    startup.name_key = normalise_name(startup.name)
    startup.last_activity_at = timezone.now()


@transaction.atomic
def startup_create(*, actor: User, data: dict) -> Startup:
    """Create a startup from validated data; the creator owns it unless another owner is given."""
    startup = Startup(owner=data.get("owner") or actor)
    _apply_fields(startup, {key: value for key, value in data.items() if key != "owner"})
    startup.save()
    _set_related(startup, data)
    startup_changed.send(sender=Startup, startup=startup)
    return startup


@transaction.atomic
def startup_update(*, actor: User, startup: Startup, version: int, data: dict) -> Startup:
    """Apply a (partial) change if nobody saved in between; otherwise raise StaleVersionError."""
    current = Startup.objects.select_for_update().get(pk=startup.pk)
    if current.version != version:
        raise StaleVersionError(current)
    _apply_fields(current, data)
    current.version += 1
    current.save()
    _set_related(current, data)
    startup_changed.send(sender=Startup, startup=current)
    return current


@transaction.atomic
def startup_soft_delete(*, actor: User, startup: Startup) -> None:
    """Hide a startup from every list and lookup; the row stays for audit and restore."""
    Startup.objects.filter(pk=startup.pk, deleted_at__isnull=True).update(deleted_at=timezone.now())


@transaction.atomic
def startup_restore(*, actor: User, startup: Startup) -> Startup:
    """Bring a soft-deleted startup back into lists, search, exports and rescoring."""
    Startup.objects.filter(pk=startup.pk).update(deleted_at=None, last_activity_at=timezone.now())
    startup.refresh_from_db()
    startup_changed.send(sender=Startup, startup=startup)
    return startup


@transaction.atomic
def note_create(*, actor: User, startup: Startup, body: str) -> Note:
    """Add a note to the startup's timeline."""
    note = Note.objects.create(startup=startup, author=actor, body=body)
    Startup.objects.filter(pk=startup.pk).update(last_activity_at=timezone.now())
    return note
