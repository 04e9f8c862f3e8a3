from django import forms
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from achievements.models import Achievement, IpType
from achievements.validators import attachment_content_types
from core.choices import Field
from universities.models import ResearchTeam, University

# The EU's nine technology readiness levels, as officers know them from project forms.
TRL_LEVELS = [
    (1, _("1 · Basic principles observed")),
    (2, _("2 · Technology concept formulated")),
    (3, _("3 · Experimental proof of concept")),
    (4, _("4 · Technology validated in the lab")),
    (5, _("5 · Technology validated in a relevant environment")),
    (6, _("6 · Technology demonstrated in a relevant environment")),
    (7, _("7 · Prototype demonstrated in an operational environment")),
    (8, _("8 · System complete and qualified")),
    (9, _("9 · System proven in operational use")),
]
TRL_MESSAGE = _("The technology readiness level is a whole number from 1 to 9.")
ATTACHMENT_ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
ACHIEVEMENT_FIELDS = [
    "title",
    "team",
    "field",
    "abstract",
    "keywords",
    "language",
    "trl",
    "ip_type",
    "patent_numbers",
    "transfer_modes",
    "asking_price_wan",
]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each one is checked by `achievements.validators` in the services."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ATTACHMENT_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]
        if not uploads:
            super().clean(None, initial)  # says "required" when it is
            return []
        single_clean = super().clean
        return [single_clean(upload, initial) for upload in uploads]


class AchievementForm(forms.ModelForm):
    """Every field of a result. The form only validates input; `achievements.services` saves it.

    `university` limits the teams offered; without it (an admin cataloguing on no visit) the
    form asks for the university and offers every team, and the service checks they agree.
    """

    university = forms.ModelChoiceField(label=_("University"), queryset=University.objects.all())
    trl = forms.IntegerField(
        label=_("Technology readiness level"),
        min_value=1,
        max_value=9,
        help_text=_(
            "1 = basic principles observed, 4 = validated in the lab, 6 = demonstrated in a relevant "
            "environment, 9 = proven in operational use."
        ),
        widget=forms.NumberInput(attrs={"min": "1", "max": "9", "step": "1", "inputmode": "numeric"}),
        error_messages={
            "required": _("Give the technology readiness level (1 to 9)."),
            **dict.fromkeys(("invalid", "min_value", "max_value", "step_size"), TRL_MESSAGE),
        },
    )
    asking_price_wan = forms.DecimalField(
        label=Achievement._meta.get_field("asking_price_wan").verbose_name,
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("In units of 10,000 yuan. Leave empty if the price is negotiable."),
        widget=forms.NumberInput(attrs={"min": "0", "step": "0.01", "inputmode": "decimal"}),
        error_messages={
            "min_value": _("The asking price cannot be negative."),
            "invalid": _("Enter the asking price as a number, for example 120 or 85.5."),
            "max_digits": _("The asking price is too large."),
            "max_decimal_places": _("Give the asking price with at most two decimals."),
        },
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, PNG or JPEG files, up to 10 MB each. You can choose several at once."),
    )
    save_anyway = forms.BooleanField(label=_("Save anyway: this is a different result"), required=False)

    class Meta:
        model = Achievement
        fields = ACHIEVEMENT_FIELDS
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "abstract": forms.Textarea(attrs={"rows": 6}),
            "transfer_modes": forms.CheckboxSelectMultiple,
        }
        labels = {"abstract": _("Abstract")}
        help_texts = {
            "keywords": _("Separate with commas, for example: 电池, 储能, battery."),
            "patent_numbers": _("For example ZL202010123456.7; separate several with commas."),
        }
        error_messages = {
            "title": {"required": _("Give the result a title.")},
            "abstract": {"required": _("Describe the result in a few sentences.")},
            "field": {"required": _("Choose the technology field.")},
            "ip_type": {"required": _("Choose the type of intellectual property.")},
        }

    def __init__(self, *args, university: University | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transfer_modes"].required = False
        self.fields["transfer_modes"].help_text = _("Needed to publish; a draft can leave them open.")
        for name, choices in (("field", Field.choices), ("ip_type", IpType.choices)):
            self.fields[name].choices = [("", "—"), *choices]
        team = self.fields["team"]
        team.empty_label = _("— no team yet —")
        if university is not None:
            del self.fields["university"]
            team.queryset = ResearchTeam.objects.filter(university=university).order_by("name")
        else:
            team.queryset = ResearchTeam.objects.select_related("university").order_by("university", "name")
            team.label_from_instance = lambda row: f"{row.name}（{row.university.short_name}）"
            self.order_fields(["university"])

    def clean_attachments(self):
        """Checked here too, so a wrong file is named together with every other mistake in the form."""
        uploads = self.cleaned_data["attachments"]
        attachment_content_types(uploads)
        return uploads

    @classmethod
    def initial_for(cls, achievement: Achievement) -> dict:
        return model_to_dict(achievement, fields=ACHIEVEMENT_FIELDS)

    def achievement_data(self) -> dict:
        """The keyword arguments for `achievement_create` / `achievement_update`."""
        data = {name: self.cleaned_data[name] for name in ACHIEVEMENT_FIELDS}
        data["attachments"] = self.cleaned_data["attachments"]
        data["allow_duplicate"] = self.cleaned_data["save_anyway"]
        return data


class AttachmentForm(forms.Form):
    """Add files to a result from its page."""

    attachments = MultipleFileField(
        label=_("Add attachments"),
        help_text=_("PDF, PNG or JPEG files, up to 10 MB each."),
        error_messages={"required": _("Choose at least one file to attach.")},
    )
