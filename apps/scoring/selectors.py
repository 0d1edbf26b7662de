"""Reads for scoring: scorecards with their status, localised reasons and highlighted evidence."""
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from apps.startups.models import Startup
from apps.theses.models import Criterion, Layer, ThesisVersion
from apps.theses.selectors import active_version, version_spec

from . import engine
from .models import EvidenceAnswer, LayerDecision, RescoreJob, Scorecard, ScoreHistory, ScoringState

CURRENT, PENDING, STALE, FAILED = "current", "pending", "stale", "failed"


def ui_language() -> str:
    return "ko" if (get_language() or "en").startswith("ko") else "en"


def scorecard_latest(*, startup: Startup) -> Scorecard | None:
    """The scorecard for the active version, else the newest one the startup has."""
    cards = Scorecard.objects.filter(startup=startup).select_related("thesis_version__thesis")
    active = cards.filter(thesis_version__status=ThesisVersion.Status.PUBLISHED).first()
    return active or cards.order_by("-computed_at").first()


def scorecard_status(scorecard: Scorecard | None, state: ScoringState | None = None) -> str:
    """pending (queued or running) wins over stale; failed when the last attempt failed (DESIGN.md)."""
    if state is not None and state.queued_at is not None:
        return PENDING
    if state is not None and state.failed_at is not None and (scorecard is None or scorecard.computed_at < state.failed_at):
        return FAILED
    job = unfinished_job()
    if job is not None and (scorecard is None or scorecard.thesis_version_id != job.thesis_version_id or scorecard.computed_at < job.created_at):
        return PENDING
    if scorecard is None:
        return PENDING
    too_old = scorecard.computed_at < timezone.now() - timedelta(days=settings.SCORE_STALE_AFTER_DAYS)
    outdated = scorecard.thesis_version.status != ThesisVersion.Status.PUBLISHED
    if outdated or too_old or scorecard.engine_version != engine.ENGINE_VERSION:
        return STALE
    return CURRENT


def scoring_state(*, startup: Startup) -> ScoringState | None:
    return ScoringState.objects.filter(startup=startup).first()


def unfinished_job() -> RescoreJob | None:
    """The rescoring job for the active version that is still queued or running, if any."""
    return (
        RescoreJob.objects.filter(
            status__in=[RescoreJob.Status.QUEUED, RescoreJob.Status.RUNNING],
            thesis_version__status=ThesisVersion.Status.PUBLISHED,
        )
        .order_by("-created_at")
        .first()
    )


def localized(data: dict, lang: str | None = None) -> dict:
    """The stored scorecard with its reasons worded in the user's language."""
    return engine.localize(data, lang or ui_language())


@dataclass
class Segment:
    text: str
    reason: dict | None = None


def highlight(text: str, field: str, reasons: list[dict]) -> list[Segment]:
    """Split a profile field into plain and cited segments, for <mark>ing the evidence."""
    spans = sorted(
        (r for r in reasons if r.get("field") == field and r.get("start") is not None and r["end"] > r["start"]),
        key=lambda r: (r["start"], -r["end"]),
    )
    segments, cursor = [], 0
    for reason in spans:
        if reason["start"] < cursor or reason["end"] > len(text):
            continue  # overlapping or out of date: show the first citation only
        if reason["start"] > cursor:
            segments.append(Segment(text[cursor:reason["start"]]))
        segments.append(Segment(text[reason["start"]:reason["end"]], reason))
        cursor = reason["end"]
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


def all_reasons(data: dict) -> list[dict]:
    reasons = list(data["layer"]["reasons"]) if data.get("layer") else []
    for criterion in data.get("criteria", []):
        reasons.extend({**reason, "criterion": criterion["key"]} for reason in criterion["reasons"])
    return reasons


def questionnaire(*, startup: Startup, version: ThesisVersion | None = None) -> list[dict]:
    """Each criterion's questions with the analyst's answer or the engine's suggestion."""
    version = version or active_version()
    spec = version_spec(version)
    lang = ui_language()
    suggestions = engine.suggest_answers(profile_of(startup), spec, lang=lang)
    answers = {a.question_key: a for a in EvidenceAnswer.objects.filter(startup=startup).select_related("answered_by")}
    groups = []
    for criterion in version.criteria.all():
        if criterion.retired:
            continue
        rows = []
        for question in criterion.questions.all():
            rows.append({"question": question, "answer": answers.get(question.key), "suggestion": suggestions.get(question.key)})
        groups.append({"criterion": criterion, "rows": rows})
    return groups


