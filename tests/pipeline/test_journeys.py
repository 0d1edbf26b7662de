"""End-to-end journeys in Debian's chromium, in English and Korean, with screenshots in test-artifacts/:
- a partner filters the pipeline, is told what a blocked move lacks, moves a card to IC on the
  board, records an IC vote and downloads the memo PDF;
- an analyst logs a startup and its score appears when a real Celery worker has scored it,
  without a reload.
Every page runs under the production Content-Security-Policy; any console error fails the journey.
"""
import os
import signal
import uuid

import pytest
from django.db import connection

from apps.accounts.models import Role
from apps.memos import services as memo_services
from apps.pipeline.models import ICVote
from apps.startups.models import StageTransition
from apps.scoring.services import layer_decide, rescore_startups
from apps.startups.models import Startup
from apps.theses.selectors import active_version
from tests.browser import ARTIFACTS, open_page, shot
from tests.conftest import need
from tests.factories import StartupFactory, UserFactory
from tests.scoring.test_worker import start_worker

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["en", "ko"])
def test_partner_reviews_moves_to_ic_votes_and_downloads_the_memo(browser, live_server, language):
    analyst = UserFactory(username="alice", role=Role.ANALYST)
    UserFactory(username="paula", role=Role.PARTNER)
    ready = StartupFactory(owner=analyst, name="한빛 로보틱스", pipeline_stage="diligence",
                           description="Trains its own vision model on warehouse footage licensed exclusively from three logistics firms.")
    blocked = StartupFactory(owner=analyst, name="Blocked Labs", pipeline_stage="diligence",
                             description="A browser extension that calls a third-party LLM API.")
    rescore_startups(startup_ids=[ready.pk, blocked.pk], version=active_version())
    layer_decide(actor=analyst, startup=ready, layer="ai_application")
    memo_services.memo_save(actor=analyst, startup=ready, body="## 투자 요약\n자체 비전 모델과 독점 데이터.", version=0, lang="ko")

    context, page = open_page(browser, live_server, "paula", language)
    page.goto(f"{live_server.url}/pipeline/")
    page.evaluate("window.__noReload = true")
    page.fill("input[name=q]", "한빛")
    page.wait_for_function("() => document.querySelectorAll('#pipeline-table tbody tr').length === 1")
    assert "q=" in page.url and page.evaluate("window.__noReload") is True
    shot(page, f"journey-pipeline-{language}")

    page.goto(f"{live_server.url}/pipeline/board/")
    blocked_card = page.locator(f".board-card[data-startup='{blocked.pk}']")
    blocked_card.locator("select[name=to_stage]").select_option("ic")
    blocked_card.locator("button[type=submit]").click()
    page.locator("#board-message .message-error").wait_for()
    assert Startup.objects.get(pk=blocked.pk).pipeline_stage == "diligence"
    shot(page, f"journey-board-blocked-{language}")

    card = page.locator(f".board-card[data-startup='{ready.pk}']")
    card.locator("select[name=to_stage]").select_option("ic")
    card.locator("button[type=submit]").click()
    page.locator(f".board-column[data-stage='ic'] .board-card[data-startup='{ready.pk}']").wait_for()
    assert Startup.objects.get(pk=ready.pk).pipeline_stage == "ic"
    assert StageTransition.objects.filter(startup=ready, from_stage="diligence", to_stage="ic", actor__username="paula").exists()
    shot(page, f"journey-board-moved-{language}")

    page.goto(f"{live_server.url}/pipeline/startups/{ready.pk}/ic/")
    for field in page.locator("input[name^=score_]").all():
        field.fill("72")
    page.check("input[name=vote][value=invest]")
    page.fill("textarea[name=comment]", "데이터 해자가 분명하다" if language == "ko" else "Clear data moat.")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    vote = ICVote.objects.get(startup=ready)
    assert vote.vote == "invest" and set(vote.scores.values()) == {72}
    shot(page, f"journey-ic-{language}")

    page.goto(f"{live_server.url}/startups/{ready.pk}/memo/")
    with page.expect_download() as download_info:
        page.click(f"a[href='/startups/{ready.pk}/memo.pdf']")
    download = download_info.value
    assert download.suggested_filename == "memo-한빛-로보틱스.pdf"  # saved, under its Korean name
    path = ARTIFACTS / f"journey-memo-{language}.pdf"
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF") and path.stat().st_size > 5000

    page.goto(f"{live_server.url}/api/docs/")  # Swagger UI, served locally under the same policy
    page.locator(".opblock").first.wait_for()
    assert page.problems == []
    context.close()


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["en", "ko"])
def test_analyst_logs_a_startup_and_its_score_appears_without_a_reload(browser, live_server, language, redis_url, real_broker):
    need(connection.vendor == "postgresql", "PostgreSQL is not configured (set DATABASE_URL)")
    queue = f"journey-{uuid.uuid4().hex[:8]}"
    real_broker.conf.task_default_queue = queue
    db = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", "REDIS_URL": redis_url, "CELERY_QUEUE": queue,
           "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"}
    UserFactory(username="alice", role=Role.ANALYST)
    context, page = open_page(browser, live_server, "alice", language)

    page.click("a[href='/startups/new/']")
    page.fill("#id_name", "Tidewater AI" if language == "en" else "물결 AI")
    page.fill("#id_one_liner", "Predicts stock-outs and reorders for shops before they run out")
    page.fill("#id_description", "Fine-tunes its own forecasting model on point-of-sale data from 400 paying stores; "
                                 "every correction by a store manager improves the model for all stores.")
    page.click("#startup-form button[type=submit]")
    page.wait_for_url("**/startups/*/")
    page.evaluate("window.__noReload = true")
    page.locator("#scorecard-panel .status-pending").wait_for()  # no worker yet: the save queued the rescore
    shot(page, f"journey-scoring-pending-{language}")

    worker = start_worker(env, queue)
    try:
        page.locator("#scorecard-panel .status-current").wait_for(timeout=60_000)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
    assert page.evaluate("window.__noReload") is True  # the panel updated itself
    assert page.locator("#scorecard-panel .criterion").count() > 0
    shot(page, f"journey-scoring-done-{language}")
    assert page.problems == []
    context.close()
