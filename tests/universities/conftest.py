"""Fixtures for the teams-and-contacts tests: one team with a contact at alice's university, one elsewhere."""

import pytest

from tests import factories


@pytest.fixture
def team(university):
    return factories.ResearchTeamFactory(university=university, name="激光微纳加工团队", leader="李教授")


@pytest.fixture
def contact(team):
    return factories.ContactFactory(team=team, name="张老师", phone="13912345678", email="zhang.laoshi@whu.edu.cn")


@pytest.fixture
def other_team(other_university):
    return factories.ResearchTeamFactory(university=other_university, name="数字孪生团队", leader="陈教授")


@pytest.fixture
def other_contact(other_team):
    return factories.ContactFactory(team=other_team, name="周老师", phone="13787654321", email="zhou@hust.edu.cn")
