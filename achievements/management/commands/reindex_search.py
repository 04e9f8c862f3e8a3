from django.core.management.base import BaseCommand

from achievements.models import Achievement
from achievements.services import achievement_reindex


class Command(BaseCommand):
    help = "Rebuild the search terms of every research result (after an import, or rows made without the services)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Results loaded per query.")

    def handle(self, *args, batch_size, **options):
        count = 0
        results = Achievement.objects.select_related("team").order_by("pk")
        for achievement in results.iterator(chunk_size=batch_size):
            achievement_reindex(achievement=achievement)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} research results."))
