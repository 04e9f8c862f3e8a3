"""Signals beyond shared words: what kind of result it is and whether it fits the need.

Each returns plain values; index.py turns them into multipliers on the text similarity.
"""

import re

from .types import NeedDoc, ResultDoc

# A review, survey or policy study describes a field; a need asks for a technology.
_REVIEW = re.compile(
    r"综述|研究进展|进展与展望|述评|文献计量|现状与展望|发展趋势|规制研究|政策研究|机理研究"
    r"|\breview\b|\bsurvey\b|bibliometric|state of the art|\bprogress in\b|\bprospects\b|\boverview\b",
    re.IGNORECASE,
)
# The need wants it running on a production line; the result works on samples in a lab.
_INLINE = re.compile(r"在线|产线|生产线|量产|inline|in-line|on-line|production line|online inspection", re.I)
# Negated or compared mentions ("无需实验室", "与实验室方法符合", "without a laboratory") and
# offline robot programming are not lab-only methods.
_LAB_ONLY = re.compile(
    r"(?<!无需)(?<!不需)(?<!无须)(?<!脱离)(?<!替代)(?<!与)实验室(?!方法)|离线(?!编程)"
    r"|(?<!without )(?<!without a )(?<!no )(?<!than )\b(?:offline|laboratory|lab-scale|bench-scale|bench scale)\b"
    r"(?! programming)",
    re.I,
)


def is_review(result: ResultDoc) -> bool:
    return bool(_REVIEW.search(result.title) or _REVIEW.search(result.abstract[:80]))


def needs_inline(need: NeedDoc) -> bool:
    return bool(_INLINE.search(f"{need.title} {need.description} {need.extra_text}"))


def is_lab_only(result: ResultDoc) -> bool:
    text = f"{result.title} {result.abstract}"
    return bool(_LAB_ONLY.search(text)) and not _INLINE.search(text)


def field_agreement(need: NeedDoc, result: ResultDoc) -> str:
    if not need.industry or not result.field:
        return "unknown"
    return "same" if need.industry == result.field else "different"


def shared_modes(need: NeedDoc, result: ResultDoc) -> list[str]:
    return [mode for mode in result.modes if mode in need.modes]


def budget_fit(need: NeedDoc, result: ResultDoc) -> str:
    if need.budget_max_wan is None or result.asking_price_wan is None:
        return "unknown"
    return "within" if result.asking_price_wan <= need.budget_max_wan else "above"
