"""Reads of theses and their versions, and their conversion to the engine's ThesisSpec."""
from django.db.models import Prefetch, QuerySet

from apps.scoring.engine import Criterion as SpecCriterion
from apps.scoring.engine import Question as SpecQuestion
from apps.scoring.engine import ThesisSpec

from .models import Criterion, Question, Thesis, ThesisVersion

# Keyed by (id, published_at): a published version never changes, and the key cannot be
# mistaken for another row that later reuses the id (SQLite reuses rolled-back ids).
_published_specs: dict[tuple, ThesisSpec] = {}


def version_queryset() -> QuerySet[ThesisVersion]:
    """Versions with everything the engine and the editor read, in a fixed number of queries."""
    criteria = Criterion.objects.prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("position", "id")))
    return ThesisVersion.objects.select_related("thesis", "created_by", "published_by").prefetch_related(
        Prefetch("criteria", queryset=criteria), "layer_fits"
    )


def active_version() -> ThesisVersion:
    """The one published version: what every current scorecard is measured against."""
    return version_queryset().get(status=ThesisVersion.Status.PUBLISHED)


def thesis_list() -> QuerySet[Thesis]:
    """All theses, newest version first within each."""
    return Thesis.objects.prefetch_related(Prefetch("versions", queryset=ThesisVersion.objects.order_by("-number")))


def version_spec(version: ThesisVersion) -> ThesisSpec:
    """The engine's view of a version. Published versions never change, so their spec is cached."""
    key = (version.pk, version.published_at)
    if version.status != ThesisVersion.Status.DRAFT and key in _published_specs:
        return _published_specs[key]
    criteria = tuple(
        SpecCriterion(
            key=c.key, direction=c.direction, weight=c.weight, builtin=c.builtin,
            label_en=c.label_en, label_ko=c.label_ko or c.label_en, help_en=c.help_en, help_ko=c.help_ko,
            questions=tuple(
                SpecQuestion(
                    key=q.key, criterion=c.key, options=tuple(q.options), label_en=q.label_en,
                    label_ko=q.label_ko or q.label_en, points={k: float(v) for k, v in q.points.items()},
                )
                for q in c.questions.all()
            ),
        )
        for c in version.criteria.all()
        if not c.retired
    )
    spec = ThesisSpec(
        thesis_id=version.thesis_id, name=version.thesis.name, version=version.number, criteria=criteria,
        layer_multipliers={fit.layer: fit.multiplier for fit in version.layer_fits.all()},
    )
    if version.status != ThesisVersion.Status.DRAFT:
        _published_specs[key] = spec
    return spec
