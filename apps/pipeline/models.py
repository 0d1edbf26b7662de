from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedView(models.Model):
    """A user's named pipeline view: the table's query string, filters and sort included."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views")
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="saved_view_name_unique")]

    def __str__(self):
        return self.name


class Vote(models.TextChoices):
    INVEST = "invest", _("Invest")
    PASS = "pass", _("Pass")
    MORE_DILIGENCE = "more_diligence", _("More diligence")


class ICVote(models.Model):
    """One partner's blind IC entry: a score per criterion, a vote and a comment."""

    startup = models.ForeignKey("startups.Startup", on_delete=models.CASCADE, related_name="ic_votes")
    partner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scores = models.JSONField(default=dict)
    vote = models.CharField(_("vote"), max_length=20, choices=Vote.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=5000)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["startup", "partner"], name="one_ic_vote_per_partner")]


class ICDecision(models.Model):
    """The committee's recorded decision on a startup."""

    startup = models.ForeignKey("startups.Startup", on_delete=models.CASCADE, related_name="ic_decisions")
    decision = models.CharField(_("decision"), max_length=20, choices=Vote.choices)
    note = models.TextField(_("note"), blank=True, max_length=5000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at"]
