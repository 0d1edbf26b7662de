"""Brute-force lockout, client addresses, sessions, rate limits, the security log, CSP and deploy checks."""
import json
import logging
import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client, RequestFactory

from apps.accounts.security import client_ip
from tests.conftest import login

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "pw-for-tests-1"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def attempt(client, username="alice", password="wrong-password", **headers):
    return client.post("/accounts/login/", {"username": username, "password": password}, **headers)


# --- client address --------------------------------------------------------------------

def test_client_ip_ignores_forwarded_for_without_trusted_proxies(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.0.0.5"


def test_client_ip_takes_the_address_the_trusted_proxies_saw(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    spoofed = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip(spoofed) == "203.0.113.9"  # the client wrote 6.6.6.6; the proxy appended what it saw
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(spoofed) == "6.6.6.6"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"  # header missing: the socket's address


# --- brute force ------------------------------------------------------------------------

def test_lockout_after_failures_even_with_the_right_password(client, analyst, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client).status_code == 200
    locked = attempt(client)
    assert locked.status_code == 429
    assert "Sign-in locked" in locked.content.decode()
    assert attempt(client, password=PASSWORD).status_code == 429  # the right password does not help now
    assert "_auth_user_id" not in client.session


def test_changing_forwarded_for_does_not_bypass_the_lockout(client, analyst, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert attempt(client, password=PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.200").status_code == 429


def test_behind_a_trusted_proxy_spoofed_entries_do_not_bypass(client, analyst, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7")
    assert attempt(client, password=PASSWORD, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7").status_code == 429
    # Another real client address (as the proxy saw it) is not locked.
    assert attempt(client, password=PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302


def test_lockout_ends_after_the_cooloff(client, analyst, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client)
    assert attempt(client, password=PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    assert attempt(client, password=PASSWORD).status_code == 302


def test_success_resets_the_failure_count(client, analyst, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client)
    assert attempt(client, password=PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client).status_code == 200


def test_admin_login_is_protected_too(client, admin_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "ada", "password": "nope"})
    assert client.post("/admin/login/", {"username": "ada", "password": PASSWORD}).status_code == 429


# --- sessions ---------------------------------------------------------------------------

def test_session_key_rotates_on_login(client, analyst):
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    attempt(client, password=PASSWORD)
    assert client.session.session_key != before


def test_logout_kills_the_session_server_side(client, analyst):
    attempt(client, password=PASSWORD)
    stolen = client.cookies["sessionid"].value
    client.post("/accounts/logout/")
    thief = Client()
    thief.cookies["sessionid"] = stolen
    assert thief.get("/startups/").status_code == 302


def test_deactivation_ends_sessions_for_good(client, analyst, admin_user):
    login(client, analyst)
    assert client.get("/startups/").status_code == 200
    admin = login(Client(), admin_user)
    admin.post(f"/accounts/users/{analyst.pk}/", {"role": "analyst", "is_active": ""})
    assert client.get("/startups/").status_code == 302
    admin.post(f"/accounts/users/{analyst.pk}/", {"role": "analyst", "is_active": "on"})
    assert client.get("/startups/").status_code == 302  # reactivation does not revive the old session


def test_password_change_ends_other_sessions_and_keeps_this_one(analyst):
    laptop, phone = Client(), Client()
    attempt(laptop, password=PASSWORD)
    attempt(phone, password=PASSWORD)
    response = laptop.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "a-new-long-pass-42", "new_password2": "a-new-long-pass-42"})
    assert response.status_code == 302
    assert laptop.get("/startups/").status_code == 200
    assert phone.get("/startups/").status_code == 302


def test_sign_out_other_devices(analyst):
    laptop, phone = Client(), Client()
    attempt(laptop, password=PASSWORD)
    attempt(phone, password=PASSWORD)
    assert laptop.post("/accounts/settings/sessions/end/").status_code == 302
    assert laptop.get("/startups/").status_code == 200
    assert phone.get("/startups/").status_code == 302
    assert laptop.get("/accounts/settings/sessions/end/").status_code == 405


# --- rate limits ------------------------------------------------------------------------

def test_export_rate_limit(client, analyst, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "export": "2/m"}
    login(client, analyst)
    assert [client.get("/startups/export.csv").status_code for _ in range(3)] == [200, 200, 429]
    refused = client.get("/startups/export.csv")
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "Too many requests" in refused.content.decode()


def test_search_limit_counts_searches_only(client, analyst, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": "1/m"}
    login(client, analyst)
    assert client.get("/startups/", {"q": "robot"}).status_code == 200
    assert client.get("/startups/", {"q": "robot"}).status_code == 429
    assert client.get("/startups/").status_code == 200  # browsing without a search is not limited


def test_limits_are_per_user(client, analyst, partner, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "export": "1/m"}
    login(client, analyst)
    client.get("/startups/export.csv")
    assert client.get("/startups/export.csv").status_code == 429
    assert login(Client(), partner).get("/startups/export.csv").status_code == 200


def test_api_search_and_pdf_limits_answer_json_429(api, analyst, startup, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": "1/m", "pdf": "1/m"}
    api.force_authenticate(analyst)
    assert api.get("/api/v1/startups/", {"q": "deal"}).status_code == 200
    refused = api.get("/api/v1/startups/", {"q": "deal"})
    assert refused.status_code == 429 and "detail" in refused.json() and refused["Retry-After"]
    assert api.get("/api/v1/startups/").status_code == 200
    api.get(f"/api/v1/startups/{startup.pk}/memo.pdf")
    assert api.get(f"/api/v1/startups/{startup.pk}/memo.pdf").status_code == 429


@pytest.mark.services
def test_rate_limit_counts_in_redis(redis_url, client, analyst, settings):
    import redis

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url, "KEY_PREFIX": f"t{os.getpid()}"}}
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "export": "2/m"}
    from django.core.cache import caches

    caches["default"].clear()
    login(client, analyst)
    assert [client.get("/startups/export.csv").status_code for _ in range(3)] == [200, 200, 429]
    keys = redis.Redis.from_url(redis_url).keys(f"t{os.getpid()}:*ratelimit:export:u{analyst.pk}:*")
    assert len(keys) == 1
    caches["default"].clear()


# --- security log -----------------------------------------------------------------------

def events(caplog):
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "security"]


def test_security_log_records_logins_denials_exports_and_pdfs(client, analyst, outsider, secret_startup, caplog):
    caplog.set_level(logging.INFO, logger="security")
    attempt(client, username="alice", password="not-the-password", REMOTE_ADDR="192.0.2.10")
    attempt(client, username="alice", password=PASSWORD, REMOTE_ADDR="192.0.2.10")
    client.get("/startups/export.csv")
    client.get(f"/startups/{secret_startup.pk}/memo.pdf")
    outside = login(Client(), outsider)
    assert outside.get(f"/startups/{secret_startup.pk}/").status_code == 404
    login(Client(), outsider).get("/accounts/users/")
    log = events(caplog)
    kinds = [e["event"] for e in log]
    assert kinds[:2] == ["login_failed", "login"]
    assert {"export", "pdf_download", "denied"} <= set(kinds)
    failed, ok = log[0], log[1]
    assert failed["username"] == "alice" and failed["ip"] == "192.0.2.10" and failed["actor"] is None
    assert ok["actor"] == "alice" and ok["time"].endswith("+00:00")
    pdf = next(e for e in log if e["event"] == "pdf_download")
    assert pdf["object"] == f"startups.startup:{secret_startup.pk}" and pdf["actor"] == "alice"
    hidden = next(e for e in log if e["event"] == "denied" and e.get("reason") == "not_visible")
    assert hidden["actor"] == "oscar" and hidden["object"] == f"startups.startup:{secret_startup.pk}"
    assert any(e["event"] == "denied" and e["reason"] == "forbidden" and e["path"] == "/accounts/users/" for e in log)
    text = caplog.text
    for secret in ("not-the-password", PASSWORD, "Project Falcon", secret_startup.one_liner):
        assert secret not in text


def test_lockout_is_logged(client, analyst, settings, caplog):
    caplog.set_level(logging.INFO, logger="security")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client)
    assert "login_locked" in [e["event"] for e in events(caplog)]


# --- headers and deployment -------------------------------------------------------------

def test_pages_carry_a_strict_content_security_policy(client, analyst):
    policy = login(client, analyst).get("/startups/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe" not in directives["style-src-elem"]


def test_templates_have_no_inline_script_or_handlers():
    """The policy forbids inline script, so none may creep back into a template."""
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\s(on[a-z]+|hx-on[:\w-]*)=", text):
            offenders.append(path.name)
    assert offenders == []


def test_downloads_are_not_stored_by_caches(client, analyst, startup):
    login(client, analyst)
    assert client.get("/startups/export.xlsx")["Cache-Control"] == "no-store"
    assert "no-store" in client.get(f"/startups/{startup.pk}/memo.pdf")["Cache-Control"]


def test_check_deploy_passes_with_production_settings():
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "deals.example.com",
        "DATABASE_URL": "postgres://app@db.invalid:5432/app",
        "REDIS_URL": "redis://redis.invalid:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_request_factory_requests_are_logged_without_a_user(caplog, rf: RequestFactory):
    from apps.accounts.security import log_event

    caplog.set_level(logging.INFO, logger="security")
    log_event("probe", request=rf.get("/x", REMOTE_ADDR="192.0.2.1"))
    (event,) = events(caplog)
    assert event == {**event, "event": "probe", "actor": None, "ip": "192.0.2.1", "path": "/x"}


def test_admin_sees_a_locked_user_and_unlocks_them(client, analyst, admin_user, settings, caplog):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client)
    admin = login(Client(), admin_user)
    page = admin.get("/accounts/users/").content.decode()
    assert f"/accounts/users/{analyst.pk}/unlock/" in page
    assert login(Client(), analyst).post(f"/accounts/users/{analyst.pk}/unlock/").status_code == 403  # admins only
    caplog.set_level(logging.INFO, logger="security")
    assert admin.post(f"/accounts/users/{analyst.pk}/unlock/").status_code == 302
    assert attempt(client, password=PASSWORD).status_code == 302
    assert f"/accounts/users/{analyst.pk}/unlock/" not in admin.get("/accounts/users/").content.decode()
    assert "unlock" in [e["event"] for e in events(caplog)]
