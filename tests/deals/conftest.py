"""Fixtures for the deal tests: a published result of alice's university, an enterprise with an open need,
and a deal between them opened by alice. Messages are asserted by their English msgids."""

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def in_english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def result(university, alice):
    return factories.AchievementFactory(university=university, catalogued_by=alice, title="直播低延迟编码算法")


@pytest.fixture
def need(enterprise):
    return factories.TechNeedFactory(enterprise=enterprise, title="直播卡顿优化")


@pytest.fixture
def open_deal(result, enterprise, need, alice):
    from deals.services import deal_open

    return deal_open(achievement=result, enterprise=enterprise, opened_by=alice, mode="licence", need=need)
