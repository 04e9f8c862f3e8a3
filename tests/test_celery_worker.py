"""A real Celery worker process, fed through Redis, delivers the portal's mail.

The worker is started as a separate process against the test database, so this
proves the whole path production uses: web request → transaction commit →
Redis → worker → mail backend.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.urls import reverse

from liaison_portal.celery import app as celery_app
from tests import factories

WORKER_START_TIMEOUT = 60
DELIVERY_TIMEOUT = 30


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
            "--concurrency=1",
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


def wait_for_mail(mail_dir: Path) -> str:
    deadline = time.monotonic() + DELIVERY_TIMEOUT
    while time.monotonic() < deadline:
        files = list(mail_dir.glob("*.log"))
        if files:
            return files[0].read_text()
        time.sleep(0.25)
    raise AssertionError("the worker delivered no mail")


# The worker reads what the test wrote, so the data must be committed; the rollback afterwards
# restores the rows that migrations create (transfer modes, visit purposes).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_delivers_the_password_reset_email_after_the_request_commits(client, real_worker):
    officer = factories.UserFactory(role="officer", email="zhang.mingyuan@example.gov.cn")

    response = client.post(reverse("password_reset"), {"email": officer.email})

    assert response.status_code == 302
    mail = wait_for_mail(real_worker)
    assert "To: zhang.mingyuan@example.gov.cn" in mail
    assert "/accounts/reset/" in mail
