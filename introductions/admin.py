from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from introductions.models import Introduction, IntroductionMessage


class IntroductionMessageInline(admin.TabularInline):
    model = IntroductionMessage
    extra = 0
    raw_id_fields = ("author",)


@admin.register(Introduction)
class IntroductionAdmin(SimpleHistoryAdmin):
    list_display = ("achievement", "enterprise", "status", "proposed_at", "accepted_at")
    list_filter = ("status",)
    list_select_related = ("achievement", "enterprise")
    raw_id_fields = (
        "achievement",
        "enterprise",
        "need",
        "match",
        "interest",
        "contact",
        "deal",
        "proposed_by",
        "team_consent_recorded_by",
        "enterprise_accepted_by",
    )
    inlines = [IntroductionMessageInline]
