import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from core.choices import Field, Language
from core.models import TransferModeOption
from core.search import search_filter
from requests.models import NeedSearchTerm, NeedStatus, TechNeed

# Each sort ends on a unique column, so a page never shows a row twice or skips one.
SORTS = {
    "newest": (F("created_at").desc(), F("pk").desc()),
    "deadline": (F("deadline").asc(nulls_last=True), F("pk").desc()),
    "budget_desc": (F("budget_max_wan").desc(nulls_last=True), F("created_at").desc(), F("pk").desc()),
    "budget": (F("budget_max_wan").asc(nulls_last=True), F("created_at").desc(), F("pk").desc()),
    "title": (F("title").asc(), F("pk").asc()),
}
SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("deadline", _("Nearest deadline first")),
    ("budget_desc", _("Highest budget first")),
    ("budget", _("Lowest budget first")),
    ("title", _("Title")),
]
DEFAULT_SORT = SORTS["newest"]


class NeedFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("budget_min"), cleaned.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error("budget_max", _("The highest budget must not be below the lowest."))
        return cleaned


class NeedFilter(django_filters.FilterSet):
    """Filters of the need list. Every value lives in the URL, so a filtered list can be bookmarked."""

    q = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title, problem, indicators…")}),
    )
    industry = django_filters.ChoiceFilter(choices=Field.choices, label=_("Industry"), empty_label=_("All"))
    status = django_filters.ChoiceFilter(choices=NeedStatus.choices, label=_("Status"), empty_label=_("All"))
    # A need fits a budget when its range reaches it: its maximum is at least `budget_min`, its minimum at most
    # `budget_max`. A need without a budget ("negotiable") fits any.
    budget_min = django_filters.NumberFilter(method="filter_budget_min", label=_("Budget from (10k yuan)"), min_value=0)
    budget_max = django_filters.NumberFilter(
        method="filter_budget_max", label=_("Budget up to (10k yuan)"), min_value=0
    )
    transfer_mode = django_filters.ModelChoiceFilter(
        field_name="preferred_modes",
        queryset=TransferModeOption.objects.all(),
        label=_("Cooperation mode"),
        empty_label=_("All"),
    )
    language = django_filters.ChoiceFilter(choices=Language.choices, label=_("Language"), empty_label=_("All"))
    sort = django_filters.ChoiceFilter(method="filter_sort", choices=SORT_CHOICES, label=_("Sort by"), empty_label=None)

    class Meta:
        model = TechNeed
        fields = []
        form = NeedFilterForm

    def __init__(self, *args, statuses=None, **kwargs):
        super().__init__(*args, **kwargs)
        if statuses is not None:
            self.filters["status"].extra["choices"] = [
                (value, label) for value, label in NeedStatus.choices if value in statuses
            ]

    def filter_search(self, queryset, name, value):
        return search_filter(queryset, term_model=NeedSearchTerm, query=value)

    def filter_budget_min(self, queryset, name, value):
        return queryset.exclude(budget_max_wan__lt=value)

    def filter_budget_max(self, queryset, name, value):
        return queryset.exclude(budget_min_wan__gt=value)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, DEFAULT_SORT))
