"""A real Celery worker makes each digest once, however often and however concurrently it is asked."""

import datetime
import time

import pytest

from matching.models import Digest
from matching.tasks import digest_build_for_pair
from notifications.models import Notification
from tests.matching import digest_data as data

WEEK = datetime.date(2026, 11, 23)
TIMEOUT = 60
SETTLE = 3


def mail_files(mail_dir):
    return sorted(mail_dir.glob("*.log"))


def wait_for(condition, *, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError("the worker did not finish in time")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_four_requests_two_at_a_time_make_one_digest_and_one_email_per_officer(
    real_worker, pair, alice, bob, university, enterprise, erin
):
    data.result(university, **data.BATTERY_RESULT)
    data.need(enterprise, erin, **data.BATTERY_NEED)

    for _ in range(4):  # a second beat, a retry and a manual run all at once
        digest_build_for_pair.delay(pair_id=pair.pk, period_start=WEEK.isoformat())

    wait_for(lambda: len(mail_files(real_worker)) >= 2)
    time.sleep(SETTLE)  # give any duplicate the time to show up

    assert Digest.objects.filter(pair=pair, period_start=WEEK).count() == 1
    digest = Digest.objects.get()
    assert digest.items.exists()
    assert Notification.objects.filter(event_key=f"digest:{digest.pk}").count() == 2
    mails = [path.read_text() for path in mail_files(real_worker)]
    assert len(mails) == 2
    assert sorted(next(line for line in mail.splitlines() if line.startswith("To: ")) for mail in mails) == sorted(
        [f"To: {alice.email}", f"To: {bob.email}"]
    )
    assert all("Content-Type: text/html" in mail for mail in mails)
