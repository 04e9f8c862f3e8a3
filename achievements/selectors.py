from django.db.models import Q, QuerySet

from accounts.access import STAFF_ROLES, user_has_role
from achievements.models import Achievement, AchievementStatus
from universities.selectors import university_of_user

PUBLIC_STATUSES = (AchievementStatus.PUBLISHED, AchievementStatus.NEGOTIATING, AchievementStatus.TRANSFERRED)


def achievement_list_for_user(*, user) -> QuerySet[Achievement]:
    """Published results of every university, plus an officer's own university's drafts; staff see all."""
    queryset = Achievement.objects.select_related("university", "team")
    if user_has_role(user, STAFF_ROLES):
        return queryset
    visible = Q(status__in=PUBLIC_STATUSES)
    university = university_of_user(user=user)
    if university is not None:
        visible |= Q(university=university)
    return queryset.filter(visible)


def achievement_newest_at(*, university, limit: int = 6) -> QuerySet[Achievement]:
    return (
        Achievement.objects.filter(university=university)
        .exclude(status=AchievementStatus.WITHDRAWN)
        .select_related("team")
        .order_by("-created_at")[:limit]
    )
