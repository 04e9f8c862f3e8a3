"""Officers act on their digest; bureau staff read every pair's; nobody else sees one."""

import datetime

import pytest
from django.urls import reverse

from matching.models import DigestSection, MatchState
from matching.services import digest_build
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, PAGE, assert_access
from tests.matching import digest_data as data
from visits.models import FollowUp

pytestmark = pytest.mark.django_db

WEEK = datetime.date(2026, 11, 23)
REDIRECT = 302


@pytest.fixture
def digest(pair, university, enterprise, erin):
    data.result(university, **data.BATTERY_RESULT)
    data.need(enterprise, erin, **data.BATTERY_NEED)
    data.need(enterprise, erin, **data.CRAYFISH_NEED)
    return digest_build(pair=pair, period_start=WEEK)


@pytest.fixture
def item(digest):
    return digest.items.filter(section=DigestSection.NEW_NEEDS).select_related("match").get()


@pytest.mark.parametrize(
    ("role", "outcome"),
    [("alice", PAGE), ("bob", PAGE), ("dora", PAGE), ("carol", NOT_FOUND), ("erin", FORBIDDEN), (None, LOGIN)],
)
def test_who_may_read_a_digest(client, request, digest, role, outcome):
    user = request.getfixturevalue(role) if role else None
    assert_access(client, reverse("matching:digest_detail", args=[digest.pk]), user, outcome)


def test_the_digest_page_shows_sections_reasons_and_the_prefilled_note(client, alice, digest, item):
    client.force_login(alice)
    page = client.get(reverse("matching:digest_detail", args=[digest.pk])).content.decode()
    assert "储能锂电池低温容量衰减" in page and "宽温域磷酸铁锂电池电解液" in page
    assert "共同关键词" in page
    assert "小龙虾养殖水质在线监测" in page  # the scouting hint


def test_forwarding_from_the_digest_reaches_the_enterprise(client, alice, erin, digest, item):
    client.force_login(alice)
    client.post(
        reverse("matching:digest_forward", args=[digest.pk, item.pk]), {f"item{item.pk}-note": "低温性能正合需求"}
    )
    item.match.refresh_from_db()
    assert item.match.state == MatchState.FORWARDED_TO_ENTERPRISE
    client.force_login(erin)
    page = client.get(reverse("needs:detail", args=[item.need_id])).content.decode()
    assert "低温性能正合需求" in page


def test_an_empty_note_is_refused_on_the_page(client, alice, digest, item):
    client.force_login(alice)
    response = client.post(reverse("matching:digest_forward", args=[digest.pk, item.pk]), {f"item{item.pk}-note": ""})
    assert response.status_code == 200
    assert "请告诉企业" in response.content.decode() or "Tell the enterprise" in response.content.decode()
    item.match.refresh_from_db()
    assert item.match.state == MatchState.SUGGESTED


def test_taking_it_to_the_team_creates_a_follow_up(client, alice, digest, item):
    client.force_login(alice)
    client.post(reverse("matching:digest_team", args=[digest.pk, item.pk]))
    follow_up = FollowUp.objects.get()
    assert follow_up.match == item.match and follow_up.owner == alice
    assert "储能锂电池低温容量衰减" in follow_up.title
    item.match.refresh_from_db()
    assert item.match.state == MatchState.FORWARDED_TO_TEAM


def test_dismissing_needs_a_reason_and_keeps_it_when_refused(client, alice, digest, item):
    client.force_login(alice)
    url = reverse("matching:digest_dismiss", args=[digest.pk, item.pk])
    assert client.post(url, {f"dismiss{item.pk}-reason": ""}).status_code == 200
    client.post(url, {f"dismiss{item.pk}-reason": "团队不做储能"})
    item.match.refresh_from_db()
    assert (item.match.state, item.match.reason) == (MatchState.DISMISSED, "团队不做储能")


def test_bureau_staff_read_but_cannot_act(client, dora, digest, item):
    assert_access(client, reverse("matching:digest_team", args=[digest.pk, item.pk]), dora, FORBIDDEN, method="post")
    client.force_login(dora)
    page = client.get(reverse("matching:digest_detail", args=[digest.pk])).content.decode()
    assert 'data-testid="digest-act"' not in page


def test_another_universitys_officer_cannot_act(client, carol, digest, item):
    assert_access(client, reverse("matching:digest_team", args=[digest.pk, item.pk]), carol, NOT_FOUND, method="post")


def test_the_list_shows_the_action_rate(client, dora, alice, digest, item):
    client.force_login(alice)
    client.post(reverse("matching:digest_team", args=[digest.pk, item.pk]))
    client.force_login(dora)
    page = client.get(reverse("matching:digest_list")).content.decode()
    assert "1 / 1" in page  # a pair new on both sides is listed once


def test_the_digest_page_runs_a_bounded_number_of_queries(client, alice, digest, django_assert_max_num_queries):
    client.force_login(alice)
    with django_assert_max_num_queries(30):
        client.get(reverse("matching:digest_detail", args=[digest.pk]))


@pytest.mark.parametrize("action", ["digest_forward", "digest_team", "digest_dismiss"])
@pytest.mark.parametrize(
    ("role", "outcome"), [("carol", NOT_FOUND), ("erin", FORBIDDEN), ("dora", FORBIDDEN), (None, LOGIN)]
)
def test_the_wrong_users_cannot_act_on_a_digest_item(client, request, digest, item, action, role, outcome):
    user = request.getfixturevalue(role) if role else None
    data = {f"item{item.pk}-note": "理由", f"dismiss{item.pk}-reason": "理由"}
    assert_access(
        client, reverse(f"matching:{action}", args=[digest.pk, item.pk]), user, outcome, method="post", data=data
    )
    item.match.refresh_from_db()
    assert item.match.state == MatchState.SUGGESTED


@pytest.mark.parametrize(
    ("role", "outcome"),
    [("alice", REDIRECT), ("dora", REDIRECT), ("carol", NOT_FOUND), ("erin", FORBIDDEN), (None, LOGIN)],
)
def test_who_may_regenerate_a_digest(client, request, digest, role, outcome):
    user = request.getfixturevalue(role) if role else None
    assert_access(client, reverse("matching:digest_regenerate", args=[digest.pk]), user, outcome, method="post")


@pytest.mark.parametrize(("role", "outcome"), [("alice", PAGE), ("dora", PAGE), ("erin", FORBIDDEN), (None, LOGIN)])
def test_who_may_list_digests(client, request, digest, role, outcome):
    user = request.getfixturevalue(role) if role else None
    assert_access(client, reverse("matching:digest_list"), user, outcome)


def test_another_universitys_officer_sees_none_of_our_digests_in_the_list(client, carol, digest):
    client.force_login(carol)
    assert f"/matches/digests/{digest.pk}/" not in client.get(reverse("matching:digest_list")).content.decode()
