from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from visits.models import CampusVisit, FollowUp


@admin.register(CampusVisit)
class CampusVisitAdmin(SimpleHistoryAdmin):
    list_display = ("visited_on", "university", "created_by", "deleted_at")
    list_filter = ("university", "purposes")
    date_hierarchy = "visited_on"
    list_select_related = ("university", "created_by")
    raw_id_fields = ("pair", "teams", "contacts", "needs_presented", "results_found", "created_by")


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ("title", "owner", "due_on", "status")
    list_filter = ("status", "university")
    list_select_related = ("owner",)
    raw_id_fields = ("visit", "owner")
