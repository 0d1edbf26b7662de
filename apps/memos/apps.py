from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MemosConfig(AppConfig):
    name = "apps.memos"
    verbose_name = _("Memos")

    def ready(self):
        from . import gates, receivers  # noqa: F401  (the memo-draft stage-gate check; connects to startups' merge signals)
