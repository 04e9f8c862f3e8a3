from django.contrib import admin

from core.models import TransferModeOption


@admin.register(TransferModeOption)
class TransferModeOptionAdmin(admin.ModelAdmin):
    list_display = ("code", "__str__", "position")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
