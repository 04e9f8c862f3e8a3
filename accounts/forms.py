from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.template import loader

from core.tasks import email_deliver


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose email is sent by the Celery worker once the request's transaction commits."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        transaction.on_commit(lambda: email_deliver.delay(subject=subject, body=body, to=[to_email]))
