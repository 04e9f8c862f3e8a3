from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from deals.models import Deal, EventTarget, MatchmakingEvent


@admin.register(MatchmakingEvent)
class MatchmakingEventAdmin(SimpleHistoryAdmin):
    list_display = ("name", "level", "theme_kind", "held_on", "is_published")
    list_filter = ("level", "theme_kind", "is_published")
    search_fields = ("name", "theme", "organiser")
    raw_id_fields = ("achievements_on_show", "enterprises_invited")


@admin.register(Deal)
class DealAdmin(SimpleHistoryAdmin):
    list_display = ("achievement", "enterprise", "mode", "stage", "amount_wan", "signed_on", "landing")
    list_filter = ("stage", "mode", "landing")
    list_select_related = ("achievement", "enterprise")
    raw_id_fields = ("achievement", "enterprise", "need", "event", "responsible_officer")


@admin.register(EventTarget)
class EventTargetAdmin(admin.ModelAdmin):
    list_display = ("year", "level", "target")
    list_filter = ("year", "level")
