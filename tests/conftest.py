import os
import signal
import subprocess
import sys
import time

import pytest
import redis
from django.conf import settings
from django.db import connection

from accounts.models import Role
from liaison_portal.celery import app as celery_app
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


# -- a real Celery worker process (tests/test_celery_worker.py, tests/matching/test_digest_worker.py) --

WORKER_START_TIMEOUT = 60


@pytest.fixture
def broker():
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=3)
    client.ping()  # no Redis means a failing test, never a skipped one
    client.flushdb()
    return client


@pytest.fixture
def real_worker(broker, tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "liaison_portal.settings_test",
        "TEST_DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "TEST_CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    log = tmp_path / "worker.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "liaison_portal",
            "worker",
            "--loglevel=info",
            "--concurrency=2",
            "--without-gossip",
            "--without-mingle",
            f"--logfile={log}",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    deadline = time.monotonic() + WORKER_START_TIMEOUT
    while "ready." not in (log.read_text() if log.exists() else ""):
        assert process.poll() is None, f"the worker died:\n{log.read_text() if log.exists() else ''}"
        assert time.monotonic() < deadline, "the Celery worker did not start"
        time.sleep(0.25)
    celery_app.conf.task_always_eager = False
    try:
        yield mail_dir
    finally:
        celery_app.conf.task_always_eager = True
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
