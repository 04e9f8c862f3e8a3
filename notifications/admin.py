from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("subject", "recipient", "event_key", "created_at", "read_at")
    list_select_related = ("recipient",)
    search_fields = ("subject", "event_key", "recipient__username")
    readonly_fields = [field.name for field in Notification._meta.fields]
