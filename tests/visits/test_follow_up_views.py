import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, PAGE, assert_access
from visits.models import FollowUpStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_follow_up(pair, alice):
    return factories.FollowUpFactory(
        university=pair.university,
        owner=alice,
        title="寄送样品",
        due_on=timezone.localdate() - datetime.timedelta(days=2),
    )


def test_who_may_see_the_follow_up_list(client, alice, dora, erin):
    url = reverse("visits:follow_ups")
    assert_access(client, url, alice, PAGE)
    assert_access(client, url, dora, PAGE)
    assert_access(client, url, erin, FORBIDDEN)
    assert_access(client, url, None, LOGIN)


def test_overdue_follow_ups_are_highlighted(client, alice, late_follow_up):
    client.force_login(alice)
    page = client.get(reverse("visits:follow_ups")).content.decode()
    assert "follow-up-overdue" in page
    assert "寄送样品" in page


def test_an_officer_of_another_university_cannot_touch_a_follow_up(client, carol, late_follow_up):
    for name in ("visits:follow_up_complete", "visits:follow_up_reassign"):
        assert_access(
            client, reverse(name, args=[late_follow_up.pk]), carol, NOT_FOUND, method="post", data={"outcome": "x"}
        )
    late_follow_up.refresh_from_db()
    assert late_follow_up.status == FollowUpStatus.OPEN


def test_marking_done_and_handing_over_from_the_list(client, alice, bob, late_follow_up):
    client.force_login(alice)
    client.post(reverse("visits:follow_up_reassign", args=[late_follow_up.pk]))
    late_follow_up.refresh_from_db()
    assert late_follow_up.owner == bob
    client.post(reverse("visits:follow_up_complete", args=[late_follow_up.pk]), {"outcome": "样品已寄出"})
    late_follow_up.refresh_from_db()
    assert late_follow_up.status == FollowUpStatus.DONE
    assert late_follow_up.outcome == "样品已寄出"


def test_other_universities_follow_ups_do_not_appear(client, alice, carol, other_pair, late_follow_up):
    factories.FollowUpFactory(university=other_pair.university, owner=carol, title="别校的跟进")
    client.force_login(alice)
    page = client.get(reverse("visits:follow_ups")).content.decode()
    assert "别校的跟进" not in page
