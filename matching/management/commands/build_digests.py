import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from matching import corpus, services
from universities.models import LiaisonPair


class Command(BaseCommand):
    help = "Build this week's matching digest for every active liaison pair (or one), now, in this process."

    def add_arguments(self, parser):
        parser.add_argument("--week", help="Any date in the week, YYYY-MM-DD (default: today).")
        parser.add_argument("--pair", type=int, help="Only this pair (id).")
        parser.add_argument(
            "--rebuild", action="store_true", help="Recompute existing digests from a full index (no second email)."
        )

    def handle(self, *args, week=None, pair=None, rebuild=False, **options):
        try:
            day = datetime.date.fromisoformat(week) if week else timezone.localdate()
        except ValueError:
            raise CommandError(f"--week {week!r} is not a date like 2026-11-23.") from None
        pairs = LiaisonPair.objects.filter(ended_on__isnull=True).select_related("university").order_by("pk")
        if pair is not None:
            pairs = pairs.filter(pk=pair)
            if not pairs.exists():
                raise CommandError(f"No active liaison pair has the id {pair}.")
        index = corpus.index_build()
        period_start = services.period_start_of(day)
        for liaison_pair in pairs:
            digest = services.digest_build(pair=liaison_pair, period_start=period_start, rebuild=rebuild, index=index)
            self.stdout.write(
                f"{liaison_pair.university.short_name} {period_start:%G-W%V}: {digest.items.count()} items"
            )
