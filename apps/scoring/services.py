"""Writes for scoring: evidence answers, layer decisions, rescoring one startup or many."""
import gc
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.accounts.models import User
from apps.core.limits import check_text_lengths
from apps.startups.models import Startup
from apps.startups.services import changes_record
from apps.theses.models import ThesisVersion
from apps.theses.selectors import active_version, version_spec

from . import bulk, engine
from .models import EvidenceAnswer, LayerDecision, RescoreChunk, RescoreJob, Scorecard, ScoreHistory, ScoringState

logger = logging.getLogger(__name__)


@dataclass
class RescoreResult:
    done: int = 0
    failures: dict[int, str] = field(default_factory=dict)


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while a chunk is read, scored and written. The
    chunk's thousands of live rows and result dicts made every automatic collection walk them
    again: about a fifth of a 2,000-startup chunk (measured). Reference counting still frees
    everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_collector_paused()
def rescore_startups(*, startup_ids: list[int], version: ThesisVersion) -> RescoreResult:
    """Score startups against a version in bulk and keep the results (call inside a transaction).

    A scorecard is replaced only by one computed from inputs read later; a history point
    is added only when the scores changed. A profile the engine cannot score is reported
    in `failures` and the others still land.
    """
    read_at = timezone.now()
    spec = version_spec(version)
    inputs = bulk.read_inputs(startup_ids)
    previous = bulk.previous_scores([row[0] for row in inputs])
    cards, history, result = [], [], RescoreResult()
    for startup_id, profile, answers, layer in inputs:
        try:
            data = bulk.language_neutral(engine.score(profile, answers, spec, layer_override=layer).to_dict())
        except Exception as error:  # noqa: BLE001 - one bad profile must not sink the chunk
            logger.warning("startup %s could not be scored: %r", startup_id, error)
            result.failures[startup_id] = f"{type(error).__name__}: {error}"[:500]
            continue
        scores = {criterion["key"]: criterion["score"] for criterion in data["criteria"]}
        layer_key = data["layer"]["key"]
        cards.append((startup_id, version.pk, data["engine_version"], layer_key, data["layer"]["source"], data["total"],
                      data["coverage"], scores, data, read_at))
        if previous.get(startup_id) != (version.pk, layer_key, data["total"], scores):
            history.append((startup_id, version.pk, read_at, layer_key, data["total"], scores))
        result.done += 1
    bulk.write_scorecards(cards)
    bulk.write_history(history)
    _record_failures(result.failures)
    ok_ids = [row[0] for row in cards]
    ScoringState.objects.filter(startup_id__in=ok_ids, failed_at__isnull=False).update(failed_at=None, error="")
    return result


def _record_failures(failures: dict[int, str]) -> None:
    now = timezone.now()
    for startup_id, error in failures.items():
        ScoringState.objects.update_or_create(startup_id=startup_id, defaults={"failed_at": now, "error": error, "queued_at": None})


@transaction.atomic
def scorecard_refresh(*, startup: Startup, version: ThesisVersion | None = None) -> Scorecard | None:
    """Score one startup now (against the active version by default) and return its scorecard."""
    version = version or active_version()
    rescore_startups(startup_ids=[startup.pk], version=version)
    return Scorecard.objects.filter(startup=startup, thesis_version=version).first()


def rescore_request(*, startup: Startup) -> None:
    """Mark the startup pending and queue its rescore once the current transaction commits."""
    from .tasks import rescore_startup

    ScoringState.objects.update_or_create(startup=startup, defaults={"queued_at": timezone.now()})
    transaction.on_commit(lambda: rescore_startup.delay(startup.pk))


@transaction.atomic
def rescore_queued_startup(*, startup_id: int) -> None:
    """Run a queued single-startup rescore; clear 'pending' unless a newer request came in meanwhile."""
    started = timezone.now()
    if not Startup.objects.alive().filter(pk=startup_id).exists():
        ScoringState.objects.filter(startup_id=startup_id).delete()
        return
    result = rescore_startups(startup_ids=[startup_id], version=active_version())
    if not result.failures:
        ScoringState.objects.filter(startup_id=startup_id, queued_at__lte=started).update(queued_at=None)


