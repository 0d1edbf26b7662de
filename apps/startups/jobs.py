"""Writes for the startups' background jobs: imports (check, then commit) and large exports.

Each job is a database row with a status, progress and a heartbeat; the tasks in tasks.py
only take its id and call these services, and `jobs_sweep` (run by beat) re-queues a job
whose worker died, or fails it with a reason after JOB_MAX_ATTEMPTS tries.
"""
import logging
import tempfile
from datetime import timedelta
from itertools import islice

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.accounts.models import User

from . import exports, selectors
from .forms import StartupFilterForm
from .imports import ImportFileError, check_rows, guess_mapping, open_table, preview
from .models import ChangeRecord, ExportJob, ImportJob, PipelineStage, StageTransition, Startup
from .services import _apply_fields, _tags_from_names
from .signals import startups_imported

logger = logging.getLogger(__name__)

BATCH = 500  # rows per progress update and per bulk insert
KEPT_ERRORS = 1000  # row problems kept on the job (all are counted)
KEPT_DUPLICATES = 200


def batched(iterable, size: int):
    """Lists of `size` items (the last may be shorter); itertools.batched needs Python 3.12."""
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def import_progress_key(job_id: int) -> str:
    return f"import-progress:{job_id}"


def import_upload(*, actor: User, name: str, content: bytes, language: str) -> ImportJob:
    """Keep an uploaded file and read its header and first rows only (bounded), guessing the
    mapping; raises ImportFileError if unreadable. Workers read the rest."""
    table = preview(name, content)
    job = ImportJob(
        filename=name[:255], encoding=table.encoding, header=table.header, language=language, created_by=actor,
        sample=[[cell[:200] for cell in row] for row in table.rows],
        mapping={str(index): target for index, target in guess_mapping(table.header).items()},
    )
    job.file.save(name, ContentFile(content), save=False)
    job.save()
    return job


def _table(job: ImportJob):
    with job.file.open("rb") as handle:
        return open_table(job.filename, handle.read())


def _mapping(job: ImportJob) -> dict[int, str]:
    return {int(index): target for index, target in job.mapping.items()}


@transaction.atomic
def import_check_queue(*, job: ImportJob, mapping: dict[int, str]) -> ImportJob:
    """Have a worker check every row with this mapping (a dry run: nothing is imported)."""
    from .tasks import check_import

    return _queue(job, mapping, ImportJob.Status.CHECKING, check_import)


@transaction.atomic
def import_queue(*, job: ImportJob, mapping: dict[int, str]) -> ImportJob:
    """Have a worker commit the import with this mapping, all rows or none."""
    from .tasks import run_import

    return _queue(job, mapping, ImportJob.Status.QUEUED, run_import)


def _queue(job, mapping, status, task) -> ImportJob:
    startable = (ImportJob.Status.UPLOADED, ImportJob.Status.CHECKED)
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status not in startable:
        return job  # already on its way (a double click): one run is enough
    job.mapping = {str(index): target for index, target in mapping.items()}
    job.status, job.done, job.errors, job.error_count, job.duplicates = status, 0, [], 0, []
    job.heartbeat_at, job.attempts = timezone.now(), 1
    job.save()
    transaction.on_commit(lambda: task.delay(job.pk))
    return job


def _fail(model, pk: int, **fields) -> None:
    model.objects.filter(pk=pk).update(status=model.Status.FAILED, finished_at=timezone.now(), **fields)


