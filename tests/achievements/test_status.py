import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from achievements.models import AchievementStatus
from achievements.services import achievement_transition
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("trl", [0, 10])
def test_the_database_refuses_a_trl_outside_1_to_9(trl):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.AchievementFactory(trl=trl)


def test_a_negative_asking_price_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.AchievementFactory(asking_price_wan=-1)


def test_publishing_a_draft_stamps_the_publication_time():
    draft = factories.AchievementFactory(status=AchievementStatus.DRAFT, published_at=None)
    published = achievement_transition(achievement=draft, status=AchievementStatus.PUBLISHED)
    assert published.status == AchievementStatus.PUBLISHED
    assert published.published_at is not None


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (AchievementStatus.DRAFT, AchievementStatus.TRANSFERRED),
        (AchievementStatus.DRAFT, AchievementStatus.NEGOTIATING),
        (AchievementStatus.PUBLISHED, AchievementStatus.TRANSFERRED),
        (AchievementStatus.TRANSFERRED, AchievementStatus.PUBLISHED),
        (AchievementStatus.TRANSFERRED, AchievementStatus.WITHDRAWN),
        (AchievementStatus.WITHDRAWN, AchievementStatus.PUBLISHED),
    ],
)
def test_moves_the_pipeline_does_not_allow_are_refused_and_change_nothing(current, target):
    achievement = factories.AchievementFactory(status=current)
    with pytest.raises(ValidationError) as error:
        achievement_transition(achievement=achievement, status=target)
    assert error.value.code == "invalid_transition"
    achievement.refresh_from_db()
    assert achievement.status == current


def test_a_result_in_negotiation_goes_back_to_published_when_talks_fail():
    achievement = factories.AchievementFactory(status=AchievementStatus.NEGOTIATING)
    assert achievement_transition(achievement=achievement, status=AchievementStatus.PUBLISHED).status == "published"


def test_every_change_of_a_result_is_recorded_in_its_history():
    achievement = factories.AchievementFactory(status=AchievementStatus.DRAFT)
    achievement_transition(achievement=achievement, status=AchievementStatus.PUBLISHED)
    assert list(achievement.history.values_list("status", flat=True)) == ["published", "draft"]
