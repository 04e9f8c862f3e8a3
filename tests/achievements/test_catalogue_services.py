"""Cataloguing, editing, publishing and withdrawing results through the services."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from achievements import services
from achievements.models import AchievementStatus
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_officer_catalogues_a_draft_at_her_university(alice, university, result_fields):
    result = services.achievement_create(user=alice, university=university, **result_fields)
    assert result.status == AchievementStatus.DRAFT
    assert result.published_at is None
    assert result.university == university
    assert result.catalogued_by == alice
    assert {mode.code for mode in result.transfer_modes.all()} == {"licence", "equity"}
    assert result.asking_price_wan == Decimal("300")


def test_the_creation_is_recorded_with_who_did_it(alice, university, result_fields):
    result = services.achievement_create(user=alice, university=university, **result_fields)
    (entry,) = result.history.all()
    assert entry.history_type == "+"
    assert entry.history_user == alice


def test_a_result_can_be_published_as_it_is_catalogued(alice, university, result_fields):
    result = services.achievement_create(user=alice, university=university, publish=True, **result_fields)
    assert result.status == AchievementStatus.PUBLISHED
    assert result.published_at is not None


def test_a_result_is_catalogued_from_a_visit_of_the_same_university(alice, pair, university, result_fields):
    visit = factories.CampusVisitFactory(pair=pair)
    result = services.achievement_create(user=alice, university=university, source_visit=visit, **result_fields)
    assert list(visit.catalogued_achievements.all()) == [result]


def test_a_visit_of_another_university_is_refused(alice, university, other_pair, result_fields):
    visit = factories.CampusVisitFactory(pair=other_pair)
    with pytest.raises(ValidationError) as error:
        services.achievement_create(user=alice, university=university, source_visit=visit, **result_fields)
    assert "source_visit" in error.value.message_dict


def test_keywords_are_tidied_into_one_separator_without_repeats(alice, university, result_fields):
    result_fields["keywords"] = "固态电池，电解质、 battery,, 固态电池；thin film"
    result = services.achievement_create(user=alice, university=university, **result_fields)
    assert result.keywords == "固态电池, 电解质, battery, thin film"
    assert result.keyword_list == ["固态电池", "电解质", "battery", "thin film"]


def test_an_officer_cannot_catalogue_at_another_university(alice, other_university, result_fields):
    result_fields["team"] = None
    with pytest.raises(PermissionDenied):
        services.achievement_create(user=alice, university=other_university, **result_fields)


def test_bureau_staff_cannot_catalogue(dora, university, result_fields):
    with pytest.raises(PermissionDenied):
        services.achievement_create(user=dora, university=university, **result_fields)


def test_a_team_of_another_university_is_refused(alice, university, other_team, result_fields):
    result_fields["team"] = other_team
    with pytest.raises(ValidationError) as error:
        services.achievement_create(user=alice, university=university, **result_fields)
    assert "team" in error.value.message_dict


@pytest.mark.parametrize("trl", [0, 10, -1])
def test_a_trl_outside_1_to_9_is_refused_with_a_message_not_a_database_error(alice, university, result_fields, trl):
    result_fields["trl"] = trl
    with pytest.raises(ValidationError) as error:
        services.achievement_create(user=alice, university=university, **result_fields)
    assert "trl" in error.value.message_dict


def test_a_negative_price_is_refused_with_a_message(alice, university, result_fields):
    result_fields["asking_price_wan"] = Decimal("-1")
    with pytest.raises(ValidationError):
        services.achievement_create(user=alice, university=university, **result_fields)


def test_publishing_needs_at_least_one_transfer_mode_and_nothing_is_saved_without(alice, university, result_fields):
    result_fields["transfer_modes"] = []
    with pytest.raises(ValidationError) as error:
        services.achievement_create(user=alice, university=university, publish=True, **result_fields)
    assert "transfer_modes" in error.value.message_dict
    assert not university.achievements.exists()


def test_a_draft_may_leave_the_transfer_modes_open(alice, university, result_fields):
    result_fields["transfer_modes"] = []
    assert services.achievement_create(user=alice, university=university, **result_fields).status == "draft"


def test_the_partner_officer_edits_a_draft_and_the_change_is_in_the_history(bob, draft, result_fields):
    result_fields["title"] = "氢燃料电池金属双极板涂层"
    updated = services.achievement_update(achievement=draft, user=bob, **result_fields)
    assert updated.title == "氢燃料电池金属双极板涂层"
    newest = updated.history.first()
    assert newest.history_type == "~"
    assert newest.history_user == bob
    assert newest.prev_record.title == "氢燃料电池双极板"


def test_an_officer_cannot_edit_another_universitys_result(carol, draft, result_fields):
    result_fields["team"] = None
    with pytest.raises(PermissionDenied):
        services.achievement_update(achievement=draft, user=carol, **result_fields)


def test_a_draft_is_published_with_save_and_publish(alice, draft, result_fields):
    updated = services.achievement_update(achievement=draft, user=alice, publish=True, **result_fields)
    assert updated.status == AchievementStatus.PUBLISHED


def test_a_published_result_must_keep_a_transfer_mode(alice, published, result_fields):
    result_fields["transfer_modes"] = []
    with pytest.raises(ValidationError) as error:
        services.achievement_update(achievement=published, user=alice, **result_fields)
    assert "transfer_modes" in error.value.message_dict


def test_a_transferred_result_cannot_be_changed(alice, university, team, result_fields):
    transferred = factories.AchievementFactory(university=university, team=team, status="transferred")
    with pytest.raises(ValidationError) as error:
        services.achievement_update(achievement=transferred, user=alice, **result_fields)
    assert error.value.code == "final"


def test_publishing_a_draft_without_transfer_modes_is_refused(draft):
    with pytest.raises(ValidationError):
        services.achievement_publish(achievement=draft)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_publishing_a_draft_with_transfer_modes_stamps_the_time(draft, modes):
    draft.transfer_modes.set([modes["assignment"]])
    published = services.achievement_publish(achievement=draft)
    assert published.status == "published"
    assert published.published_at is not None


def test_a_withdrawn_result_can_come_back_as_a_draft(published):
    withdrawn = services.achievement_withdraw(achievement=published)
    assert withdrawn.status == "withdrawn"
    assert services.achievement_restore(achievement=withdrawn).status == "draft"


def test_a_transferred_result_cannot_be_withdrawn(university):
    transferred = factories.AchievementFactory(university=university, status="transferred")
    with pytest.raises(ValidationError):
        services.achievement_withdraw(achievement=transferred)