def import_check(*, job_id: int) -> None:
    """Check every row in the worker, with progress on the job; keeps the first problems and
    the rows that look like startups already in the pipeline. Safe to run twice."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != ImportJob.Status.CHECKING:
        return
    with translation.override(job.language):
        try:
            counts = _check(job)
        except ImportFileError as error:
            _fail(ImportJob, job.pk, reason=str(error))
            return
        except SoftTimeLimitExceeded:
            _fail(ImportJob, job.pk, reason=_("The check took longer than the workers allow; split the file."))
            return
        except Exception:
            logger.exception("import %s: the check failed", job.pk)
            _fail(ImportJob, job.pk, reason=_("The check stopped on an unexpected error."))
            return
    ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.CHECKING).update(status=ImportJob.Status.CHECKED, **counts)


def _check(job: ImportJob) -> dict:
    errors, error_count, duplicates, rows, valid = [], 0, [], 0, 0
    for batch in batched(check_rows(_table(job), _mapping(job)), BATCH):
        good = [row for row in batch if row.data is not None]
        valid += len(good)
        for row in batch:
            error_count += len(row.errors)
            errors += row.errors[:KEPT_ERRORS - len(errors)]
        if len(duplicates) < KEPT_DUPLICATES:
            found = selectors.import_duplicates(user=job.created_by, rows=[(row.number, row.data) for row in good])
            duplicates += [{"row": d["row"], "name": d["name"][:200], "existing": d["existing"].pk} for d in found][:KEPT_DUPLICATES - len(duplicates)]
        rows += len(batch)
        ImportJob.objects.filter(pk=job.pk).update(done=rows, heartbeat_at=timezone.now())
    return {"total": rows, "done": rows, "valid": valid, "errors": errors, "error_count": error_count,
            "duplicates": duplicates, "finished_at": timezone.now()}


class _RowsInvalid(Exception):
    def __init__(self, errors, count, rows):
        super().__init__(count)
        self.errors, self.count, self.rows = errors, count, rows


def import_run(*, job_id: int) -> None:
    """Check and create every row in one transaction: all the startups, or none (then the job
    says which rows are wrong, or why it stopped). Running it twice imports once."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status not in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING):
        return  # done or failed already
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, heartbeat_at=timezone.now())
    with translation.override(job.language):
        try:
            with transaction.atomic():
                # A second run (the sweep re-queued a job whose first worker was only slow, or
                # Redis redelivered it) waits here, then finds the job done and stops.
                if ImportJob.objects.select_for_update().get(pk=job.pk).status != ImportJob.Status.RUNNING:
                    return
                ids = _create_all(job)
                ImportJob.objects.filter(pk=job.pk).update(
                    status=ImportJob.Status.DONE, total=len(ids), done=len(ids), valid=len(ids), finished_at=timezone.now())
                startups_imported.send(sender=Startup, startup_ids=ids, actor=job.created_by)
        except _RowsInvalid as invalid:
            _fail(ImportJob, job.pk, errors=invalid.errors, error_count=invalid.count, total=invalid.rows, done=invalid.rows)
        except ImportFileError as error:
            _fail(ImportJob, job.pk, reason=str(error))
        except SoftTimeLimitExceeded:
            _fail(ImportJob, job.pk, reason=_("The import took longer than the workers allow; nothing was imported. Split the file."))
        except Exception:
            logger.exception("import %s failed", job.pk)
            _fail(ImportJob, job.pk, reason=_("The import stopped on an unexpected error; nothing was imported."))


def _create_all(job: ImportJob) -> list[int]:
    ids, errors, error_count, rows = [], [], 0, 0
    for batch in batched(check_rows(_table(job), _mapping(job)), BATCH):
        for row in batch:
            error_count += len(row.errors)
            errors += row.errors[:KEPT_ERRORS - len(errors)]
        if not error_count:  # past the first bad row, only check (everything is rolled back)
            ids += _bulk_create(job.created_by, [row.data for row in batch])
        rows += len(batch)
        cache.set(import_progress_key(job.pk), rows, 3600)  # the job row itself changes only at commit
    if error_count:
        raise _RowsInvalid(errors, error_count, rows)
    return ids


def _bulk_create(owner: User, rows: list[dict]) -> list[int]:
    startups = []
    for row in rows:
        startup = Startup(owner=owner)
        _apply_fields(startup, {key: value for key, value in row.items() if key != "tags"})
        startups.append(startup)
    created = Startup.objects.bulk_create(startups)
    ChangeRecord.objects.bulk_create(ChangeRecord(startup=startup, actor=owner, entity="import", field="created", new=startup.name) for startup in created)
    # Rows arrive in an ungated stage (the row check refuses gated ones); the move is logged as on the board.
    StageTransition.objects.bulk_create(
        StageTransition(startup=startup, to_stage=startup.pipeline_stage, actor=owner, reason=_("Imported"))
        for startup in created if startup.pipeline_stage != PipelineStage.SOURCED
    )
    tags = {tag.name: tag for tag in _tags_from_names([name for row in rows for name in row["tags"]])}
    Through = Startup.tags.through
    Through.objects.bulk_create(
        [Through(startup_id=startup.pk, tag_id=tags[name[:50]].pk) for startup, row in zip(created, rows) for name in set(row["tags"])],
        ignore_conflicts=True,
    )
    return [startup.pk for startup in created]


