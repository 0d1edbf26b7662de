"""Writes for startups, founders and notes."""
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.accounts.models import User

from .imports import read_table, validate
from .models import ChangeRecord, Founder, ImportJob, MergeRecord, Note, Startup, Tag, normalise_domain, normalise_name
from .signals import startup_changed, startups_imported, startups_merged, startups_unmerged

M2M_AND_CHILDREN = ("tags", "founders", "deal_team")


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
    changes_record(actor=actor, startup=startup, entity="profile", before={}, after={"created": startup.name})
    startup_changed.send(sender=Startup, startup=startup)
    return startup


@transaction.atomic
def startup_update(*, actor: User, startup: Startup, version: int, data: dict) -> Startup:
    """Apply a (partial) change if nobody saved in between; otherwise raise StaleVersionError."""
    current = Startup.objects.select_for_update().get(pk=startup.pk)
    if current.version != version:
        raise StaleVersionError(current)
    before = _snapshot(current, data)
    _apply_fields(current, data)
    current.version += 1
    current.save()
    _set_related(current, data)
    changes_record(actor=actor, startup=current, entity="profile", before=before, after=_snapshot(current, data))
    startup_changed.send(sender=Startup, startup=current)
    return current


@transaction.atomic
def startup_set_stage(*, actor: User, startup: Startup, stage: str) -> None:
    """Move the startup to another pipeline stage (recorded in its history)."""
    before = Startup.objects.filter(pk=startup.pk).values_list("pipeline_stage", flat=True).get()
    # A stage move is an edit: bumping the version makes an open edit form's save conflict instead of undoing it.
    Startup.objects.filter(pk=startup.pk).update(pipeline_stage=stage, last_activity_at=timezone.now(), version=F("version") + 1)
    startup.pipeline_stage = stage
    changes_record(actor=actor, startup=startup, entity="profile", before={"pipeline_stage": before}, after={"pipeline_stage": stage})


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
    note = Note.objects.create(startup=startup, author=actor, body=body)
    Startup.objects.filter(pk=startup.pk).update(last_activity_at=timezone.now())
    return note


IMPORT_BATCH = 500


def import_progress_key(job_id: int) -> str:
    return f"import-progress:{job_id}"


def import_upload(*, actor: User, name: str, content: bytes) -> ImportJob:
    """Keep an uploaded file and guess its column mapping; raises ImportFileError if unreadable."""
    from .imports import guess_mapping

    table = read_table(name, content)
    job = ImportJob(filename=name[:255], encoding=table.encoding, total=len(table.rows), created_by=actor,
                    mapping={str(index): target for index, target in guess_mapping(table.header).items()})
    job.file.save(name, ContentFile(content), save=False)
    job.save()
    return job


def import_table(job: ImportJob):
    with job.file.open("rb") as handle:
        return read_table(job.filename, handle.read())


@transaction.atomic
def import_queue(*, actor: User, job: ImportJob, mapping: dict[int, str]) -> ImportJob:
    """Commit the import in the background with this mapping."""
    from .tasks import run_import

    job.mapping = {str(index): target for index, target in mapping.items()}
    job.status, job.errors = ImportJob.Status.QUEUED, []
    job.save(update_fields=["mapping", "status", "errors"])
    transaction.on_commit(lambda: run_import.delay(job.pk))
    return job


def import_run(*, job_id: int) -> None:
    """Validate every row, then create all the startups in one transaction, or none."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status not in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING):
        return  # done or failed already: running twice changes nothing
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    result = validate(import_table(job), {int(index): target for index, target in job.mapping.items()})
    if result.errors:
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, errors=result.errors[:1000], finished_at=timezone.now())
        return
    with transaction.atomic():
        ImportJob.objects.select_for_update().get(pk=job.pk)
        ids = []
        for start in range(0, len(result.rows), IMPORT_BATCH):
            ids += _bulk_create(job.created_by, result.rows[start:start + IMPORT_BATCH])
            cache.set(import_progress_key(job.pk), len(ids), 3600)  # the row itself updates only at commit
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE, done=len(ids), finished_at=timezone.now())
        startups_imported.send(sender=Startup, startup_ids=ids)


def _bulk_create(owner: User, rows: list[dict]) -> list[int]:
    startups = []
    for row in rows:
        startup = Startup(owner=owner)
        _apply_fields(startup, {key: value for key, value in row.items() if key != "tags"})
        startups.append(startup)
    created = Startup.objects.bulk_create(startups)
    ChangeRecord.objects.bulk_create(ChangeRecord(startup=startup, actor=owner, entity="import", field="created", new=startup.name) for startup in created)
    tags = {tag.name: tag for tag in _tags_from_names([name for row in rows for name in row["tags"]])}
    Through = Startup.tags.through
    Through.objects.bulk_create(
        [Through(startup_id=startup.pk, tag_id=tags[name[:50]].pk) for startup, row in zip(created, rows) for name in set(row["tags"])],
        ignore_conflicts=True,
    )
    return [startup.pk for startup in created]


MERGE_FILL_FIELDS = ("website", "one_liner", "description", "country", "stage", "sector", "round_size", "pre_money_valuation", "currency", "source")


@transaction.atomic
def startup_merge(*, actor: User, keep: Startup, drop: Startup) -> MergeRecord:
    """Merge `drop` into `keep`: notes, history, tags, deal team and founders join keep, empty
    profile fields are filled from drop, other apps move their rows (signal), drop is soft-deleted.
    Nothing is deleted, and the record lists every move so undo can reverse it."""
    keep, drop = (Startup.objects.select_for_update().get(pk=pk) for pk in (keep.pk, drop.pk))
    if keep.pk == drop.pk or drop.deleted_at or keep.deleted_at:
        raise ValueError("merge needs two different live startups")
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
