"""Issue 12's slow probes, re-run from outside: gunicorn as the Dockerfile runs it (sync workers,
gunicorn.conf.py's timeout), a real Celery worker, PostgreSQL and Redis, 150,000 startups.

    python bench/abuse_probe.py [--startups 150000]

Prints, per probe, the answer, the time and the peak memory (RSS) of the gunicorn workers:
CSV export (streamed), XLSX export (a job a worker writes), the Deleted and Duplicates pages,
the XLSX that declares A1:XFD200000, a 2-million-row XLSX, a 50,000-row CSV (upload, then the
worker's check), a 40,000-column CSV and 2,000-deep JSON. Targets: no 5xx, every request well
inside the web timeout, worker memory flat (tens of MB, not GB). Uses its own database,
dealscreen_abuse_bench (DATABASE_URL's server), and REDIS_URL (default db 14).
"""
import argparse
import io
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
import zipfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

BASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14")
DB = "dealscreen_abuse_bench"


def database_url() -> str:
    return urlunsplit(urlsplit(BASE_URL)._replace(path=f"/{DB}"))


def recreate_database() -> None:
    import psycopg

    admin = urlunsplit(urlsplit(BASE_URL)._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")


def seed(startups: int):
    """An analyst (owner of everything), an admin, `startups` startups with tags, a pair of duplicates per 50."""
    from apps.accounts.models import Role, User
    from apps.accounts.services import user_set_role
    from apps.startups.models import Startup, Tag, normalise_name

    analyst = User.objects.create_user("analyst-probe", password="x")
    user_set_role(user=analyst, role=Role.ANALYST)
    admin = User.objects.create_user("admin-probe", password="x")
    user_set_role(user=admin, role=Role.ADMIN)
    names = [f"Probe {n // 2 if n % 50 < 2 else n} Labs" for n in range(startups)]
    Startup.objects.bulk_create(
        (Startup(name=name, name_key=normalise_name(name), one_liner="=1+1 looks like a formula", description="Trains its own models.",
                 owner=analyst, country="KR", round_size=1_000_000) for name in names), batch_size=5000)
    tags = Tag.objects.bulk_create([Tag(name=f"tag{n}") for n in range(20)])
    Through = Startup.tags.through
    ids = list(Startup.objects.values_list("pk", flat=True))
    Through.objects.bulk_create((Through(startup_id=pk, tag_id=tags[pk % 20].pk) for pk in ids), batch_size=10_000)
    return analyst, admin


def session_for(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: user.get_session_auth_hash()})
    session.create()
    return session.session_key


class PeakRSS:
    """Samples the resident memory of a process tree (gunicorn and its workers) while running."""

    def __init__(self, pid: int):
        import psutil

        self.root, self.peak, self.running = psutil.Process(pid), 0, True
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def sample(self):
        while self.running:
            try:
                workers = self.root.children()
                self.peak = max([self.peak] + [worker.memory_info().rss for worker in workers])
            except Exception:  # noqa: BLE001 - a worker that restarts between two samples
                pass
            time.sleep(0.02)

    def __enter__(self):
        self.peak = 0
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.running = True
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()


def probe(name, server_pid, call):
    with PeakRSS(server_pid) as rss:
        started = time.perf_counter()
        try:
            status, note = call()
        except Exception as error:  # noqa: BLE001 - a dropped connection is a finding, not a crash of the bench
            status, note = "error", f"{type(error).__name__}: {error}"[:120]
        seconds = time.perf_counter() - started
    print(f"  {name:<44} {str(status):>5}  {seconds:7.2f} s  worker RSS peak {rss.peak / 2**20:6.0f} MB  {note}")
    return status, seconds


def workbook(rows_xml: str, dimension: str) -> bytes:
    from tests.startups.test_imports import workbook as build

    return build(rows_xml, dimension=dimension)


