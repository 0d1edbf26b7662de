from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from . import services


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def render_bundle(bundle_id: int) -> None:
    """Render several memos into one zip; the soft time limit bounds a runaway render."""
    try:
        services.bundle_run(bundle_id=bundle_id)
    except SoftTimeLimitExceeded:
        services.bundle_fail(bundle_id=bundle_id, error="Rendering took too long.")
        raise
