import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.models import Notification
from notifications.services import notify
from tests.access import NOT_FOUND, assert_access

pytestmark = pytest.mark.django_db


def test_an_event_notifies_each_user_once_and_emails_after_the_commit(erin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(recipients=[erin, erin], event_key="need-approved:1", subject="需求已通过审核", url="/needs/")
        assert len(mail.outbox) == 0, "no email may leave before the transaction commits"
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [erin.email]
    assert "/needs/" in mail.outbox[0].body


def test_a_repeated_event_sends_nothing_twice(erin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[erin], event_key="need-approved:1", subject="x")
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(recipients=[erin], event_key="need-approved:1", subject="x") == []
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_each_recipient_reads_the_message_in_their_own_language(erin, dora):
    erin.preferred_language = "en"
    erin.save()
    notify(recipients=[erin, dora], event_key="k", subject=_("Notifications"))
    assert Notification.objects.get(recipient=erin).subject == "Notifications"
    assert Notification.objects.get(recipient=dora).subject == "通知"


def test_the_header_shows_the_unread_count_and_opening_one_marks_it_read(client, erin):
    first, _second = notify(recipients=[erin], event_key="a", subject="一", url="/needs/") + notify(
        recipients=[erin], event_key="b", subject="二"
    )
    client.force_login(erin)
    assert 'data-testid="unread-count">2<' in client.get(reverse("home")).content.decode()
    response = client.post(reverse("notifications:open", args=[first.pk]))
    assert response["Location"] == "/needs/"
    first.refresh_from_db()
    assert first.read_at is not None


def test_nobody_opens_someone_elses_notification(client, erin, dora):
    (notification,) = notify(recipients=[erin], event_key="a", subject="一")
    assert_access(client, reverse("notifications:open", args=[notification.pk]), dora, NOT_FOUND, method="post")


def test_a_link_to_another_site_is_never_followed(client, erin):
    (notification,) = notify(recipients=[erin], event_key="a", subject="一", url="https://evil.example.com/")
    client.force_login(erin)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:list")
