from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.widgets import LookupSelect, render_only_chosen_one
from matching import selectors
from matching.services import NOTE_MAX_LENGTH


class ForwardForm(forms.Form):
    """An officer picks one of their university's published results and says why it fits the need.

    The result is found by typing (Tom Select asks the lookup): a university may hold thousands.
    """

    achievement = forms.ModelChoiceField(
        label=_("Result"),
        queryset=None,
        widget=LookupSelect(lookup_url=reverse_lazy("deals:lookup_results")),
        help_text=_("Type a few characters of the title."),
        error_messages={
            "required": _("Choose the result to forward."),
            "invalid_choice": _("Choose one of your university's published results."),
        },
    )
    note = forms.CharField(
        label=_("Why it fits"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The enterprise reads this beside the result."),
        error_messages={"required": _("Tell the enterprise why this result fits their need.")},
    )

    def __init__(self, *args, officer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["achievement"].queryset = selectors.achievement_forwardable_by(officer=officer)
        render_only_chosen_one(self.fields["achievement"], self.data.get("achievement"))


class RespondForm(forms.Form):
    answer = forms.ChoiceField(choices=[("interested", "interested"), ("not_relevant", "not_relevant")])
    reason = forms.CharField(required=False, max_length=2000)


class DigestForwardForm(forms.Form):
    """Forward a suggestion to the enterprise; the note starts as the engine's reason, for the officer to edit."""

    note = forms.CharField(
        label=_("Why it fits"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tell the enterprise why this result fits their need.")},
    )


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it does not fit"),
        max_length=NOTE_MAX_LENGTH,
        error_messages={"required": _("Say why the suggestion does not fit, so it is not made again.")},
    )
