import os

import pytest

from accounts.models import Role
from tests import factories

# Playwright's sync API keeps an asyncio loop in the main thread; live_server's database
# set-up would otherwise raise SynchronousOnlyOperation. Only the test process sets this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters live in Redis: each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


# Named users reused everywhere: an officer (alice), her partner (bob), an officer of
# another university (carol), bureau staff (dora), an enterprise user (erin) and an admin.


@pytest.fixture
def university(db):
    return factories.UniversityFactory(name_zh="武汉大学", name_en="Wuhan University", short_name="武大")


@pytest.fixture
def other_university(db):
    return factories.UniversityFactory(name_zh="华中科技大学", name_en="Huazhong University of Science and Technology")


@pytest.fixture
def pair(university):
    return factories.LiaisonPairFactory(university=university)


@pytest.fixture
def alice(pair):
    return pair.memberships.get(seat=1).officer.user


@pytest.fixture
def bob(pair):
    return pair.memberships.get(seat=2).officer.user


@pytest.fixture
def other_pair(other_university):
    return factories.LiaisonPairFactory(university=other_university)


@pytest.fixture
def carol(other_pair):
    return other_pair.memberships.get(seat=1).officer.user


@pytest.fixture
def dora(db):
    return factories.UserFactory(role=Role.BUREAU, username="dora", full_name="王处长")


@pytest.fixture
def enterprise(db):
    return factories.EnterpriseFactory()


@pytest.fixture
def erin(enterprise):
    return factories.EnterpriseMembershipFactory(enterprise=enterprise, is_manager=True).user


@pytest.fixture
def admin_user(db):
    return factories.UserFactory(role=Role.ADMIN, username="root", is_staff=True, is_superuser=True)
