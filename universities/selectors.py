from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.access import STAFF_ROLES, user_has_role
from accounts.models import Role, User
from achievements.models import Achievement, AchievementStatus
from universities.models import Contact, ContactDataView, LiaisonPair, PairMembership, ResearchTeam, University
from visits.models import CampusVisit, FollowUp, FollowUpStatus

# Results readable by everyone: what the lists and counts call "published".
PUBLISHED_STATUSES = (AchievementStatus.PUBLISHED, AchievementStatus.NEGOTIATING, AchievementStatus.TRANSFERRED)


def _count(queryset: QuerySet, *, outer: str) -> Coalesce:
    """A correlated COUNT subquery. Several of them on one row do not multiply each other as joins would."""
    counted = queryset.filter(**{outer: OuterRef("pk")}).order_by().values(outer).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


# -- who may see what --------------------------------------------------------------------------


def pair_active_for_user(*, user) -> LiaisonPair | None:
    """The pair the officer serves in now, with its members loaded; None for everyone else.

    Cached on the user object: the lookup is made on almost every page.
    """
    if not getattr(user, "is_officer", False):
        return None
    if not hasattr(user, "_active_pair"):
        user._active_pair = (
            LiaisonPair.objects.filter(
                ended_on__isnull=True, memberships__officer__user=user, memberships__ended_on__isnull=True
            )
            .select_related("university")
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=PairMembership.objects.filter(ended_on__isnull=True).select_related("officer__user"),
                    to_attr="active_memberships",
                )
            )
            .first()
        )
    return user._active_pair


def university_of_user(*, user) -> University | None:
    pair = pair_active_for_user(user=user)
    return pair.university if pair else None


def user_is_stationed_at(*, user, university_id: int) -> bool:
    """Whether `user` is an officer of the pair stationed at the university now."""
    own = university_of_user(user=user)
    return own is not None and own.pk == university_id


def pair_members(*, pair: LiaisonPair) -> QuerySet[User]:
    """The officers serving in `pair` now, seat 1 first."""
    return User.objects.filter(officer__memberships__pair=pair, officer__memberships__ended_on__isnull=True).order_by(
        "officer__memberships__seat"
    )


def officers_at(*, university_id: int) -> QuerySet[User]:
    """The officers of the pair stationed at the university now."""
    return User.objects.filter(
        officer__memberships__ended_on__isnull=True,
        officer__memberships__pair__ended_on__isnull=True,
        officer__memberships__pair__university_id=university_id,
    )


def user_can_edit_at(*, user, university: University) -> bool:
    """Officers edit their own university's records; admins everything; bureau staff only read."""
    if getattr(user, "is_portal_admin", False):
        return True
    return user_is_stationed_at(user=user, university_id=university.pk)


def user_can_read_at(*, user, university: University) -> bool:
    """The university's liaison pair, bureau staff and admins read its teams, contacts and visits."""
    return user_has_role(user, STAFF_ROLES) or user_can_edit_at(user=user, university=university)


def contact_personal_data_visible_to(*, user, university: University) -> bool:
    """Personal phone and email: only the pair of that university, bureau staff and admins."""
    return user_can_read_at(user=user, university=university)


# -- universities --------------------------------------------------------------------------------


def university_list() -> QuerySet[University]:
    return University.objects.annotate(
        result_count=_count(Achievement.objects.filter(status__in=PUBLISHED_STATUSES), outer="university"),
        team_count=_count(ResearchTeam.objects.all(), outer="university"),
    )


def university_with_counts(*, slug: str) -> QuerySet[University]:
    """The university page's row with its four headline numbers, in one query."""
    first_of_year = timezone.localdate().replace(month=1, day=1)
    visits = CampusVisit.objects.filter(deleted_at__isnull=True, visited_on__gte=first_of_year)
    return University.objects.filter(slug=slug).annotate(
        team_count=_count(ResearchTeam.objects.all(), outer="university"),
        result_count=_count(Achievement.objects.filter(status__in=PUBLISHED_STATUSES), outer="university"),
        visits_this_year=_count(visits, outer="university"),
        open_follow_up_count=_count(FollowUp.objects.filter(status=FollowUpStatus.OPEN), outer="university"),
    )


