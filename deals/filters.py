import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import Field, TransferMode
from deals.models import Deal, DealStage, Landing, MatchmakingEvent
from universities.models import University

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DealFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("signed_from"), cleaned.get("signed_to")
        if start and end and start > end:
            self.add_error("signed_to", _("The end date must not be before the start date."))
        return cleaned


class DealFilter(django_filters.FilterSet):
    """Filters of the deal list. The dashboards link here with these names, so keep them."""

    university = django_filters.ModelChoiceFilter(
        field_name="achievement__university",
        queryset=University.objects.all(),
        label=_("University"),
        empty_label=_("All"),
    )
    stage = django_filters.ChoiceFilter(choices=DealStage.choices, label=_("Stage"), empty_label=_("All"))
    mode = django_filters.ChoiceFilter(choices=TransferMode.choices, label=_("Transfer mode"), empty_label=_("All"))
    landing = django_filters.ChoiceFilter(choices=Landing.choices, label=_("Lands in"), empty_label=_("All"))
    field = django_filters.ChoiceFilter(
        field_name="achievement__field", choices=Field.choices, label=_("Field"), empty_label=_("All")
    )
    signed_from = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="gte", label=_("Signed from"), widget=DATE_INPUT
    )
    signed_to = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="lte", label=_("Signed to"), widget=DATE_INPUT
    )
    event = django_filters.ModelChoiceFilter(
        queryset=MatchmakingEvent.objects.order_by("-held_on"), label=_("Session"), empty_label=_("All")
    )

    class Meta:
        model = Deal
        fields = ["university", "stage", "mode", "landing", "field", "signed_from", "signed_to", "event"]
        form = DealFilterForm

    def __init__(self, *args, university=None, **kwargs):
        super().__init__(*args, **kwargs)
        if university is not None:
            # An officer's list is their university's already: the filter would only offer one choice.
            del self.filters["university"]
