import re
import unicodedata
from urllib.parse import urlsplit

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FundingStage(models.TextChoices):
    PRE_SEED = "pre_seed", _("Pre-seed")
    SEED = "seed", _("Seed")
    SERIES_A = "series_a", _("Series A")
    SERIES_B = "series_b", _("Series B")
    SERIES_C = "series_c", _("Series C")
    GROWTH = "growth", _("Growth")
    CORPORATE = "corporate", _("Corporate")


class PipelineStage(models.TextChoices):
    SOURCED = "sourced", _("Sourced")
    SCREENING = "screening", _("Screening")
    MEETING = "meeting", _("Meeting")
    DILIGENCE = "diligence", _("Diligence")
    IC = "ic", _("IC")
    TERM_SHEET = "term_sheet", _("Term sheet")
    INVESTED = "invested", _("Invested")
    PASSED = "passed", _("Passed")
    ON_HOLD = "on_hold", _("On hold")


def normalise_domain(website: str) -> str:
    """The website's host, lower-cased, without `www.`: how duplicates are matched."""
    if not website:
        return ""
    host = urlsplit(website if "://" in website else f"//{website}").hostname or ""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


LEGAL_FORMS = re.compile(
    r"(주식회사|유한회사|\(주\)|㈜|\b(inc|incorporated|ltd|limited|llc|corp|corporation|co|company|gmbh|ag|sa|plc|pte|bv)\b\.?)",
    re.IGNORECASE,
)


# Cyrillic and Greek letters drawn like Latin ones (after Unicode's confusables.txt), so that
# "Оpen AI" with a Cyrillic О is the same name as "Open AI". Upper and lower case are mapped
# before case folding: Greek Ν looks like N but folds to ν, which looks like v.
CONFUSABLES = str.maketrans(
    "АВЕЅІЈКМНОРСТУХԚԜаеіјорсуѕхԁһӏԛԝ"  # Cyrillic
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹαικνορυχϲ"  # Greek
    "ɑɡıɪ",  # Latin letters outside ASCII that pass for ASCII ones
    "ABESIJKMHOPCTYXQWaeijopcysxdhlqw"
    "ABEZHIKMNOPTYXCaikvopuxc"
    "agii",
)
# name_key is a column of this length. NFKC and case folding can make a name several times
# longer (ß -> ss, ﷺ -> 18 letters); the key keeps its first NAME_KEY_LENGTH characters, so
# two names alike that far count as likely duplicates, and no name can overflow the column.
NAME_KEY_LENGTH = 200


def normalise_name(name: str) -> str:
    """A company name reduced for duplicate matching: width, case, spacing, punctuation,
    look-alike Cyrillic and Greek letters and legal forms (Inc., Ltd., Co., 주식회사, (주))
    ignored; at most NAME_KEY_LENGTH characters."""
    folded = unicodedata.normalize("NFKC", name or "").translate(CONFUSABLES).casefold()
    return "".join(ch for ch in LEGAL_FORMS.sub(" ", folded) if ch.isalnum())[:NAME_KEY_LENGTH]


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class StartupQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)


