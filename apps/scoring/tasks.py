"""Celery tasks for scoring: thin wrappers that take ids, re-read state and call a service.

Every task is safe to run twice: chunks are skipped once done, scorecards are upserts
guarded by the time their inputs were read, and the beat sweep re-queues lost work.
"""
from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import services

TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
RETRY = {"autoretry_for": TRANSIENT, "retry_backoff": 2, "retry_backoff_max": 120, "retry_jitter": True, "max_retries": 8}


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150, **RETRY)
def rescore_startup(startup_id: int) -> None:
    """Rescore one startup after its profile, answers or layer changed."""
    services.rescore_queued_startup(startup_id=startup_id)


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150, **RETRY)
def start_rescore_job(job_id: int) -> None:
    """Split a rescoring job into chunks and queue them: few large tasks, not one per startup."""
    for chunk_id in services.rescore_job_start(job_id=job_id):
        rescore_chunk.delay(chunk_id)


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360, **RETRY)
def rescore_chunk(chunk_id: int) -> None:
    """Rescore one chunk of a job, all or nothing."""
    services.rescore_chunk_run(chunk_id=chunk_id)


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def sweep() -> dict:
    """Beat: re-queue stuck chunks and startups, resume jobs, refresh stale scorecards."""
    found = services.sweep()
    for chunk_id in found["chunks"]:
        rescore_chunk.delay(chunk_id)
    for job_id in found["jobs"]:
        start_rescore_job.delay(job_id)
    for startup_id in found["startups"]:
        rescore_startup.delay(startup_id)
    return {key: len(ids) for key, ids in found.items()}
