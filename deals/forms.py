from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from achievements.models import Achievement
from achievements.selectors import PUBLIC_STATUSES
from core.choices import TransferMode
from core.widgets import LookupSelect, LookupSelectMultiple, render_only_chosen, render_only_chosen_one
from deals.models import EventLevel, Landing, MatchmakingEvent, ThemeKind
from requests.models import Enterprise, EnterpriseStatus, TechNeed
from requests.selectors import VISIBLE_TO_OFFICERS
from universities.models import University
from universities.selectors import officers_at, pair_members

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
OPENABLE_STATUSES = ("published", "negotiating")


def _amount_field():
    return forms.DecimalField(
        label=_("Amount (10k yuan)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )


def _landing_field():
    return forms.ChoiceField(label=_("Where the result lands"), choices=Landing.choices, widget=forms.RadioSelect)


def _registration_field(required=False):
    return forms.CharField(
        label=_("Contract registration number"),
        max_length=64,
        required=required,
        help_text=_("The technology contract registration number, once the contract is registered."),
    )


def _choose_one(form, name):
    chosen = form.data.get(name) if form.is_bound else form.initial.get(name)
    render_only_chosen_one(form.fields[name], chosen)


class DealOpenForm(forms.Form):
    achievement = forms.ModelChoiceField(
        label=_("Research result"),
        queryset=Achievement.objects.none(),
        widget=LookupSelect(lookup_url=reverse_lazy("deals:lookup_results")),
    )
    enterprise = forms.ModelChoiceField(
        label=_("Enterprise"),
        queryset=Enterprise.objects.filter(status=EnterpriseStatus.APPROVED),
        widget=LookupSelect(lookup_url=reverse_lazy("deals:lookup_enterprises")),
    )
    need = forms.ModelChoiceField(
        label=_("For the technology need (optional)"),
        queryset=TechNeed.objects.filter(status__in=VISIBLE_TO_OFFICERS),
        required=False,
        widget=LookupSelect(lookup_url=reverse_lazy("deals:lookup_needs")),
    )
    mode = forms.ChoiceField(label=_("Transfer mode"), choices=TransferMode.choices)
    responsible_officer = forms.ModelChoiceField(
        label=_("Responsible officer"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, university=None, pair=None, **kwargs):
        super().__init__(*args, **kwargs)
        results = Achievement.objects.filter(status__in=OPENABLE_STATUSES)
        self.fields["achievement"].queryset = results.filter(university=university) if university else results
        if pair is not None:
            self.fields["responsible_officer"].queryset = pair_members(pair=pair)
            self.fields["responsible_officer"].empty_label = _("Me")
        else:
            del self.fields["responsible_officer"]
        for name in ("achievement", "enterprise", "need"):
            _choose_one(self, name)


class DealSignForm(forms.Form):
    amount_wan = _amount_field()
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE_INPUT, initial=timezone.localdate)
    landing = _landing_field()
    registration_number = _registration_field()


class DealRegisterForm(forms.Form):
    registration_number = _registration_field(required=True)


class DealTermsForm(forms.Form):
    mode = forms.ChoiceField(label=_("Transfer mode"), choices=TransferMode.choices)
    responsible_officer = forms.ModelChoiceField(
        label=_("Responsible officer"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, deal, **kwargs):
        kwargs.setdefault("initial", {"mode": deal.mode, "responsible_officer": deal.responsible_officer_id})
        super().__init__(*args, **kwargs)
        self.fields["responsible_officer"].queryset = officers_at(university_id=deal.achievement.university_id)
        if deal.stage not in ("introduced", "negotiating"):
            self.fields["mode"].disabled = True


class DealLoseForm(forms.Form):
    lost_reason = forms.CharField(
        label=_("Why was the deal lost?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class EventForm(forms.Form):
    name = forms.CharField(label=_("Session name"), max_length=200)
    level = forms.ChoiceField(label=_("Level"), choices=EventLevel.choices)
    theme_kind = forms.ChoiceField(
        label=_("Theme"), choices=ThemeKind.choices, widget=forms.RadioSelect, initial=ThemeKind.INDUSTRY
    )
    theme = forms.CharField(label=_("Industry or university"), max_length=200)
    university = forms.ModelChoiceField(
        label=_("University (for a university session)"), queryset=University.objects.all(), required=False
    )
    organiser = forms.CharField(label=_("Organiser"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    is_online = forms.BooleanField(label=_("Held online"), required=False)
    is_published = forms.BooleanField(
        label=_("Published: anyone can open the session's page, without logging in"), required=False
    )
    achievements_on_show = forms.ModelMultipleChoiceField(
        label=_("Results on show"),
        queryset=Achievement.objects.filter(status__in=PUBLIC_STATUSES),
        required=False,
        widget=LookupSelectMultiple(lookup_url=reverse_lazy("deals:lookup_results")),
    )
    enterprises_invited = forms.ModelMultipleChoiceField(
        label=_("Enterprises invited"),
        queryset=Enterprise.objects.filter(status=EnterpriseStatus.APPROVED),
        required=False,
        widget=LookupSelectMultiple(lookup_url=reverse_lazy("deals:lookup_enterprises")),
    )

    def __init__(self, *args, event: MatchmakingEvent | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if event is not None:
            # A result shown before may have been transferred since; it stays on the session.
            self.fields["achievements_on_show"].queryset = Achievement.objects.filter(
                pk__in=event.achievements_on_show.values("pk")
            ) | Achievement.objects.filter(status__in=PUBLIC_STATUSES)
        for name in ("achievements_on_show", "enterprises_invited"):
            chosen = self.data.getlist(name) if self.is_bound else self.initial.get(name, [])
            render_only_chosen(self.fields[name], chosen)

    @classmethod
    def initial_for(cls, event: MatchmakingEvent) -> dict:
        fields = ("name", "level", "theme_kind", "theme", "organiser", "held_on", "venue", "is_online", "is_published")
        return {
            **{name: getattr(event, name) for name in fields},
            "university": event.university_id,
            "achievements_on_show": list(event.achievements_on_show.values_list("pk", flat=True)),
            "enterprises_invited": list(event.enterprises_invited.values_list("pk", flat=True)),
        }


class CheckInForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        label=_("Invited enterprise"), queryset=Enterprise.objects.none(), required=False, empty_label=_("A walk-in")
    )
    name = forms.CharField(label=_("Attendee's name"), max_length=100, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)

    def __init__(self, *args, event: MatchmakingEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = event.enterprises_invited.exclude(attendances__event=event)


class SigningForm(forms.Form):
    achievement = forms.ModelChoiceField(label=_("Research result"), queryset=Achievement.objects.none())
    enterprise = forms.ModelChoiceField(
        label=_("Enterprise"),
        queryset=Enterprise.objects.filter(status=EnterpriseStatus.APPROVED),
        widget=LookupSelect(lookup_url=reverse_lazy("deals:lookup_enterprises")),
    )
    mode = forms.ChoiceField(label=_("Transfer mode"), choices=TransferMode.choices)
    amount_wan = _amount_field()
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE_INPUT)
    landing = _landing_field()
    registration_number = _registration_field()

    def __init__(self, *args, event: MatchmakingEvent, university=None, **kwargs):
        super().__init__(*args, **kwargs)
        results = event.achievements_on_show.filter(status__in=OPENABLE_STATUSES)
        # An officer signs only the own university's results; bureau staff sign any result on show.
        self.fields["achievement"].queryset = results.filter(university=university) if university else results
        self.fields["signed_on"].initial = min(event.held_on, timezone.localdate())
        _choose_one(self, "enterprise")
        # The invited enterprises are offered at once; others are found by typing.
        invited = [(company.pk, company.name) for company in event.enterprises_invited.order_by("name")]
        chosen = [choice for choice in self.fields["enterprise"].widget.choices if choice[0]]
        self.fields["enterprise"].widget.choices = [("", "—"), *dict(invited + chosen).items()]
