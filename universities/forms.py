from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from universities.models import University

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{4,30}$", _("Enter a phone number: digits, spaces, brackets, + and - only.")
)


class TeamForm(forms.Form):
    """A research team's own fields; an admin also picks the university (officers work at their own)."""

    university = forms.ModelChoiceField(label=_("University"), queryset=University.objects.all())
    name = forms.CharField(label=_("Team name"), max_length=200)
    leader = forms.CharField(label=_("Team leader"), max_length=100)
    discipline = forms.CharField(label=_("Discipline"), max_length=100, required=False)

    def __init__(self, *args, choose_university: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not choose_university:
            del self.fields["university"]


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, team):
        parts = [
            str(team),
            ngettext("%(count)d contact", "%(count)d contacts", team.contact_count) % {"count": team.contact_count},
            ngettext("%(count)d visit", "%(count)d visits", team.visit_count) % {"count": team.visit_count},
            ngettext("%(count)d result", "%(count)d results", team.result_count) % {"count": team.result_count},
        ]
        return " · ".join(parts)


class TeamMergeForm(forms.Form):
    duplicate = TeamChoiceField(
        label=_("Duplicate team to merge into this one"),
        queryset=None,
        empty_label=_("Choose a team"),
        help_text=_("Its contacts, visits and results move to the team you are on; then the duplicate is deleted."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the duplicate team will be deleted after the merge."),
        error_messages={"required": _("Tick the box to confirm the merge.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = candidates


class ContactForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=100)
    title = forms.CharField(label=_("Job title"), max_length=100, required=False, help_text=_("For example: professor"))
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False, validators=[phone_validator])
    email = forms.EmailField(label=_("Email"), required=False)
