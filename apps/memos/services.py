"""Writes for memos: saving the draft, exporting frozen PDFs, and bundling many into a zip."""
import io
import logging
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from apps.accounts.models import User
from apps.core.limits import check_text_lengths
from apps.startups.models import Startup
from apps.startups.selectors import startup_queryset

from . import selectors
from .models import Memo, MemoBundle, MemoExport
from .rendering import Renderer, RenderFailed, RenderTimeout, html_to_pdf_with_limit

logger = logging.getLogger(__name__)


class StaleMemoError(Exception):
    """Someone saved the memo since this editor loaded it; carries the saved memo."""

    def __init__(self, current: Memo):
        super().__init__("stale memo")
        self.current = current


@transaction.atomic
def memo_save(*, actor: User, startup: Startup, body: str, version: int, lang: str) -> Memo:
    """Save the memo text if nobody saved in between (version 0 creates it); else StaleMemoError."""
    check_text_lengths(Memo, {"body": body})
    memo = Memo.objects.select_for_update().filter(startup=startup).first()
    if memo is None:
        if version != 0:
            raise StaleMemoError(memo)
        # Two first saves at once both find no memo; the one-memo-per-startup constraint lets
        # one insert win, and the other is told someone saved first, like any stale save.
        try:
            with transaction.atomic():
                return Memo.objects.create(startup=startup, body=body, language=lang, created_by=actor, updated_by=actor)
        except IntegrityError:
            raise StaleMemoError(Memo.objects.get(startup=startup)) from None
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
    bundle = MemoBundle.objects.create(startup_ids=visible, total=len(visible), language=lang, created_by=actor,
                                       heartbeat_at=timezone.now(), attempts=1)
    transaction.on_commit(lambda: render_bundle.delay(bundle.pk))
    return bundle


def bundle_run(*, bundle_id: int) -> None:
    """Render a bundle's memos into one zip, each within MEMO_WORKER_RENDER_TIMEOUT seconds; a
    memo that fails is left out and named on the bundle's page. A rerun starts over."""
    bundle = MemoBundle.objects.select_related("created_by").get(pk=bundle_id)
    if bundle.status not in (MemoBundle.Status.QUEUED, MemoBundle.Status.RUNNING):
        return
    MemoBundle.objects.filter(pk=bundle.pk).update(status=MemoBundle.Status.RUNNING, done=0, error="", heartbeat_at=timezone.now())
    startups = startup_queryset(user=bundle.created_by).filter(pk__in=bundle.startup_ids).prefetch_related("founders")
    buffer, left_out = io.BytesIO(), []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, \
            Renderer(selectors.static_dirs(), settings.MEMO_WORKER_RENDER_TIMEOUT) as renderer, override(bundle.language):
        for startup in startups:
            context = selectors.memo_context(startup=startup, lang=bundle.language)
            html = selectors.pdf_html(context=context, author=bundle.created_by, confidential_marking=_marking(startup))
            try:
                pdf, _pages = renderer.render(html)
            except RenderTimeout:
                left_out.append(_("%(name)s: rendering took longer than %(seconds)s s") % {"name": startup.name, "seconds": f"{settings.MEMO_WORKER_RENDER_TIMEOUT:g}"})
            except RenderFailed:
                logger.exception("bundle %s: the memo of startup %s could not be rendered", bundle.pk, startup.pk)
                left_out.append(_("%(name)s: the PDF could not be rendered") % {"name": startup.name})
            else:
                archive.writestr(filename(startup), pdf)
            MemoBundle.objects.filter(pk=bundle.pk).update(done=F("done") + 1, heartbeat_at=timezone.now())
        error = (_("Not included:") + " " + "; ".join(left_out))[:2000] if left_out else ""
    bundle.file.save(f"memos-{bundle.pk}.zip", ContentFile(buffer.getvalue()), save=False)
    MemoBundle.objects.filter(pk=bundle.pk).update(file=bundle.file.name, status=MemoBundle.Status.DONE, error=error, finished_at=timezone.now())


def bundle_fail(*, bundle_id: int, error: str) -> None:
    """Record why a bundle could not be made."""
    MemoBundle.objects.filter(pk=bundle_id).update(status=MemoBundle.Status.FAILED, error=error[:2000], finished_at=timezone.now())


def bundles_sweep() -> list[int]:
    """Bundles whose worker died (no heartbeat for JOB_STUCK_AFTER_SECONDS): return those to
    re-queue, and fail with a reason those tried JOB_MAX_ATTEMPTS times."""
    now = timezone.now()
    stuck = Q(heartbeat_at__lt=now - timedelta(seconds=settings.JOB_STUCK_AFTER_SECONDS)) | Q(heartbeat_at__isnull=True)
    with transaction.atomic():
        lost = MemoBundle.objects.select_for_update(skip_locked=True).filter(stuck, status__in=[MemoBundle.Status.QUEUED, MemoBundle.Status.RUNNING])
        for bundle_id, language in lost.filter(attempts__gte=settings.JOB_MAX_ATTEMPTS).values_list("pk", "language"):
            with override(language):
                bundle_fail(bundle_id=bundle_id, error=_("The worker rendering this bundle stopped %(count)s times. Start the bundle again, or ask an admin to check the workers.") % {"count": settings.JOB_MAX_ATTEMPTS})
        requeue = list(lost.filter(attempts__lt=settings.JOB_MAX_ATTEMPTS).values_list("pk", flat=True))
        MemoBundle.objects.filter(pk__in=requeue).update(heartbeat_at=now, attempts=F("attempts") + 1)
    return requeue