def pairs_of_university(*, university: University) -> QuerySet[LiaisonPair]:
    """Current pair first, then past ones; each with its members, their centres and dates."""
    return university.pairs.prefetch_related(
        Prefetch(
            "memberships",
            queryset=PairMembership.objects.select_related("officer__user").order_by("seat", "-started_on"),
        )
    ).order_by(F("ended_on").desc(nulls_first=True), "-started_on")


def university_visit_timeline(*, university: University, limit: int = 10) -> QuerySet[CampusVisit]:
    """The newest visits that were not deleted, with the teams met and the purposes."""
    return (
        CampusVisit.objects.filter(university=university, deleted_at__isnull=True)
        .prefetch_related(
            "purposes",
            "officers_present",
            Prefetch("teams", queryset=ResearchTeam.objects.only("id", "name", "leader", "university_id")),
        )
        .order_by("-visited_on", "-created_at")[:limit]
    )


# -- research teams ------------------------------------------------------------------------------


def _teams_scoped(*, user, staff_roles) -> QuerySet[ResearchTeam]:
    queryset = ResearchTeam.objects.select_related("university")
    if user_has_role(user, staff_roles):
        return queryset
    university = university_of_user(user=user)
    return queryset.filter(university=university) if university is not None else queryset.none()


def team_list_for_user(*, user) -> QuerySet[ResearchTeam]:
    """Teams of the officer's own university; every university's for bureau staff and admins."""
    return _teams_scoped(user=user, staff_roles=STAFF_ROLES)


def team_editable_for_user(*, user) -> QuerySet[ResearchTeam]:
    """Teams the user may change: an officer's own university's; every team for admins; none for others."""
    return _teams_scoped(user=user, staff_roles=(Role.ADMIN,))


def team_with_counts(queryset: QuerySet[ResearchTeam]) -> QuerySet[ResearchTeam]:
    """Adds the number of contacts, visits (not deleted) and results of each team."""
    visits = CampusVisit.teams.through.objects.filter(campusvisit__deleted_at__isnull=True)
    return queryset.annotate(
        contact_count=_count(Contact.objects.all(), outer="team"),
        visit_count=_count(visits, outer="researchteam"),
        result_count=_count(Achievement.objects.all(), outer="team"),
    )


def team_merge_candidates(*, team: ResearchTeam) -> QuerySet[ResearchTeam]:
    """The other teams of the same university: the only ones that can be merged into `team`."""
    return team_with_counts(ResearchTeam.objects.filter(university_id=team.university_id).exclude(pk=team.pk))


def team_visits(*, team: ResearchTeam, limit: int = 20) -> QuerySet[CampusVisit]:
    return (
        team.visits.filter(deleted_at__isnull=True)
        .prefetch_related("purposes", "officers_present")
        .order_by("-visited_on", "-created_at")[:limit]
    )


def team_visit_count(*, team: ResearchTeam) -> int:
    return team.visits.filter(deleted_at__isnull=True).count()


# -- contacts ------------------------------------------------------------------------------------


def _contacts_scoped(*, user, staff_roles) -> QuerySet[Contact]:
    queryset = Contact.objects.select_related("team__university")
    if user_has_role(user, staff_roles):
        return queryset
    university = university_of_user(user=user)
    return queryset.filter(team__university=university) if university is not None else queryset.none()


def contact_list_for_user(*, user) -> QuerySet[Contact]:
    """Contacts of the officer's own university's teams; every contact for bureau staff and admins."""
    return _contacts_scoped(user=user, staff_roles=STAFF_ROLES)


def contact_editable_for_user(*, user) -> QuerySet[Contact]:
    """Contacts the user may change: an officer's own university's; every contact for admins."""
    return _contacts_scoped(user=user, staff_roles=(Role.ADMIN,))


def contact_visits(*, contact: Contact, limit: int = 20) -> QuerySet[CampusVisit]:
    return contact.visits.filter(deleted_at__isnull=True).prefetch_related("purposes").order_by("-visited_on")[:limit]


def contact_data_view_log(*, contacts, limit: int = 50) -> QuerySet[ContactDataView]:
    """Who was shown the personal data of these contacts, newest first."""
    return ContactDataView.objects.filter(contact__in=contacts).select_related("contact", "viewer")[:limit]
