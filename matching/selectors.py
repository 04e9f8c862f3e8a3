from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.access import STAFF_ROLES, user_has_role
from achievements.models import Achievement
from introductions.models import Introduction
from matching.models import Digest, DigestSection, InterestRequest, Match, MatchState
from matching.reasons import reason_phrases
from matching.services import FORWARDABLE_RESULT_STATUSES
from requests.models import TechNeed
from requests.selectors import membership_of_user, need_list_for_user
from universities.selectors import university_of_user

FORWARDED_STATES = (
    MatchState.FORWARDED_TO_ENTERPRISE,
    MatchState.INTERESTED,
    MatchState.NOT_RELEVANT,
    MatchState.INTRODUCED,
)


def match_forwarded_list_for_user(*, user, need: TechNeed) -> QuerySet[Match]:
    """Results forwarded to `need`, if `user` may read the need: its enterprise, officers, bureau staff."""
    return (
        Match.objects.filter(need=need, state__in=FORWARDED_STATES, need__in=need_list_for_user(user=user))
        .select_related("achievement__university", "achievement__team", "forwarded_by")
        .prefetch_related(Prefetch("introductions", queryset=Introduction.objects.order_by("-proposed_at")))
        .order_by("-created_at", "-pk")
    )


def match_respondable_for_user(*, user) -> QuerySet[Match]:
    """Matches the user's enterprise may answer; any other id is a 404."""
    membership = membership_of_user(user=user)
    if membership is None:
        return Match.objects.none()
    return Match.objects.select_related("need", "achievement").filter(
        need__enterprise_id=membership.enterprise_id, state__in=FORWARDED_STATES
    )


def achievement_forwardable_by(*, officer) -> QuerySet[Achievement]:
    """The published results an officer may forward: those of the university they are stationed at."""
    university = university_of_user(user=officer)
    if university is None:
        return Achievement.objects.none()
    return Achievement.objects.filter(university=university, status__in=FORWARDABLE_RESULT_STATUSES).order_by(
        "title", "pk"
    )


def interest_newest_at(*, university, limit: int = 5):
    """The newest expressions of interest in a university's results, for its pair's home page."""
    return (
        InterestRequest.objects.filter(achievement__university=university)
        .select_related("achievement", "enterprise")
        .order_by("-created_at")[:limit]
    )


# -- digests -------------------------------------------------------------------------------------

ACTED_STATES = tuple(state for state in MatchState.values if state != MatchState.SUGGESTED)


def digest_list_for_user(*, user) -> QuerySet[Digest]:
    """Officers see their pair's digests (their university's, across restationings); bureau staff every pair's."""
    queryset = (
        Digest.objects.select_related("pair__university")
        .annotate(
            item_count=Count("items", distinct=True),
            suggestion_count=Count("items", filter=Q(items__match__isnull=False), distinct=True),
            acted_count=Count("items", filter=Q(items__match__state__in=ACTED_STATES), distinct=True),
        )
        .order_by("-period_start", "pair__university__name_zh")
    )
    if user_has_role(user, STAFF_ROLES):
        return queryset
    university = university_of_user(user=user) if getattr(user, "is_officer", False) else None
    if university is None:
        return queryset.none()
    return queryset.filter(pair__university=university)


def digest_sections(*, digest: Digest) -> list[dict]:
    """The digest's items grouped by section, in rank order, with everything a line shows."""
    items = (
        digest.items.select_related("match__achievement__team", "need__enterprise")
        .prefetch_related("need__preferred_modes")
        .order_by("section", "rank")
    )
    grouped = {section: [] for section in DigestSection.values}
    for item in items:
        item.reasons = reason_phrases(item.match.explanation) if item.match else []
        grouped[item.section].append(item)
    return [
        {"key": section, "label": DigestSection(section).label, "items": grouped[section]}
        for section in DigestSection.values
    ]
