from celery import shared_task
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from .models import Invitation


@shared_task(acks_late=True)
def send_invitation_email(invitation_id: int, url: str) -> None:
    """Mail an invitation's one-time link (to the console unless SMTP is configured)."""
    invitation = Invitation.objects.filter(pk=invitation_id, accepted_at__isnull=True).first()
    if invitation is None:
        return
    send_mail(
        subject=_("You are invited to Deal Screen"),
        message=_("Open this link to choose your username and password:\n\n%(url)s") % {"url": url},
        from_email=None,
        recipient_list=[invitation.email],
    )
