"""Rank achievements for needs from JSON Lines files, with the portal's engine and no database.

The bureau evaluates engines with this command (issue 6): TSV lines
`need_id<TAB>achievement_id<TAB>rank<TAB>score`, rank 1 best.
"""

from django.core.management.base import BaseCommand, CommandError

from matching.engine import MatchingIndex, jsonl


class Command(BaseCommand):
    help = "Rank achievements for each need (JSON Lines in, TSV out); touches no database."
    # System checks are skipped: the command must run where no database is configured or reachable.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--achievements", required=True, help="JSON Lines file of achievements")
        parser.add_argument("--needs", required=True, help="JSON Lines file of needs")
        parser.add_argument("--top", type=int, default=10, help="results per need (default 10)")
        parser.add_argument("--out", help="write the TSV here instead of standard output")

    def handle(self, *args, **options):
        if options["top"] < 1:
            raise CommandError("--top must be at least 1")
        try:
            results = jsonl.read_results(options["achievements"])
            needs = jsonl.read_needs(options["needs"])
        except jsonl.InputError as error:
            raise CommandError(str(error)) from error
        index = MatchingIndex.build(results=results, needs=needs)
        lines = (
            f"{c.need_id}\t{c.result_id}\t{c.rank}\t{c.score:.6f}\n"
            for _, candidates in index.rank_all_needs(top=options["top"], explain=False)
            for c in candidates
        )
        if options["out"]:
            try:
                with open(options["out"], "w", encoding="utf-8") as out:
                    out.writelines(lines)
            except OSError as error:
                raise CommandError(f"{options['out']}: cannot write ({error.strerror or error})") from error
        else:
            for line in lines:
                self.stdout.write(line, ending="")
