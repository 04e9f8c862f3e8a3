"""Time the weekly digests: the index build from the database and one pair's digest, first and later weeks.

Usage (PostgreSQL, a scratch database that this script fills and empties):
    DJANGO_SETTINGS_MODULE=liaison_portal.settings_test TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \
        .venv/bin/python bench/digest_build.py --results 10000 --needs 3000 --pairs 10

Texts are the frozen dev set's (tests/data/matching/), repeated with a number in the title, so the
vocabulary is realistic. Prints a Markdown table; results go into docs/benchmarks.md by hand.
"""

import argparse
import datetime
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison_portal.settings_test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

DEV_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "matching"
WEEK = datetime.date(2026, 11, 23)


def rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DEV_SET / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def fill(*, results: int, needs: int, pairs: int):
    from achievements.models import Achievement
    from requests.models import TechNeed
    from tests import factories

    call_command("migrate", verbosity=0)
    call_command("flush", "--noinput", verbosity=0)
    liaison_pairs = [factories.LiaisonPairFactory() for _ in range(pairs)]
    officer = liaison_pairs[0].memberships.first().officer.user
    enterprise = factories.EnterpriseFactory()
    creator = factories.EnterpriseMembershipFactory(enterprise=enterprise).user
    now = timezone.now()
    dev_results, dev_needs = rows("achievements.jsonl"), rows("needs.jsonl")
    Achievement.objects.bulk_create(
        Achievement(
            university=liaison_pairs[i % pairs].university,
            title=f"{row['title']} {i}",
            abstract=row["abstract"],
            field=row["field"],
            keywords=", ".join(row.get("keywords", [])),
            language=row["lang"],
            trl=row.get("trl") or 5,
            ip_type="invention_patent",
            status="published",
            catalogued_by=officer,
            published_at=now,
        )
        for i, row in ((i, dev_results[i % len(dev_results)]) for i in range(results))
    )
    TechNeed.objects.bulk_create(
        TechNeed(
            enterprise=enterprise,
            title=f"{row['title']} {i}",
            description=row["description"],
            industry=row["industry"],
            language=row["lang"],
            status="open",
            created_by=creator,
            approved_at=now,
        )
        for i, row in ((i, dev_needs[i % len(dev_needs)]) for i in range(needs))
    )
    return liaison_pairs


def timed(call):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        value = call()
        elapsed = time.perf_counter() - start
    return value, elapsed, len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", type=int, default=10000)
    parser.add_argument("--needs", type=int, default=3000)
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--new-needs", type=int, default=50, help="needs changed before the second week")
    options = parser.parse_args()

    from matching import corpus
    from matching.services import digest_build
    from requests.models import TechNeed

    pairs = fill(results=options.results, needs=options.needs, pairs=options.pairs)
    index, build_s, build_q = timed(corpus.index_build)
    first, first_s, first_q = timed(lambda: digest_build(pair=pairs[0], period_start=WEEK, index=index))
    for need in TechNeed.objects.order_by("pk")[: options.new_needs]:
        need.save()  # changed since the first digest: new again
    index = corpus.index_build()
    later, later_s, later_q = timed(
        lambda: digest_build(pair=pairs[0], period_start=WEEK + datetime.timedelta(days=7), index=index)
    )
    at_university = pairs[0].university.achievements.count()
    print(f"{options.results} results, {options.needs} needs, {options.pairs} pairs ({at_university} at the pair's)")
    print("| step | time | queries | items |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| index build from the database | {build_s:.1f} s | {build_q} | |")
    print(f"| one pair's first digest (every open need is new) | {first_s:.1f} s | {first_q} | {first.items.count()} |")
    changed = f"{options.new_needs} needs changed"
    print(f"| one pair's next digest ({changed}) | {later_s:.2f} s | {later_q} | {later.items.count()} |")
    call_command("flush", "--noinput", verbosity=0)


if __name__ == "__main__":
    main()
