from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThesesConfig(AppConfig):
    name = "apps.theses"
    verbose_name = _("Theses")
