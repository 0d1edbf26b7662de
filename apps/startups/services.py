"""Writes for startups, founders, notes, stage changes and merges (import and export jobs: jobs.py)."""
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.permissions import EDIT, MANAGE_ACCESS, MERGE, MOVE, can
from apps.core.limits import check_text_lengths

from . import stages
from .models import (
    ChangeRecord, Founder, MergeRecord, Note, PipelineStage, StageTransition, Startup, Tag, normalise_domain, normalise_name,
)
from .signals import startup_changed, startups_merged, startups_unmerged

M2M_AND_CHILDREN = ("tags", "founders", "deal_team")
ACCESS_FIELDS = ("owner", "confidential", "deal_team")


class StaleVersionError(Exception):
    """The startup changed since the editor loaded it; carries the current row."""

    def __init__(self, current: Startup):
        super().__init__("stale version")
        self.current = current


def _display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(_display(item) for item in value)
    if isinstance(value, dict):
        return " · ".join(str(v) for v in value.values() if v)
    return str(value)


def changes_record(*, actor: User | None, startup: Startup | None, entity: str, before: dict, after: dict) -> None:
    """Record each field whose value changed, old → new."""
    ChangeRecord.objects.bulk_create(
        ChangeRecord(startup=startup, actor=actor, entity=entity, field=key, old=_display(before.get(key)), new=_display(after[key]))
        for key in after
        if _display(before.get(key)) != _display(after[key])
    )


def _snapshot(startup: Startup, keys) -> dict:
    values = {}
    for key in keys:
        if key == "tags":
            values[key] = sorted(tag.name for tag in startup.tags.all())
        elif key == "deal_team":
            values[key] = sorted(user.username for user in startup.deal_team.all())
        elif key == "founders":
            values[key] = [f"{f.name} ({f.role})" if f.role else f.name for f in startup.founders.all()]
        elif key == "owner":
            values[key] = startup.owner.username
        else:
            values[key] = getattr(startup, key)
    return values


def _proposed(data: dict) -> dict:
    """The values `data` would give, in the shape of _snapshot(), to tell what it changes."""
    values = {}
    for key, value in data.items():
        if key == "tags":
            values[key] = sorted({name.strip()[:50] for name in value if name and name.strip()})
        elif key == "deal_team":
            values[key] = sorted(user.username for user in value)
        elif key == "founders":
            values[key] = [f"{f['name']} ({f['role']})" if f.get("role") else f["name"] for f in value]
        elif key == "owner":
            values[key] = value.username
        else:
            values[key] = value
    return values


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


def _check_lengths(data: dict) -> None:
    check_text_lengths(Startup, {key: value for key, value in data.items() if key not in M2M_AND_CHILDREN})
    for founder in data.get("founders", []):
        check_text_lengths(Founder, founder)


def _enter_stage(*, actor: User, startup: Startup, from_stage: str, reason: str) -> StageTransition:
    """Check the gate of the stage the startup is entering and log the move (the row is saved)."""
    check_text_lengths(StageTransition, {"reason": reason})
    needs = stages.missing(startup, startup.pipeline_stage, reason)
    if needs:
        raise stages.GateClosed(startup.pipeline_stage, needs)
    return StageTransition.objects.create(startup=startup, from_stage=from_stage, to_stage=startup.pipeline_stage, reason=reason, actor=actor)


@transaction.atomic
def startup_create(*, actor: User, data: dict, stage_reason: str = "") -> Startup:
    """Create a startup from validated data; the creator owns it unless another owner is given.
    A pipeline stage other than the first must pass its gate (raises GateClosed)."""
    _check_lengths(data)
    startup = Startup(owner=data.get("owner") or actor)
    _apply_fields(startup, {key: value for key, value in data.items() if key != "owner"})
    startup.save()
    _set_related(startup, data)
    if startup.pipeline_stage != PipelineStage.SOURCED:
        _enter_stage(actor=actor, startup=startup, from_stage="", reason=stage_reason)
    changes_record(actor=actor, startup=startup, entity="profile", before={}, after={"created": startup.name})
    startup_changed.send(sender=Startup, startup=startup)
    return startup


