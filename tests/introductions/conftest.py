import pytest

from introductions.services import introduction_propose
from matching.models import Match, MatchState
from requests.models import NeedStatus
from tests import factories


@pytest.fixture
def result(university):
    return factories.AchievementFactory(university=university, title="低温磷酸铁锂正极材料")


@pytest.fixture
def professor(result):
    return factories.ContactFactory(team=result.team, name="李教授", phone="13800001234", email="li@whu.example.edu.cn")


@pytest.fixture
def need(enterprise, erin):
    return factories.TechNeedFactory(
        enterprise=enterprise, created_by=erin, status=NeedStatus.MATCHED, title="储能电池低温衰减"
    )


@pytest.fixture
def interested_match(need, result, alice):
    return Match.objects.create(need=need, achievement=result, state=MatchState.INTERESTED, forwarded_by=alice)


@pytest.fixture
def introduction(alice, interested_match, professor):
    return introduction_propose(officer=alice, match=interested_match, contact=professor, mode="licence")


@pytest.fixture
def outsider(db):
    """A user of another enterprise."""
    return factories.EnterpriseMembershipFactory().user
