from django import forms
from django.forms import formset_factory
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from achievements.models import Achievement
from core.widgets import LookupSelectMultiple, render_only_chosen
from requests.models import TechNeed
from requests.selectors import VISIBLE_TO_OFFICERS
from universities.models import Contact, ResearchTeam
from universities.selectors import pair_members
from visits.models import CampusVisit, VisitPurpose

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LOOKUP_FIELDS = ("teams", "contacts", "needs_presented", "results_found")


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Date"), widget=DATE_INPUT, initial=timezone.localdate)
    officers_present = forms.ModelMultipleChoiceField(
        label=_("Officers present"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams met"),
        queryset=None,
        required=False,
        widget=LookupSelectMultiple(lookup_url=reverse_lazy("visits:lookup_teams"), create_modal="team-create-modal"),
    )
    contacts = forms.ModelMultipleChoiceField(
        label=_("Contacts met"),
        queryset=None,
        required=False,
        widget=LookupSelectMultiple(
            lookup_url=reverse_lazy("visits:lookup_contacts"), create_modal="contact-create-modal"
        ),
    )
    purposes = forms.ModelMultipleChoiceField(
        label=_("Purpose"), queryset=VisitPurpose.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000, required=False
    )
    needs_presented = forms.ModelMultipleChoiceField(
        label=_("Enterprise needs presented"),
        queryset=TechNeed.objects.filter(status__in=VISIBLE_TO_OFFICERS),
        required=False,
        widget=LookupSelectMultiple(lookup_url=reverse_lazy("visits:lookup_needs")),
    )
    results_found = forms.ModelMultipleChoiceField(
        label=_("Results found"),
        queryset=None,
        required=False,
        widget=LookupSelectMultiple(lookup_url=reverse_lazy("visits:lookup_results")),
    )

    def __init__(self, *args, pair, **kwargs):
        super().__init__(*args, **kwargs)
        university = pair.university
        self.fields["officers_present"].queryset = pair_members(pair=pair)
        self.fields["teams"].queryset = ResearchTeam.objects.filter(university=university)
        self.fields["contacts"].queryset = Contact.objects.filter(team__university=university).select_related("team")
        self.fields["results_found"].queryset = Achievement.objects.filter(university=university)
        for name in LOOKUP_FIELDS:
            chosen = self.data.getlist(name) if self.is_bound else self.initial.get(name, [])
            render_only_chosen(self.fields[name], chosen)

    @classmethod
    def initial_for(cls, visit: CampusVisit) -> dict:
        return {
            "visited_on": visit.visited_on,
            "notes": visit.notes,
            "officers_present": list(visit.officers_present.values_list("pk", flat=True)),
            "purposes": list(visit.purposes.values_list("pk", flat=True)),
            **{name: list(getattr(visit, name).values_list("pk", flat=True)) for name in LOOKUP_FIELDS},
        }


class FollowUpPlanForm(forms.Form):
    """One follow-up to create with the visit; a blank row is ignored."""

    title = forms.CharField(label=_("What to do"), max_length=200, required=False)
    due_on = forms.DateField(label=_("Due on"), widget=DATE_INPUT, required=False)
    owner = forms.ModelChoiceField(label=_("Who"), queryset=None, required=False, empty_label=None)

    def __init__(self, *args, pair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = pair_members(pair=pair)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("title") and not cleaned.get("due_on"):
            self.add_error("due_on", _("Give the follow-up a due date."))
        if cleaned.get("due_on") and not cleaned.get("title"):
            self.add_error("title", _("Say what is to be done."))
        return cleaned


FollowUpPlanFormSet = formset_factory(FollowUpPlanForm, extra=2, max_num=10)


class TeamQuickForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=200)
    leader = forms.CharField(label=_("Team leader"), max_length=100)
    discipline = forms.CharField(label=_("Discipline"), max_length=100, required=False)


class ContactQuickForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None)
    name = forms.CharField(label=_("Name"), max_length=100)
    title = forms.CharField(label=_("Title"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    email = forms.EmailField(label=_("Email"), required=False)

    def __init__(self, *args, university, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = ResearchTeam.objects.filter(university=university)


class FollowUpForm(forms.Form):
    title = forms.CharField(label=_("What to do"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DATE_INPUT)
    owner = forms.ModelChoiceField(label=_("Who"), queryset=None, empty_label=None)

    def __init__(self, *args, pair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = pair_members(pair=pair)


class FollowUpCompleteForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}), max_length=3000)