@transaction.atomic
def export_create(*, actor: User, fmt: str, query: str, language: str) -> ExportJob:
    """Queue an export (CSV or XLSX) of the list with these filters, written by a worker."""
    from .tasks import run_export

    job = ExportJob.objects.create(format=fmt, query=query[:2000], language=language, created_by=actor,
                                   heartbeat_at=timezone.now(), attempts=1)
    transaction.on_commit(lambda: run_export.delay(job.pk))
    return job


def export_run(*, job_id: int) -> None:
    """Write the export (CSV or XLSX) to a temporary file row by row (constant memory), then store it.
    The startups are those its creator may see now; running it twice writes it again."""
    job = ExportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status not in (ExportJob.Status.QUEUED, ExportJob.Status.RUNNING):
        return
    filters = StartupFilterForm(QueryDict(job.query)).filters()
    startups = selectors.startup_list(user=job.created_by, filters=filters)
    total = startups.count()
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, total=total, done=0, heartbeat_at=timezone.now())

    def progress(done):
        ExportJob.objects.filter(pk=job.pk).update(done=done, heartbeat_at=timezone.now())

    try:
        with translation.override(job.language), tempfile.TemporaryFile() as handle:
            header, rows = exports.header(), exports.rows(startups, on_chunk=progress)
            if job.format == "xlsx":
                exports.write_xlsx(header, rows, handle)
            else:
                for chunk in exports.csv_stream(header, rows):
                    handle.write(chunk)
            handle.seek(0)
            job.file.save(exports.filename(job.format, job.created_at), File(handle), save=False)
    except SoftTimeLimitExceeded:
        _fail(ExportJob, job.pk, reason=_("The export took longer than the workers allow; narrow the list with filters."))
        return
    except Exception:
        logger.exception("export %s failed", job.pk)
        _fail(ExportJob, job.pk, reason=_("The export stopped on an unexpected error."))
        return
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.DONE, file=job.file.name, done=total, finished_at=timezone.now())


def jobs_sweep() -> dict[str, list[int]]:
    """Find import and export jobs whose worker died (no heartbeat for JOB_STUCK_AFTER_SECONDS):
    return those to re-queue, and fail with a reason those tried JOB_MAX_ATTEMPTS times."""
    now = timezone.now()
    stuck = Q(heartbeat_at__lt=now - timedelta(seconds=settings.JOB_STUCK_AFTER_SECONDS)) | Q(heartbeat_at__isnull=True)
    found = {}
    kinds = {
        "checks": (ImportJob, [ImportJob.Status.CHECKING]),
        "imports": (ImportJob, [ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]),
        "exports": (ExportJob, [ExportJob.Status.QUEUED, ExportJob.Status.RUNNING]),
    }
    for kind, (model, statuses) in kinds.items():
        with transaction.atomic():
            lost = model.objects.select_for_update(skip_locked=True).filter(stuck, status__in=statuses)
            exhausted = list(lost.filter(attempts__gte=settings.JOB_MAX_ATTEMPTS).values_list("pk", "language"))
            for pk, language in exhausted:
                with translation.override(language):
                    _fail(model, pk, reason=_("The worker handling this job stopped %(count)s times; nothing was changed. Start it again, or ask an admin to check the workers.") % {"count": settings.JOB_MAX_ATTEMPTS})
            found[kind] = list(lost.exclude(pk__in=[pk for pk, _language in exhausted]).values_list("pk", flat=True))
            model.objects.filter(pk__in=found[kind]).update(heartbeat_at=now, attempts=F("attempts") + 1)
    return found
