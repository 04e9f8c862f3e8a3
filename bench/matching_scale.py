"""City-scale run of the matching engine on synthetic texts made from the dev set.

    .venv/bin/python bench/matching_scale.py --results 100000 --needs 20000 --sample 2000

Texts are recombined sentences of the dev set's results and needs (same languages, fields
and vocabulary), so tokenising and ranking cost what real texts would. It reports the
build time, the time to rank every need's top 10 (the rank_matches path, batched) measured
on `--sample` needs and extrapolated unless `--sample 0` ranks them all, one need and one
result looked up with explanations (the digest path), and peak memory.
"""

import argparse
import json
import random
import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matching.engine import MatchingIndex, NeedDoc, ResultDoc

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "matching"
SENTENCE = re.compile(r"[^。；.;]+[。；.;]?")


def _load(name):
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _mix(rng, pool, count):
    return "".join(rng.choice(pool) for _ in range(count))


def synthetic(results_count, needs_count, seed=2026):
    rng = random.Random(seed)
    achievements, needs = _load("achievements.jsonl"), _load("needs.jsonl")
    sentences = {}
    for record in achievements + needs:
        body = record.get("abstract") or record.get("description")
        sentences.setdefault(record["lang"], []).extend(SENTENCE.findall(body))
    results = []
    for i in range(results_count):
        base = rng.choice(achievements)
        results.append(
            ResultDoc(
                id=f"R{i:06d}",
                title=base["title"],
                abstract=_mix(rng, sentences[base["lang"]], 4),
                keywords=tuple(base.get("keywords") or ()),
                field=base["field"],
                lang=base["lang"],
                trl=base.get("trl"),
                modes=tuple(base.get("transfer_modes") or ()),
                asking_price_wan=base.get("asking_price_wan"),
            )
        )
    need_docs = []
    for i in range(needs_count):
        base = rng.choice(needs)
        need_docs.append(
            NeedDoc(
                id=f"N{i:05d}",
                title=base["title"],
                description=_mix(rng, sentences[base["lang"]], 5),
                industry=base["industry"],
                lang=base["lang"],
                budget_max_wan=base.get("budget_wan"),
                modes=tuple(base.get("preferred_modes") or ()),
            )
        )
    return results, need_docs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=int, default=100_000)
    parser.add_argument("--needs", type=int, default=20_000)
    parser.add_argument("--sample", type=int, default=2_000, help="needs ranked and timed (0 = all)")
    args = parser.parse_args()

    results, needs = synthetic(args.results, args.needs)
    started = time.perf_counter()
    index = MatchingIndex.build(results=results, needs=needs)
    build = time.perf_counter() - started
    print(f"build: {build:.1f} s for {len(results):,} results and {len(needs):,} needs")

    sample = len(needs) if args.sample == 0 else min(args.sample, len(needs))
    started = time.perf_counter()
    ranked = 0
    for _, candidates in index.rank_all_needs(top=10):
        ranked += 1
        assert candidates
        if ranked == sample:
            break
    rank = time.perf_counter() - started
    print(f"rank top 10: {rank:.1f} s for {ranked:,} needs ({rank / ranked * 1000:.1f} ms a need)")
    if ranked < len(needs):
        print(f"  all {len(needs):,} needs, extrapolated: {rank / ranked * len(needs) / 60:.1f} min")

    started = time.perf_counter()
    index.results_for_need(needs[0].id, top=10)
    one_need = time.perf_counter() - started
    started = time.perf_counter()
    index.needs_for_result(results[0].id, top=10)
    one_result = time.perf_counter() - started
    print(f"one need with explanations: {one_need * 1000:.0f} ms; one result: {one_result * 1000:.0f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
