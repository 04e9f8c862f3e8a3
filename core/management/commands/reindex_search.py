from django.core.management.base import BaseCommand

from achievements.models import Achievement
from achievements.services import achievement_reindex
from requests.models import TechNeed
from requests.services import need_reindex


class Command(BaseCommand):
    help = "Rebuild the search terms of every research result and technology need (after an import, or rows made "
    "without the services)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Rows loaded per query.")

    def handle(self, *args, batch_size, **options):
        results = Achievement.objects.select_related("team").order_by("pk")
        for achievement in results.iterator(chunk_size=batch_size):
            achievement_reindex(achievement=achievement)
        for need in TechNeed.objects.order_by("pk").iterator(chunk_size=batch_size):
            need_reindex(need=need)
        message = f"Indexed {results.count()} research results and {TechNeed.objects.count()} technology needs."
        self.stdout.write(self.style.SUCCESS(message))
