import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accounts.access import STAFF_ROLES, user_has_role
from achievements.models import Achievement
from requests.models import TechNeed
from requests.selectors import VISIBLE_TO_OFFICERS
from universities.models import Contact, ResearchTeam
from universities.selectors import university_of_user
from visits.models import CampusVisit, FollowUp, FollowUpStatus

LOOKUP_LIMIT = 20


def visit_list_for_user(*, user) -> QuerySet[CampusVisit]:
    """Visits of the officer's own university; bureau staff and admins see every university's."""
    queryset = CampusVisit.objects.filter(deleted_at__isnull=True).select_related("university")
    if user_has_role(user, STAFF_ROLES):
        return queryset
    university = university_of_user(user=user)
    if university is None:
        return queryset.none()
    return queryset.filter(university=university)


def visit_list_with_details(*, user) -> QuerySet[CampusVisit]:
    return visit_list_for_user(user=user).prefetch_related(
        "purposes",
        "officers_present",
        Prefetch("teams", queryset=ResearchTeam.objects.only("id", "name", "leader")),
    )


def visit_detail_for_user(*, user) -> QuerySet[CampusVisit]:
    return visit_list_with_details(user=user).prefetch_related(
        Prefetch("contacts", queryset=Contact.objects.select_related("team")),
        Prefetch("needs_presented", queryset=TechNeed.objects.select_related("enterprise")),
        "results_found",
        "catalogued_achievements",
        "follow_ups__owner",
    )


def visit_this_week(*, university, limit: int = 10) -> QuerySet[CampusVisit]:
    """The newest visits since Monday; the home page links to the full list."""
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    return (
        CampusVisit.objects.filter(university=university, deleted_at__isnull=True, visited_on__gte=monday)
        .prefetch_related("teams", "purposes")
        .order_by("-visited_on", "-created_at")[:limit]
    )


def follow_up_open_for(*, user) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(owner=user, status=FollowUpStatus.OPEN).select_related("visit").order_by("due_on")


def follow_up_list_for_user(*, user) -> QuerySet[FollowUp]:
    """The pair's follow-ups for an officer; every university's for bureau staff and admins."""
    queryset = FollowUp.objects.select_related("owner", "visit", "university").order_by("status", "due_on")
    if user_has_role(user, STAFF_ROLES):
        return queryset
    university = university_of_user(user=user)
    return queryset.filter(university=university) if university else queryset.none()


def lookup_teams(*, university, query: str) -> list[dict]:
    teams = ResearchTeam.objects.filter(university=university, name__icontains=query)[:LOOKUP_LIMIT]
    return [{"value": team.pk, "text": str(team)} for team in teams]


def lookup_contacts(*, university, query: str) -> list[dict]:
    contacts = Contact.objects.filter(team__university=university, name__icontains=query).select_related("team")
    return [
        {"value": contact.pk, "text": f"{contact.name}（{contact.team.name}）"} for contact in contacts[:LOOKUP_LIMIT]
    ]


def lookup_needs(*, query: str) -> list[dict]:
    from core.search import search_filter
    from requests.models import NeedSearchTerm

    needs = search_filter(
        TechNeed.objects.filter(status__in=VISIBLE_TO_OFFICERS), term_model=NeedSearchTerm, query=query
    ).order_by("-approved_at")
    return [{"value": need.pk, "text": need.title} for need in needs[:LOOKUP_LIMIT]]


def lookup_results(*, university, query: str) -> list[dict]:
    results = Achievement.objects.filter(university=university, title__icontains=query).order_by("-created_at")
    return [{"value": result.pk, "text": result.title} for result in results[:LOOKUP_LIMIT]]
