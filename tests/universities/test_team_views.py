"""The research-team pages: who may open them, what they show, and how bad input is handled."""

import pytest
from django.urls import reverse

from tests import factories
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, PAGE, assert_access
from universities.models import ResearchTeam

pytestmark = pytest.mark.django_db


def test_who_may_open_the_team_list(client, alice, carol, dora, erin, admin_user):
    url = reverse("universities:team_list")
    for user in (alice, carol, dora, admin_user):
        assert_access(client, url, user, PAGE)
    assert_access(client, url, erin, FORBIDDEN)
    assert_access(client, url, None, LOGIN)


def test_who_may_open_a_team(client, team, alice, bob, carol, dora, erin, admin_user):
    url = reverse("universities:team_detail", args=[team.pk])
    for user, expected in [(alice, PAGE), (bob, PAGE), (dora, PAGE), (admin_user, PAGE), (carol, NOT_FOUND)]:
        assert_access(client, url, user, expected)
    assert_access(client, url, erin, FORBIDDEN)
    assert_access(client, url, None, LOGIN)


@pytest.mark.parametrize("url_name", ["universities:team_edit", "universities:team_merge"])
def test_who_may_edit_or_merge_a_team(client, team, alice, bob, carol, dora, erin, admin_user, url_name):
    url = reverse(url_name, args=[team.pk])
    for user, expected in [(alice, PAGE), (bob, PAGE), (admin_user, PAGE), (carol, NOT_FOUND)]:
        assert_access(client, url, user, expected)
    assert_access(client, url, dora, FORBIDDEN)
    assert_access(client, url, erin, FORBIDDEN)
    assert_access(client, url, None, LOGIN)


def test_who_may_add_a_team(client, alice, carol, dora, erin, admin_user):
    url = reverse("universities:team_create")
    for user in (alice, carol, admin_user):
        assert_access(client, url, user, PAGE)
    assert_access(client, url, dora, FORBIDDEN)
    assert_access(client, url, erin, FORBIDDEN)
    assert_access(client, url, None, LOGIN)


def test_bureau_staff_cannot_post_changes_either(client, team, dora):
    assert_access(
        client,
        reverse("universities:team_edit", args=[team.pk]),
        dora,
        FORBIDDEN,
        method="post",
        data={"name": "改名", "leader": "x"},
    )
    team.refresh_from_db()
    assert team.name == "激光微纳加工团队"


@pytest.mark.parametrize("path", ["/universities/teams/999999/", "/universities/teams/0/", "/universities/teams/-1/"])
def test_unknown_or_negative_team_ids_are_404(client, alice, path):
    assert_access(client, path, alice, NOT_FOUND)


def test_the_team_list_is_not_taken_for_a_university_called_teams(client, alice):
    client.force_login(alice)
    response = client.get("/universities/teams/")
    assert response.status_code == 200
    assert response.resolver_match.url_name == "team_list"


def test_an_officer_lists_only_her_own_universitys_teams(client, alice, team, other_team):
    client.force_login(alice)
    page = client.get(reverse("universities:team_list")).content.decode()
    assert team.name in page
    assert other_team.name not in page


def test_bureau_staff_filter_the_team_list_by_university(client, dora, team, other_team):
    client.force_login(dora)
    response = client.get(reverse("universities:team_list"), {"university": other_team.university.pk})
    assert [t.pk for t in response.context["page_obj"]] == [other_team.pk]
    assert "university" in response.context["filter"].form.fields


def test_officers_get_no_university_filter(client, alice):
    client.force_login(alice)
    response = client.get(reverse("universities:team_list"))
    assert "university" not in response.context["filter"].form.fields


def test_the_search_box_finds_teams_by_name_leader_or_discipline(client, alice, team, university):
    factories.ResearchTeamFactory(university=university, name="储能电池团队", leader="王教授", discipline="化学")
    client.force_login(alice)
    for query in ("电池", "王教授", "化学"):
        response = client.get(reverse("universities:team_list"), {"q": query})
        assert [t.name for t in response.context["page_obj"]] == ["储能电池团队"], query


def test_a_10000_character_search_is_refused_politely(client, alice, team):
    client.force_login(alice)
    response = client.get(reverse("universities:team_list"), {"q": "电" * 10000})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["q"]


def test_an_officer_adds_a_team_at_her_university(client, alice, university):
    client.force_login(alice)
    response = client.post(
        reverse("universities:team_create"), {"name": "智能网联汽车团队", "leader": "孙教授", "discipline": ""}
    )
    team = ResearchTeam.objects.get(name="智能网联汽车团队")
    assert team.university == university
    assert response.url == reverse("universities:team_detail", args=[team.pk])


