from celery import shared_task

from . import services


@shared_task(acks_late=True, soft_time_limit=900, time_limit=960)
def run_import(job_id: int) -> None:
    """Commit an import, all or nothing; a second run of a finished import does nothing."""
    services.import_run(job_id=job_id)