def layer_decision(*, startup: Startup) -> LayerDecision | None:
    return LayerDecision.objects.filter(startup=startup).select_related("decided_by").first()


def layer_labels() -> dict[str, str]:
    return dict(Layer.choices)


def criteria_labels(version: ThesisVersion | None) -> dict[str, str]:
    """Criterion key -> label in the user's language, for a version (the active one by default)."""
    version = version or active_version()
    return {criterion.key: criterion.label for criterion in version.criteria.all()}


def profile_of(startup: Startup) -> engine.Profile:
    """The engine's view of a startup profile."""
    return engine.Profile(
        name=startup.name, one_liner=startup.one_liner, description=startup.description,
        website=startup.website, country=startup.country, stage=startup.stage,
    )


def ranking_preview(*, user, version: ThesisVersion, limit: int = 20) -> list[dict]:
    """The pipeline's top startups under a (draft) version beside their rank under the active one."""
    from apps.startups.selectors import startup_queryset

    spec = version_spec(version)
    startups = startup_queryset(user=user).prefetch_related("evidence_answers").select_related("layer_decision")
    current = dict(
        Scorecard.objects.filter(thesis_version__status=ThesisVersion.Status.PUBLISHED, startup__in=startups)
        .values_list("startup_id", "total")
    )
    rows = []
    for startup in startups:
        answers = {a.question_key: engine.Answer(a.value, a.justification) for a in startup.evidence_answers.all()}
        decision = getattr(startup, "layer_decision", None)
        card = engine.score(profile_of(startup), answers, spec, layer_override=decision.layer if decision else None)
        rows.append({"startup": startup, "total": card.total, "layer": card.layer.key, "current_total": current.get(startup.pk)})
    current_rank = {
        pk: rank for rank, pk in enumerate(sorted(current, key=lambda pk: (-current[pk], pk)), start=1)
    }
    rows.sort(key=lambda row: (-row["total"], row["startup"].pk))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
        before = current_rank.get(row["startup"].pk)
        row["rank_delta"] = before - rank if before else None
        row["total_delta"] = round(row["total"] - row["current_total"], 1) if row["current_total"] is not None else None
    return rows[:limit]


def scorecard_payload(*, startup: Startup) -> dict:
    """The API's view of a startup's scorecard: the stored card (or an empty one) plus status."""
    scorecard = scorecard_latest(startup=startup)
    state = scoring_state(startup=startup)
    status = scorecard_status(scorecard, state)
    extra = {"error": state.error} if status == FAILED else {}
    if scorecard is None:
        version = active_version()
        body = {
            "thesis": {"id": version.thesis_id, "name": version.thesis.name, "version": version.number},
            "engine_version": engine.ENGINE_VERSION, "layer": None, "criteria": [], "total": None, "coverage": None,
        }
        return body | {"status": status, "computed_at": None} | extra
    return localized(scorecard.data) | {"status": status, "computed_at": scorecard.computed_at} | extra


def _contributions(scores: dict, weights: dict[str, tuple[float, str]]) -> dict[str, float]:
    """Each criterion's share of the total (before the layer multiplier), in points."""
    total_weight = sum(weight for weight, _ in weights.values()) or 1.0
    return {
        key: weight / total_weight * ((100 - scores.get(key, 0)) if direction == "higher_is_worse" else scores.get(key, 0))
        for key, (weight, direction) in weights.items()
    }


