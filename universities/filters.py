import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from universities.models import ResearchTeam, University

SEARCH_MAX_LENGTH = 100


class TeamFilter(django_filters.FilterSet):
    """Filters of the research-team list. Officers see one university, so they get no university filter."""

    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Team, leader or discipline")}),
    )
    university = django_filters.ModelChoiceFilter(
        queryset=University.objects.all(), label=_("University"), empty_label=_("All universities")
    )
    # A plain choice rather than OrderingFilter: its "(descending)" labels are frozen in the
    # language active at import time, and its CSV widget does not render as a select.
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=[
            ("name", _("Team name")),
            ("-created", _("Newest first")),
            ("-visits", _("Most visits")),
            ("-results", _("Most results")),
        ],
        empty_label=None,
        method="sort_by",
    )

    class Meta:
        model = ResearchTeam
        fields = []

    def __init__(self, *args, choose_university: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not choose_university:
            del self.filters["university"]

    ORDERINGS = {
        "name": ("name", "pk"),
        "-created": ("-created_at", "-pk"),
        "-visits": ("-visit_count", "name", "pk"),
        "-results": ("-result_count", "name", "pk"),
    }

    def sort_by(self, queryset, name, value):
        # visit_count and result_count come from selectors.team_with_counts.
        return queryset.order_by(*self.ORDERINGS.get(value, self.ORDERINGS["name"]))

    def search(self, queryset, name, value):
        # Teams number in the hundreds per university and a few thousand in all, so a substring
        # match stays cheap; the segmented index of core.search is for the large catalogues.
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(leader__icontains=value) | Q(discipline__icontains=value))
