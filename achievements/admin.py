from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from achievements.models import Achievement, Attachment
from achievements.services import achievement_reindex


class AttachmentInline(admin.TabularInline):
    """Read-only here: files are added through the portal, where their content is checked."""

    model = Attachment
    extra = 0
    can_delete = False
    fields = ("original_name", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Achievement)
class AchievementAdmin(SimpleHistoryAdmin):
    list_display = ("title", "university", "field", "trl", "status", "created_at")
    list_filter = ("status", "field", "university", "language")
    search_fields = ("title", "keywords")
    list_select_related = ("university",)
    raw_id_fields = ("team", "source_visit", "catalogued_by")
    filter_horizontal = ("transfer_modes",)
    inlines = [AttachmentInline]

    def save_related(self, request, form, formsets, change):
        # An edit made here bypasses the services: keep the portal's search in step with it.
        super().save_related(request, form, formsets, change)
        achievement_reindex(achievement=form.instance)
