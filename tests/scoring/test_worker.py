"""Real Redis, real PostgreSQL, real worker processes: a worker SIGKILLed in the middle of a
rescoring job loses nothing and nothing is done twice."""
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from apps.accounts.models import User
from apps.scoring.models import RescoreJob, Scorecard
from apps.startups.models import Startup
from apps.theses import services as theses
from apps.theses.selectors import active_version
from tests.conftest import need

ROOT = Path(__file__).resolve().parents[2]
STARTUPS = 300


def start_worker(env, queue):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queue, "-c", "2", "--prefetch-multiplier", "1",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def wait_for(predicate, timeout, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_killed_worker_mid_job(redis_url, real_broker):
    need(connection.vendor == "postgresql", "PostgreSQL is not configured (set DATABASE_URL)")
    queue = f"kill-test-{uuid.uuid4().hex[:8]}"
    real_broker.conf.task_default_queue = queue
    settings_dict = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}",
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": queue,
        "RESCORE_CHUNK_SIZE": "10",
        "RESCORE_STUCK_AFTER_SECONDS": "2",
    }
    owner = User.objects.create_user("owner", password="x")
    Startup.objects.bulk_create(
        Startup(name=f"Startup {n}", description="Calls a third-party model API; 20 paying customers.", owner=owner)
        for n in range(STARTUPS)
    )
    draft = theses.draft_create(actor=owner, based_on=active_version())
    worker = start_worker(env, queue)
    try:
        theses.version_publish(actor=owner, version=draft)  # not atomic here: the job is queued at once
        job = RescoreJob.objects.get(thesis_version=draft)
        assert wait_for(lambda: RescoreJob.objects.filter(pk=job.pk, done__gt=0).exists(), timeout=60), "the job never started"
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        job.refresh_from_db()
        assert job.status == "running" and job.done < STARTUPS, "the job finished before the worker could be killed"

        worker = start_worker(env, queue)
        from apps.scoring.tasks import sweep

        def finished():
            sweep.delay()  # the beat sweep re-queues chunks whose worker died
            return RescoreJob.objects.filter(pk=job.pk, status="done").exists()

        assert wait_for(finished, timeout=120, step=2), "the job never completed after the restart"
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        real_broker.control.purge()
    job.refresh_from_db()
    assert (job.done, job.failed, job.total) == (STARTUPS, 0, STARTUPS)
    assert Scorecard.objects.filter(thesis_version=draft).count() == STARTUPS
    assert not Startup.objects.exclude(scorecards__thesis_version=draft).exists()


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_running_chunk_does_not_lock_its_job(monkeypatch):
    """Chunks of one job must run side by side: a chunk's row lock may not spread to the job row."""
    need(connection.vendor == "postgresql", "PostgreSQL is not configured (set DATABASE_URL)")
    import threading

    from django.db import connections, transaction

    from apps.scoring import services
    from apps.scoring.models import RescoreChunk

    owner = User.objects.create_user("owner2", password="x")
    job = RescoreJob.objects.create(kind="publish", thesis_version=active_version(), created_by=owner, status="running")
    chunk = RescoreChunk.objects.create(job=job, number=0, startup_ids=[])
    held, release = threading.Event(), threading.Event()

    def slow_rescore(**kwargs):
        held.set()
        release.wait(10)
        return services.RescoreResult()

    monkeypatch.setattr(services, "rescore_startups", slow_rescore)

    def run_chunk():
        try:
            services.rescore_chunk_run(chunk_id=chunk.pk)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run_chunk)
    thread.start()
    try:
        assert held.wait(10), "the chunk never started"
        with transaction.atomic():
            RescoreJob.objects.select_for_update(nowait=True).get(pk=job.pk)  # raises if the chunk holds the job row
    finally:
        release.set()
        thread.join(10)
