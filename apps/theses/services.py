"""Writes to theses: drafts are edited, then published; a published version never changes."""
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from apps.accounts.models import User

from apps.startups.services import changes_record

from .models import Criterion, LayerFit, Question, ThesisVersion
from .signals import version_published


class VersionLockedError(Exception):
    """Only drafts can change."""


def _require_draft(version: ThesisVersion) -> None:
    if not version.is_draft:
        raise VersionLockedError(f"{version} is {version.status}")


@transaction.atomic
def draft_create(*, actor: User, based_on: ThesisVersion) -> ThesisVersion:
    """A new draft copied from a version; a thesis has at most one draft, which is reused."""
    existing = ThesisVersion.objects.filter(thesis=based_on.thesis, status=ThesisVersion.Status.DRAFT).first()
    if existing:
        return existing
    number = (ThesisVersion.objects.filter(thesis=based_on.thesis).aggregate(n=Max("number"))["n"] or 0) + 1
    draft = ThesisVersion.objects.create(thesis=based_on.thesis, number=number, based_on=based_on, created_by=actor)
    for criterion in based_on.criteria.prefetch_related("questions"):
        questions = list(criterion.questions.all())
        criterion.pk, criterion.version = None, draft
        criterion.save()
        Question.objects.bulk_create(
            Question(criterion=criterion, key=q.key, label_en=q.label_en, label_ko=q.label_ko, options=q.options,
                     points=q.points, position=q.position)
            for q in questions
        )
    LayerFit.objects.bulk_create(
        LayerFit(version=draft, layer=fit.layer, multiplier=fit.multiplier, label_en=fit.label_en,
                 label_ko=fit.label_ko, description_en=fit.description_en, description_ko=fit.description_ko)
        for fit in based_on.layer_fits.all()
    )
    return draft


@transaction.atomic
def draft_update(*, actor: User, version: ThesisVersion, note: str, criteria: list[dict], layer_fits: list[dict]) -> ThesisVersion:
    """Apply edited weights, labels, help and multipliers to a draft (rows keyed by id)."""
    version = ThesisVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(version)
    fields = ("label_en", "label_ko", "help_en", "help_ko", "weight", "retired")
    current = {c.pk: c for c in version.criteria.all()}
    fits = {f.pk: f for f in version.layer_fits.all()}
    before, after = {f"v{version.number} note": version.note}, {f"v{version.number} note": note}
    for row in criteria:
        if row["id"] in current:
            for name in fields:
                if name in row:
                    before[f"v{version.number} {current[row['id']].key}.{name}"] = getattr(current[row["id"]], name)
                    after[f"v{version.number} {current[row['id']].key}.{name}"] = row[name]
        Criterion.objects.filter(version=version, pk=row["id"]).update(**{f: row[f] for f in fields if f in row})
    for row in layer_fits:
        if row["id"] in fits:
            before[f"v{version.number} {fits[row['id']].layer}.multiplier"] = fits[row["id"]].multiplier
            after[f"v{version.number} {fits[row['id']].layer}.multiplier"] = row["multiplier"]
        LayerFit.objects.filter(version=version, pk=row["id"]).update(multiplier=row["multiplier"])
    version.note = note
    version.save(update_fields=["note"])
    changes_record(actor=actor, startup=None, entity="thesis", before=before, after=after)
    return version


@transaction.atomic
def criterion_add(*, actor: User, version: ThesisVersion, data: dict, questions: list[dict]) -> Criterion:
    """Add a fund's own criterion to a draft: scored from its questions through their points tables."""
    _require_draft(ThesisVersion.objects.select_for_update().get(pk=version.pk))
    position = (version.criteria.aggregate(p=Max("position"))["p"] or 0) + 1
    criterion = Criterion.objects.create(version=version, builtin=False, position=position, **data)
    changes_record(actor=actor, startup=None, entity="thesis", before={}, after={f"v{version.number} criterion added": criterion.key})
    Question.objects.bulk_create(
        Question(criterion=criterion, position=index, options=["yes", "no"], **question)
        for index, question in enumerate(questions)
    )
    return criterion


@transaction.atomic
def version_publish(*, actor: User, version: ThesisVersion) -> ThesisVersion:
    """Make a draft the active version; the previous one is archived. Scoring reacts to the signal."""
    version = ThesisVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(version)
    previous = ThesisVersion.objects.filter(status=ThesisVersion.Status.PUBLISHED).first()
    ThesisVersion.objects.filter(status=ThesisVersion.Status.PUBLISHED).update(status=ThesisVersion.Status.ARCHIVED)
    version.status = ThesisVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = actor
    version.save(update_fields=["status", "published_at", "published_by"])
    changes_record(actor=actor, startup=None, entity="thesis", before={"active version": previous.number if previous else None},
                   after={"active version": version.number})
    version_published.send(sender=ThesisVersion, version=version, previous=previous, actor=actor)
    return version


@transaction.atomic
def draft_discard(*, actor: User, version: ThesisVersion) -> None:
    """Throw a draft away."""
    _require_draft(version)
    version.delete()
