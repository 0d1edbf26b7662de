"""A task goes through the real broker to a real worker process and its result comes back.

Under CI (REDIS_URL set) the broker is Redis; elsewhere it is the embedded file broker
that `make run` uses when no Redis is configured.
"""
import os
import subprocess
import sys
import uuid
from pathlib import Path

from django.conf import settings

from config.celery import ping
from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parents[2]


def test_task_round_trip_through_a_real_worker(real_broker):
    if IN_CI:
        assert settings.CELERY_BROKER_URL.startswith("redis://"), "CI must exercise the Redis broker"
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queue, "-c", "1", "--pool", "solo",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        result = ping.apply_async(queue=queue)
        assert result.get(timeout=60) == "pong"
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
    assert worker.returncode in (0, -15), output
