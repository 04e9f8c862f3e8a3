"""Signals that tell a real answer from a text that only shares words with the need."""

from matching.engine import MatchingIndex, NeedDoc, ResultDoc, signals


def result(title, abstract="", **extra):
    return ResultDoc(id=extra.pop("id", "r"), title=title, abstract=abstract or title, **extra)


def test_reviews_and_studies_are_recognised_in_both_languages():
    assert signals.is_review(result("稻瘟病菌致病机理研究进展"))
    assert signals.is_review(result("网络直播内容审核的法律规制研究"))
    assert signals.is_review(result("Three decades of landslide susceptibility mapping: a bibliometric review"))
    assert signals.is_review(result("Perovskite light-emitting diodes: progress in efficiency"))
    assert not signals.is_review(result("钢包渣线用低碳镁碳砖"))
    assert not signals.is_review(result("Printable perovskite solar modules with carbon electrodes"))


def test_lab_only_methods_are_recognised_unless_the_lab_is_negated_or_compared():
    assert signals.is_lab_only(result("金相组织自动评级", "基于实验室光学显微镜采集的金相试样照片"))
    assert signals.is_lab_only(result("Rock tests", "True-triaxial laboratory fracturing experiments"))
    assert not signals.is_lab_only(result("柑橘黄龙病田间快速检测", "田间30分钟出结果，无需实验室设备。"))
    assert not signals.is_lab_only(result("即时检测卡盒", "与实验室荧光定量方法符合率98%。"))
    assert not signals.is_lab_only(result("焊接机器人离线编程与路径自动生成"))
    assert not signals.is_lab_only(result("带钢表面缺陷检测", "实验室验证后已在产线在线运行。"))


def test_inline_needs_are_recognised():
    assert signals.needs_inline(NeedDoc(id="n", title="冷轧产线带钢表面质量在线检测", description="x"))
    assert signals.needs_inline(NeedDoc(id="n", title="Inspection", description="on the production line", lang="en"))
    assert not signals.needs_inline(NeedDoc(id="n", title="钠离子电池负极", description="降低成本"))


NEED = NeedDoc(
    id="n",
    title="冷轧带钢表面缺陷在线检测",
    description="冷轧产线上需要在线识别带钢表面缺陷，替代人工抽检。",
    industry="intelligent_manufacturing",
)
SAME_WORDS = "带钢表面缺陷图像自动识别，准确率95%。"


def scores(*results):
    index = MatchingIndex.build(results=results, needs=[NEED])
    return {c.result_id: c.score for c in index.results_for_need("n")}


def test_a_lab_method_ranks_below_the_same_method_on_the_line():
    ranked = scores(
        result("带钢表面缺陷识别", SAME_WORDS + "适用于产线在线检测。", id="inline", field="intelligent_manufacturing"),
        result("带钢表面缺陷识别", SAME_WORDS + "适用于实验室检测。", id="lab", field="intelligent_manufacturing"),
    )
    assert ranked["inline"] > ranked["lab"]


def test_a_review_ranks_below_the_technology_it_reviews():
    ranked = scores(
        result("带钢表面缺陷在线检测", SAME_WORDS, id="tech", field="intelligent_manufacturing"),
        result("带钢表面缺陷在线检测研究进展", SAME_WORDS, id="review", field="intelligent_manufacturing"),
    )
    assert ranked["tech"] > 1.5 * ranked["review"]


def test_a_very_early_result_and_another_field_rank_lower():
    ranked = scores(
        result("带钢表面缺陷在线检测", SAME_WORDS, id="ready", field="intelligent_manufacturing", trl=6),
        result("带钢表面缺陷在线检测", SAME_WORDS, id="idea", field="intelligent_manufacturing", trl=2),
        result("带钢表面缺陷在线检测", SAME_WORDS, id="elsewhere", field="agriculture", trl=6),
    )
    assert ranked["ready"] > ranked["idea"]
    assert ranked["ready"] > ranked["elsewhere"]
