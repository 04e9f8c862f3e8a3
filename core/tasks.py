import smtplib

from celery import shared_task

from core.services import email_send


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def email_deliver(*, subject: str, body: str, to: list[str], html_body: str = "") -> None:
    """Send one email from the worker, so a slow mail server never slows a page."""
    email_send(subject=subject, body=body, to=to, html_body=html_body)
