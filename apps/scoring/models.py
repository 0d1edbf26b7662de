"""Evidence answers, the analyst's layer decision, scorecards and their history."""
import orjson
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.startups.models import Startup
from apps.theses.models import Layer, ThesisVersion


class JSONTextField(models.TextField):
    """JSON kept as text, for documents that are written and read whole and never queried
    inside. PostgreSQL's jsonb parsing was most of the cost of a rescoring write (COPY of 2,000
    scorecards: 0.40 s into jsonb, 0.16 s into text, measured)."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else orjson.loads(value)

    def to_python(self, value):
        return orjson.loads(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        return None if value is None else orjson.dumps(value).decode()

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))


class AnswerValue(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class EvidenceAnswer(models.Model):
    """An analyst's answer to one evidence question; it overrides what the text suggests."""

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="evidence_answers")
    question_key = models.CharField(max_length=60)
    value = models.CharField(_("answer"), max_length=10, choices=AnswerValue.choices)
    justification = models.TextField(_("justification"), blank=True, max_length=2000)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["startup", "question_key"], name="one_answer_per_question")]

    def __str__(self):
        return f"{self.question_key}={self.value}"


class LayerDecision(models.Model):
    """The analyst's confirmed or overridden layer for a startup (the engine only suggests)."""

    startup = models.OneToOneField(Startup, on_delete=models.CASCADE, related_name="layer_decision")
    layer = models.CharField(_("layer"), max_length=20, choices=Layer.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.layer


class Scorecard(models.Model):
    """A startup's score under one thesis version; replaced in place when rescored."""

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="scorecards")
    thesis_version = models.ForeignKey(ThesisVersion, on_delete=models.PROTECT, related_name="scorecards")
    engine_version = models.CharField(max_length=20)
    layer = models.CharField(max_length=20, choices=Layer.choices)
    layer_source = models.CharField(max_length=10)
    total = models.FloatField()
    coverage = models.FloatField()
    scores = models.JSONField(default=dict, help_text="criterion key -> score, for tables and charts")
    data = JSONTextField(help_text="the engine's scorecard; reason texts are rendered when shown, in the reader's language")
    # When the inputs were read: a write only lands if no newer read has landed before it,
    # so a late task never overwrites a fresher result.
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["startup", "thesis_version"], name="one_scorecard_per_version"),
        ]
        # The pipeline table pages by total straight from this index: startup breaks ties in order.
        indexes = [models.Index(fields=["thesis_version", "-total", "startup"], name="scorecard_rank")]

    def __str__(self):
        return f"{self.startup_id}@v{self.thesis_version_id}: {self.total}"


class ScoreHistory(models.Model):
    """One point per change of a startup's scores, kept for charts."""

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="score_history")
    thesis_version = models.ForeignKey(ThesisVersion, on_delete=models.PROTECT, related_name="+")
    computed_at = models.DateTimeField()
    layer = models.CharField(max_length=20, choices=Layer.choices)
    total = models.FloatField()
    scores = models.JSONField(default=dict)

    class Meta:
        ordering = ["computed_at", "id"]
        indexes = [models.Index(fields=["startup", "computed_at"], name="score_history_startup")]


class ScoringState(models.Model):
    """Whether a startup's rescore is queued, and why the last attempt failed, if it did."""

    startup = models.OneToOneField(Startup, on_delete=models.CASCADE, primary_key=True, related_name="scoring_state")
    queued_at = models.DateTimeField(null=True, blank=True, help_text="set while a rescore is queued or running")
    failed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)


class RescoreJob(models.Model):
    """Rescoring many startups (after a thesis is published, or by the sweep), in chunks.

    A database row with status and progress, so the beat sweep can resume it after a
    worker dies; its chunks are the units of work and of idempotency.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Kind(models.TextChoices):
        PUBLISH = "publish", _("Thesis published")
        SWEEP = "sweep", _("Stale scores refreshed")
        IMPORT = "import", _("Imported startups")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    thesis_version = models.ForeignKey(ThesisVersion, on_delete=models.PROTECT, related_name="rescore_jobs")
    previous_version = models.ForeignKey(ThesisVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} job {self.pk} ({self.status})"

    @property
    def elapsed_seconds(self) -> int | None:
        if self.started_at is None:
            return None
        return round(((self.finished_at or timezone.now()) - self.started_at).total_seconds())

    @property
    def percent(self) -> int:
        return int(100 * (self.done + self.failed) / self.total) if self.total else 100


class RescoreChunk(models.Model):
    """A slice of a job's startups; processed once, retried if a worker dies."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")

    job = models.ForeignKey(RescoreJob, on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField()
    startup_ids = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["job", "number"]
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="chunk_number_unique")]
        indexes = [models.Index(fields=["status", "enqueued_at"], name="chunk_sweep")]
