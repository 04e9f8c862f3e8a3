from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from universities.models import (
    Contact,
    ContactDataView,
    LiaisonOfficer,
    LiaisonPair,
    PairMembership,
    ResearchTeam,
    University,
)


@admin.register(University)
class UniversityAdmin(SimpleHistoryAdmin):
    list_display = ("name_zh", "short_name", "tier", "district", "in_first_batch")
    list_filter = ("tier", "in_first_batch", "district")
    search_fields = ("name_zh", "name_en", "short_name")
    prepopulated_fields = {"slug": ("short_name",)}


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(ResearchTeam)
class ResearchTeamAdmin(SimpleHistoryAdmin):
    list_display = ("name", "leader", "university", "discipline")
    list_filter = ("university",)
    search_fields = ("name", "leader")
    inlines = [ContactInline]


@admin.register(LiaisonOfficer)
class LiaisonOfficerAdmin(SimpleHistoryAdmin):
    list_display = ("user", "centre", "phone")
    list_filter = ("centre",)
    search_fields = ("user__username", "user__full_name")
    list_select_related = ("user",)


class PairMembershipInline(admin.TabularInline):
    model = PairMembership
    extra = 0
    autocomplete_fields = ("officer",)


@admin.register(LiaisonPair)
class LiaisonPairAdmin(SimpleHistoryAdmin):
    list_display = ("university", "started_on", "ended_on")
    list_filter = ("university",)
    inlines = [PairMembershipInline]


@admin.register(ContactDataView)
class ContactDataViewAdmin(admin.ModelAdmin):
    """The personal-data view log, read-only: an audit log nobody edits."""

    list_display = ("viewed_at", "viewer", "contact")
    list_select_related = ("viewer", "contact")
    search_fields = ("contact__name", "viewer__username", "viewer__full_name")
    date_hierarchy = "viewed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
