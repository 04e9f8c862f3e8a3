from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from requests.models import Enterprise, EnterpriseMembership, TechNeed


class EnterpriseMembershipInline(admin.TabularInline):
    model = EnterpriseMembership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ("name", "credit_code", "district", "industry", "status")
    list_filter = ("status", "industry", "district")
    search_fields = ("name", "credit_code")
    inlines = [EnterpriseMembershipInline]


@admin.register(TechNeed)
class TechNeedAdmin(SimpleHistoryAdmin):
    list_display = ("title", "enterprise", "industry", "status", "deadline")
    list_filter = ("status", "industry", "language", "is_public")
    search_fields = ("title", "enterprise__name")
    list_select_related = ("enterprise",)
    raw_id_fields = ("enterprise", "created_by")