def _check_rights(actor: User, startup: Startup, changed: set[str]) -> None:
    """Raise PermissionDenied unless the actor may make each of these changes (see permissions.py)."""
    needed = {MANAGE_ACCESS if name in ACCESS_FIELDS else MOVE if name == "pipeline_stage" else EDIT for name in changed}
    if not all(can(actor, action, startup) for action in needed):
        raise PermissionDenied(", ".join(sorted(needed)))


@transaction.atomic
def startup_update(*, actor: User, startup: Startup, version: int, data: dict, stage_reason: str = "") -> Startup:
    """Apply a (partial) change if nobody saved in between; otherwise raise StaleVersionError.
    Raises PermissionDenied for a change the actor may not make (e.g. the owner, by an analyst
    who does not own the deal) and GateClosed for a stage whose gate is not met."""
    current = Startup.objects.select_for_update().get(pk=startup.pk)
    if current.version != version:
        raise StaleVersionError(current)
    _check_lengths(data)
    before = _snapshot(current, data)
    proposed = _proposed(data)
    # Rights are judged on the deal as it is, before the change (who owns it, who is on its team).
    _check_rights(actor, current, {key for key in data if _display(before[key]) != _display(proposed[key])})
    from_stage = current.pipeline_stage
    _apply_fields(current, data)
    current.version += 1
    current.save()
    _set_related(current, data)
    after = _snapshot(current, data)
    if current.pipeline_stage != from_stage:
        _enter_stage(actor=actor, startup=current, from_stage=from_stage, reason=stage_reason)
    changes_record(actor=actor, startup=current, entity="profile", before=before, after=after)
    startup_changed.send(sender=Startup, startup=current)
    return current


@transaction.atomic
def stage_change(*, actor: User, startup: Startup, to_stage: str, reason: str = "") -> StageTransition:
    """Move a startup to another pipeline stage if that stage's gate allows it (raises GateClosed
    naming what is missing), and log the move: the one way a stage changes after creation."""
    current = Startup.objects.select_for_update().get(pk=startup.pk)
    from_stage = current.pipeline_stage
    current.pipeline_stage = to_stage
    transition = _enter_stage(actor=actor, startup=current, from_stage=from_stage, reason=reason)
    # A stage move is an edit: bumping the version makes an open edit form's save conflict instead of undoing it.
    Startup.objects.filter(pk=startup.pk).update(pipeline_stage=to_stage, last_activity_at=timezone.now(), version=F("version") + 1)
    startup.pipeline_stage = to_stage
    changes_record(actor=actor, startup=startup, entity="profile", before={"pipeline_stage": from_stage}, after={"pipeline_stage": to_stage})
    return transition


@transaction.atomic
def startup_soft_delete(*, actor: User, startup: Startup) -> None:
    """Hide a startup from every list and lookup; the row stays for audit and restore."""
    if Startup.objects.filter(pk=startup.pk, deleted_at__isnull=True).update(deleted_at=timezone.now()):
        changes_record(actor=actor, startup=startup, entity="profile", before={"deleted": False}, after={"deleted": True})


@transaction.atomic
def startup_restore(*, actor: User, startup: Startup) -> Startup:
    """Bring a soft-deleted startup back into lists, search, exports and rescoring."""
    Startup.objects.filter(pk=startup.pk).update(deleted_at=None, last_activity_at=timezone.now())
    startup.refresh_from_db()
    changes_record(actor=actor, startup=startup, entity="profile", before={"deleted": True}, after={"deleted": False})
    startup_changed.send(sender=Startup, startup=startup)
    return startup


@transaction.atomic
def note_create(*, actor: User, startup: Startup, body: str) -> Note:
    """Add a note to the startup's timeline."""
    check_text_lengths(Note, {"body": body})
    note = Note.objects.create(startup=startup, author=actor, body=body)
    Startup.objects.filter(pk=startup.pk).update(last_activity_at=timezone.now())
    return note


MERGE_FILL_FIELDS = ("website", "one_liner", "description", "country", "stage", "sector", "round_size", "pre_money_valuation", "currency", "source")


