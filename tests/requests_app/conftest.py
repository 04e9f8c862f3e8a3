import datetime

import pytest
from django.utils import timezone

from requests import services
from requests.models import NeedStatus
from tests import factories


@pytest.fixture
def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def need_data(tomorrow):
    """What an enterprise types into the guided form, as the services take it."""
    return {
        "title": "储能电池低温容量衰减",
        "description": "我司储能电池在零下20摄氏度时容量衰减超过40%，需要低温电解液或正极改性方案。",
        "tried": "更换了两家电解液供应商，效果有限。",
        "target_indicators": "零下20摄氏度容量保持率不低于80%",
        "industry": "new_energy",
        "budget_min_wan": 50,
        "budget_max_wan": 200,
        "deadline": tomorrow,
        "language": "zh",
        "is_public": False,
    }


@pytest.fixture
def form_data(need_data):
    """The same need as the browser posts it."""
    return {
        **need_data,
        "deadline": need_data["deadline"].isoformat(),
        "preferred_modes": ["licence", "co_development"],
        "action": "submit",
    }


@pytest.fixture
def draft(erin, enterprise, need_data):
    return services.need_create(user=erin, enterprise=enterprise, **need_data)


@pytest.fixture
def submitted(draft):
    return services.need_submit(need=draft)


@pytest.fixture
def open_need(submitted):
    return services.need_approve(need=submitted)


@pytest.fixture
def other_enterprise_need(db):
    return factories.TechNeedFactory(status=NeedStatus.SUBMITTED, approved_at=None, title="别家公司的需求")
