from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.template import loader
from django.utils.translation import gettext_lazy as _

from core.choices import District, Field
from core.tasks import email_deliver
from requests.validators import normalise_credit_code, validate_credit_code


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose email is sent by the Celery worker once the request's transaction commits."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        transaction.on_commit(lambda: email_deliver.delay(subject=subject, body=body, to=[to_email]))


class _PasswordFieldsMixin(forms.Form):
    """Username and a password typed twice; the password rules themselves are checked by the service."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Letters, digits and @ . + - _ only; you log in with it."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=password_validation.password_validators_help_text_html(),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", _("The two passwords differ."))
        return cleaned


class EnterpriseRegistrationForm(_PasswordFieldsMixin, forms.Form):
    name = forms.CharField(label=_("Company name"), max_length=200)
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=18,
        help_text=_("18 characters, as on the business licence (统一社会信用代码)."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )
    district = forms.ChoiceField(label=_("District"), choices=[("", "---------"), *District.choices])
    industry = forms.ChoiceField(label=_("Industry"), choices=[("", "---------"), *Field.choices])
    contact_person = forms.CharField(label=_("Contact person"), max_length=100)
    email = forms.EmailField(label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(label=_("Phone"), max_length=32, widget=forms.TextInput(attrs={"autocomplete": "tel"}))

    field_order = [
        "name",
        "credit_code",
        "district",
        "industry",
        "contact_person",
        "email",
        "phone",
        "username",
        "password1",
        "password2",
    ]

    def clean_credit_code(self):
        code = normalise_credit_code(self.cleaned_data["credit_code"])
        validate_credit_code(code)
        return code


class InvitationAcceptForm(_PasswordFieldsMixin, forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=100)

    field_order = ["full_name", "username", "password1", "password2"]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's email"), widget=forms.EmailInput(attrs={"autocomplete": "off"}))


class EnterpriseRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The enterprise reads this on its home page."),
    )
