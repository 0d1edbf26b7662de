"""schemathesis against /api/schema/ on a live server: every operation, generated valid and
invalid input, no server error and no answer outside the schema.

Checks: all of schemathesis's except `positive_data_acceptance`, which expects every
schema-valid body to be accepted; a user id that does not exist or a duplicate cannot be
expressed in OpenAPI, so the API rightly answers those with a documented 400.
The report (cases generated, failures) lands in test-artifacts/schemathesis.txt.
"""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rest_framework.authtoken.models import Token

from apps.accounts.models import Role
from apps.scoring.models import RescoreJob
from apps.theses.selectors import active_version
from tests.factories import StartupFactory, UserFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_api_holds_to_its_schema_under_fuzzing(live_server, settings, tmp_path):
    settings.RATE_LIMITS = {scope: "100000/m" for scope in settings.RATE_LIMITS}
    admin = UserFactory(username="fuzz-admin", role=Role.ADMIN)
    analyst = UserFactory(username="fuzz-analyst", role=Role.ANALYST)
    for n in range(3):
        StartupFactory(owner=analyst, name=f"Fuzz {n}", confidential=bool(n % 2), deal_team=[admin])
    RescoreJob.objects.create(kind=RescoreJob.Kind.PUBLISH, thesis_version=active_version(), total=3)
    token = Token.objects.create(user=admin).key
    executable = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    command = [
        executable, "run", f"{live_server.url}/api/schema/", "-H", f"Authorization: Token {token}",
        "--checks", "all", "--exclude-checks", "positive_data_acceptance",
        "--max-examples", "50", "--seed", "20261127", "--generation-deterministic",
        "--workers", "1", "--no-color",
    ]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=900)
    report = result.stdout + result.stderr
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "schemathesis.txt").write_text(report)
    generated = re.search(r"(\d+) generated", report)
    assert generated and int(generated.group(1)) > 500, report[-3000:]
    assert result.returncode == 0, report[-6000:]
    assert "Tested: 13" in report.replace("  ", " ") or re.search(r"Tested:\s+13", report), report[-3000:]
