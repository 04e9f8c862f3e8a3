from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from achievements.models import Achievement


@admin.register(Achievement)
class AchievementAdmin(SimpleHistoryAdmin):
    list_display = ("title", "university", "field", "trl", "status", "created_at")
    list_filter = ("status", "field", "university", "language")
    search_fields = ("title", "keywords")
    list_select_related = ("university",)
    raw_id_fields = ("team", "source_visit", "catalogued_by")
    filter_horizontal = ("transfer_modes",)
