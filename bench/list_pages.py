"""Time the officer's list pages and the Chinese search against a city-sized catalogue.

Usage (PostgreSQL, a scratch database that this script fills and empties):
    DJANGO_SETTINGS_MODULE=liaison_portal.settings_test TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \
        .venv/bin/python bench/list_pages.py --results 20000 --visits 5000

It prints one Markdown table row per page: median and 95th percentile of 30 requests and
the number of queries. Results go into docs/benchmarks.md by hand, with the date and machine.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison_portal.settings_test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REQUESTS = 30


def fill(results: int, visits: int) -> None:
    from tests import factories

    call_command("migrate", verbosity=0)
    call_command("flush", "--noinput", verbosity=0)
    pair = factories.LiaisonPairFactory()
    others = [factories.UniversityFactory() for _ in range(9)]
    words = ["锂电池", "直播", "激光", "钢铁", "水稻", "纺织", "传感器", "储能", "光纤", "机器人"]
    batch = []
    for n in range(results):
        university = pair.university if n % 10 == 0 else others[n % 9]
        batch.append(
            factories.AchievementFactory.build(
                university=university,
                team=None,
                title=f"{words[n % 10]}{words[(n * 7) % 10]}关键技术研究{n}",
                catalogued_by=pair.memberships.first().officer.user,
            )
        )
    from achievements.models import Achievement

    Achievement.objects.bulk_create(batch, batch_size=2000)
    call_command("reindex_search", verbosity=0)
    for _ in range(visits):
        factories.CampusVisitFactory(pair=pair)
    return pair.memberships.get(seat=1).officer.user


def measure(client: Client, url: str) -> tuple[float, float, int]:
    timings = []
    for _ in range(REQUESTS):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", type=int, default=20000)
    parser.add_argument("--visits", type=int, default=2000)
    args = parser.parse_args()
    officer = fill(args.results, args.visits)
    client = Client()
    client.force_login(officer)
    print(f"| page ({args.results} results, {args.visits} visits) | median ms | p95 ms | queries |")
    print("| --- | ---: | ---: | ---: |")
    for label, url in [
        ("results list", "/results/"),
        ("results search 电池", "/results/?q=电池"),
        ("results search 激光传感器", "/results/?q=激光传感器"),
        ("visits list", "/visits/"),
        ("home", "/"),
    ]:
        median, p95, queries = measure(client, url)
        print(f"| {label} | {median:.1f} | {p95:.1f} | {queries} |")


if __name__ == "__main__":
    main()
