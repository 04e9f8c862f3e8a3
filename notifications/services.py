from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from core.tasks import email_deliver
from notifications.models import Notification


@transaction.atomic
def notify(
    *, recipients, event_key: str, subject: str, body: str = "", url: str = "", render_email=None
) -> list[Notification]:
    """Tell each recipient about one event, in the portal and by email, once.

    `subject` and `body` may be lazy translations: each is rendered in the recipient's
    language. The email is queued only after the surrounding transaction commits, and
    only for a notification created now, so a repeated event sends nothing twice.
    `render_email(user)`, if given, returns the email's (text, html) bodies instead of `body`;
    it is called after the commit, in the recipient's language.
    """
    created = []
    for user in {user.pk: user for user in recipients}.values():
        with translation.override(user.preferred_language):
            notification, is_new = Notification.objects.get_or_create(
                recipient=user,
                event_key=event_key,
                defaults={"subject": str(subject), "body": str(body), "url": url},
            )
        if is_new:
            created.append(notification)
            if user.email:
                transaction.on_commit(lambda n=notification, u=user: _send(n, u, render_email))
    return created


def _send(notification: Notification, user, render_email) -> None:
    if render_email is not None:
        with translation.override(user.preferred_language):
            text, html = render_email(user)
        email_deliver.delay(subject=notification.subject, body=text, html_body=html, to=[user.email])
        return
    link = f"{settings.PORTAL_BASE_URL}{notification.url}" if notification.url else ""
    body = "\n\n".join(part for part in (notification.body, link) if part)
    email_deliver.delay(subject=notification.subject, body=body, to=[user.email])


def notification_mark_read(*, user, notification_ids=None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())