@transaction.atomic
def startup_merge(*, actor: User, keep: Startup, drop: Startup) -> MergeRecord:
    """Merge `drop` into `keep`: notes, history, tags, deal team and founders join keep, empty
    profile fields are filled from drop, other apps move their rows (signal), drop is soft-deleted.
    Nothing is deleted, and the record lists every move so undo can reverse it."""
    keep, drop = (Startup.objects.select_for_update().get(pk=pk) for pk in (keep.pk, drop.pk))
    if keep.pk == drop.pk or drop.deleted_at or keep.deleted_at:
        raise ValueError("merge needs two different live startups")
    if not (can(actor, MERGE, keep) and can(actor, MERGE, drop)):
        raise PermissionDenied(MERGE)
    record = MergeRecord(keep=keep, drop=drop, actor=actor)
    record.filled = {f: _display(getattr(keep, f)) for f in MERGE_FILL_FIELDS if getattr(keep, f) in ("", None) and getattr(drop, f) not in ("", None)}
    for name in record.filled:
        setattr(keep, name, getattr(drop, name))
    keep.domain = normalise_domain(keep.website)
    keep.version += 1
    keep.last_activity_at = timezone.now()
    keep.save()
    moved = {
        "notes": list(drop.notes.values_list("pk", flat=True)),
        "changes": list(drop.changes.values_list("pk", flat=True)),
        "tags": list(drop.tags.exclude(pk__in=keep.tags.all()).values_list("pk", flat=True)),
        "deal_team": list(drop.deal_team.exclude(pk__in=keep.deal_team.all()).values_list("pk", flat=True)),
        "founders": list(drop.founders.exclude(name__in=keep.founders.values("name")).values_list("pk", flat=True)),
    }
    Note.objects.filter(pk__in=moved["notes"]).update(startup=keep)
    ChangeRecord.objects.filter(pk__in=moved["changes"]).update(startup=keep)
    Founder.objects.filter(pk__in=moved["founders"]).update(startup=keep)
    keep.tags.add(*moved["tags"])
    keep.deal_team.add(*moved["deal_team"])
    record.moved = moved
    record.save()
    startups_merged.send(sender=Startup, record=record)
    record.save(update_fields=["moved"])
    Startup.objects.filter(pk=drop.pk).update(deleted_at=timezone.now())
    changes_record(actor=actor, startup=keep, entity="profile", before={}, after={"merged": f"{drop.name} (#{drop.pk})"})
    startup_changed.send(sender=Startup, startup=keep)
    return record


@transaction.atomic
def startup_merge_undo(*, actor: User, record: MergeRecord) -> MergeRecord:
    """Reverse a merge exactly: rows go back to the dropped startup, which comes back to life."""
    record = MergeRecord.objects.select_for_update().select_related("keep", "drop").get(pk=record.pk)
    if record.undone_at:
        return record
    if not (can(actor, MERGE, record.keep) and can(actor, MERGE, record.drop)):
        raise PermissionDenied(MERGE)
    keep, drop, moved = record.keep, record.drop, record.moved
    Note.objects.filter(pk__in=moved.get("notes", [])).update(startup=drop)
    ChangeRecord.objects.filter(pk__in=moved.get("changes", [])).update(startup=drop)
    Founder.objects.filter(pk__in=moved.get("founders", [])).update(startup=drop)
    keep.tags.remove(*moved.get("tags", []))
    keep.deal_team.remove(*moved.get("deal_team", []))
    for name in record.filled:
        setattr(keep, name, None if keep._meta.get_field(name).null else "")
    keep.domain = normalise_domain(keep.website)
    keep.version += 1
    keep.save()
    startups_unmerged.send(sender=Startup, record=record)
    Startup.objects.filter(pk=drop.pk).update(deleted_at=None)
    record.undone_at, record.undone_by = timezone.now(), actor
    record.save(update_fields=["undone_at", "undone_by"])
    changes_record(actor=actor, startup=keep, entity="profile", before={"merged": f"{drop.name} (#{drop.pk})"}, after={"merged": ""})
    startup_changed.send(sender=Startup, startup=keep)
    startup_changed.send(sender=Startup, startup=drop)
    return record
