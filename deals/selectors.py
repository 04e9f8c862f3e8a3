from django.db.models import Count, QuerySet

from accounts.access import PORTAL_ROLES, user_has_role
from deals.models import MatchmakingEvent


def event_list_for_user(*, user) -> QuerySet[MatchmakingEvent]:
    """Officers and bureau staff see every session; enterprises the published ones."""
    queryset = MatchmakingEvent.objects.select_related("university").annotate(
        signing_count=Count("deals", distinct=True), result_count=Count("achievements_on_show", distinct=True)
    )
    if user_has_role(user, PORTAL_ROLES):
        return queryset
    return queryset.filter(is_published=True)