class Startup(models.Model):
    """A company in the firm's pipeline, as an analyst logs it."""

    name = models.CharField(_("name"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    domain = models.CharField(_("domain"), max_length=253, blank=True, db_index=True, editable=False)
    name_key = models.CharField(max_length=NAME_KEY_LENGTH, blank=True, db_index=True, editable=False)
    one_liner = models.CharField(_("one-liner"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=20_000)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use a two-letter ISO 3166 code, e.g. KR."))],
        help_text=_("ISO 3166 alpha-2, e.g. KR"),
    )
    stage = models.CharField(_("funding stage"), max_length=16, choices=FundingStage.choices, blank=True)
    pipeline_stage = models.CharField(
        _("pipeline stage"), max_length=16, choices=PipelineStage.choices, default=PipelineStage.SOURCED
    )
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="startups", verbose_name=_("tags"))
    round_size = models.DecimalField(
        _("round size"), max_digits=18, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    pre_money_valuation = models.DecimalField(
        _("pre-money valuation"), max_digits=18, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Use a three-letter ISO 4217 code, e.g. KRW."))],
        help_text=_("ISO 4217, e.g. KRW"),
    )
    source = models.CharField(_("source"), max_length=200, blank=True, help_text=_("Who referred it"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_startups", verbose_name=_("owner")
    )
    confidential = models.BooleanField(
        _("confidential"), default=False, help_text=_("Only the deal team, partners and admins see it.")
    )
    deal_team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="deal_teams", verbose_name=_("deal team")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = StartupQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        indexes = [
            models.Index(Lower("name"), name="startup_name_lower"),
            models.Index(fields=["pipeline_stage"], name="startup_pipeline_stage"),
            models.Index(fields=["-last_activity_at", "-id"], name="startup_recent_activity"),
        ]

    def __str__(self):
        return self.name


class Founder(models.Model):
    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="founders")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=100, blank=True)
    profile_url = models.URLField(_("profile URL"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class Note(models.Model):
    """A comment on a startup's timeline."""

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("note"), max_length=10_000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class StageTransition(models.Model):
    """A move of a startup between pipeline stages: who, when, from, to, why. `from_stage` is
    empty when the startup was created (or imported) straight into `to_stage`."""

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="stage_transitions")
    from_stage = models.CharField(max_length=16, blank=True)
    to_stage = models.CharField(max_length=16)
    reason = models.TextField(blank=True, max_length=2000)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]


class ImportJob(models.Model):
    """An uploaded file on its way in: mapped, checked by a worker (dry run), then committed all
    or nothing by a worker. The upload itself reads only the header and a few sample rows."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        CHECKING = "checking", _("Checking")
        CHECKED = "checked", _("Checked")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    file = models.FileField(upload_to="imports/%Y/%m/")
    filename = models.CharField(max_length=255)
    encoding = models.CharField(max_length=20, blank=True)
    language = models.CharField(max_length=5, default="en", help_text="the uploader's: row problems are worded in it")
    header = models.JSONField(default=list, help_text="the file's first row")
    sample = models.JSONField(default=list, help_text="the first data rows, shown beside the mapping")
    mapping = models.JSONField(default=dict, help_text="column index -> target field")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UPLOADED)
    total = models.PositiveIntegerField(default=0, help_text="data rows, once a worker has read the file")
    done = models.PositiveIntegerField(default=0, help_text="rows checked or imported so far")
    valid = models.PositiveIntegerField(default=0, help_text="rows without a problem, after a check")
    errors = models.JSONField(default=list, help_text="the first problems found: row, column, message")
    error_count = models.PositiveIntegerField(default=0)
    duplicates = models.JSONField(default=list, help_text="rows that look like existing startups: row, name, existing id")
    reason = models.TextField(blank=True, max_length=2000, help_text="why the job failed, when no row is to blame")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set when a worker is handed the job and while it reports progress; the beat sweep takes a
    # queued or running job whose heartbeat is older than JOB_STUCK_AFTER_SECONDS for lost.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


class ExportJob(models.Model):
    """An export (CSV or XLSX) of more than EXPORT_SYNC_MAX_ROWS startups, written by a worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    format = models.CharField(max_length=4)
    query = models.CharField(max_length=2000, blank=True, help_text="the list's filters, as a query string")
    language = models.CharField(max_length=5)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/%Y/%m/", blank=True)
    reason = models.TextField(blank=True, max_length=2000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


class ChangeRecord(models.Model):
    """One changed field: who, when, old → new. Startup changes carry the startup; thesis
    edits have none. Automated rescoring is not recorded here (see ScoreHistory)."""

    startup = models.ForeignKey(Startup, null=True, blank=True, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    class Entity(models.TextChoices):
        PROFILE = "profile", _("profile")
        EVIDENCE = "evidence", _("evidence")
        LAYER = "layer", _("layer")
        IMPORT = "import", _("import")
        THESIS = "thesis", _("thesis")

    entity = models.CharField(max_length=20, choices=Entity.choices)
    field = models.CharField(max_length=100)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["startup", "-at"], name="change_startup_recent")]


class MergeRecord(models.Model):
    """A merge of `drop` into `keep`, with every row it moved, so it can be undone exactly."""

    keep = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="merges_in")
    drop = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="merges_out")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    moved = models.JSONField(default=dict, help_text="what moved from drop to keep: kind -> ids (or id -> old value)")
    filled = models.JSONField(default=dict, help_text="profile fields of keep that were empty and taken from drop")
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-at"]