def job_movers(*, user, job: RescoreJob, limit: int = 10) -> list[dict]:
    """Visible startups whose rank moved most between the job's previous and new version, and why:
    the criteria whose contribution to the total changed most (scores and weights together)."""
    from apps.startups.selectors import startup_queryset

    if job.previous_version_id is None:
        return []
    visible = startup_queryset(user=user).values("pk")

    def ranked(version_id):
        cards = Scorecard.objects.filter(thesis_version_id=version_id, startup__in=visible)
        rows = cards.order_by("-total", "startup_id").values_list("startup_id", "total", "scores", "layer")
        return {row[0]: (rank, *row[1:]) for rank, row in enumerate(rows, start=1)}

    def weights(version_id):
        criteria = Criterion.objects.filter(version_id=version_id, retired=False).values_list("key", "weight", "direction")
        return {key: (weight, direction) for key, weight, direction in criteria}

    before, after = ranked(job.previous_version_id), ranked(job.thesis_version_id)
    old_weights, new_weights = weights(job.previous_version_id), weights(job.thesis_version_id)
    moves = []
    for startup_id, (rank, total, scores, layer) in after.items():
        if startup_id not in before:
            continue
        old_rank, old_total, old_scores, old_layer = before[startup_id]
        new_parts, old_parts = _contributions(scores, new_weights), _contributions(old_scores, old_weights)
        deltas = sorted(
            ((key, round(new_parts.get(key, 0) - old_parts.get(key, 0), 1)) for key in new_parts.keys() | old_parts.keys()),
            key=lambda item: (-abs(item[1]), item[0]),
        )
        moves.append({"startup_id": startup_id, "rank": rank, "old_rank": old_rank, "rank_delta": old_rank - rank,
                      "total": total, "total_delta": round(total - old_total, 1), "layer": layer, "old_layer": old_layer,
                      "deltas": [d for d in deltas if d[1]][:3]})
    moves.sort(key=lambda move: (-abs(move["rank_delta"]), -abs(move["total_delta"]), move["startup_id"]))
    names = dict(Startup.objects.filter(pk__in=[m["startup_id"] for m in moves[:limit]]).values_list("pk", "name"))
    return [move | {"name": names.get(move["startup_id"], "")} for move in moves[:limit]]


def score_history_chart(*, startup: Startup, width: int = 560, height: int = 120) -> dict | None:
    """The startup's total over time as SVG points (x by order, y by score), with version marks."""
    points = list(
        ScoreHistory.objects.filter(startup=startup).select_related("thesis_version").order_by("computed_at", "id")
        .values_list("computed_at", "total", "thesis_version__number")
    )
    if len(points) < 2:
        return None
    step = (width - 40) / (len(points) - 1)
    coords = [
        {"x": round(20 + i * step, 1), "y": round(10 + (100 - total) * (height - 30) / 100, 1), "total": total, "at": at, "version": number,
         "new_version": i == 0 or number != points[i - 1][2]}
        for i, (at, total, number) in enumerate(points)
    ]
    return {"width": width, "height": height, "points": coords, "polyline": " ".join(f"{p['x']},{p['y']}" for p in coords)}


def whatif_ranking(*, user, version: ThesisVersion, weights: dict[str, float], multipliers: dict[str, float],
                   directions: dict[str, str], limit: int = 20) -> list[dict]:
    """The pipeline's top startups if the active scorecards were weighted differently: no engine run,
    just the stored criterion scores re-weighted, so it is quick enough to follow a slider."""
    from apps.startups.selectors import startup_queryset

    rows = list(
        Scorecard.objects.filter(thesis_version=version, startup__in=startup_queryset(user=user).values("pk"))
        .values_list("startup_id", "startup__name", "total", "scores", "layer")
    )
    total_weight = sum(max(0.0, w) for key, w in weights.items() if key in directions) or 1.0
    ranked = []
    for startup_id, name, current, scores, layer in rows:
        mean = sum(
            max(0.0, weights[key]) * ((100 - scores.get(key, 0)) if directions[key] == "higher_is_worse" else scores.get(key, 0))
            for key in weights if key in directions
        ) / total_weight
        ranked.append({"startup_id": startup_id, "name": name, "layer": layer, "current": current,
                       "total": round(min(100.0, mean * multipliers.get(layer, 1.0)), 1)})
    before = {row["startup_id"]: rank for rank, row in enumerate(sorted(ranked, key=lambda r: (-r["current"], r["startup_id"])), start=1)}
    ranked.sort(key=lambda r: (-r["total"], r["startup_id"]))
    for rank, row in enumerate(ranked[:limit], start=1):
        row["rank"], row["rank_delta"] = rank, before[row["startup_id"]] - rank
        row["total_delta"] = round(row["total"] - row["current"], 1)
    return ranked[:limit]
