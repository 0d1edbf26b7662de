from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Invitation, User

admin.site.register(User, UserAdmin)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "invited_by", "created_at", "expires_at", "accepted_at"]
    readonly_fields = ["token_hash"]
