from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext as _
from django.utils.translation import override

from . import services
from .models import MemoBundle


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def render_bundle(bundle_id: int) -> None:
    """Render several memos into one zip; each memo has its own time limit, the soft limit bounds the whole."""
    try:
        services.bundle_run(bundle_id=bundle_id)
    except SoftTimeLimitExceeded:
        language = MemoBundle.objects.filter(pk=bundle_id).values_list("language", flat=True).first() or "en"
        with override(language):
            services.bundle_fail(bundle_id=bundle_id, error=_("Rendering took too long."))
        raise


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150)
def sweep() -> int:
    """Beat: re-queue memo bundles whose worker died; fail those tried too often."""
    requeued = services.bundles_sweep()
    for bundle_id in requeued:
        render_bundle.delay(bundle_id)
    return len(requeued)
