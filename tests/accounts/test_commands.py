from io import StringIO

from django.core.management import call_command
from rest_framework.authtoken.models import Token

from apps.accounts.models import Role, User


def test_createsuperuser_noinput(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "boss")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "boss@example.com")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "s3cret-Pass")
    call_command("createsuperuser", "--noinput", stdout=StringIO())
    boss = User.objects.get(username="boss")
    assert boss.check_password("s3cret-Pass") and boss.role == Role.ADMIN


def test_drf_create_token(analyst):
    out = StringIO()
    call_command("drf_create_token", "alice", stdout=out)
    key = Token.objects.get(user=analyst).key
    assert out.getvalue().strip() == f"Generated token {key} for user alice"


def test_seed_demo_is_idempotent(db):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert {u.username: u.role for u in User.objects.all()} == {"analyst": "analyst", "partner": "partner", "admin": "admin"}
    from apps.startups.models import Startup

    assert Startup.objects.count() >= 30
    assert Startup.objects.filter(name__regex=r"[가-힣]").exists()
