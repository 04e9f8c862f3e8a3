import datetime

from django.db.models import QuerySet
from django.utils import timezone

from accounts.access import STAFF_ROLES, user_has_role
from universities.selectors import university_of_user
from visits.models import CampusVisit, FollowUp, FollowUpStatus


def visit_list_for_user(*, user) -> QuerySet[CampusVisit]:
    """Visits of the officer's own university; bureau staff and admins see every university's."""
    queryset = CampusVisit.objects.filter(deleted_at__isnull=True).select_related("university")
    if user_has_role(user, STAFF_ROLES):
        return queryset
    university = university_of_user(user=user)
    if university is None:
        return queryset.none()
    return queryset.filter(university=university)


def visit_this_week(*, university) -> QuerySet[CampusVisit]:
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    return (
        CampusVisit.objects.filter(university=university, deleted_at__isnull=True, visited_on__gte=monday)
        .prefetch_related("teams", "purposes")
        .order_by("-visited_on")
    )


def follow_up_open_for(*, user) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(owner=user, status=FollowUpStatus.OPEN).select_related("visit").order_by("due_on")
