"""Load test: gunicorn with PostgreSQL and Redis holding 20,000 scored startups; 50 locust users
(each waiting 1–3 s between requests) read the pipeline page and the API list for 60 seconds.
Prints requests per second, p50, p95 and the error rate per endpoint and overall.

    python bench/pipeline_load_bench.py [--users 50] [--seconds 60] [--startups 20000]

It reuses the database pipeline_bench.py seeded when it is there (make bench runs that first).
Targets: no errors, p95 under 500 ms.
"""
import argparse
import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from pipeline_bench import seed, seeded  # noqa: E402
from rescore_bench import REDIS_URL, bench_database_url, recreate_database  # noqa: E402

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, timeout: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not come up")


def signed_in_sessions(user, count: int) -> list[str]:
    """Session keys as a browser login would leave them (one per simulated partner)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    keys = []
    for _ in range(count):
        session = SessionStore()
        session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                        HASH_SESSION_KEY: user.get_session_auth_hash()})
        session.create()
        keys.append(session.session_key)
    return keys


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--startups", type=int, default=20_000)
    args = parser.parse_args()
    env = {**os.environ, "DATABASE_URL": bench_database_url(), "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "config.settings.local",
           "DEBUG": "off", "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "WARNING"}
    os.environ.update(env)
    reuse = seeded(args.startups)
    if not reuse:
        recreate_database()
    import django

    django.setup()
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from apps.accounts.models import User

    call_command("migrate", verbosity=0)
    partner = User.objects.get(username="partner-bench") if reuse else seed(args.startups)
    token = Token.objects.get_or_create(user=partner)[0].key
    sessions = signed_in_sessions(partner, args.users)
    from django.db import connections

    connections.close_all()

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    bin_dir = Path(sys.executable).parent
    server = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "4",
         "--worker-class", "gthread", "--threads", "4", "--keep-alive", "10", "--log-level", "warning"],
        cwd=ROOT, env={**env, "SECURITY_LOG_FILE": os.devnull}, start_new_session=True,
    )
    try:
        wait_until_up(url)
        with tempfile.TemporaryDirectory() as scratch:
            prefix = Path(scratch) / "load"
            subprocess.run(
                [str(bin_dir / "locust"), "-f", str(ROOT / "bench" / "load" / "locustfile.py"), "--headless", "--host", url,
                 "--users", str(args.users), "--spawn-rate", "10", "--run-time", f"{args.seconds}s", "--csv", str(prefix),
                 "--only-summary", "--loglevel", "WARNING"],
                cwd=ROOT, env={**env, "LOAD_SESSIONS": ",".join(sessions), "LOAD_API_TOKEN": token},
                check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            with open(f"{prefix}_stats.csv", newline="") as handle:
                rows = list(csv.DictReader(handle))
            with open(f"{prefix}_failures.csv", newline="") as handle:
                errors = list(csv.DictReader(handle))
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"load bench: gunicorn (4 workers × 4 threads, keep-alive 10 s) on PostgreSQL + Redis, {args.startups:,} startups, "
          f"{args.users} users waiting 1–3 s, {args.seconds} s{' (database reused)' if reuse else ''}")
    for row in rows:
        count, failures = int(row["Request Count"]), int(row["Failure Count"])
        print(f"  {row['Name']:<20} {count:>6} requests  {float(row['Requests/s']):6.1f} req/s  p50 {row['50%']:>4} ms  "
              f"p95 {row['95%']:>4} ms  errors {100 * failures / max(count, 1):.2f}%")
    for error in errors:
        print(f"  error: {error['Occurrences']} × {error['Method']} {error['Name']}: {error['Error']}")
    total = next(row for row in rows if row["Name"] == "Aggregated")
    ok = int(total["Failure Count"]) == 0 and float(total["95%"]) < 500
    print(f"  target: no errors and p95 < 500 ms -> {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
