"""The stage-gate check about memos, registered with startups' gate registry (see apps/startups/stages.py)."""
from django.utils.translation import gettext_lazy as _

from apps.startups.stages import register_check

from .models import Memo

register_check("memo_draft", _("a saved memo draft"), lambda startup, reason: Memo.objects.filter(startup=startup).exists())
