from django.db.models import Prefetch, QuerySet

from achievements.models import Achievement
from introductions.models import Introduction
from matching.models import InterestRequest, Match, MatchState
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
