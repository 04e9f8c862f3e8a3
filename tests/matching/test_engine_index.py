"""Ranking, explanations and exclusions of the matching engine, on a tiny hand-made corpus."""

import json

import pytest

from matching.engine import GOOD_SCORE, Candidate, MatchingIndex, NeedDoc, ResultDoc

RESULTS = [
    ResultDoc(
        id="R-lidar-en",
        title="3D object detection from LiDAR point clouds for autonomous driving",
        abstract="A detector for lidar point clouds that stays accurate in rain and fog for self-driving cars.",
        field="automotive",
        lang="en",
        trl=5,
        modes=("licence", "co_development"),
        asking_price_wan=600,
    ),
    ResultDoc(
        id="R-lidar-forest",
        title="机载激光雷达点云的森林树高反演",
        abstract="利用无人机搭载激光雷达获取点云，反演森林树高与地形，用于林业资源调查。",
        field="geology",
        trl=6,
        modes=("licence",),
        asking_price_wan=100,
    ),
    ResultDoc(
        id="R-slag-zh",
        title="钢包渣线用低碳镁碳砖",
        abstract="降低镁碳砖碳含量并加入抗氧化剂，钢包渣线寿命提高30%，减少钢水增碳。",
        keywords=("镁碳砖", "钢包", "耐火材料"),
        field="advanced_materials",
        trl=7,
        modes=("licence", "assignment"),
        asking_price_wan=400,
    ),
    ResultDoc(
        id="R-slag-review",
        title="Refractory linings for steel ladles: a review",
        abstract="A review of magnesia-carbon refractory linings used in steel ladles and their wear at the slag line.",
        field="advanced_materials",
        lang="en",
        trl=1,
        modes=("commissioned_development",),
    ),
    ResultDoc(
        id="R-crayfish",
        title="稻虾共作生态种养技术",
        abstract="稻田养殖小龙虾，优化投放密度与水草种植，提高小龙虾规格。",
        field="agriculture",
        trl=8,
    ),
]

NEEDS = [
    NeedDoc(
        id="N-lidar",
        title="智能驾驶激光雷达点云感知算法",
        description="需要在雨雾天气下仍然可靠的激光雷达点云三维目标检测算法，用于自动驾驶。",
        industry="automotive",
        budget_max_wan=500,
        modes=("licence",),
    ),
    NeedDoc(
        id="N-ladle",
        title="Longer-lasting slag-line lining for steel ladles",
        description="Our ladle slag line wears out after 80 heats; we want magnesia-carbon bricks that last longer.",
        industry="advanced_materials",
        lang="en",
        budget_max_wan=300,
        modes=("licence", "assignment"),
    ),
]


@pytest.fixture(scope="module")
def index():
    return MatchingIndex.build(results=RESULTS, needs=NEEDS)


def test_a_chinese_need_finds_the_english_result_that_solves_it(index):
    top = index.results_for_need("N-lidar", top=3)
    assert top[0].result_id == "R-lidar-en"
    assert top[0].explanation["cross_language"] is True
    assert top[0].score >= GOOD_SCORE


def test_an_english_need_finds_the_chinese_result_that_solves_it(index):
    top = index.results_for_need("N-ladle", top=3)
    assert top[0].result_id == "R-slag-zh"


def test_a_review_ranks_below_the_technology(index):
    ranked = [c.result_id for c in index.results_for_need("N-ladle", top=5)]
    assert ranked.index("R-slag-review") > ranked.index("R-slag-zh")


def test_unrelated_results_are_not_suggested(index):
    assert "R-crayfish" not in [c.result_id for c in index.results_for_need("N-lidar", top=5)]


def test_candidates_are_ranked_from_one_with_scores_between_zero_and_one(index):
    top = index.results_for_need("N-lidar", top=5)
    assert [c.rank for c in top] == list(range(1, len(top) + 1))
    assert all(isinstance(c, Candidate) and 0 <= c.score <= 1 for c in top)
    assert [c.score for c in top] == sorted((c.score for c in top), reverse=True)


def test_the_explanation_names_shared_terms_in_both_languages(index):
    best = index.results_for_need("N-lidar", top=1)[0]
    explanation = best.explanation
    assert set(explanation) == {
        "terms", "field", "trl", "modes", "budget", "asking_price_wan", "budget_max_wan", "cross_language",
    }  # fmt: skip
    assert {"zh": "激光雷达", "en": "lidar"} in explanation["terms"]
    assert any(term["zh"] == "点云" and term["en"].startswith("point cloud") for term in explanation["terms"])
    assert len(explanation["terms"]) <= 6
    assert all(term["zh"] not in ("激光", "雷达") for term in explanation["terms"])  # parts of 激光雷达
    assert explanation["field"] == "same"
    assert explanation["trl"] == 5
    assert explanation["modes"] == ["licence"]
    assert explanation["budget"] == "above"
    assert explanation["asking_price_wan"] == 600 and explanation["budget_max_wan"] == 500
    json.dumps(explanation)


