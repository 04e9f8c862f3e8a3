from django.db.models import QuerySet

from accounts.access import STAFF_ROLES, user_has_role
from accounts.models import User
from requests.filters import DEFAULT_SORT, NeedFilter
from requests.models import EnterpriseMembership, NeedStatus, TechNeed

VISIBLE_TO_OFFICERS = (NeedStatus.OPEN, NeedStatus.MATCHED, NeedStatus.SOLVED)


def enterprise_users(*, enterprise_id: int) -> QuerySet[User]:
    """The enterprise's active users: who hears about its registration, needs, matches and introductions."""
    return User.objects.filter(enterprise_membership__enterprise_id=enterprise_id, is_active=True)


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


def need_filter_for_user(*, user, data):
    """The need list of `user` narrowed by the filters in `data` (the query string)."""
    queryset = need_list_for_user(user=user).prefetch_related("preferred_modes").order_by(*DEFAULT_SORT)
    statuses = VISIBLE_TO_OFFICERS if user.is_officer else None
    return NeedFilter(data, queryset=queryset, statuses=statuses)


def need_detail_for_user(*, user) -> QuerySet[TechNeed]:
    """The needs `user` may open; any other id is a 404."""
    return need_list_for_user(user=user).select_related("created_by").prefetch_related("preferred_modes")


def need_editable_for_user(*, user) -> QuerySet[TechNeed]:
    """The needs `user` may edit or close: only their own enterprise's."""
    membership = membership_of_user(user=user)
    if membership is None:
        return TechNeed.objects.none()
    return TechNeed.objects.select_related("enterprise").filter(enterprise=membership.enterprise)


def need_user_can_edit(*, user, need: TechNeed) -> bool:
    membership = membership_of_user(user=user)
    return membership is not None and membership.enterprise_id == need.enterprise_id


def need_review_queue() -> QuerySet[TechNeed]:
    """Submitted needs, oldest first, for bureau staff."""
    return (
        TechNeed.objects.filter(status=NeedStatus.SUBMITTED)
        .select_related("enterprise")
        .prefetch_related("preferred_modes")
        .order_by("updated_at", "pk")
    )


def need_open_list(*, limit: int) -> QuerySet[TechNeed]:
    return TechNeed.objects.filter(status=NeedStatus.OPEN).select_related("enterprise").order_by("-approved_at")[:limit]
