from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.models import TransferModeOption
from requests.models import CloseOutcome, TechNeed
from requests.validators import validate_need_terms

NEED_FIELDS = [
    "title",
    "description",
    "tried",
    "target_indicators",
    "industry",
    "budget_min_wan",
    "budget_max_wan",
    "deadline",
    "preferred_modes",
    "language",
    "is_public",
]
BUDGET_MESSAGE = _("Give the budget as a number of 10k yuan, 0 or more.")


TOO_LONG = _("Keep this under %(limit_value)d characters; it has %(show_value)d.")


class NeedForm(forms.ModelForm):
    """Every field of a technology need. The form only validates input; `requests.services` saves it."""

    preferred_modes = forms.ModelMultipleChoiceField(
        label=_("Preferred cooperation modes"),
        queryset=TransferModeOption.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = TechNeed
        fields = NEED_FIELDS
        widgets = {
            "title": forms.TextInput(attrs={"placeholder": _("e.g. Low-temperature capacity of storage batteries")}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "tried": forms.Textarea(attrs={"rows": 3}),
            "target_indicators": forms.Textarea(
                attrs={"rows": 3, "placeholder": _("e.g. capacity retention above 80% at −20 °C")}
            ),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "budget_min_wan": forms.NumberInput(attrs={"min": "0", "step": "any", "inputmode": "decimal"}),
            "budget_max_wan": forms.NumberInput(attrs={"min": "0", "step": "any", "inputmode": "decimal"}),
        }
        help_texts = {
            "description": _("What problem must the technology solve? Up to 5,000 characters."),
            "budget_max_wan": _("Leave both budget fields empty if the budget is open to negotiation."),
            "is_public": _(
                "Otherwise only bureau staff see which company posted the need; liaison officers see "
                "“confidential enterprise”. Your contact details are never shown to them."
            ),
        }
        error_messages = {
            "title": {"required": _("Give the need a title."), "max_length": _("Keep the title under 200 characters.")},
            "description": {"required": _("Describe the problem the technology must solve.")},
            "budget_min_wan": {"invalid": BUDGET_MESSAGE, "max_digits": BUDGET_MESSAGE},
            "budget_max_wan": {"invalid": BUDGET_MESSAGE, "max_digits": BUDGET_MESSAGE},
            "deadline": {"invalid": _("Give the deadline as a date, e.g. 2027-06-30.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("description", "tried", "target_indicators"):
            field = self.fields[name]
            field.error_messages["max_length"] = TOO_LONG

    def clean(self):
        cleaned = super().clean()
        # Checked here as well as in the services so the message sits beside the field, not above the form.
        try:
            validate_need_terms(
                budget_min_wan=cleaned.get("budget_min_wan"),
                budget_max_wan=cleaned.get("budget_max_wan"),
                deadline=cleaned.get("deadline"),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field, messages)
        return cleaned

    def need_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in NEED_FIELDS}


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the enterprise a reason for the rejection.")},
    )


class ChangesForm(forms.Form):
    note = forms.CharField(
        label=_("What should the enterprise change?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tell the enterprise what to change.")},
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did the need end?"),
        choices=CloseOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how the need ended before closing it.")},
    )
