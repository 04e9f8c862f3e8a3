"""The portal's side of the engine: what may be matched, turned into engine documents, indexed once per run.

Only published (or in-negotiation) results and open (or matched) needs are documents: withdrawn and
transferred results, and rejected, closed or solved needs, are never suggested. The index is cached in the
process and rebuilt when the corpus changed, so one worker builds it once for every pair of a weekly run.
"""

import threading

from django.db.models import Count, Max, QuerySet

from achievements.models import Achievement, AchievementStatus
from matching.engine import MatchingIndex, NeedDoc, ResultDoc
from requests.models import NeedStatus, TechNeed

MATCHABLE_RESULT_STATUSES = (AchievementStatus.PUBLISHED, AchievementStatus.NEGOTIATING)
MATCHABLE_NEED_STATUSES = (NeedStatus.OPEN, NeedStatus.MATCHED)

_lock = threading.Lock()
_cached: dict = {"fingerprint": None, "index": None}


def matchable_results() -> QuerySet[Achievement]:
    return Achievement.objects.filter(status__in=MATCHABLE_RESULT_STATUSES)


def matchable_needs() -> QuerySet[TechNeed]:
    return TechNeed.objects.filter(status__in=MATCHABLE_NEED_STATUSES)


def _number(value) -> float | None:
    return None if value is None else float(value)


def result_document(result: Achievement) -> ResultDoc:
    return ResultDoc(
        id=str(result.pk),
        title=result.title,
        abstract=result.abstract,
        keywords=tuple(result.keyword_list),
        field=result.field,
        university=str(result.university_id),
        lang=result.language,
        trl=result.trl,
        modes=tuple(mode.code for mode in result.transfer_modes.all()),
        asking_price_wan=_number(result.asking_price_wan),
    )


def need_document(need: TechNeed) -> NeedDoc:
    return NeedDoc(
        id=str(need.pk),
        title=need.title,
        description=need.description,
        industry=need.industry,
        lang=need.language,
        extra_text="\n".join(part for part in (need.tried, need.target_indicators) if part),
        budget_min_wan=_number(need.budget_min_wan),
        budget_max_wan=_number(need.budget_max_wan),
        modes=tuple(mode.code for mode in need.preferred_modes.all()),
    )


def _fingerprint() -> tuple:
    """Changes whenever a matchable document is added, edited or leaves the corpus."""
    results = matchable_results().aggregate(count=Count("pk"), changed=Max("updated_at"))
    needs = matchable_needs().aggregate(count=Count("pk"), changed=Max("updated_at"))
    return (results["count"], results["changed"], needs["count"], needs["changed"])


def index_build() -> MatchingIndex:
    """A full build from the database: the rebuild everything else is checked against."""
    results = matchable_results().prefetch_related("transfer_modes").order_by("pk")
    needs = matchable_needs().prefetch_related("preferred_modes").order_by("pk")
    return MatchingIndex.build(
        results=[result_document(result) for result in results.iterator(chunk_size=2000)],
        needs=[need_document(need) for need in needs.iterator(chunk_size=2000)],
    )


def index_current() -> MatchingIndex:
    """The index of the corpus as it is now, built at most once per change of the corpus in this process."""
    fingerprint = _fingerprint()
    with _lock:
        if _cached["fingerprint"] != fingerprint:
            _cached["index"] = index_build()
            _cached["fingerprint"] = fingerprint
        return _cached["index"]
