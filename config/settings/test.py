"""Tests: fast hashing, in-memory cache and mail.

The database and Redis come from DATABASE_URL / REDIS_URL when set (CI sets both);
otherwise the suite runs on SQLite and service tests skip (or fail under CI=true).
"""
import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
if "DATABASE_URL" not in os.environ:
    # Each test process gets its own throwaway SQLite file and embedded broker beside it.
    _scratch = tempfile.mkdtemp(prefix="dealscreen-test-")
    atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{_scratch}/db.sqlite3"

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LANGUAGE_CODE = "en"

# Live-server threads must not keep connections open, or the test database cannot be dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Unit tests run tasks in-process when their transaction commits; the tests that prove the
# broker path (tests/config, tests/scoring/test_worker.py) turn this off and start real workers.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
