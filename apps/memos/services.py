"""Writes for memos: saving the draft, exporting frozen PDFs, and bundling many into a zip."""
import io
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from apps.accounts.models import User
from apps.startups.models import Startup
from apps.startups.selectors import startup_queryset

from . import selectors
from .models import Memo, MemoBundle, MemoExport
from .rendering import html_to_pdf, html_to_pdf_with_limit


class StaleMemoError(Exception):
    """Someone saved the memo since this editor loaded it; carries the saved memo."""

    def __init__(self, current: Memo):
        super().__init__("stale memo")
        self.current = current


@transaction.atomic
def memo_save(*, actor: User, startup: Startup, body: str, version: int, lang: str) -> Memo:
    """Save the memo text if nobody saved in between (version 0 creates it)."""
    memo = Memo.objects.select_for_update().filter(startup=startup).first()
    if memo is None:
        if version != 0:
            raise StaleMemoError(memo)
        return Memo.objects.create(startup=startup, body=body, language=lang, created_by=actor, updated_by=actor)
    if memo.version != version:
        raise StaleMemoError(memo)
    memo.body, memo.language, memo.updated_by = body, lang, actor
    memo.version = F("version") + 1
    memo.save()
    memo.refresh_from_db()
    return memo


def _marking(startup: Startup) -> str:
    return _("Confidential — deal team only") if startup.confidential else _("Internal — do not forward")


def memo_pdf(*, startup: Startup, actor: User, lang: str) -> tuple[bytes, int, dict]:
    """Render the current memo to PDF in a time-limited child process; stores nothing."""
    context = selectors.memo_context(startup=startup, lang=lang)
    with override(lang):
        html = selectors.pdf_html(context=context, author=actor, confidential_marking=_marking(startup))
    pdf, pages = html_to_pdf_with_limit(html, selectors.static_dirs(), settings.MEMO_RENDER_TIMEOUT)
    return pdf, pages, context


def filename(startup: Startup, suffix: str = "") -> str:
    return f"memo-{slugify(startup.name, allow_unicode=True) or startup.pk}{suffix}.pdf"


@transaction.atomic
def memo_export(*, actor: User, startup: Startup, lang: str) -> MemoExport:
    """Freeze the memo as a new numbered export: the PDF, the text and the scorecard used."""
    pdf, pages, context = memo_pdf(startup=startup, actor=actor, lang=lang)
    Startup.objects.select_for_update().filter(pk=startup.pk).first()  # numbers exports one at a time
    number = (MemoExport.objects.filter(startup=startup).aggregate(n=Max("number"))["n"] or 0) + 1
    export = MemoExport(
        startup=startup, number=number, body=context["body"], language=lang, pages=pages, created_by=actor,
        scorecard=context["scorecard"].data if context["scorecard"] else None,
        thesis_version=context["scorecard"].thesis_version if context["scorecard"] else None,
    )
    export.file.save(filename(startup, f"-v{number}"), ContentFile(pdf), save=False)
    export.save()
    return export


@transaction.atomic
def bundle_create(*, actor: User, startup_ids: list[int], lang: str) -> MemoBundle:
    """Queue a zip of several startups' memos (only those the actor may see)."""
    from .tasks import render_bundle

    visible = list(startup_queryset(user=actor).filter(pk__in=startup_ids).order_by("name").values_list("pk", flat=True))
    bundle = MemoBundle.objects.create(startup_ids=visible, total=len(visible), language=lang, created_by=actor)
    transaction.on_commit(lambda: render_bundle.delay(bundle.pk))
    return bundle


def bundle_run(*, bundle_id: int) -> None:
    """Render a bundle's memos into one zip; a rerun starts over, so it is safe to run twice."""
    bundle = MemoBundle.objects.select_related("created_by").get(pk=bundle_id)
    if bundle.status == MemoBundle.Status.DONE:
        return
    MemoBundle.objects.filter(pk=bundle.pk).update(status=MemoBundle.Status.RUNNING, done=0)
    startups = startup_queryset(user=bundle.created_by).filter(pk__in=bundle.startup_ids).prefetch_related("founders")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for startup in startups:
            context = selectors.memo_context(startup=startup, lang=bundle.language)
            with override(bundle.language):
                html = selectors.pdf_html(context=context, author=bundle.created_by, confidential_marking=_marking(startup))
            pdf, _pages = html_to_pdf(html, selectors.static_dirs())
            archive.writestr(filename(startup), pdf)
            MemoBundle.objects.filter(pk=bundle.pk).update(done=F("done") + 1)
    bundle.refresh_from_db()
    bundle.file.save(f"memos-{bundle.pk}.zip", ContentFile(buffer.getvalue()), save=False)
    bundle.status, bundle.finished_at = MemoBundle.Status.DONE, timezone.now()
    bundle.save(update_fields=["file", "status", "finished_at"])


def bundle_fail(*, bundle_id: int, error: str) -> None:
    """Record why a bundle could not be made."""
    MemoBundle.objects.filter(pk=bundle_id).update(status=MemoBundle.Status.FAILED, error=error[:2000], finished_at=timezone.now())
