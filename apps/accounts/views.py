from django.contrib import messages
from django.conf import settings
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import AcceptInvitationForm, InviteForm, UserUpdateForm
from .models import Invitation, Role, User
from .permissions import can_manage_users
from .security import log_event


def settings_page(request):
    return render(request, "accounts/settings_page.html", {"token": selectors.token_for(request.user)})


@require_POST
def token_regenerate(request):
    services.token_regenerate(user=request.user)
    messages.success(request, _("A new API token was created. The old one no longer works."))
    return redirect("accounts:settings")


@require_POST
def sessions_end(request):
    services.sessions_end(user=request.user)
    update_session_auth_hash(request, request.user)  # this browser stays signed in, on a new session key
    messages.success(request, _("You were signed out on every other device."))
    return redirect("accounts:settings")


@require_POST
def token_revoke(request):
    services.token_revoke(user=request.user)
    messages.success(request, _("Your API token was revoked."))
    return redirect("accounts:settings")


def _require_admin(user):
    if not can_manage_users(user):
        raise PermissionDenied


def user_list(request):
    _require_admin(request.user)
    invite_form = InviteForm(request.POST or None)
    invite_url = None
    if request.method == "POST" and invite_form.is_valid():
        accept_url = request.build_absolute_uri(reverse("accounts:invitation_accept", args=["TOKEN"]))
        _invitation, invite_url = services.invitation_create(
            actor=request.user, accept_url_template=accept_url, **invite_form.cleaned_data
        )
        invite_form = InviteForm()
    context = {
        "users": Paginator(selectors.user_list(), 50).get_page(request.GET.get("page")),
        "locked": selectors.locked_usernames(),
        "invitations": selectors.invitation_pending_list()[:50],
        "invite_form": invite_form,
        "invite_url": invite_url,
        "roles": Role.choices,
    }
    return render(request, "accounts/user_list.html", context)


@require_POST
def user_update(request, pk):
    _require_admin(request.user)
    user = get_object_or_404(User, pk=pk)
    form = UserUpdateForm(request.POST)
    if user == request.user:
        messages.error(request, _("You cannot change your own role or deactivate yourself."))
    elif form.is_valid():
        services.user_update(user=user, **form.cleaned_data)
        messages.success(request, _("%(user)s was updated.") % {"user": user.username})
    else:
        messages.error(request, _("Choose a valid role."))
    return redirect("accounts:user_list")


@require_POST
def user_unlock(request, pk):
    _require_admin(request.user)
    user = get_object_or_404(User, pk=pk)
    services.user_unlock(user=user)
    log_event("unlock", obj=user)
    messages.success(request, _("%(user)s can sign in again.") % {"user": user.username})
    return redirect("accounts:user_list")


@login_not_required
def invitation_accept(request, token):
    invitation = Invitation.objects.filter(token_hash=Invitation.hash_token(token)).first()
    if invitation is None or not invitation.is_usable:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        # Someone may accept the same link, or take the username, between the checks above
        # and the service's locked insert: a conflict to explain, not a crash.
        try:
            user = services.invitation_accept(
                token=token, username=form.cleaned_data["username"], password=form.cleaned_data["password1"]
            )
        except services.InvitationError:
            return render(request, "accounts/invitation_invalid.html", status=409)
        except services.UsernameTaken:
            form.add_error("username", _("This username is taken."))
            status = 409
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("startups:list")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}, status=status)


@login_not_required
def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes calls this instead of the login view while an address and username are locked."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)
