"""Benchmark: rescoring 100,000 startups after a thesis is published, end to end.

Runs against PostgreSQL and Redis (DATABASE_URL / REDIS_URL, defaulting to the local
servers on loopback) in a throwaway database, with a real Celery worker using both cores.
Prints startups per second end to end beside two ceilings measured in the same run:
the engine alone over the same profiles on two processes, and a bulk write of the same
number of scorecards. Target: end to end at least half of the lower ceiling.

    python bench/rescore_bench.py [--startups 100000]
"""
import argparse
import os
import subprocess
import sys
import time
from multiprocessing import Pool
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

BASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14")
BENCH_DB = "dealscreen_bench"


def bench_database_url() -> str:
    parts = urlsplit(BASE_URL)
    return urlunsplit(parts._replace(path=f"/{BENCH_DB}"))


def recreate_database() -> None:
    import psycopg

    parts = urlsplit(BASE_URL)
    admin = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")


def _score_slice(profiles):
    from apps.scoring import engine

    spec = engine.default_thesis()
    for profile in profiles:
        engine.score(profile, {}, spec).to_dict()
    return len(profiles)


def engine_ceiling(profiles) -> float:
    """Startups per second for the engine alone, two processes, cold caches."""
    half = len(profiles) // 2
    started = time.perf_counter()
    with Pool(2) as pool:
        pool.map(_score_slice, [profiles[:half], profiles[half:]])
    return len(profiles) / (time.perf_counter() - started)


def write_ceiling(version, startup_ids, profiles) -> float:
    """Scorecards per second for the bulk write alone (COPY + one upsert per chunk), with real
    scorecards of the bench's own profiles, as stored."""
    from django.db import transaction
    from django.utils import timezone

    from apps.scoring import bulk, engine

    spec = engine.default_thesis()
    samples = [bulk.language_neutral(engine.score(profile, {}, spec).to_dict()) for profile in profiles[:500]]
    now = timezone.now()
    rows = []
    for n, pk in enumerate(startup_ids):
        card = samples[n % len(samples)]
        scores = {c["key"]: c["score"] for c in card["criteria"]}
        rows.append((pk, version.pk, card["engine_version"], card["layer"]["key"], "suggested", card["total"], card["coverage"], scores, card, now))
    chunk = int(os.environ.get("RESCORE_CHUNK_SIZE", "2000"))
    started = time.perf_counter()
    for start in range(0, len(rows), chunk):
        with transaction.atomic():
            bulk.write_scorecards(rows[start:start + chunk])
    return len(rows) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--startups", type=int, default=100_000)
    args = parser.parse_args()

    os.environ.update({"DATABASE_URL": bench_database_url(), "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "config.settings.local",
                       "CELERY_QUEUE": "bench", "DEBUG": "off"})
    recreate_database()
    import django

    django.setup()
    from django.core.management import call_command

    from apps.accounts.models import User
    from apps.scoring.models import RescoreJob, Scorecard
    from apps.startups.models import Startup
    from apps.theses import services as theses
    from apps.theses.models import ThesisVersion
    from apps.theses.selectors import active_version
    from config.celery import app
    from engine_bench import make_profiles

    call_command("migrate", verbosity=0)
    app.control.purge()
    print(f"rescoring bench: {args.startups:,} startups, PostgreSQL + Redis, worker -c 2 (2 cores)")
    profiles = make_profiles(args.startups, seed=11)
    owner = User.objects.create_user("bench")
    started = time.perf_counter()
    Startup.objects.bulk_create(
        (Startup(name=p.name, one_liner=p.one_liner, description=p.description, owner=owner) for p in profiles), batch_size=5000
    )
    print(f"  seeded in {time.perf_counter() - started:.1f} s")

    engine_rate = engine_ceiling(profiles)
    print(f"  ceiling, engine alone on 2 processes:   {engine_rate:9,.0f} startups/s")

    ids = list(Startup.objects.order_by("id").values_list("id", flat=True))
    write_rate = write_ceiling(active_version(), ids, profiles)
    Scorecard.objects.all().delete()
    print(f"  ceiling, bulk write of scorecards:      {write_rate:9,.0f} scorecards/s")

    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "bench", "-c", "2", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "--loglevel", "WARNING"], cwd=ROOT, env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)  # worker start-up is not part of the job
        draft = theses.draft_create(actor=owner, based_on=active_version())
        started = time.perf_counter()
        theses.version_publish(actor=owner, version=ThesisVersion.objects.get(pk=draft.pk))
        job = RescoreJob.objects.get(thesis_version=draft)
        while not RescoreJob.objects.filter(pk=job.pk, status__in=["done", "failed"]).exists():
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    job.refresh_from_db()
    end_to_end = job.done / elapsed
    lower = min(engine_rate, write_rate)
    print(f"  end to end, publish to job done:        {end_to_end:9,.0f} startups/s ({job.done:,} in {elapsed:.1f} s, {job.failed} failed)")
    print(f"  end to end / lower ceiling:             {end_to_end / lower:9.0%}  (target >= 50%)")


if __name__ == "__main__":
    main()
