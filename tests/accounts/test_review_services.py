import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.services import enterprise_approve, enterprise_approve_many, enterprise_reject
from notifications.models import Notification
from requests.models import EnterpriseStatus
from tests import factories


def test_approving_opens_the_enterprise_and_notifies_its_users(
    dora, pending_enterprise, pending_manager, django_capture_on_commit_callbacks
):
    colleague = factories.EnterpriseMembershipFactory(enterprise=pending_enterprise, is_manager=False).user

    with django_capture_on_commit_callbacks(execute=True):
        enterprise_approve(enterprise=pending_enterprise, reviewer=dora)

    pending_enterprise.refresh_from_db()
    assert pending_enterprise.status == EnterpriseStatus.APPROVED
    key = f"enterprise-approved:{pending_enterprise.pk}"
    assert set(Notification.objects.filter(event_key=key).values_list("recipient", flat=True)) == {
        pending_manager.pk,
        colleague.pk,
    }
    assert len(mail.outbox) == 2


def test_rejecting_keeps_the_reason_and_notifies_the_users(
    dora, pending_enterprise, pending_manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enterprise_reject(enterprise=pending_enterprise, reviewer=dora, reason="信用代码与营业执照不符")

    pending_enterprise.refresh_from_db()
    assert pending_enterprise.status == EnterpriseStatus.REJECTED
    assert pending_enterprise.rejection_reason == "信用代码与营业执照不符"
    notification = Notification.objects.get(recipient=pending_manager)
    assert "信用代码与营业执照不符" in notification.body
    assert mail.outbox[0].to == [pending_manager.email]


def test_rejecting_needs_a_reason(dora, pending_enterprise):
    with pytest.raises(ValidationError):
        enterprise_reject(enterprise=pending_enterprise, reviewer=dora, reason="   ")

    pending_enterprise.refresh_from_db()
    assert pending_enterprise.status == EnterpriseStatus.PENDING


@pytest.mark.parametrize("status", [EnterpriseStatus.APPROVED, EnterpriseStatus.REJECTED])
def test_it_refuses_to_review_an_enterprise_that_is_not_pending(dora, status):
    enterprise = factories.EnterpriseFactory(status=status, rejection_reason="旧的理由")

    with pytest.raises(ValidationError):
        enterprise_approve(enterprise=enterprise, reviewer=dora)
    with pytest.raises(ValidationError):
        enterprise_reject(enterprise=enterprise, reviewer=dora, reason="再次驳回")

    enterprise.refresh_from_db()
    assert enterprise.status == status
    assert enterprise.rejection_reason == "旧的理由"
    assert not Notification.objects.exists()


def test_bulk_approval_skips_enterprises_already_reviewed(dora, pending_enterprise):
    rejected = factories.EnterpriseFactory(status=EnterpriseStatus.REJECTED)

    approved, skipped = enterprise_approve_many(enterprises=[pending_enterprise, rejected], reviewer=dora)

    assert [e.pk for e in approved] == [pending_enterprise.pk]
    assert [e.pk for e in skipped] == [rejected.pk]