def big_xlsx(rows: int) -> bytes:
    """A sheet of `rows` one-cell rows, written straight to the zip (compresses to a few MB)."""
    body = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, rows + 1))
    return workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>' + body, "A1:A1")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--startups", type=int, default=150_000)
    args = parser.parse_args()
    queue = f"abuse-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "config.settings.local",
           "DEBUG": "off", "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "WARNING", "CELERY_QUEUE": queue,
           "SECURITY_LOG_FILE": os.devnull, "RATE_LIMIT_EXPORT": "1000/m", "MEDIA_ROOT": str(ROOT / "var" / "abuse-probe-media")}
    os.environ.update(env)
    recreate_database()
    import django

    django.setup()
    import requests
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    analyst, admin = seed(args.startups)
    print(f"abuse probe: {args.startups:,} startups seeded in {time.perf_counter() - started:.1f} s; "
          f"gunicorn (2 sync workers, WEB_TIMEOUT {os.environ.get('WEB_TIMEOUT', '30')} s) + 1 Celery worker on PostgreSQL and Redis")
    cookies = {"analyst": session_for(analyst), "admin": session_for(admin)}
    connections.close_all()

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    bin_dir = Path(sys.executable).parent
    server = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "config.wsgi", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--log-level", "warning"], cwd=ROOT, env=env, start_new_session=True)
    worker = subprocess.Popen(
        [str(bin_dir / "celery"), "-A", "config", "worker", "-Q", queue, "-c", "1", "--without-gossip", "--without-mingle",
         "--without-heartbeat", "--loglevel", "WARNING"], cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    analyst_web, admin_web = requests.Session(), requests.Session()
    analyst_web.cookies.set("sessionid", cookies["analyst"])
    admin_web.cookies.set("sessionid", cookies["admin"])
    try:
        for _ in range(200):
            try:
                if requests.get(f"{url}/healthz", timeout=10).ok:
                    break
            except requests.RequestException:
                time.sleep(0.3)
        analyst_web.get(f"{url}/startups/")  # sets the CSRF cookie
        csrf = {"X-CSRFToken": analyst_web.cookies["csrftoken"], "Referer": url}

        def export(fmt):
            def call():
                response = analyst_web.get(f"{url}/startups/export.{fmt}", allow_redirects=False, timeout=60)
                answered = time.perf_counter() - started
                job = response.headers.get("Location", "")
                deadline = time.monotonic() + 600
                while time.monotonic() < deadline and "Download the" not in analyst_web.get(f"{url}{job}").text:
                    time.sleep(0.5)
                download = analyst_web.get(f"{url}{job}download/", timeout=60)
                return download.status_code, (f"request answered ({response.status_code}) in {answered:.2f} s; "
                                              f"{len(download.content) / 2**20:.1f} MB written by the worker")
            started = time.perf_counter()
            return call

        def small_csv():
            response = analyst_web.get(f"{url}/startups/export.csv", params={"q": "Probe 123"}, stream=True, allow_redirects=False, timeout=60)
            size = sum(len(chunk) for chunk in response.iter_content(1 << 16))
            return response.status_code, f"{size / 2**20:.1f} MB streamed (a filtered list, under EXPORT_SYNC_MAX_ROWS)"

        def page(session, path):
            def call():
                response = session.get(f"{url}{path}", timeout=60)
                return response.status_code, f"{len(response.content) / 1024:.0f} KB"
            return call

        def upload(name, content, expect_job=True):
            def call():
                response = analyst_web.post(f"{url}/startups/import/", files={"file": (name, content)}, headers=csrf,
                                            allow_redirects=False, timeout=120)
                note = f"{len(content) / 1024:.1f} KB file"
                if response.status_code == 302:
                    note += f" -> {response.headers['Location']}"
                return response.status_code, note
            return call

        def checked_import(content):
            def call():
                response = analyst_web.post(f"{url}/startups/import/", files={"file": ("rows.csv", content)}, headers=csrf,
                                            allow_redirects=False, timeout=120)
                job = response.headers["Location"]
                analyst_web.post(f"{url}{job}", data={"col_0": "name", "check": "1"}, headers=csrf, timeout=60)
                deadline = time.monotonic() + 600
                while time.monotonic() < deadline:
                    text = analyst_web.get(f"{url}{job}", timeout=60).text
                    if "rows are valid" in text or "problems to fix" in text or "Nothing was imported" in text:
                        break
                    time.sleep(0.5)
                return response.status_code, f"upload answered, the worker checked every row ({'valid' if 'rows are valid' in text else 'see job'})"
            return call

        def deep_json():
            body = '{"name": "x", "tags": ' + "[" * 2000 + "]" * 2000 + "}"
            token_headers = csrf | {"Content-Type": "application/json"}
            response = analyst_web.post(f"{url}/api/v1/startups/", data=body, headers=token_headers, timeout=30)
            return response.status_code, response.text[:60]

        header = '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="inlineStr"><is><t>Web</t></is></c></row>'
        bomb = workbook(header + '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>', "A1:XFD200000")
        rows_50k = ("Name\n" + "".join(f"Company {n}\n" for n in range(50_000))).encode()
        wide = (",".join(f"c{n}" for n in range(40_000)) + "\n").encode()
        print("  probe                                        status     time                            note")
        pid = server.pid
        probe("CSV export, filtered (streamed)", pid, small_csv)
        probe(f"CSV export, {args.startups:,} rows (job)", pid, export("csv"))
        probe(f"XLSX export, {args.startups:,} rows (job)", pid, export("xlsx"))
        probe("Duplicates page", pid, page(analyst_web, "/startups/duplicates/"))
        connections["default"].connect()
        from apps.startups.models import Startup
        from django.utils import timezone

        Startup.objects.update(deleted_at=timezone.now())
        connections.close_all()
        probe(f"Deleted page, {args.startups:,} deleted", pid, page(admin_web, "/startups/deleted/"))
        probe("XLSX declaring A1:XFD200000 (upload)", pid, upload("bomb.xlsx", bomb))
        probe("XLSX with 2,000,000 rows (upload)", pid, upload("rows.xlsx", big_xlsx(2_000_000)))
        probe("CSV with 50,000 rows (upload + worker check)", pid, checked_import(rows_50k))
        probe("CSV with 40,000 columns (upload)", pid, upload("wide.csv", wide))
        probe("JSON nested 2,000 deep (API)", pid, deep_json)
    finally:
        for process in (server, worker):
            os.killpg(process.pid, 15)
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
