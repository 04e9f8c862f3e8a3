import pytest

from achievements.models import AchievementStatus
from requests.models import NeedStatus
from tests import factories


@pytest.fixture
def result(university):
    """A published result of alice's university."""
    return factories.AchievementFactory(university=university, title="低温磷酸铁锂正极材料")


@pytest.fixture
def other_result(other_university):
    return factories.AchievementFactory(university=other_university, title="别校的成果")


@pytest.fixture
def need(enterprise, erin):
    return factories.TechNeedFactory(enterprise=enterprise, created_by=erin, status=NeedStatus.OPEN)


@pytest.fixture
def draft_result(university):
    return factories.AchievementFactory(university=university, status=AchievementStatus.DRAFT, published_at=None)


@pytest.fixture
def outsider(db):
    """A user of another enterprise."""
    return factories.EnterpriseMembershipFactory().user
