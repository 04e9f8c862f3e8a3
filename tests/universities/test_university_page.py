"""The university page: profile, pairs past and present, teams, results, visit timeline and counts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, PAGE, assert_access
from universities.services import pair_station
from visits.models import FollowUpStatus

pytestmark = pytest.mark.django_db


def page_url(university):
    return reverse("universities:detail", args=[university.slug])


def test_who_may_open_a_university_page(client, university, alice, carol, dora, erin, admin_user):
    for user in (alice, carol, dora, admin_user):
        assert_access(client, page_url(university), user, PAGE)
    assert_access(client, page_url(university), erin, FORBIDDEN)
    assert_access(client, page_url(university), None, LOGIN)
    assert_access(client, "/universities/no-such-place/", alice, NOT_FOUND)


def test_a_university_cannot_take_the_teams_address_as_its_slug(university):
    university.slug = "teams"
    with pytest.raises(ValidationError):
        university.full_clean()


def test_it_shows_the_current_and_past_pairs_with_centres_and_dates(client, dora, pair, university):
    veterans = [m.officer for m in pair.memberships.all()]
    newcomers = [
        factories.LiaisonOfficerFactory(centre="enterprise_service"),
        factories.LiaisonOfficerFactory(centre="project_management"),
    ]
    pair_station(university=university, officers=newcomers, started_on=datetime.date(2023, 3, 1))
    dora.preferred_language = "en"
    dora.save()
    client.force_login(dora)
    response = client.get(page_url(university))
    page = response.content.decode()
    for officer in veterans + newcomers:
        assert str(officer.user) in page
    assert "Enterprise Service Center" in page
    assert "Project Management Center" in page
    assert "2020-12-01 – 2023-03-01" in page
    assert [p.is_active for p in response.context["pairs"]] == [True, False]


def test_counts_cover_teams_published_results_this_years_visits_and_open_follow_ups(client, alice, pair, team):
    university = pair.university
    factories.AchievementFactory(university=university, team=team)
    factories.AchievementFactory(university=university, team=team, status="draft", published_at=None)
    factories.CampusVisitFactory(pair=pair)
    factories.CampusVisitFactory(pair=pair, deleted_at=timezone.now())
    factories.CampusVisitFactory(pair=pair, visited_on=datetime.date(2020, 12, 20))
    factories.FollowUpFactory(university=university, owner=alice)
    factories.FollowUpFactory(university=university, owner=alice, status=FollowUpStatus.CANCELLED)
    client.force_login(alice)
    shown = client.get(page_url(university)).context["university"]
    assert (shown.team_count, shown.result_count, shown.visits_this_year, shown.open_follow_up_count) == (1, 1, 1, 1)


def test_the_timeline_lists_the_newest_visits_with_teams_and_purposes_but_no_deleted_ones(client, alice, pair, team):
    older = factories.CampusVisitFactory(pair=pair, visited_on=timezone.localdate() - datetime.timedelta(days=9))
    newer = factories.CampusVisitFactory(pair=pair)
    newer.teams.add(team)
    newer.purposes.add("scouting")
    deleted = factories.CampusVisitFactory(pair=pair, deleted_at=timezone.now())
    client.force_login(alice)
    response = client.get(page_url(pair.university))
    assert list(response.context["visits"]) == [newer, older]
    assert deleted not in response.context["visits"]
    timeline = response.content.decode().split('data-testid="visit-timeline"')[1]
    assert team.name in timeline


def test_results_are_the_ones_the_user_may_see(client, alice, carol, university, team):
    factories.AchievementFactory(university=university, team=team, title="已发布的成果")
    factories.AchievementFactory(university=university, team=team, title="草稿成果", status="draft", published_at=None)
    client.force_login(alice)
    page = client.get(page_url(university)).content.decode()
    assert "已发布的成果" in page and "草稿成果" in page
    client.force_login(carol)
    page = client.get(page_url(university)).content.decode()
    assert "已发布的成果" in page
    assert "草稿成果" not in page


def test_another_universitys_officer_sees_neither_its_teams_nor_its_visits(client, carol, pair, team):
    factories.CampusVisitFactory(pair=pair, notes="x").teams.add(team)
    client.force_login(carol)
    response = client.get(page_url(pair.university))
    page = response.content.decode()
    assert team.name not in page
    assert 'data-testid="visit-timeline"' not in page
    assert reverse("universities:team_detail", args=[team.pk]) not in page


def test_the_page_links_to_the_teams(client, alice, dora, team):
    for user in (alice, dora):
        client.force_login(user)
        page = client.get(page_url(team.university)).content.decode()
        assert reverse("universities:team_detail", args=[team.pk]) in page
        assert reverse("universities:team_list") in page


def test_the_university_page_does_not_run_a_query_per_row(client, dora, pair, django_assert_max_num_queries):
    # A past pair too, so the pairs' members are loaded for more than one pair.
    current = pair_station(
        university=pair.university,
        officers=[factories.LiaisonOfficerFactory(), factories.LiaisonOfficerFactory()],
        started_on=datetime.date(2023, 3, 1),
    )
    officer = current.memberships.get(seat=1).officer.user

    def add_rows(count):
        for _ in range(count):
            team = factories.ResearchTeamFactory(university=pair.university)
            factories.AchievementFactory(university=pair.university, team=team)
            visit = factories.CampusVisitFactory(pair=pair)
            visit.teams.add(team)
            visit.purposes.add("scouting", "follow_up")
            factories.FollowUpFactory(university=pair.university, owner=officer)

    for user in (officer, dora):
        client.force_login(user)
        add_rows(2)
        with django_assert_max_num_queries(16) as few:
            client.get(page_url(pair.university))
        add_rows(12)
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(page_url(pair.university))
