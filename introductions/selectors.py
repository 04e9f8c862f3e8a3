from django.db.models import Case, IntegerField, QuerySet, Value, When

from accounts.access import STAFF_ROLES, user_has_role
from achievements.models import Achievement
from introductions.models import Introduction, IntroductionMessage, IntroductionStatus
from matching.models import InterestRequest, Match, MatchState
from requests.selectors import membership_of_user
from universities.models import Contact
from universities.selectors import university_of_user


def introduction_list_for_user(*, user) -> QuerySet[Introduction]:
    """The pair sees its university's introductions, an enterprise its own, bureau staff all; anyone else none."""
    queryset = Introduction.objects.select_related(
        "achievement__university", "enterprise", "need", "contact__team", "deal"
    ).order_by("-proposed_at", "-pk")
    if user_has_role(user, STAFF_ROLES):
        return queryset
    if getattr(user, "is_officer", False):
        university = university_of_user(user=user)
        return queryset.filter(achievement__university=university) if university else queryset.none()
    membership = membership_of_user(user=user)
    if membership is not None:
        return queryset.filter(enterprise_id=membership.enterprise_id)
    return queryset.none()


def introduction_waiting_for(*, enterprise) -> QuerySet[Introduction]:
    """Introductions proposed to the enterprise that it has not answered yet, for its home page."""
    return (
        Introduction.objects.filter(
            enterprise=enterprise, status=IntroductionStatus.PROPOSED, enterprise_accepted_at__isnull=True
        )
        .select_related("achievement__university", "need")
        .order_by("-proposed_at")
    )


def introduction_messages(*, introduction: Introduction) -> QuerySet[IntroductionMessage]:
    return introduction.messages.select_related("author").order_by("created_at", "pk")


def match_introducible_by(*, officer) -> QuerySet[Match]:
    """Matches of the officer's university where the enterprise said it is interested."""
    university = university_of_user(user=officer)
    if university is None:
        return Match.objects.none()
    return Match.objects.select_related("need__enterprise", "achievement__team").filter(
        achievement__university=university, state=MatchState.INTERESTED
    )


def interest_introducible_by(*, officer) -> QuerySet[InterestRequest]:
    """Expressions of interest in the officer's university's results."""
    university = university_of_user(user=officer)
    if university is None:
        return InterestRequest.objects.none()
    return InterestRequest.objects.select_related("enterprise", "achievement__team").filter(
        achievement__university=university
    )


def contact_choices_for_introduction(*, achievement: Achievement) -> QuerySet[Contact]:
    """Contacts at the result's university, the result's own team first."""
    return (
        Contact.objects.filter(team__university_id=achievement.university_id)
        .select_related("team")
        .annotate(
            own_team=Case(
                When(team_id=achievement.team_id, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("own_team", "team__name", "name")
    )
