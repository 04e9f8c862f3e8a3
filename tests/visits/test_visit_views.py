import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, PAGE, assert_access
from visits.models import CampusVisit, FollowUp

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(pair):
    return factories.CampusVisitFactory(pair=pair, notes="<script>alert('x')</script>与团队讨论")


def test_who_may_open_a_visit(client, visit, alice, bob, carol, dora, erin, admin_user):
    url = reverse("visits:detail", args=[visit.pk])
    for user, expected in [(alice, PAGE), (bob, PAGE), (dora, PAGE), (admin_user, PAGE), (carol, NOT_FOUND)]:
        assert_access(client, url, user, expected)
    assert_access(client, url, erin, FORBIDDEN)
    assert_access(client, url, None, LOGIN)


def test_who_may_edit_a_visit(client, visit, alice, bob, carol, dora, erin, admin_user):
    url = reverse("visits:edit", args=[visit.pk])
    for user, expected in [(alice, PAGE), (bob, PAGE), (admin_user, PAGE), (carol, NOT_FOUND)]:
        assert_access(client, url, user, expected)
    assert_access(client, url, dora, FORBIDDEN)
    assert_access(client, url, erin, FORBIDDEN)
    assert_access(client, url, None, LOGIN)


def test_another_universitys_officer_cannot_delete_a_visit(client, visit, carol, dora):
    url = reverse("visits:delete", args=[visit.pk])
    assert_access(client, url, carol, NOT_FOUND, method="post")
    assert_access(client, url, dora, FORBIDDEN, method="post")
    visit.refresh_from_db()
    assert visit.deleted_at is None


def test_the_log_a_visit_page_is_for_officers(client, alice, dora, erin):
    url = reverse("visits:create")
    assert_access(client, url, alice, PAGE)
    assert_access(client, url, dora, FORBIDDEN)
    assert_access(client, url, erin, FORBIDDEN)


@pytest.mark.parametrize("bad_id", ["999999", "0"])
def test_unknown_visit_ids_are_404(client, alice, bad_id):
    assert_access(client, f"/visits/{bad_id}/", alice, NOT_FOUND)


def test_notes_with_html_are_shown_escaped(client, alice, visit):
    client.force_login(alice)
    page = client.get(reverse("visits:detail", args=[visit.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def visit_post(pair, **overrides):
    return {
        "visited_on": timezone.localdate().isoformat(),
        "officers_present": [pair.memberships.get(seat=1).officer.user_id],
        "purposes": ["scouting"],
        "notes": "与团队讨论了中试放大。",
        "follow_ups-TOTAL_FORMS": "2",
        "follow_ups-INITIAL_FORMS": "0",
        "follow_ups-MIN_NUM_FORMS": "0",
        "follow_ups-MAX_NUM_FORMS": "10",
        **overrides,
    }


def test_logging_a_visit_saves_it_with_its_follow_up(client, alice, pair):
    team = factories.ResearchTeamFactory(university=pair.university)
    client.force_login(alice)
    due = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    response = client.post(
        reverse("visits:create"),
        visit_post(
            pair,
            teams=[team.pk],
            **{"follow_ups-0-title": "寄送合作协议样本", "follow_ups-0-due_on": due, "follow_ups-0-owner": alice.pk},
        ),
    )
    visit = CampusVisit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:detail", args=[visit.pk])
    assert list(visit.teams.all()) == [team]
    assert FollowUp.objects.get().title == "寄送合作协议样本"


def test_a_visit_form_with_an_error_keeps_everything_typed(client, alice, pair):
    team = factories.ResearchTeamFactory(university=pair.university, name="激光微加工团队")
    client.force_login(alice)
    future = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    response = client.post(
        reverse("visits:create"), visit_post(pair, visited_on=future, teams=[team.pk], notes="很重要的纪要")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert not CampusVisit.objects.exists()
    assert "很重要的纪要" in page
    assert "激光微加工团队" in page
    assert future in page


def test_a_team_of_another_university_cannot_be_slipped_into_a_visit(client, alice, pair, other_university):
    foreign = factories.ResearchTeamFactory(university=other_university)
    client.force_login(alice)
    response = client.post(reverse("visits:create"), visit_post(pair, teams=[foreign.pk]))
    assert response.status_code == 200
    assert not CampusVisit.objects.exists()


def test_a_new_team_can_be_created_inline_for_the_officers_university(client, alice, pair):
    client.force_login(alice)
    response = client.post(
        reverse("visits:team_quick_create"), {"team-name": "智能网联汽车团队", "team-leader": "李教授"}
    )
    assert response.status_code == 201
    team = pair.university.teams.get(name="智能网联汽车团队")
    assert response.json() == {"value": team.pk, "text": str(team)}


def test_an_inline_team_without_a_leader_gets_a_message(client, alice):
    client.force_login(alice)
    response = client.post(reverse("visits:team_quick_create"), {"team-name": "新团队"})
    assert response.status_code == 400
    assert "team-leader" not in response.json()["errors"] and "leader" in response.json()["errors"]


def test_team_lookup_finds_only_the_officers_own_teams(client, alice, pair, other_university):
    factories.ResearchTeamFactory(university=pair.university, name="储能电池团队")
    factories.ResearchTeamFactory(university=other_university, name="储能电池另一团队")
    client.force_login(alice)
    results = client.get(reverse("visits:lookup_teams"), {"q": "电池"}).json()["results"]
    assert [row["text"].split("（")[0] for row in results] == ["储能电池团队"]


def test_the_visit_list_filters_by_purpose_and_date(client, alice, pair):
    old = factories.CampusVisitFactory(pair=pair, visited_on=datetime.date(2026, 1, 5))
    old.purposes.set(["policy"])
    recent = factories.CampusVisitFactory(pair=pair, visited_on=datetime.date(2026, 3, 5))
    recent.purposes.set(["scouting"])
    client.force_login(alice)
    response = client.get(reverse("visits:list"), {"purpose": "scouting", "date_from": "2026-02-01"})
    assert list(response.context["page_obj"]) == [recent]


def test_the_csv_export_opens_in_excel_and_neutralises_formulas(client, alice, pair, other_pair):
    factories.CampusVisitFactory(pair=pair, notes='=HYPERLINK("http://evil")')
    factories.CampusVisitFactory(pair=other_pair, notes="别校的走访")
    client.force_login(alice)
    response = client.get(reverse("visits:export"))
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    assert "'=HYPERLINK" in body
    assert "别校的走访" not in body


def test_the_visit_list_does_not_run_a_query_per_visit(client, alice, pair, django_assert_max_num_queries):
    for _ in range(25):
        visit = factories.CampusVisitFactory(pair=pair)
        visit.teams.add(factories.ResearchTeamFactory(university=pair.university))
        visit.purposes.set(["scouting"])
    client.force_login(alice)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("visits:list")).status_code == 200


def test_an_inline_team_with_a_name_already_taken_gets_a_message_not_an_error_page(client, alice, pair):
    factories.ResearchTeamFactory(university=pair.university, name="智能网联汽车团队")
    client.force_login(alice)
    response = client.post(
        reverse("visits:team_quick_create"), {"team-name": "智能网联汽车团队", "team-leader": "李教授"}
    )
    assert response.status_code == 400
    assert response.json()["errors"]


def test_the_home_page_lists_the_ten_newest_visits_of_the_week_and_links_to_the_rest(client, alice, pair):
    for _ in range(12):
        factories.CampusVisitFactory(pair=pair)
    client.force_login(alice)
    response = client.get(reverse("home"))
    assert len(response.context["visits_this_week"]) == 10
    assert reverse("visits:list") in response.content.decode()
