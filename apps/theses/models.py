"""The investment thesis as versioned data: criteria, their evidence questions and layer fits."""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Layer(models.TextChoices):
    """The six layers of the AI market (rubric/THESIS.md), in precedence order."""

    SECOND_GENERATION = "second_generation", _("Second generation")
    AI_HARDWARE = "ai_hardware", _("AI hardware")
    FOUNDATION_MODEL = "foundation_model", _("Foundation model")
    MIDDLE_LAYER = "middle_layer", _("Middle layer")
    SOFTWARE_PLUS_AI = "software_plus_ai", _("Software + AI")
    AI_APPLICATION = "ai_application", _("AI application")


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", _("Higher is better")
    HIGHER_IS_WORSE = "higher_is_worse", _("Higher is worse")


class Bilingual(models.Model):
    """Picks the English or Korean text of a field pair for the active language."""

    class Meta:
        abstract = True

    def localized(self, field: str) -> str:
        korean = getattr(self, f"{field}_ko")
        return korean if get_language() == "ko" and korean else getattr(self, f"{field}_en")

    @property
    def label(self) -> str:
        return self.localized("label")


class Thesis(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = _("theses")

    def __str__(self):
        return self.name


class ThesisVersion(models.Model):
    """One version of a thesis. Drafts change; a published version never does."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    thesis = models.ForeignKey(Thesis, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    note = models.TextField(_("change note"), blank=True, max_length=2000)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["thesis", "number"], name="thesis_version_number_unique"),
            # One deployment, one firm, one active thesis version.
            models.UniqueConstraint(fields=["status"], condition=Q(status="published"), name="one_published_version"),
        ]

    def __str__(self):
        return f"{self.thesis.name} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Criterion(Bilingual):
    version = models.ForeignKey(ThesisVersion, on_delete=models.CASCADE, related_name="criteria")
    key = models.CharField(
        _("key"), max_length=40, validators=[RegexValidator(r"^[a-z][a-z0-9_]*$", _("Use lower-case letters, digits and _."))]
    )
    label_en = models.CharField(_("label (English)"), max_length=100)
    label_ko = models.CharField(_("label (Korean)"), max_length=100, blank=True)
    help_en = models.TextField(_("help (English)"), blank=True, max_length=1000)
    help_ko = models.TextField(_("help (Korean)"), blank=True, max_length=1000)
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    weight = models.FloatField(_("weight"), validators=[MinValueValidator(0), MaxValueValidator(100)])
    builtin = models.BooleanField(default=False, help_text=_("The engine reads text signals for it."))
    retired = models.BooleanField(_("retired"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="criterion_key_unique")]

    def __str__(self):
        return self.key

    @property
    def help(self) -> str:
        return self.localized("help")


class Question(Bilingual):
    """An evidence question; its points table says what each answer adds to the criterion."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="questions")
    key = models.CharField(
        _("key"), max_length=60, validators=[RegexValidator(r"^[a-z][a-z0-9_]*$", _("Use lower-case letters, digits and _."))]
    )
    label_en = models.CharField(_("question (English)"), max_length=300)
    label_ko = models.CharField(_("question (Korean)"), max_length=300, blank=True)
    options = models.JSONField(default=list)
    points = models.JSONField(default=dict)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.key


class LayerFit(Bilingual):
    """How well a layer fits the thesis: its multiplier on the total."""

    version = models.ForeignKey(ThesisVersion, on_delete=models.CASCADE, related_name="layer_fits")
    layer = models.CharField(_("layer"), max_length=20, choices=Layer.choices)
    multiplier = models.FloatField(_("fit multiplier"), validators=[MinValueValidator(0), MaxValueValidator(2)])
    label_en = models.CharField(max_length=100)
    label_ko = models.CharField(max_length=100, blank=True)
    description_en = models.TextField(blank=True)
    description_ko = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["version", "layer"], name="layer_fit_unique")]

    def __str__(self):
        return self.layer

    @property
    def description(self) -> str:
        return self.localized("description")
