"""Benchmark: median server time of the pipeline table page (50 rows) with 20,000 scored
startups on PostgreSQL (DATABASE_URL, default local server; its own database).

    python bench/pipeline_bench.py [--startups 20000] [--runs 30] [--reuse]

--reuse keeps the database of an earlier run when it already holds the seeded startups
(pending migrations are still applied), instead of recreating and seeding it.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from rescore_bench import BASE_URL, BENCH_DB, bench_database_url, recreate_database  # noqa: E402


def seeded(startups: int) -> bool:
    """Whether the bench database already holds this bench's `startups` scored startups
    (the rescoring bench shares the database name and seeds it differently)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    url = urlunsplit(urlsplit(BASE_URL)._replace(path=f"/{BENCH_DB}", scheme="postgresql"))
    try:
        with psycopg.connect(url) as conn:
            owned = conn.execute(
                "SELECT count(*), count(DISTINCT c.startup_id) FROM startups_startup s JOIN accounts_user u ON u.id = s.owner_id"
                " LEFT JOIN scoring_scorecard c ON c.startup_id = s.id WHERE u.username = 'partner-bench'").fetchone()
            everyone = conn.execute("SELECT count(*) FROM startups_startup").fetchone()[0]
    except psycopg.Error:
        return False
    return owned[0] == owned[1] == everyone == startups


def seed(startups: int):
    """A partner and `startups` startups with tags, notes and scorecards under the active version."""
    from django.db import connection, transaction

    from apps.accounts.models import Role, User
    from apps.accounts.services import user_set_role
    from apps.scoring.services import rescore_startups
    from apps.startups.models import Note, Startup, Tag
    from apps.theses.selectors import active_version
    from engine_bench import make_profiles

    partner = User.objects.create_user("partner-bench", password="x")
    user_set_role(user=partner, role=Role.PARTNER)
    profiles = make_profiles(startups, seed=5)
    started = time.perf_counter()
    Startup.objects.bulk_create((Startup(name=p.name, one_liner=p.one_liner, description=p.description, owner=partner,
                                         country=("KR", "US", "DE")[n % 3]) for n, p in enumerate(profiles)), batch_size=5000)
    ids = list(Startup.objects.order_by("id").values_list("id", flat=True))
    tags = Tag.objects.bulk_create([Tag(name=f"tag{n}") for n in range(50)])
    Through = Startup.tags.through
    Through.objects.bulk_create([Through(startup_id=pk, tag_id=tags[pk % 50].pk) for pk in ids], batch_size=10000)
    Note.objects.bulk_create([Note(startup_id=pk, author=partner, body="Call notes") for pk in ids[::2]], batch_size=10000)
    version = active_version()
    for start in range(0, len(ids), 2000):
        with transaction.atomic():
            rescore_startups(startup_ids=ids[start:start + 2000], version=version)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # a live database has planner statistics; a freshly bulk-loaded one does not yet
    print(f"pipeline bench: {len(ids):,} scored startups on PostgreSQL, seeded in {time.perf_counter() - started:.0f} s")
    return partner


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--startups", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded bench database")
    args = parser.parse_args()
    os.environ.update(DATABASE_URL=bench_database_url(), DJANGO_SETTINGS_MODULE="config.settings.local", DEBUG="off",
                      ALLOWED_HOSTS="testserver,localhost", SECURITY_LOG_FILE=os.devnull)
    os.environ.pop("REDIS_URL", None)
    reuse = args.reuse and seeded(args.startups)
    if not reuse:
        recreate_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from apps.accounts.models import User

    call_command("migrate", verbosity=0)
    if reuse:
        partner = User.objects.get(username="partner-bench")
        print(f"pipeline bench: reusing {args.startups:,} scored startups on PostgreSQL")
    else:
        partner = seed(args.startups)
    client = Client()
    client.force_login(partner)
    for label, params, headers in (
        ("table page, sorted by total", {"sort": "-total"}, {}),
        ("htmx partial, filtered by layer and score range", {"layer": "ai_application", "min_total": 20, "sort": "-data_moat"}, {"HTTP_HX_REQUEST": "true"}),
    ):
        client.get("/pipeline/", params, **headers)
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            response = client.get("/pipeline/", params, **headers)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200
        print(f"  {label}: median {statistics.median(times):.0f} ms, p90 {sorted(times)[int(len(times) * 0.9)]:.0f} ms (target < 150 ms)")


if __name__ == "__main__":
    main()
