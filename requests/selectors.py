from django.db.models import QuerySet

from accounts.access import STAFF_ROLES, user_has_role
from requests.models import EnterpriseMembership, NeedStatus, TechNeed

VISIBLE_TO_OFFICERS = (NeedStatus.OPEN, NeedStatus.MATCHED, NeedStatus.SOLVED)


def membership_of_user(*, user) -> EnterpriseMembership | None:
    if not getattr(user, "is_enterprise_user", False):
        return None
    return EnterpriseMembership.objects.select_related("enterprise").filter(user=user).first()


def need_list_for_user(*, user) -> QuerySet[TechNeed]:
    """An enterprise sees only its own needs; officers the approved ones; bureau staff and admins all."""
    queryset = TechNeed.objects.select_related("enterprise")
    if user_has_role(user, STAFF_ROLES):
        return queryset
    if user.is_officer:
        return queryset.filter(status__in=VISIBLE_TO_OFFICERS)
    membership = membership_of_user(user=user)
    if membership is None:
        return queryset.none()
    return queryset.filter(enterprise=membership.enterprise)


def need_open_list(*, limit: int) -> QuerySet[TechNeed]:
    return TechNeed.objects.filter(status=NeedStatus.OPEN).select_related("enterprise").order_by("-approved_at")[:limit]
