from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "apps.scoring"
    verbose_name = _("Scoring")

    def ready(self):
        from . import gates, receivers  # noqa: F401  (stage-gate checks; connects to startups' and theses' signals)
