"""Background rescoring: triggers, jobs in chunks, idempotency, failures, the sweep."""
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.scoring import bulk, engine, services
from apps.scoring.models import RescoreChunk, RescoreJob, Scorecard, ScoreHistory, ScoringState
from apps.startups.services import startup_create, startup_update
from apps.theses import services as theses
from apps.theses.selectors import active_version
from tests.factories import StartupFactory


@pytest.fixture
def pipeline(analyst, committed):
    with committed():
        return [startup_create(actor=analyst, data={"name": f"Co {n}", "description": "Calls the OpenAI API."}) for n in range(7)]


def publish_new_version(partner, committed, **weights):
    draft = theses.draft_create(actor=partner, based_on=active_version())
    rows = [{"id": c.pk, "weight": weights[c.key]} for c in draft.criteria.all() if c.key in weights]
    theses.draft_update(actor=partner, version=draft, note="", criteria=rows, layer_fits=[])
    with committed():
        theses.version_publish(actor=partner, version=draft)
    return draft


def test_profile_save_marks_pending_until_the_task_runs(api, analyst, committed):
    startup = startup_create(actor=analyst, data={"name": "Loop", "description": "Trains its own models."})
    api.force_authenticate(analyst)
    assert api.get(f"/api/v1/startups/{startup.pk}/scorecard/").json()["status"] == "pending"
    with committed():
        startup_update(actor=analyst, startup=startup, version=1, data={"one_liner": "Own models"})
    assert api.get(f"/api/v1/startups/{startup.pk}/scorecard/").json()["status"] == "current"
    assert ScoringState.objects.get(startup=startup).queued_at is None


