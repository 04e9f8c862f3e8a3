from django.core import mail
from django.urls import reverse

from notifications.models import Notification
from requests.models import EnterpriseStatus
from tests import factories

QUEUE = "/enterprise/review/"


def test_the_queue_lists_only_pending_enterprises(
    client, dora, pending_enterprise, enterprise, django_assert_max_num_queries
):
    client.force_login(dora)
    factories.EnterpriseFactory.create_batch(3, status=EnterpriseStatus.PENDING)

    with django_assert_max_num_queries(12):
        response = client.get(QUEUE)

    listed = list(response.context["enterprises"])
    assert pending_enterprise in listed
    assert enterprise not in listed
    assert len(listed) == 4
    assert pending_enterprise.credit_code in response.content.decode()


def test_approving_from_the_queue_notifies_the_enterprise(
    client, dora, pending_enterprise, pending_manager, django_capture_on_commit_callbacks
):
    client.force_login(dora)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:enterprise_approve", args=[pending_enterprise.pk]))

    assert response.url == QUEUE
    pending_enterprise.refresh_from_db()
    assert pending_enterprise.status == EnterpriseStatus.APPROVED
    assert Notification.objects.filter(recipient=pending_manager).exists()
    assert mail.outbox[0].to == [pending_manager.email]


def test_approving_twice_changes_nothing_the_second_time(client, dora, pending_enterprise, pending_manager):
    client.force_login(dora)
    url = reverse("accounts:enterprise_approve", args=[pending_enterprise.pk])
    client.post(url)

    response = client.post(url)

    assert response.status_code == 302
    assert Notification.objects.filter(recipient=pending_manager).count() == 1


def test_rejecting_needs_a_reason_and_keeps_the_page(client, dora, pending_enterprise):
    client.force_login(dora)
    url = reverse("accounts:enterprise_reject", args=[pending_enterprise.pk])

    response = client.post(url, {"reason": ""})

    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    pending_enterprise.refresh_from_db()
    assert pending_enterprise.status == EnterpriseStatus.PENDING


def test_rejecting_with_a_reason_records_it(client, dora, pending_enterprise, pending_manager):
    client.force_login(dora)

    response = client.post(reverse("accounts:enterprise_reject", args=[pending_enterprise.pk]), {"reason": "资料不全"})

    assert response.url == QUEUE
    pending_enterprise.refresh_from_db()
    assert (pending_enterprise.status, pending_enterprise.rejection_reason) == (EnterpriseStatus.REJECTED, "资料不全")
    assert (
        Notification.objects.get(recipient=pending_manager).event_key == f"enterprise-rejected:{pending_enterprise.pk}"
    )


def test_the_reject_page_of_a_reviewed_enterprise_goes_back_to_the_queue(client, dora, enterprise):
    client.force_login(dora)

    response = client.get(reverse("accounts:enterprise_reject", args=[enterprise.pk]))

    assert response.url == QUEUE


def test_bulk_approval_approves_only_the_ticked_rows(client, dora, pending_enterprise):
    client.force_login(dora)
    second, untouched = factories.EnterpriseFactory.create_batch(2, status=EnterpriseStatus.PENDING)
    rejected = factories.EnterpriseFactory(status=EnterpriseStatus.REJECTED)

    response = client.post(
        reverse("accounts:enterprise_approve_bulk"),
        {"enterprise": [pending_enterprise.pk, second.pk, rejected.pk, "x"]},
    )

    assert response.url == QUEUE
    statuses = {e.pk: e.status for e in [pending_enterprise, second, untouched, rejected] if not e.refresh_from_db()}
    assert statuses == {
        pending_enterprise.pk: EnterpriseStatus.APPROVED,
        second.pk: EnterpriseStatus.APPROVED,
        untouched.pk: EnterpriseStatus.PENDING,
        rejected.pk: EnterpriseStatus.REJECTED,
    }
