from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from matching.models import Digest, DigestItem, Match


@admin.register(Match)
class MatchAdmin(SimpleHistoryAdmin):
    list_display = ("need", "achievement", "score", "state")
    list_filter = ("state",)
    raw_id_fields = ("need", "achievement", "forwarded_by")


class DigestItemInline(admin.TabularInline):
    model = DigestItem
    extra = 0
    raw_id_fields = ("match", "need")


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ("pair", "period_start", "generated_at", "sent_at")
    inlines = [DigestItemInline]
