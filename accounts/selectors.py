from django.db.models import QuerySet

from accounts.models import Invitation
from requests.models import Enterprise, EnterpriseMembership, EnterpriseStatus


def enterprise_pending_list() -> QuerySet[Enterprise]:
    """The bureau's review queue: oldest registration first, so no one waits longest."""
    return Enterprise.objects.filter(status=EnterpriseStatus.PENDING).order_by("created_at", "pk")


def enterprise_membership_of(*, user) -> EnterpriseMembership | None:
    if not user.is_authenticated:
        return None
    return EnterpriseMembership.objects.select_related("enterprise").filter(user=user).first()


def enterprise_team(*, enterprise: Enterprise) -> QuerySet[EnterpriseMembership]:
    return enterprise.memberships.select_related("user").order_by("-is_manager", "user__username")


def invitation_list_for_enterprise(*, enterprise: Enterprise) -> QuerySet[Invitation]:
    """Invitations not yet accepted, newest first; expired ones are shown as such."""
    return Invitation.objects.filter(enterprise=enterprise, accepted_at__isnull=True).select_related("invited_by")


def invitation_by_token(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("enterprise").filter(token=token).first()
