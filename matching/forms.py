from django import forms
from django.utils.translation import gettext_lazy as _

from matching import selectors
from matching.services import NOTE_MAX_LENGTH


class ForwardForm(forms.Form):
    """An officer picks one of their university's published results and says why it fits the need.

    A plain select: one university's published results are a list of tens, not thousands.
    """

    achievement = forms.ModelChoiceField(
        label=_("Result"),
        queryset=None,
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
