"""Investment memos: the working draft, frozen exports, and bulk PDF bundles."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.startups.models import Startup
from apps.theses.models import ThesisVersion


class Memo(models.Model):
    """The analyst's working memo for a startup, in Markdown; saved with optimistic locking."""

    startup = models.OneToOneField(Startup, on_delete=models.CASCADE, related_name="memo")
    body = models.TextField(_("memo"), max_length=100_000)
    language = models.CharField(max_length=5, default="en")
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"memo of {self.startup_id}"


class MemoExport(models.Model):
    """A frozen export: the PDF file, and the memo text and scorecard it was made from."""

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="memo_exports")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to="memos/%Y/%m/")
    body = models.TextField()
    scorecard = models.JSONField(null=True, blank=True)
    thesis_version = models.ForeignKey(ThesisVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(max_length=5)
    pages = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["startup", "number"], name="memo_export_number_unique")]


class MemoBundle(models.Model):
    """Several startups' memos rendered into one zip by a worker, with progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    startup_ids = models.JSONField(default=list)
    language = models.CharField(max_length=5)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="memo-bundles/%Y/%m/", blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set when a worker is handed the bundle and after each memo; the beat sweep re-queues (or,
    # after a few tries, fails) a bundle whose heartbeat is older than JOB_STUCK_AFTER_SECONDS.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0
