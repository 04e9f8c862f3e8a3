from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, User


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ("username", "full_name", "role", "email", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("username", "full_name", "email")
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Portal"), {"fields": ("role", "full_name", "preferred_language")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Portal"), {"fields": ("role", "full_name")}),
    )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "enterprise", "invited_by", "created_at", "expires_at", "accepted_at")
    search_fields = ("email", "enterprise__name")
    readonly_fields = ("token", "created_at", "accepted_at", "accepted_by")
    raw_id_fields = ("enterprise", "invited_by")
