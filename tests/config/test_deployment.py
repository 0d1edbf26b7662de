"""No Docker engine runs here: the compose file is parsed and checked by reading."""
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def load_compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_the_five_services_with_health_checks():
    services = load_compose()["services"]
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(services)
    for name in ("web", "worker", "postgres", "redis"):
        assert "healthcheck" in services[name], name
    assert services["web"]["command"][0] == "gunicorn"
    assert services["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "config", "beat"]


def test_app_services_share_production_settings_and_services():
    services = load_compose()["services"]
    for name in ("web", "worker", "beat", "migrate"):
        env = services[name]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert "?" in env["SECRET_KEY"], "no default secret in production"
        assert services[name]["depends_on"]["migrate" if name != "migrate" else "postgres"]


def test_dockerfile_builds_the_image_compose_uses():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11" in dockerfile
    assert "collectstatic" in dockerfile and "USER app" in dockerfile
    assert load_compose()["services"]["web"]["build"] == "."


def test_production_settings_refuse_to_start_without_secret(monkeypatch):
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.production", "ALLOWED_HOSTS": "x"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_models_and_migrations_agree(db):
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _settings_value(name: str, **env) -> str:
    import subprocess
    import sys

    environment = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.test", **env}
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)
    return result.stdout.strip() or result.stderr


def test_the_pdf_time_limit_sits_below_the_web_servers_timeout():
    """Probe 8: MEMO_RENDER_TIMEOUT (30 s) equalled gunicorn's timeout, so gunicorn killed a slow
    render first and the documented 503 never came. gunicorn's timeout is WEB_TIMEOUT now, the
    render limit is derived from it, and a setting that would undo that refuses to start."""
    import runpy

    services = load_compose()["services"]
    assert services["web"]["command"][:4] == ["gunicorn", "config.wsgi", "--config", "gunicorn.conf.py"]
    assert '"--config", "gunicorn.conf.py"' in (ROOT / "Dockerfile").read_text()
    assert runpy.run_path(str(ROOT / "gunicorn.conf.py"))["timeout"] == 30
    assert float(_settings_value("MEMO_RENDER_TIMEOUT")) == 20.0
    assert float(_settings_value("MEMO_RENDER_TIMEOUT", WEB_TIMEOUT="60")) == 40.0
    assert "must stay at least 5 s below WEB_TIMEOUT" in _settings_value("MEMO_RENDER_TIMEOUT", MEMO_RENDER_TIMEOUT="30")


def test_every_job_type_has_a_sweep_on_the_beat_schedule():
    """Probe 5: only rescoring was swept; an import or bundle whose worker died stayed running."""
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks == {"apps.scoring.tasks.sweep", "apps.startups.tasks.sweep", "apps.memos.tasks.sweep"}
    from apps.startups.tasks import LIMITS

    assert LIMITS["time_limit"] < settings.JOB_STUCK_AFTER_SECONDS  # a job without heartbeat that long has no worker
