"""Shared users (DESIGN.md rule 9) and service probes.

Tests that need PostgreSQL, Redis or chromium skip with a reason when those are not
reachable, except under CI=true, where a missing service fails the run.
"""
import os
import shutil
import socket
from urllib.parse import urlsplit

import pytest
from rest_framework.test import APIClient

from apps.accounts.models import Role

from .factories import StartupFactory, UserFactory

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(available: bool, reason: str):
    """Skip (locally) or fail (under CI=true) when a service a test needs is missing."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} (required under CI=true)")
    pytest.skip(reason)


def reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL", "")
    need(bool(url) and reachable(url), "Redis is not configured (set REDIS_URL) or not reachable")
    return url


@pytest.fixture
def chromium_path():
    path = shutil.which("chromium") or "/usr/bin/chromium"
    need(os.path.exists(path), "Debian's chromium is not installed")
    return path


@pytest.fixture
def browser(chromium_path, monkeypatch):
    """Debian's chromium through Playwright, closed with its database connections afterwards."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test body are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    from .browser import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # ORM calls made while Playwright's loop runs get their own connection (asgiref
        # locals follow the context): close it, or the test database cannot be dropped.
        connections.close_all()


@pytest.fixture
def analyst(db):
    return UserFactory(username="alice", role=Role.ANALYST)


@pytest.fixture
def outsider(db):
    """An analyst who is not on the deal team of confidential deals."""
    return UserFactory(username="oscar", role=Role.ANALYST)


@pytest.fixture
def partner(db):
    return UserFactory(username="paula", role=Role.PARTNER)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="ada", role=Role.ADMIN)


@pytest.fixture
def startup(analyst):
    return StartupFactory(owner=analyst, name="Open Deal")


@pytest.fixture
def secret_startup(analyst, db):
    """A confidential deal owned by someone else with `analyst` on its team."""
    owner = UserFactory(username="olivia", role=Role.ANALYST)
    return StartupFactory(owner=owner, name="Project Falcon", confidential=True, deal_team=[analyst])


@pytest.fixture
def api():
    return APIClient()


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): ...` runs what the block queued for after commit (tasks run eagerly)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def real_broker():
    """Send tasks through the configured broker instead of running them in-process."""
    from config.celery import app

    queue = app.conf.task_default_queue
    app.conf.task_always_eager = False
    yield app
    app.conf.update(task_always_eager=True, task_default_queue=queue)

