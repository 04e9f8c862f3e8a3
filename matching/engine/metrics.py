"""Ranking metrics for the scorer and the quality floor test.

Judgements are graded: 2 = solves the need, 1 = partly relevant, anything unjudged = 0.
P@k, Recall@k and MRR count a result as relevant at grade 1 or more (as trec_eval does
with a relevance threshold of 1); nDCG uses the grades as gains (2^grade - 1).
"""

import math
from collections.abc import Mapping, Sequence

Ranking = Sequence[str]
Grades = Mapping[str, int]


def precision_at(ranking: Ranking, grades: Grades, k: int) -> float:
    return sum(1 for doc in ranking[:k] if grades.get(doc, 0) > 0) / k


def recall_at(ranking: Ranking, grades: Grades, k: int) -> float:
    relevant = sum(1 for grade in grades.values() if grade > 0)
    if relevant == 0:
        return 0.0
    return sum(1 for doc in ranking[:k] if grades.get(doc, 0) > 0) / relevant


def reciprocal_rank(ranking: Ranking, grades: Grades) -> float:
    for position, doc in enumerate(ranking, start=1):
        if grades.get(doc, 0) > 0:
            return 1.0 / position
    return 0.0


def _dcg(gains: Sequence[int]) -> float:
    return sum((2**grade - 1) / math.log2(position + 1) for position, grade in enumerate(gains, start=1))


def ndcg_at(ranking: Ranking, grades: Grades, k: int) -> float:
    ideal = _dcg(sorted((g for g in grades.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return _dcg([grades.get(doc, 0) for doc in ranking[:k]]) / ideal


METRICS = ("P@5", "Recall@10", "nDCG@10", "MRR")


def evaluate(rankings: Mapping[str, Ranking], qrels: Mapping[str, Grades], need_ids: Sequence[str]) -> dict:
    """Mean of each metric over `need_ids` (a need missing from the run scores zero)."""
    if not need_ids:
        return dict.fromkeys(METRICS, 0.0) | {"needs": 0}
    totals = dict.fromkeys(METRICS, 0.0)
    for need_id in need_ids:
        ranking, grades = rankings.get(need_id, ()), qrels.get(need_id, {})
        totals["P@5"] += precision_at(ranking, grades, 5)
        totals["Recall@10"] += recall_at(ranking, grades, 10)
        totals["nDCG@10"] += ndcg_at(ranking, grades, 10)
        totals["MRR"] += reciprocal_rank(ranking, grades)
    return {name: value / len(need_ids) for name, value in totals.items()} | {"needs": len(need_ids)}


def cross_language_needs(qrels: Mapping[str, Grades], need_lang: Mapping[str, str], result_lang: Mapping[str, str]):
    """Needs whose language differs from that of every one of their grade-2 results."""
    chosen = []
    for need_id, grades in qrels.items():
        solving = [doc for doc, grade in grades.items() if grade >= 2]
        if solving and need_id in need_lang and all(result_lang.get(d) != need_lang[need_id] for d in solving):
            chosen.append(need_id)
    return sorted(chosen)
