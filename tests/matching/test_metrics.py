"""Ranking metrics, checked against figures worked out by hand."""

import math

import pytest

from matching.engine import metrics

GRADES = {"a": 2, "b": 1}  # everything else is grade 0


def test_precision_counts_partly_relevant_results_as_relevant():
    assert metrics.precision_at(["x", "a", "y", "b", "z"], GRADES, 5) == pytest.approx(2 / 5)
    assert metrics.precision_at(["a"], GRADES, 5) == pytest.approx(1 / 5)  # a short list is not rewarded


def test_recall_is_the_share_of_relevant_results_found():
    assert metrics.recall_at(["a", "x"], GRADES, 10) == pytest.approx(1 / 2)
    assert metrics.recall_at(["x"] * 10 + ["a"], GRADES, 10) == 0
    assert metrics.recall_at(["a"], {}, 10) == 0


def test_reciprocal_rank_is_one_over_the_first_relevant_position():
    assert metrics.reciprocal_rank(["x", "y", "b", "a"], GRADES) == pytest.approx(1 / 3)
    assert metrics.reciprocal_rank(["x"], GRADES) == 0


def test_ndcg_uses_the_grades_as_gains():
    # ideal: a (gain 3) then b (gain 1): 3/log2(2) + 1/log2(3)
    ideal = 3 + 1 / math.log2(3)
    assert metrics.ndcg_at(["a", "b"], GRADES, 10) == pytest.approx(1.0)
    # b first, a third: 1/log2(2) + 3/log2(4)
    assert metrics.ndcg_at(["b", "x", "a"], GRADES, 10) == pytest.approx((1 + 3 / 2) / ideal)
    assert metrics.ndcg_at(["x"], GRADES, 10) == 0


def test_evaluate_averages_over_needs_and_scores_a_missing_need_zero():
    qrels = {"n1": {"a": 2}, "n2": {"b": 2}}
    figures = metrics.evaluate({"n1": ["a"]}, qrels, ["n1", "n2"])
    assert figures == {"P@5": pytest.approx(0.1), "Recall@10": 0.5, "nDCG@10": 0.5, "MRR": 0.5, "needs": 2}


def test_cross_language_needs_are_those_whose_solving_results_are_all_in_the_other_language():
    qrels = {"n1": {"a": 2, "b": 1}, "n2": {"c": 2}, "n3": {"a": 2, "c": 2}}
    need_lang = {"n1": "zh", "n2": "zh", "n3": "zh"}
    result_lang = {"a": "en", "b": "zh", "c": "zh"}
    assert metrics.cross_language_needs(qrels, need_lang, result_lang) == ["n1"]