def test_pending_panel_polls_itself(client, analyst):
    startup = startup_create(actor=analyst, data={"name": "Loop"})
    client.force_login(analyst)
    body = client.get(f"/startups/{startup.pk}/scorecard/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="load delay:1s"' in body


def test_publish_rescores_everything_in_chunks(pipeline, partner, committed, settings):
    settings.RESCORE_CHUNK_SIZE = 3
    version = publish_new_version(partner, committed, data_moat=80)
    job = RescoreJob.objects.get(thesis_version=version)
    assert (job.status, job.total, job.done, job.failed) == ("done", 7, 7, 0)
    assert job.chunks.count() == 3 and job.started_at and job.finished_at
    assert Scorecard.objects.filter(thesis_version=version).count() == 7
    assert ScoreHistory.objects.filter(thesis_version=version).count() == 7


def test_running_a_chunk_twice_changes_nothing(pipeline, partner, committed):
    version = publish_new_version(partner, committed, data_moat=80)
    job = RescoreJob.objects.get(thesis_version=version)
    before = list(Scorecard.objects.filter(thesis_version=version).values_list("pk", "computed_at"))
    for chunk in job.chunks.all():
        services.rescore_chunk_run(chunk_id=chunk.pk)
    job.refresh_from_db()
    assert job.done == 7
    assert list(Scorecard.objects.filter(thesis_version=version).values_list("pk", "computed_at")) == before


def test_a_late_write_never_overwrites_a_newer_result(pipeline):
    startup = pipeline[0]
    card = Scorecard.objects.get(startup=startup)
    old_read = card.computed_at - timedelta(minutes=5)
    stale = (startup.pk, card.thesis_version_id, "0.0.1", "ai_hardware", "suggested", 1.0, 0.0, {}, card.data, old_read)
    bulk.write_scorecards([stale])
    card.refresh_from_db()
    assert card.layer != "ai_hardware" and card.engine_version == engine.ENGINE_VERSION


def test_a_profile_the_engine_cannot_score_fails_alone(pipeline, partner, committed, monkeypatch, api):
    real_score = engine.score

    def flaky(profile, *args, **kwargs):
        if profile.name == "Co 3":
            raise ValueError("cannot read this profile")
        return real_score(profile, *args, **kwargs)

    monkeypatch.setattr(engine, "score", flaky)
    version = publish_new_version(partner, committed, data_moat=80)
    job = RescoreJob.objects.get(thesis_version=version)
    assert (job.status, job.done, job.failed) == ("done", 6, 1)
    bad = pipeline[3]
    assert "cannot read this profile" in ScoringState.objects.get(startup=bad).error
    api.force_authenticate(bad.owner)
    body = api.get(f"/api/v1/startups/{bad.pk}/scorecard/").json()
    assert body["status"] == "failed" and "cannot read" in body["error"]


def test_a_new_publish_supersedes_an_unfinished_job(pipeline, partner, committed):
    v2 = theses.draft_create(actor=partner, based_on=active_version())
    theses.version_publish(actor=partner, version=v2)  # its job stays queued: no commit callbacks ran
    publish_new_version(partner, committed, data_moat=70)
    assert RescoreJob.objects.get(thesis_version=v2).status == "failed"


def test_sweep_requeues_lost_chunks_and_startups(pipeline, partner, settings):
    settings.RESCORE_CHUNK_SIZE = 4
    draft = theses.draft_create(actor=partner, based_on=active_version())
    theses.version_publish(actor=partner, version=draft)  # commit callbacks do not run: the job is "lost"
    job = RescoreJob.objects.get(thesis_version=draft)
    long_ago = timezone.now() - timedelta(hours=1)
    RescoreJob.objects.filter(pk=job.pk).update(created_at=long_ago)
    found = services.sweep()
    assert found["jobs"] == [job.pk]
    chunk_ids = services.rescore_job_start(job_id=job.pk)
    RescoreChunk.objects.filter(pk__in=chunk_ids).update(enqueued_at=long_ago)
    ScoringState.objects.filter(startup=pipeline[0]).update(queued_at=long_ago)
    found = services.sweep()
    assert sorted(found["chunks"]) == sorted(chunk_ids)
    assert found["startups"] == [pipeline[0].pk]
    for chunk_id in found["chunks"]:
        services.rescore_chunk_run(chunk_id=chunk_id)
    job.refresh_from_db()
    assert (job.status, job.done) == ("done", 7)


def test_sweep_refreshes_stale_scorecards(pipeline, settings, committed):
    Scorecard.objects.filter(startup=pipeline[0]).update(computed_at=timezone.now() - timedelta(days=settings.SCORE_STALE_AFTER_DAYS + 1))
    Scorecard.objects.filter(startup=pipeline[1]).update(engine_version="0.9.0")
    StartupFactory(name="Never scored")  # created without the service: no scorecard at all
    with committed():
        services.sweep()
    job = RescoreJob.objects.get(kind="sweep")
    assert (job.status, job.total, job.done) == ("done", 3, 3)
    assert not services.stale_startup_ids()


def test_rescoring_reads_and_writes_in_constant_queries(analyst, django_assert_max_num_queries):
    small = [StartupFactory(owner=analyst).pk for _ in range(3)]
    large = [StartupFactory(owner=analyst).pk for _ in range(40)]
    version = active_version()
    with django_assert_max_num_queries(30) as first:
        services.rescore_startups(startup_ids=small, version=version)
    with django_assert_max_num_queries(len(first.captured_queries)):
        services.rescore_startups(startup_ids=large, version=version)


def test_jobs_api(api, analyst, pipeline, partner, committed):
    version = publish_new_version(partner, committed, data_moat=80)
    job = RescoreJob.objects.get(thesis_version=version)
    api.force_authenticate(partner)  # who published it (started the job)
    body = api.get(f"/api/v1/jobs/{job.pk}/").json()
    assert set(body) == {"id", "kind", "status", "total", "done", "failed", "started_at", "finished_at"}
    assert body["status"] == "done" and body["done"] == 7
    assert api.get("/api/v1/jobs/999999/").status_code == 404
    api.force_authenticate(None)
    assert api.get(f"/api/v1/jobs/{job.pk}/").status_code == 401


def test_job_page_shows_progress_and_movers(client, partner, pipeline, committed):
    version = publish_new_version(partner, committed, data_moat=0, second_gen_potential=90)
    job = RescoreJob.objects.get(thesis_version=version)
    client.force_login(partner)
    body = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'role="progressbar"' in body and "Who moved most" in body
    partial = client.get(f"/theses/versions/{version.pk}/job/", HTTP_HX_REQUEST="true").content.decode()
    assert f'id="job-{job.pk}"' in partial and "hx-trigger" not in partial  # finished: no more polling


def test_movers_explain_rank_changes_by_criterion(partner, analyst, committed):
    with committed():
        agent = startup_create(actor=analyst, data={"name": "Agent", "description": "Books and pays across travel sites for the user, before they ask."})
        data = startup_create(actor=analyst, data={"name": "Data", "description": "Trains its own models on exclusive licensed hospital data; 40 paying hospitals."})
    version = publish_new_version(partner, committed, data_moat=0, second_gen_potential=90)
    from apps.scoring.selectors import job_movers

    moves = {move["name"]: move for move in job_movers(user=partner, job=RescoreJob.objects.get(thesis_version=version))}
    assert moves["Agent"]["rank_delta"] == 1 and moves["Data"]["rank_delta"] == -1
    assert dict(moves["Data"]["deltas"])["data_moat"] < 0
    assert dict(moves["Agent"]["deltas"])["second_gen_potential"] > 0
    assert {agent.pk, data.pk} == {move["startup_id"] for move in moves.values()}


def test_job_progress_works_without_javascript(client, partner, pipeline, committed):
    version = publish_new_version(partner, committed, data_moat=80)
    client.force_login(partner)
    page = client.get(f"/theses/versions/{version.pk}/job/")
    assert page.status_code == 200 and b"<html" in page.content and b'role="progressbar"' in page.content


def test_a_job_is_visible_to_whoever_started_it_and_admins(client, api, analyst, outsider, partner, admin_user, committed):
    """Probe 13: any user could read another user's import job at /api/v1/jobs/{id}/ and /jobs/{id}/."""
    from apps.startups import jobs

    job_file = jobs.import_upload(actor=analyst, name="deals.csv", content=b"Name\nAlpha\n", language="en")
    with committed():
        jobs.import_queue(job=job_file, mapping={0: "name"})
    job = RescoreJob.objects.get(kind="import")
    assert job.created_by == analyst
    for user, visible in ((analyst, True), (admin_user, True), (outsider, False), (partner, False)):
        api.force_authenticate(user)
        assert api.get(f"/api/v1/jobs/{job.pk}/").status_code == (200 if visible else 404), user
        client.force_login(user)
        assert client.get(f"/jobs/{job.pk}/").status_code == (200 if visible else 404), user
