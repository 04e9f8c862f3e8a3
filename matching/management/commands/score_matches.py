"""Score a ranking run against graded judgements: P@5, Recall@10, nDCG@10 and MRR,
for all needs and for the cross-language ones."""

from django.core.management.base import BaseCommand, CommandError

from matching.engine import MatchingIndex, jsonl, metrics


class Command(BaseCommand):
    help = "Print P@5, Recall@10, nDCG@10 and MRR of a run (or of the engine itself) against qrels."
    requires_system_checks = []

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--run", help="TSV written by rank_matches")
        source.add_argument("--engine", action="store_true", help="run the engine on the files instead")
        parser.add_argument("--qrels", required=True, help="need_id<TAB>achievement_id<TAB>grade")
        parser.add_argument("--needs", required=True, help="JSON Lines file of needs")
        parser.add_argument("--achievements", required=True, help="JSON Lines file of achievements")

    def handle(self, *args, **options):
        try:
            results = jsonl.read_results(options["achievements"])
            needs = jsonl.read_needs(options["needs"])
            qrels = jsonl.read_qrels(options["qrels"])
            if options["run"]:
                run = jsonl.read_run(options["run"])
            else:
                index = MatchingIndex.build(results=results, needs=needs)
                run = {n: [c.result_id for c in cs] for n, cs in index.rank_all_needs(top=10)}
        except jsonl.InputError as error:
            raise CommandError(str(error)) from error
        cross = metrics.cross_language_needs(qrels, {n.id: n.lang for n in needs}, {r.id: r.lang for r in results})
        self.stdout.write("needs            " + "  ".join(f"{name:>9}" for name in metrics.METRICS) + "  count")
        for label, need_ids in (("all", sorted(qrels)), ("cross-language", cross)):
            figures = metrics.evaluate(run, qrels, need_ids)
            values = "  ".join(f"{figures[name]:>9.3f}" for name in metrics.METRICS)
            self.stdout.write(f"{label:<16} {values}  {figures['needs']:>5}")