def test_reasons_show_a_shared_word_once_and_not_its_parts():
    need = NeedDoc(id="n", title="小龙虾尾冻藏", description="调味小龙虾尾冻藏后品质下降。")
    result = ResultDoc(id="r", title="小龙虾冷链保鲜", abstract="调味小龙虾尾超高压处理后冻藏。")
    terms = MatchingIndex.build(results=[result], needs=[need]).results_for_need("n")[0].explanation["terms"]
    shown = [term["zh"] for term in terms]
    assert "小龙虾" in shown
    assert "小龙" not in shown and "龙虾" not in shown
    assert len(shown) == len(set(shown))


def test_field_and_budget_read_unknown_and_within_when_they_should(index):
    forest = next(c for c in index.results_for_need("N-lidar", top=5) if c.result_id == "R-lidar-forest")
    assert forest.explanation["field"] == "different"
    assert forest.explanation["budget"] == "within"
    review = next(c for c in index.results_for_need("N-ladle", top=5) if c.result_id == "R-slag-review")
    assert review.explanation["budget"] == "unknown"


def test_allowed_and_excluded_ids_limit_the_results(index):
    allowed = index.results_for_need("N-lidar", allowed_result_ids={"R-lidar-forest", "R-crayfish"})
    assert [c.result_id for c in allowed] == ["R-lidar-forest"]
    excluded = index.results_for_need("N-lidar", excluded_result_ids=frozenset({"R-lidar-en"}))
    assert "R-lidar-en" not in [c.result_id for c in excluded]
    assert excluded[0].rank == 1
    assert index.results_for_need("N-lidar", allowed_result_ids=[]) == []


def test_needs_for_a_result_rank_the_needs_it_answers(index):
    top = index.needs_for_result("R-slag-zh", top=2)
    assert top[0].need_id == "N-ladle" and top[0].result_id == "R-slag-zh" and top[0].rank == 1
    assert index.needs_for_result("R-lidar-forest", allowed_need_ids={"N-lidar"})[0].need_id == "N-lidar"
    assert index.needs_for_result("R-slag-zh", excluded_need_ids=frozenset({"N-ladle"})) == []


def test_the_same_pair_scores_the_same_from_both_sides(index):
    from_need = next(c for c in index.results_for_need("N-ladle") if c.result_id == "R-slag-zh")
    from_result = next(c for c in index.needs_for_result("R-slag-zh") if c.need_id == "N-ladle")
    assert from_need.score == from_result.score


def test_ranking_is_deterministic_and_ties_go_by_id():
    twin = {"title": "稻虾共作生态种养", "abstract": "稻田养殖小龙虾，提高小龙虾规格。", "field": "agriculture"}
    results = [ResultDoc(id="b", **twin), ResultDoc(id="a", **twin), ResultDoc(id="c", **twin)]
    need = NeedDoc(id="n", title="稻虾田小龙虾规格偏小", description="稻田小龙虾规格偏小。", industry="agriculture")
    first = MatchingIndex.build(results=results, needs=[need]).results_for_need("n")
    again = MatchingIndex.build(results=list(reversed(results)), needs=[need]).results_for_need("n")
    assert [c.result_id for c in first] == ["a", "b", "c"]
    assert first == again


def test_rank_all_needs_gives_the_same_ranking_as_one_need_at_a_time(index):
    everything = dict(index.rank_all_needs(top=3, explain=True))
    for need in NEEDS:
        assert everything[need.id] == index.results_for_need(need.id, top=3)


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="duplicate result id 'x'"):
        MatchingIndex.build(results=[RESULTS[0].__class__(id="x", title="a", abstract="b")] * 2, needs=[])


def test_the_engine_imports_nothing_from_django():
    import subprocess
    import sys

    code = "import sys, matching.engine; print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "False"


def test_batches_of_needs_give_the_same_ranking_as_one_batch(index, monkeypatch):
    import matching.engine.index as engine_index

    whole = dict(index.rank_all_needs(top=3))
    monkeypatch.setattr(engine_index, "BATCH_SIZE", 1)
    assert dict(index.rank_all_needs(top=3)) == whole


def test_the_score_of_one_pair_is_the_score_in_the_ranking(index):
    best = index.results_for_need("N-ladle", top=1)[0]
    assert round(index.score("N-ladle", best.result_id), 6) == best.score


def test_an_empty_corpus_gives_an_empty_index_not_an_error():
    """A new portal has nothing published yet; the weekly run must still succeed."""
    empty = MatchingIndex.build(results=[], needs=[])
    assert list(empty.rank_all_needs(top=5)) == []
    only_needs = MatchingIndex.build(needs=[NeedDoc(id="N", title="储能电池低温衰减", description="低温电解液")])
    assert only_needs.results_for_need("N", top=5) == []
