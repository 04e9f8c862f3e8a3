"""The digest commands: beat's schedule registered from settings, digests built by hand."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django_celery_beat.models import PeriodicTask

from matching.models import Digest
from tests.matching import digest_data as data

pytestmark = pytest.mark.django_db


def test_the_weekly_schedule_is_registered_once_and_follows_the_setting(settings):
    call_command("setup_periodic_tasks", stdout=io.StringIO())
    settings.DIGEST_SCHEDULE = "30 6 * * tue"
    call_command("setup_periodic_tasks", stdout=io.StringIO())

    task = PeriodicTask.objects.get()
    assert task.task == "matching.tasks.digests_build_weekly"
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("30", "6", "tue")
    assert str(task.crontab.timezone) == "Asia/Shanghai"


def test_build_digests_makes_one_per_active_pair_and_is_safe_to_repeat(pair, other_pair, university, enterprise, erin):
    data.result(university, **data.BATTERY_RESULT)
    data.need(enterprise, erin, **data.BATTERY_NEED)
    out = io.StringIO()
    call_command("build_digests", "--week", "2026-11-25", stdout=out)
    call_command("build_digests", "--week", "2026-11-26", stdout=io.StringIO())

    assert Digest.objects.count() == 2
    assert set(Digest.objects.values_list("period_start", flat=True)) == {datetime.date(2026, 11, 23)}
    assert "2026-W48" in out.getvalue()


def test_build_digests_names_a_bad_week_or_pair(pair):
    with pytest.raises(CommandError, match="not a date"):
        call_command("build_digests", "--week", "next monday")
    with pytest.raises(CommandError, match="No active liaison pair"):
        call_command("build_digests", "--pair", "999999")


def test_the_weekly_task_queues_one_digest_per_active_pair_after_commit(
    pair, other_pair, django_capture_on_commit_callbacks
):
    from matching.tasks import digests_build_weekly

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert digests_build_weekly() == 2
    assert not Digest.objects.exists(), "nothing is queued before the commit"
    for callback in callbacks:
        callback()
    assert set(Digest.objects.values_list("pair", flat=True)) == {pair.pk, other_pair.pk}
