"""Real Redis, real PostgreSQL, real worker processes: an import whose worker is SIGKILLed in the
middle is finished by the beat sweep (probe 5: it stayed "Importing" until Redis redelivered the
task an hour later), exactly once."""
import os
import signal
import threading
import uuid

import pytest
from django.db import connection, connections

from apps.accounts.models import User
from apps.startups import jobs
from apps.startups.models import ImportJob, Startup
from tests.conftest import need
from tests.scoring.test_worker import start_worker, wait_for

ROWS = 20_000


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_killed_worker_mid_import_check_and_commit(redis_url, real_broker, settings, tmp_path):
    need(connection.vendor == "postgresql", "PostgreSQL is not configured (set DATABASE_URL)")
    settings.MEDIA_ROOT = str(tmp_path)
    queue = f"import-kill-{uuid.uuid4().hex[:8]}"
    real_broker.conf.task_default_queue = queue
    db = connection.settings_dict
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", "REDIS_URL": redis_url, "CELERY_QUEUE": queue,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}", "MEDIA_ROOT": str(tmp_path),
        "JOB_STUCK_AFTER_SECONDS": "2",
    }
    settings.JOB_STUCK_AFTER_SECONDS = 2
    owner = User.objects.create_user("importer", password="x")
    content = ("Name,Country\n" + "".join(f"Company {n},KR\n" for n in range(ROWS))).encode()
    job = jobs.import_upload(actor=owner, name="big.csv", content=content, language="en")
    from apps.startups.tasks import sweep

    worker = start_worker(env, queue)
    try:
        jobs.import_check_queue(job=job, mapping={0: "name", 1: "country"})
        assert wait_for(lambda: ImportJob.objects.filter(pk=job.pk, done__gt=0, status="checking").exists(), timeout=60), "the check never started"
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        assert ImportJob.objects.get(pk=job.pk).status == "checking"

        worker = start_worker(env, queue)

        def checked():
            sweep.delay()  # beat's sweep finds the job without a heartbeat and re-queues it
            return ImportJob.objects.filter(pk=job.pk, status="checked").exists()

        assert wait_for(checked, timeout=120, step=2), "the check never finished after the restart"
        job.refresh_from_db()
        assert (job.total, job.valid, job.error_count, job.attempts) == (ROWS, ROWS, 0, 2)

        jobs.import_queue(job=job, mapping={0: "name", 1: "country"})
        assert wait_for(lambda: ImportJob.objects.filter(pk=job.pk, status="running").exists(), timeout=60), "the import never started"
        os.killpg(worker.pid, signal.SIGKILL)  # mid-transaction: nothing of it lands
        worker.wait(timeout=10)
        worker = start_worker(env, queue)

        def imported():
            sweep.delay()
            return ImportJob.objects.filter(pk=job.pk, status__in=["done", "failed"]).exists()

        assert wait_for(imported, timeout=180, step=2), "the import never finished after the restart"
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        real_broker.control.purge()
    job.refresh_from_db()
    assert (job.status, job.done) == ("done", ROWS)
    assert Startup.objects.count() == ROWS  # all of them, once


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_of_one_import_at_once_import_it_once(settings, tmp_path):
    """The sweep's re-queue and a redelivery may both run one job: the job row's lock lets one commit."""
    need(connection.vendor == "postgresql", "PostgreSQL is not configured (set DATABASE_URL)")
    settings.MEDIA_ROOT = str(tmp_path)
    owner = User.objects.create_user("twice", password="x")
    job = jobs.import_upload(actor=owner, name="deals.csv", content=("Name\n" + "".join(f"Co {n}\n" for n in range(2000))).encode(), language="en")
    ImportJob.objects.filter(pk=job.pk).update(status="queued", mapping={"0": "name"})
    barrier = threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            jobs.import_run(job_id=job.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert ImportJob.objects.get(pk=job.pk).status == "done" and Startup.objects.count() == 2000