@transaction.atomic
def answers_save(*, actor: User, startup: Startup, answers: dict[str, tuple[str, str]]) -> None:
    """Record the analyst's answers (question key -> (value, justification)); '' clears one. Then rescore."""
    for _value, justification in answers.values():
        check_text_lengths(EvidenceAnswer, {"justification": justification})
    # One save of a startup's answers at a time: two at once would both insert a new answer
    # and the second would hit the one-answer-per-question constraint.
    Startup.objects.select_for_update().filter(pk=startup.pk).first()
    existing = {answer.question_key: answer for answer in EvidenceAnswer.objects.filter(startup=startup)}
    changes_record(
        actor=actor, startup=startup, entity="evidence",
        before={key: f"{a.value} {a.justification}".strip() for key, a in existing.items()},
        after={key: f"{value} {justification}".strip() for key, (value, justification) in answers.items()},
    )
    for key, (value, justification) in answers.items():
        current = existing.get(key)
        if not value:
            if current:
                current.delete()
        elif current is None:
            EvidenceAnswer.objects.create(startup=startup, question_key=key, value=value, justification=justification, answered_by=actor)
        elif (current.value, current.justification) != (value, justification):
            current.value, current.justification, current.answered_by = value, justification, actor
            current.save()
    rescore_request(startup=startup)


@transaction.atomic
def layer_decide(*, actor: User, startup: Startup, layer: str | None) -> None:
    """Confirm or override the startup's layer (None goes back to the engine's suggestion). Then rescore."""
    before = LayerDecision.objects.filter(startup=startup).values_list("layer", flat=True).first()
    changes_record(actor=actor, startup=startup, entity="layer", before={"layer": before}, after={"layer": layer})
    if layer:
        LayerDecision.objects.update_or_create(startup=startup, defaults={"layer": layer, "decided_by": actor})
    else:
        LayerDecision.objects.filter(startup=startup).delete()
    rescore_request(startup=startup)


@transaction.atomic
def rescore_job_create(*, kind: str, version: ThesisVersion, previous: ThesisVersion | None = None,
                       actor: User | None = None, startup_ids: list[int] | None = None) -> RescoreJob:
    """Queue a rescoring job; a publish supersedes unfinished jobs for older versions."""
    from .tasks import start_rescore_job

    unfinished = RescoreJob.objects.filter(status__in=[RescoreJob.Status.QUEUED, RescoreJob.Status.RUNNING])
    unfinished.exclude(thesis_version=version).update(status=RescoreJob.Status.FAILED, finished_at=timezone.now())
    job = RescoreJob.objects.create(kind=kind, thesis_version=version, previous_version=previous, created_by=actor)
    if startup_ids is not None:
        _create_chunks(job, startup_ids)
    transaction.on_commit(lambda: start_rescore_job.delay(job.pk))
    return job


def _create_chunks(job: RescoreJob, startup_ids: list[int]) -> None:
    size = max(1, settings.RESCORE_CHUNK_SIZE)
    RescoreChunk.objects.bulk_create(
        RescoreChunk(job=job, number=n, startup_ids=startup_ids[start:start + size])
        for n, start in enumerate(range(0, len(startup_ids), size))
    )
    job.total = len(startup_ids)
    job.save(update_fields=["total"])


@transaction.atomic
def rescore_job_start(*, job_id: int) -> list[int]:
    """Split a job into chunks (once) and return the ids of the chunks to enqueue."""
    job = RescoreJob.objects.select_for_update().get(pk=job_id)
    if job.status in (RescoreJob.Status.DONE, RescoreJob.Status.FAILED):
        return []
    if not job.chunks.exists():
        _create_chunks(job, list(Startup.objects.alive().order_by("id").values_list("id", flat=True)))
    if job.status == RescoreJob.Status.QUEUED:
        job.status, job.started_at = RescoreJob.Status.RUNNING, timezone.now()
        job.save(update_fields=["status", "started_at"])
    if job.total == 0:
        _finish(job)
    pending = list(job.chunks.exclude(status=RescoreChunk.Status.DONE).values_list("pk", flat=True))
    RescoreChunk.objects.filter(pk__in=pending).update(enqueued_at=timezone.now(), attempts=F("attempts") + 1)
    return pending


def _finish(job: RescoreJob) -> None:
    job.status, job.finished_at = RescoreJob.Status.DONE, timezone.now()
    job.save(update_fields=["status", "finished_at"])


