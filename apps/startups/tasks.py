"""Celery tasks for imports and exports: thin wrappers that take a job id and call jobs.py.

Hard time limits stay below JOB_STUCK_AFTER_SECONDS, so a job the sweep finds without a
heartbeat for that long has no worker left on it.
"""
from celery import shared_task

from . import jobs

LIMITS = {"acks_late": True, "soft_time_limit": 600, "time_limit": 660}


@shared_task(**LIMITS)
def check_import(job_id: int) -> None:
    """Check every row of an upload (dry run) with progress; imports nothing."""
    jobs.import_check(job_id=job_id)


@shared_task(**LIMITS)
def run_import(job_id: int) -> None:
    """Commit an import, all or nothing; a second run of a finished import does nothing."""
    jobs.import_run(job_id=job_id)


@shared_task(**LIMITS)
def run_export(job_id: int) -> None:
    """Write a large spreadsheet export to a file the creator downloads."""
    jobs.export_run(job_id=job_id)


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def sweep() -> dict:
    """Beat: re-queue import and export jobs whose worker died; fail those tried too often."""
    found = jobs.jobs_sweep()
    for job_id in found["checks"]:
        check_import.delay(job_id)
    for job_id in found["imports"]:
        run_import.delay(job_id)
    for job_id in found["exports"]:
        run_export.delay(job_id)
    return {key: len(ids) for key, ids in found.items()}
