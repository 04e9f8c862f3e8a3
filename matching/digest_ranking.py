"""What goes into one pair's digest, chosen from an engine index. Pure: no database, easy to test.

Sections (DigestSection): new needs ranked against the university's results, the university's new results
ranked against open needs city-wide, and new needs with no good answer at this university (scouting hints).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from matching.engine import GOOD_SCORE, Candidate, MatchingIndex

ITEMS_PER_SECTION = 10
# A need or result shows at most this many times in a section, so one broad text cannot fill the digest.
PER_DOCUMENT = 2


@dataclass
class DigestPlan:
    new_needs: list[Candidate] = field(default_factory=list)
    new_results: list[Candidate] = field(default_factory=list)
    scouting: list[str] = field(default_factory=list)  # need ids, newest first


def _excluded_for(excluded_pairs: set[tuple[str, str]], *, need_id: str | None = None, result_id: str | None = None):
    if need_id is not None:
        return frozenset(r for n, r in excluded_pairs if n == need_id)
    return frozenset(n for n, r in excluded_pairs if r == result_id)


def _best(candidates: Iterable[Candidate]) -> list[Candidate]:
    good = [c for c in candidates if c.score >= GOOD_SCORE]
    return sorted(good, key=lambda c: (-c.score, c.need_id, c.result_id))[:ITEMS_PER_SECTION]


def digest_plan(
    *,
    index: MatchingIndex,
    university_result_ids: set[str],
    open_need_ids: set[str],
    new_need_ids: list[str],
    new_result_ids: list[str],
    excluded_pairs: set[tuple[str, str]],
) -> DigestPlan:
    """Rank what is new for one pair. `excluded_pairs` holds (need id, result id) never to suggest again."""
    plan = DigestPlan()
    per_need: list[Candidate] = []
    unanswered: list[str] = []
    for need_id in new_need_ids:
        candidates = index.results_for_need(
            need_id,
            top=PER_DOCUMENT,
            allowed_result_ids=university_result_ids,
            excluded_result_ids=_excluded_for(excluded_pairs, need_id=need_id),
        )
        good = [c for c in candidates if c.score >= GOOD_SCORE]
        per_need.extend(good)
        if not good:
            unanswered.append(need_id)
    plan.new_needs = _best(per_need)
    plan.scouting = unanswered[:ITEMS_PER_SECTION]

    per_result: list[Candidate] = []
    for result_id in new_result_ids:
        per_result.extend(
            index.needs_for_result(
                result_id,
                top=PER_DOCUMENT,
                allowed_need_ids=open_need_ids,
                excluded_need_ids=_excluded_for(excluded_pairs, result_id=result_id),
            )
        )
    # A pair already listed under new needs is not listed twice.
    listed = {(c.need_id, c.result_id) for c in plan.new_needs}
    plan.new_results = _best(c for c in per_result if (c.need_id, c.result_id) not in listed)
    return plan
