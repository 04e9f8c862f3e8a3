from django.db.models import Count, F, Prefetch, Q, QuerySet

from achievements.models import AchievementStatus
from universities.models import LiaisonPair, PairMembership, University


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


def university_list() -> QuerySet[University]:
    published = Q(achievements__status__in=[AchievementStatus.PUBLISHED, AchievementStatus.NEGOTIATING])
    return University.objects.annotate(
        result_count=Count("achievements", filter=published, distinct=True),
        team_count=Count("teams", distinct=True),
    )


def pairs_of_university(*, university: University) -> QuerySet[LiaisonPair]:
    return university.pairs.prefetch_related(
        Prefetch("memberships", queryset=PairMembership.objects.select_related("officer__user"))
    ).order_by(F("ended_on").desc(nulls_first=True), "-started_on")
