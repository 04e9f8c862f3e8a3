"""A real Celery worker process, fed through Redis, delivers the portal's mail.

The worker is started as a separate process against the test database, so this
proves the whole path production uses: web request → transaction commit →
Redis → worker → mail backend.
"""

import time
from pathlib import Path

import pytest
from django.urls import reverse

from tests import factories

DELIVERY_TIMEOUT = 30


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
