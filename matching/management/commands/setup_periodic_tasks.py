from django.conf import settings
from django.core.management.base import BaseCommand
from django_celery_beat.models import CrontabSchedule, PeriodicTask

WEEKLY_DIGESTS = "weekly matching digests"


class Command(BaseCommand):
    help = "Register the weekly digest run with Celery beat (schedule from DIGEST_SCHEDULE; editable in the admin)."

    def handle(self, *args, **options):
        minute, hour, day_of_month, month_of_year, day_of_week = settings.DIGEST_SCHEDULE.split()
        schedule, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_month=day_of_month,
            month_of_year=month_of_year,
            day_of_week=day_of_week,
            timezone=settings.TIME_ZONE,
        )
        task, created = PeriodicTask.objects.update_or_create(
            name=WEEKLY_DIGESTS,
            defaults={"task": "matching.tasks.digests_build_weekly", "crontab": schedule, "enabled": True},
        )
        verb = "Registered" if created else "Updated"
        self.stdout.write(f"{verb} “{task.name}”: {settings.DIGEST_SCHEDULE} ({settings.TIME_ZONE})")
