from django.conf import settings
from django.db.models import Count, Q, QuerySet

from accounts.access import PORTAL_ROLES, user_has_role
from deals.models import SIGNED_STAGES, EventTarget, MatchmakingEvent


def event_list_for_user(*, user) -> QuerySet[MatchmakingEvent]:
    """Officers and bureau staff see every session; enterprises the published ones."""
    queryset = (
        MatchmakingEvent.objects.select_related("university")
        .annotate(
            signing_count=Count("deals", filter=Q(deals__stage__in=SIGNED_STAGES), distinct=True),
            result_count=Count("achievements_on_show", distinct=True),
        )
        .order_by("-held_on")
    )
    if user_has_role(user, PORTAL_ROLES):
        return queryset
    return queryset.filter(is_published=True)


def event_targets_for_year(*, year: int) -> dict[str, int]:
    """The yearly session targets by level: the admin's figures where set, else the plan's defaults in settings."""
    targets = dict(settings.EVENT_TARGETS_DEFAULT)
    targets.update(EventTarget.objects.filter(year=year).values_list("level", "target"))
    return targets
