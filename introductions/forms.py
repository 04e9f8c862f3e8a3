from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import TransferMode
from introductions.models import ConsentChannel
from introductions.selectors import contact_choices_for_introduction
from introductions.services import MESSAGE_MAX_LENGTH, REASON_MAX_LENGTH


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, contact):
        return f"{contact.name} · {contact.team}"


class ProposeForm(forms.Form):
    """The pair picks who on the research team the enterprise will meet, and what kind of deal is discussed."""

    contact = ContactChoiceField(
        label=_("Research team contact"),
        queryset=None,
        help_text=_("Their phone and email are shared with the enterprise once both sides agree."),
        error_messages={"required": _("Choose the team's contact.")},
    )
    mode = forms.ChoiceField(
        label=_("Transfer mode under discussion"),
        choices=TransferMode.choices,
        error_messages={"required": _("Choose a transfer mode.")},
    )
    message = forms.CharField(
        label=_("Message to the enterprise"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, achievement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contact_choices_for_introduction(achievement=achievement)
        shared = set(achievement.transfer_modes.values_list("code", flat=True))
        initial = next((value for value in TransferMode.values if value in shared), None)
        if initial:
            self.fields["mode"].initial = initial


class ConsentForm(forms.Form):
    consent_by = forms.CharField(
        label=_("Who agreed for the team"),
        max_length=100,
        error_messages={"required": _("Say who agreed for the team.")},
    )
    consent_on = forms.DateField(
        label=_("Agreed on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Say when the team agreed."), "invalid": _("Enter a date.")},
    )
    channel = forms.ChoiceField(
        label=_("How they agreed"),
        choices=ConsentChannel.choices,
        error_messages={"required": _("Say how the team agreed.")},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why.")},
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a message.")},
    )
