"""Reads for memos: the working text (saved or drafted) and everything a PDF shows."""
from django.conf import settings
from django.utils import timezone, translation

from apps.scoring.selectors import criteria_labels, localized, scorecard_latest
from apps.startups.models import Startup
from apps.theses.models import Layer

from .drafting import draft_markdown
from .models import Memo, MemoExport
from .rendering import markdown_to_html


def memo_for(*, startup: Startup) -> Memo | None:
    return Memo.objects.filter(startup=startup).select_related("updated_by").first()


def memo_context(*, startup: Startup, lang: str) -> dict:
    """The memo text (the saved draft, or a fresh one from the profile and scorecard) and its scorecard."""
    scorecard = scorecard_latest(startup=startup)
    with translation.override(lang):
        card = localized(scorecard.data, lang) if scorecard else None
        labels = criteria_labels(scorecard.thesis_version if scorecard else None)
        layer_labels = dict(Layer.choices)
    memo = memo_for(startup=startup)
    body = memo.body if memo else draft_markdown(startup=startup, card=card, criteria_labels=labels, lang=lang)
    return {"startup": startup, "memo": memo, "body": body, "card": card, "scorecard": scorecard,
            "criteria_labels": labels, "layer_labels": layer_labels, "lang": lang}


def pdf_html(*, context: dict, author, confidential_marking: str) -> str:
    """The memo as a print document (A4, cover, scorecard table and chart, running header/footer)."""
    from django.template.loader import render_to_string

    rows = len(context["card"]["criteria"]) if context["card"] else 0
    with translation.override(context["lang"]):
        return render_to_string("memos/memo_pdf.html", context | {
            "body_html": markdown_to_html(context["body"]), "author": author, "today": timezone.localdate(),
            "marking": confidential_marking, "chart_height": rows * 80, "chart_height_mm": round(170 * rows * 80 / 600),
        })


def static_dirs() -> list[str]:
    return [str(path) for path in settings.STATICFILES_DIRS] + [str(settings.STATIC_ROOT)]


def export_list(*, startup: Startup):
    return MemoExport.objects.filter(startup=startup).select_related("created_by", "thesis_version")
