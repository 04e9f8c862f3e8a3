import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from universities.models import ResearchTeam, University
from visits.models import CampusVisit, FollowUp, FollowUpStatus, VisitPurpose

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class VisitFilter(django_filters.FilterSet):
    """Filters of the visits list; the choices offered are limited to what the user may see."""

    date_from = django_filters.DateFilter(
        field_name="visited_on", lookup_expr="gte", label=_("From"), widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(field_name="visited_on", lookup_expr="lte", label=_("To"), widget=DATE_INPUT)
    university = django_filters.ModelChoiceFilter(queryset=University.objects.all(), label=_("University"))
    officer = django_filters.ModelChoiceFilter(
        field_name="officers_present", queryset=User.objects.filter(role=Role.OFFICER), label=_("Officer")
    )
    team = django_filters.ModelChoiceFilter(field_name="teams", queryset=ResearchTeam.objects.all(), label=_("Team"))
    purpose = django_filters.ModelChoiceFilter(
        field_name="purposes", queryset=VisitPurpose.objects.all(), label=_("Purpose")
    )
    sort = django_filters.OrderingFilter(
        fields=(("visited_on", "date"),),
        field_labels={"visited_on": _("Date")},
        label=_("Sort"),
    )

    class Meta:
        model = CampusVisit
        fields = []

    def __init__(self, *args, university=None, **kwargs):
        super().__init__(*args, **kwargs)
        if university is not None:
            del self.filters["university"]
            self.filters["team"].queryset = ResearchTeam.objects.filter(university=university)
            self.filters["officer"].queryset = User.objects.filter(
                officer__memberships__pair__university=university
            ).distinct()

    def filter_queryset(self, queryset):
        # Officers and teams are many-to-many: one visit may match twice.
        return super().filter_queryset(queryset).distinct()


class FollowUpFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=FollowUpStatus.choices, label=_("Status"), empty_label=_("All"))
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Only mine"), widget=forms.CheckboxInput)

    class Meta:
        model = FollowUp
        fields = []

    def filter_mine(self, queryset, name, value):
        return queryset.filter(owner=self.request.user) if value else queryset
