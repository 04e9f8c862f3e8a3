import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from achievements.models import Achievement, AchievementSearchTerm, AchievementStatus, IpType
from core.choices import Field, Language
from core.models import TransferModeOption
from core.search import search_filter
from universities.models import University

TRL_CHOICES = [(level, str(level)) for level in range(1, 10)]

# Each sort ends on a unique column, so a page never shows a row twice or skips one.
SORTS = {
    "newest": (F("created_at").desc(), F("pk").desc()),
    "title": (F("title").asc(), F("pk").asc()),
    "trl_desc": (F("trl").desc(), F("created_at").desc(), F("pk").desc()),
    "trl": (F("trl").asc(), F("created_at").desc(), F("pk").desc()),
    "price": (F("asking_price_wan").asc(nulls_last=True), F("created_at").desc(), F("pk").desc()),
    "price_desc": (F("asking_price_wan").desc(nulls_last=True), F("created_at").desc(), F("pk").desc()),
}
SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("title", _("Title")),
    ("trl_desc", _("Highest TRL first")),
    ("trl", _("Lowest TRL first")),
    ("price", _("Lowest price first")),
    ("price_desc", _("Highest price first")),
]
DEFAULT_SORT = SORTS["newest"]


class AchievementFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("trl_min"), cleaned.get("trl_max")
        if low and high and int(low) > int(high):
            self.add_error("trl_max", _("The highest TRL must not be below the lowest."))
        return cleaned


class AchievementFilter(django_filters.FilterSet):
    """Filters of the results list. Every value lives in the URL, so a filtered list can be bookmarked."""

    q = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title, keyword, team, patent number…")}),
    )
    university = django_filters.ModelChoiceFilter(
        queryset=University.objects.all(), label=_("University"), empty_label=_("All")
    )
    field = django_filters.ChoiceFilter(choices=Field.choices, label=_("Field"), empty_label=_("All"))
    trl_min = django_filters.ChoiceFilter(
        field_name="trl", lookup_expr="gte", choices=TRL_CHOICES, label=_("TRL from"), empty_label=_("Any")
    )
    trl_max = django_filters.ChoiceFilter(
        field_name="trl", lookup_expr="lte", choices=TRL_CHOICES, label=_("TRL to"), empty_label=_("Any")
    )
    ip_type = django_filters.ChoiceFilter(choices=IpType.choices, label=_("IP type"), empty_label=_("All"))
    transfer_mode = django_filters.ModelChoiceFilter(
        field_name="transfer_modes",
        queryset=TransferModeOption.objects.all(),
        label=_("Transfer mode"),
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(choices=AchievementStatus.choices, label=_("Status"), empty_label=_("All"))
    language = django_filters.ChoiceFilter(choices=Language.choices, label=_("Language"), empty_label=_("All"))
    sort = django_filters.ChoiceFilter(method="filter_sort", choices=SORT_CHOICES, label=_("Sort by"), empty_label=None)

    class Meta:
        model = Achievement
        fields = []
        form = AchievementFilterForm

    def __init__(self, *args, statuses=None, **kwargs):
        super().__init__(*args, **kwargs)
        if statuses is not None:
            self.filters["status"].extra["choices"] = [
                (value, label) for value, label in AchievementStatus.choices if value in statuses
            ]

    def filter_search(self, queryset, name, value):
        return search_filter(queryset, term_model=AchievementSearchTerm, query=value)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, DEFAULT_SORT))