def test_an_empty_team_name_keeps_what_was_typed(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("universities:team_create"), {"name": "  ", "leader": "孙教授", "discipline": "车辆工程"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert not ResearchTeam.objects.exists()
    assert "孙教授" in page
    assert "车辆工程" in page
    assert "is-invalid" in page


def test_a_duplicate_team_name_is_a_form_error_not_a_crash(client, alice, team):
    client.force_login(alice)
    response = client.post(reverse("universities:team_create"), {"name": team.name, "leader": "孙教授"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]


def test_html_in_a_team_name_is_shown_escaped(client, alice, university):
    team = factories.ResearchTeamFactory(university=university, name="<script>alert(1)</script>团队")
    client.force_login(alice)
    for url in (reverse("universities:team_detail", args=[team.pk]), reverse("universities:team_list")):
        page = client.get(url).content.decode()
        assert "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)" in page


def test_an_admin_picks_the_university_of_a_new_team(client, admin_user, other_university):
    client.force_login(admin_user)
    client.post(
        reverse("universities:team_create"), {"university": other_university.pk, "name": "新团队", "leader": "某教授"}
    )
    assert ResearchTeam.objects.get(name="新团队").university == other_university


def test_editing_a_team_shows_up_in_its_history(client, alice, team):
    client.force_login(alice)
    client.post(
        reverse("universities:team_edit", args=[team.pk]), {"name": team.name, "leader": "李明", "discipline": "光学"}
    )
    page = client.get(reverse("universities:team_detail", args=[team.pk])).content.decode()
    assert 'id="history"' in page
    assert "李明" in page
    assert str(alice) in page


def test_the_team_page_shows_its_visits_and_results_but_not_deleted_visits(client, alice, pair, team):
    kept = factories.CampusVisitFactory(pair=pair, notes="看了中试线")
    kept.teams.add(team)
    deleted = factories.CampusVisitFactory(pair=pair, notes="这次拜访已删除")
    deleted.teams.add(team)
    deleted.deleted_at = deleted.created_at
    deleted.save()
    factories.AchievementFactory(university=team.university, team=team, title="超快激光打孔设备")
    client.force_login(alice)
    page = client.get(reverse("universities:team_detail", args=[team.pk])).content.decode()
    assert "看了中试线" in page
    assert "这次拜访已删除" not in page
    assert "超快激光打孔设备" in page


def test_merging_from_the_page_moves_contacts_and_deletes_the_duplicate(client, alice, team, university):
    duplicate = factories.ResearchTeamFactory(university=university, name="激光团队（重复）")
    factories.ContactFactory(team=duplicate, name="刘博士")
    client.force_login(alice)
    response = client.post(
        reverse("universities:team_merge", args=[team.pk]), {"duplicate": duplicate.pk, "confirm": "on"}
    )
    assert response.url == reverse("universities:team_detail", args=[team.pk])
    assert not ResearchTeam.objects.filter(pk=duplicate.pk).exists()
    assert team.contacts.filter(name="刘博士").exists()


def test_a_merge_needs_the_confirmation_box(client, alice, team, university):
    duplicate = factories.ResearchTeamFactory(university=university)
    client.force_login(alice)
    response = client.post(reverse("universities:team_merge", args=[team.pk]), {"duplicate": duplicate.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["confirm"]
    assert ResearchTeam.objects.filter(pk=duplicate.pk).exists()


def test_a_team_of_another_university_cannot_be_merged_in(client, alice, team, other_team):
    client.force_login(alice)
    response = client.post(
        reverse("universities:team_merge", args=[team.pk]), {"duplicate": other_team.pk, "confirm": "on"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["duplicate"]
    assert ResearchTeam.objects.filter(pk=other_team.pk).exists()


def test_the_team_list_does_not_run_a_query_per_row(client, alice, dora, pair, django_assert_max_num_queries):
    def add_rows(count):
        for _ in range(count):
            team = factories.ResearchTeamFactory(university=pair.university)
            factories.ContactFactory(team=team)
            factories.AchievementFactory(university=pair.university, team=team)
            factories.CampusVisitFactory(pair=pair).teams.add(team)

    for user in (alice, dora):
        client.force_login(user)
        add_rows(2)
        with django_assert_max_num_queries(8) as few:
            client.get(reverse("universities:team_list"))
        add_rows(15)
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(reverse("universities:team_list"))


def test_the_list_sorts_by_number_of_visits(client, alice, pair, university):
    quiet = factories.ResearchTeamFactory(university=university, name="甲团队")
    busy = factories.ResearchTeamFactory(university=university, name="乙团队")
    for _ in range(2):
        factories.CampusVisitFactory(pair=pair).teams.add(busy)
    client.force_login(alice)
    response = client.get(reverse("universities:team_list"), {"sort": "-visits"})
    assert [t.pk for t in response.context["page_obj"]] == [busy.pk, quiet.pk]


def test_the_filter_state_is_kept_in_the_url_and_the_form(client, dora, team):
    client.force_login(dora)
    page = client.get(reverse("universities:team_list"), {"q": "激光", "sort": "-results"}).content.decode()
    assert 'value="激光"' in page
    assert '<option value="-results" selected>' in page


def test_the_merge_page_says_so_when_there_is_nothing_to_merge(client, alice, team):
    client.force_login(alice)
    response = client.get(reverse("universities:team_merge", args=[team.pk]))
    assert response.context["has_candidates"] is False
    assert 'data-testid="merge-form"' not in response.content.decode()