@transaction.atomic
def rescore_chunk_run(*, chunk_id: int) -> None:
    """Rescore one chunk, all or nothing; safe to run twice (a done chunk is skipped)."""
    # of=("self",): without it PostgreSQL also locks the joined job row for the whole chunk,
    # and the chunks of a job run one at a time.
    chunk = RescoreChunk.objects.select_for_update(of=("self",)).select_related("job__thesis_version").filter(pk=chunk_id).first()
    if chunk is None or chunk.status == RescoreChunk.Status.DONE or chunk.job.status not in (RescoreJob.Status.RUNNING, RescoreJob.Status.QUEUED):
        return
    result = rescore_startups(startup_ids=chunk.startup_ids, version=chunk.job.thesis_version)
    chunk.status, chunk.finished_at = RescoreChunk.Status.DONE, timezone.now()
    chunk.save(update_fields=["status", "finished_at"])
    # Deleted startups count as done: the job covers the startups that exist.
    missing = len(chunk.startup_ids) - result.done - len(result.failures)
    job = RescoreJob.objects.select_for_update().get(pk=chunk.job_id)  # serialises the finishing check
    job.done += result.done + missing
    job.failed += len(result.failures)
    job.save(update_fields=["done", "failed"])
    if not job.chunks.exclude(status=RescoreChunk.Status.DONE).exists():
        _finish(job)


def sweep() -> dict[str, list[int]]:
    """Find lost and stale work; return what to enqueue (the task does the enqueueing)."""
    now = timezone.now()
    stuck = now - timedelta(seconds=settings.RESCORE_STUCK_AFTER_SECONDS)
    unfinished = RescoreJob.objects.filter(status__in=[RescoreJob.Status.QUEUED, RescoreJob.Status.RUNNING])
    with transaction.atomic():
        chunks = list(
            RescoreChunk.objects.filter(job__in=unfinished, status=RescoreChunk.Status.QUEUED, enqueued_at__lt=stuck)
            .values_list("pk", flat=True)
        )
        RescoreChunk.objects.filter(pk__in=chunks).update(enqueued_at=now, attempts=F("attempts") + 1)
    jobs = list(unfinished.filter(chunks__isnull=True, created_at__lt=stuck).values_list("pk", flat=True))
    startups = list(ScoringState.objects.filter(queued_at__lt=stuck).values_list("startup_id", flat=True))
    ScoringState.objects.filter(startup_id__in=startups).update(queued_at=now)
    if not unfinished.exists():
        stale = stale_startup_ids()
        if stale:
            rescore_job_create(kind=RescoreJob.Kind.SWEEP, version=active_version(), startup_ids=stale)
    return {"chunks": chunks, "jobs": jobs, "startups": startups}


def stale_startup_ids() -> list[int]:
    """Live startups without a fresh scorecard by the active version and engine, and nothing queued."""
    cutoff = timezone.now() - timedelta(days=settings.SCORE_STALE_AFTER_DAYS)
    fresh = Scorecard.objects.filter(
        thesis_version=active_version(), engine_version=engine.ENGINE_VERSION, computed_at__gte=cutoff
    ).values("startup_id")
    queued = ScoringState.objects.filter(queued_at__isnull=False).values("startup_id")
    failed = ScoringState.objects.filter(failed_at__isnull=False).values("startup_id")
    return list(
        Startup.objects.alive().exclude(pk__in=fresh).exclude(pk__in=queued).exclude(pk__in=failed)
        .order_by("id").values_list("id", flat=True)
    )


def merge_scoring_rows(*, keep: Startup, drop: Startup) -> dict[str, list[int]]:
    """Move drop's evidence answers (for questions keep has not answered), layer decision (if keep
    has none) and score history to keep; drop's scorecards stay with it. Returns what moved."""
    answered = EvidenceAnswer.objects.filter(startup=keep).values("question_key")
    moved = {
        "evidence": list(EvidenceAnswer.objects.filter(startup=drop).exclude(question_key__in=answered).values_list("pk", flat=True)),
        "layer": [] if LayerDecision.objects.filter(startup=keep).exists() else list(LayerDecision.objects.filter(startup=drop).values_list("pk", flat=True)),
        "score_history": list(ScoreHistory.objects.filter(startup=drop).values_list("pk", flat=True)),
    }
    EvidenceAnswer.objects.filter(pk__in=moved["evidence"]).update(startup=keep)
    LayerDecision.objects.filter(pk__in=moved["layer"]).update(startup=keep)
    ScoreHistory.objects.filter(pk__in=moved["score_history"]).update(startup=keep)
    return moved


def unmerge_scoring_rows(*, drop: Startup, moved: dict) -> None:
    """Give the dropped startup back exactly the scoring rows a merge moved."""
    EvidenceAnswer.objects.filter(pk__in=moved.get("evidence", [])).update(startup=drop)
    LayerDecision.objects.filter(pk__in=moved.get("layer", [])).update(startup=drop)
    ScoreHistory.objects.filter(pk__in=moved.get("score_history", [])).update(startup=drop)
