"""Creating, editing and merging research teams (universities.services)."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from universities import services
from universities.models import Contact, ResearchTeam

pytestmark = pytest.mark.django_db


def test_a_team_name_of_only_spaces_is_refused(university):
    with pytest.raises(ValidationError) as error:
        services.team_create(university=university, name="   ", leader="李教授")
    assert "name" in error.value.message_dict


def test_a_second_team_with_the_same_name_is_refused_with_a_hint_to_merge(team):
    with pytest.raises(ValidationError) as error:
        services.team_create(university=team.university, name=f" {team.name} ", leader="王教授")
    assert "合并" in error.value.message_dict["name"][0]


def test_the_same_team_name_is_fine_at_another_university(team, other_university):
    created = services.team_create(university=other_university, name=team.name, leader="王教授")
    assert created.university == other_university


def test_editing_a_team_is_recorded_in_its_history(team):
    services.team_update(team=team, name=team.name, leader="李明教授", discipline="光学工程")
    newest = team.history.first()
    assert newest.history_type == "~"
    assert newest.leader == "李明教授"


@pytest.fixture
def duplicate(team, pair):
    duplicate = factories.ResearchTeamFactory(university=team.university, name="激光微纳加工课题组", discipline="光学")
    factories.ContactFactory(team=duplicate, name="刘博士")
    factories.ContactFactory(team=duplicate, name="赵博士")
    factories.AchievementFactory(university=team.university, team=duplicate, title="飞秒激光加工工艺")
    shared_visit = factories.CampusVisitFactory(pair=pair)
    shared_visit.teams.add(team, duplicate)
    factories.CampusVisitFactory(pair=pair).teams.add(duplicate)
    return duplicate


def test_merging_moves_contacts_visits_and_results_and_deletes_the_duplicate(team, duplicate):
    kept = services.team_merge(keep=team, duplicate=duplicate)

    assert kept == team
    assert not ResearchTeam.objects.filter(pk=duplicate.pk).exists()
    assert sorted(team.contacts.values_list("name", flat=True)) == ["刘博士", "赵博士"]
    assert list(team.achievements.values_list("title", flat=True)) == ["飞秒激光加工工艺"]
    assert team.visits.count() == 2  # the visit that met both teams is counted once


def test_merging_fills_in_a_discipline_the_kept_team_lacked(team, duplicate):
    team.discipline = ""
    team.save()
    services.team_merge(keep=team, duplicate=duplicate)
    team.refresh_from_db()
    assert team.discipline == "光学"


def test_a_merge_keeps_the_history_of_both_teams_and_of_each_moved_contact(team, duplicate):
    duplicate_pk = duplicate.pk
    moved = list(duplicate.contacts.all())
    services.team_merge(keep=team, duplicate=duplicate)

    assert ResearchTeam.history.filter(id=duplicate_pk).latest("history_date").history_type == "-"
    for contact in moved:
        teams_over_time = list(Contact.history.filter(id=contact.pk).order_by("history_date").values_list("team_id"))
        assert teams_over_time == [(duplicate_pk,), (team.pk,)]


def test_a_failed_merge_changes_nothing(team, duplicate):
    with (
        mock.patch.object(ResearchTeam, "delete", side_effect=RuntimeError("database went away")),
        pytest.raises(RuntimeError),
    ):
        services.team_merge(keep=team, duplicate=duplicate)

    assert duplicate.contacts.count() == 2
    assert duplicate.achievements.count() == 1
    assert duplicate.visits.count() == 2
    assert team.contacts.count() == 0
    assert team.visits.count() == 1


def test_teams_of_different_universities_cannot_be_merged(team, other_team):
    with pytest.raises(ValidationError):
        services.team_merge(keep=team, duplicate=other_team)
    assert ResearchTeam.objects.filter(pk=other_team.pk).exists()


def test_a_team_cannot_be_merged_into_itself(team):
    with pytest.raises(ValidationError):
        services.team_merge(keep=team, duplicate=team)


def test_every_relation_to_a_team_is_moved_by_the_merge():
    relations = {relation.get_accessor_name() for relation in ResearchTeam._meta.related_objects}
    assert relations == services.TEAM_RELATIONS_MOVED_ON_MERGE, (
        "A new relation points at ResearchTeam: move it in services.team_merge and list it."
    )


def test_a_renamed_teams_results_are_found_by_the_new_name(alice, pair):
    from achievements.models import Achievement, AchievementSearchTerm
    from achievements.services import achievement_reindex
    from core.search import search_filter
    from universities.services import team_update

    team = factories.ResearchTeamFactory(university=pair.university, name="旧名称团队")
    result = factories.AchievementFactory(university=pair.university, team=team)
    achievement_reindex(achievement=result)
    team_update(team=team, name="柔性电子团队", leader=team.leader)
    found = search_filter(Achievement.objects.all(), term_model=AchievementSearchTerm, query="柔性电子")
    assert list(found) == [result]
