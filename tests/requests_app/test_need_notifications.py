"""Review events reach the right people once, in the portal and by email, after the commit."""

import pytest
from django.core import mail

from accounts.models import Role
from notifications.models import Notification
from notifications.services import notify
from requests import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(enterprise):
    return factories.EnterpriseMembershipFactory(enterprise=enterprise, is_manager=False).user


def test_a_submission_tells_bureau_staff_once(django_capture_on_commit_callbacks, dora, draft):
    with django_capture_on_commit_callbacks(execute=True):
        services.need_submit(need=draft)
    assert [message.to for message in mail.outbox] == [[dora.email]]
    assert Notification.objects.filter(recipient=dora, url=f"/needs/{draft.pk}/").count() == 1


def test_no_email_leaves_before_the_transaction_commits(django_capture_on_commit_callbacks, dora, draft):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.need_submit(need=draft)
    assert mail.outbox == []
    assert len(callbacks) == 1


@pytest.mark.parametrize(
    ("action", "kwargs"),
    [
        (services.need_approve, {}),
        (services.need_reject, {"reason": "不属于技术需求"}),
        (services.need_request_changes, {"note": "请补充预算"}),
    ],
)
def test_each_review_decision_emails_every_user_of_the_enterprise_once(
    django_capture_on_commit_callbacks, erin, colleague, submitted, action, kwargs
):
    with django_capture_on_commit_callbacks(execute=True):
        action(need=submitted, **kwargs)
    assert sorted(message.to[0] for message in mail.outbox) == sorted([erin.email, colleague.email])
    assert Notification.objects.filter(recipient=erin).count() == 1


def test_users_of_other_enterprises_and_officers_hear_nothing(django_capture_on_commit_callbacks, alice, submitted):
    outsider = factories.EnterpriseMembershipFactory().user
    with django_capture_on_commit_callbacks(execute=True):
        services.need_approve(need=submitted)
    recipients = {message.to[0] for message in mail.outbox}
    assert outsider.email not in recipients
    assert alice.email not in recipients


def test_a_repeated_event_is_not_sent_twice(django_capture_on_commit_callbacks, erin, submitted):
    with django_capture_on_commit_callbacks(execute=True):
        services.need_request_changes(need=submitted, note="请补充预算")
        # The same event once more (a retried task, a replayed request) sends nothing new.
        notify(
            recipients=[erin],
            event_key=f"need-changes:{submitted.pk}:{submitted.review_round}",
            subject="again",
        )
    assert len(mail.outbox) == 1


def test_a_second_round_of_review_is_notified_again(django_capture_on_commit_callbacks, dora, erin, submitted):
    with django_capture_on_commit_callbacks(execute=True):
        services.need_request_changes(need=submitted, note="请补充预算")
        services.need_submit(need=submitted)
        services.need_request_changes(need=submitted, note="预算仍不清楚")
    to_erin = [message for message in mail.outbox if message.to == [erin.email]]
    to_dora = [message for message in mail.outbox if message.to == [dora.email]]
    assert len(to_erin) == 2
    assert len(to_dora) == 1  # the first submission was sent by the fixture, outside this block
    assert Notification.objects.filter(recipient=dora).count() == 2


def test_subjects_are_in_the_recipients_language(django_capture_on_commit_callbacks, erin, submitted):
    erin.preferred_language = "en"
    erin.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.need_approve(need=submitted)
    assert mail.outbox[0].subject.startswith("Your technology need was approved")


def test_bureau_staff_who_left_are_not_told(django_capture_on_commit_callbacks, draft):
    factories.UserFactory(role=Role.BUREAU, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.need_submit(need=draft)
    assert mail.outbox == []
