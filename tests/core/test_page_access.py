"""Who may open the foundation's pages. Each row is one role on one URL."""

import pytest
from django.urls import reverse

from tests import factories
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, PAGE, assert_access

pytestmark = pytest.mark.django_db

EVERY_ROLE = ["alice", "dora", "erin", "admin_user"]


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        ("home", {"alice": PAGE, "dora": PAGE, "erin": PAGE, "admin_user": PAGE, None: LOGIN}),
        ("universities:list", {"alice": PAGE, "dora": PAGE, "erin": FORBIDDEN, "admin_user": PAGE, None: LOGIN}),
        ("achievements:list", {"alice": PAGE, "dora": PAGE, "erin": PAGE, "admin_user": PAGE, None: LOGIN}),
        ("needs:list", {"alice": PAGE, "dora": PAGE, "erin": PAGE, "admin_user": PAGE, None: LOGIN}),
        ("visits:list", {"alice": PAGE, "dora": PAGE, "erin": FORBIDDEN, "admin_user": PAGE, None: LOGIN}),
        ("deals:event_list", {"alice": PAGE, "dora": PAGE, "erin": PAGE, "admin_user": PAGE, None: LOGIN}),
        ("dashboards:index", {"alice": PAGE, "dora": PAGE, "erin": FORBIDDEN, "admin_user": PAGE, None: LOGIN}),
    ],
)
def test_each_role_gets_what_it_should_from_each_page(client, request, url_name, expected):
    url = reverse(url_name)
    for role, outcome in expected.items():
        user = request.getfixturevalue(role) if role else None
        assert_access(client, url, user, outcome)


def test_the_login_page_is_open_to_everyone(client):
    assert_access(client, reverse("login"), None, PAGE)


def test_a_draft_result_of_another_university_is_a_404_not_a_leak(client, alice, bob, carol, dora, erin, university):
    draft = factories.AchievementFactory(university=university, status="draft", published_at=None)
    url = reverse("achievements:detail", args=[draft.pk])
    assert_access(client, url, alice, PAGE)
    assert_access(client, url, bob, PAGE)
    assert_access(client, url, dora, PAGE)
    assert_access(client, url, carol, NOT_FOUND)
    assert_access(client, url, erin, NOT_FOUND)
    assert_access(client, url, None, LOGIN)


def test_a_published_result_is_readable_by_every_logged_in_role(client, carol, erin, university):
    published = factories.AchievementFactory(university=university)
    url = reverse("achievements:detail", args=[published.pk])
    assert_access(client, url, carol, PAGE)
    assert_access(client, url, erin, PAGE)


@pytest.mark.parametrize("pk", [999999, 0])
def test_unknown_ids_are_404_not_500(client, alice, pk):
    assert_access(client, f"/results/{pk}/", alice, NOT_FOUND)


def test_an_enterprise_sees_only_its_own_needs(client, erin, enterprise):
    own = factories.TechNeedFactory(enterprise=enterprise, title="我们自己的需求")
    other = factories.TechNeedFactory(title="别家公司的需求")
    client.force_login(erin)
    page = client.get(reverse("needs:list")).content.decode()
    assert own.title in page
    assert other.title not in page


def test_officers_do_not_see_needs_still_waiting_for_review(client, alice):
    factories.TechNeedFactory(title="已开放的需求")
    factories.TechNeedFactory(title="待审核的需求", status="submitted", approved_at=None)
    client.force_login(alice)
    page = client.get(reverse("needs:list")).content.decode()
    assert "已开放的需求" in page
    assert "待审核的需求" not in page


def test_officers_see_only_their_own_universitys_visits(client, alice, carol, pair, other_pair):
    factories.CampusVisitFactory(pair=pair, notes="x")
    factories.CampusVisitFactory(pair=other_pair, notes="y")
    client.force_login(alice)
    response = client.get(reverse("visits:list"))
    assert [visit.university for visit in response.context["page_obj"]] == [pair.university]


def test_the_list_pages_do_not_run_a_query_per_row(client, alice, pair, django_assert_max_num_queries):
    for _ in range(15):
        factories.CampusVisitFactory(pair=pair)
        factories.AchievementFactory(university=pair.university)
    client.force_login(alice)
    for url_name in ("visits:list", "achievements:list", "universities:list", "home"):
        with django_assert_max_num_queries(16):
            assert client.get(reverse(url_name)).status_code == 200


def test_sessions_are_listed_newest_first_with_only_signed_deals_counted(client, dora):
    from deals.models import Deal

    older = factories.MatchmakingEventFactory(name="旧专场", held_on="2025-03-01")
    newer = factories.MatchmakingEventFactory(name="新专场", held_on="2026-03-01")
    Deal.objects.create(
        achievement=factories.AchievementFactory(),
        enterprise=factories.EnterpriseFactory(),
        mode="licence",
        event=newer,
    )
    client.force_login(dora)
    events = list(client.get(reverse("deals:event_list")).context["events"])
    assert events == [newer, older]
    assert events[0].signing_count == 0
