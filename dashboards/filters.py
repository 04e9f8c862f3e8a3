import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import Field
from universities.models import Centre, PairMembership, University

DATE_INPUT = forms.DateInput(attrs={"type": "date"})
FIRST_YEAR = 2017  # the bureau was set up on 2017-08-14


def year_choices():
    return [(year, str(year)) for year in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


class DashboardFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned


class DashboardFilter(django_filters.FilterSet):
    """The dashboard's filters, all in the URL. Its queryset is the universities in scope; the period and the
    field are read from the cleaned form by the selectors (they apply to results, needs and deals, not to
    universities)."""

    year = django_filters.ChoiceFilter(method="keep", choices=year_choices, label=_("Year"), empty_label=_("This year"))
    date_from = django_filters.DateFilter(method="keep", label=_("Or from"), widget=DATE_INPUT)
    date_to = django_filters.DateFilter(method="keep", label=_("To"), widget=DATE_INPUT)
    university = django_filters.ModelChoiceFilter(
        field_name="pk",
        queryset=University.objects.all(),
        label=_("University"),
        empty_label=_("All"),
        method="filter_university",
    )
    field = django_filters.ChoiceFilter(method="keep", choices=Field.choices, label=_("Field"), empty_label=_("All"))
    centre = django_filters.ChoiceFilter(
        method="filter_centre", choices=Centre.choices, label=_("Officers' centre"), empty_label=_("All")
    )

    class Meta:
        model = University
        fields = []
        form = DashboardFilterForm

    def keep(self, queryset, name, value):
        return queryset

    def filter_university(self, queryset, name, value):
        return queryset.filter(pk=value.pk)

    def filter_centre(self, queryset, name, value):
        # A centre has no results of its own: it is scoped through the universities its officers serve now.
        serving = PairMembership.objects.filter(
            pair__university=OuterRef("pk"),
            pair__ended_on__isnull=True,
            ended_on__isnull=True,
            officer__centre=value,
        )
        return queryset.filter(Exists(serving))

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The chosen date range (both ends included): a date range if given, else the year, else this year."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        today = timezone.localdate()
        year = int(data.get("year") or today.year)
        start = data.get("date_from") or datetime.date(year, 1, 1)
        end = data.get("date_to") or (datetime.date(year, 12, 31) if not data.get("date_from") else today)
        return start, max(start, end)
