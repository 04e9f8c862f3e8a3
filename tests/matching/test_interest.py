import pytest
from django.core import mail
from django.urls import reverse

from matching.models import InterestRequest
from matching.services import interest_express
from notifications.models import Notification
from tests import factories
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, assert_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def result(pair, alice):
    return factories.AchievementFactory(university=pair.university, title="宽温域锂电池电解液", catalogued_by=alice)


def test_an_enterprise_interest_reaches_both_officers_of_the_pair_once(
    erin, result, alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        interest_express(achievement=result, user=erin, message="希望了解中试条件")
        interest_express(achievement=result, user=erin, message="再问一次")
    assert InterestRequest.objects.get().message == "希望了解中试条件"
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {alice.username, bob.username}
    assert len(mail.outbox) == 2


def test_a_pending_enterprise_cannot_express_interest(client, erin, enterprise, result):
    enterprise.status = "pending"
    enterprise.save()
    client.force_login(erin)
    client.post(reverse("matching:interest", args=[result.pk]))
    assert not InterestRequest.objects.exists()


def test_interest_in_a_draft_is_a_404_and_only_enterprises_may_ask(client, erin, alice, dora, pair, result):
    draft = factories.AchievementFactory(university=pair.university, status="draft", published_at=None)
    assert_access(client, reverse("matching:interest", args=[draft.pk]), erin, NOT_FOUND, method="post")
    assert_access(client, reverse("matching:interest", args=[result.pk]), alice, FORBIDDEN, method="post")
    assert_access(client, reverse("matching:interest", args=[result.pk]), dora, FORBIDDEN, method="post")
    assert_access(client, reverse("matching:interest", args=[result.pk]), None, LOGIN, method="post")
    assert not InterestRequest.objects.exists()


def test_the_result_page_offers_the_button_to_enterprises_only(client, erin, carol, result):
    client.force_login(erin)
    assert (
        'data-testid="express-interest"'
        in client.get(reverse("achievements:detail", args=[result.pk])).content.decode()
    )
    client.force_login(carol)
    assert (
        'data-testid="express-interest"'
        not in client.get(reverse("achievements:detail", args=[result.pk])).content.decode()
    )


def test_the_pair_sees_the_interest_on_its_home_page_and_other_pairs_do_not(
    client, erin, enterprise, result, bob, carol
):
    interest_express(achievement=result, user=erin, message="希望了解中试条件")
    client.force_login(bob)
    page = client.get(reverse("home")).content.decode()
    assert enterprise.name in page and "希望了解中试条件" in page
    client.force_login(carol)
    assert "希望了解中试条件" not in client.get(reverse("home")).content.decode()
