from django.db.models import QuerySet

from notifications.models import Notification


def notification_list_for(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count_for(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
