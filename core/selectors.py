"""What the home page (工作台) shows each role."""

from django.utils import timezone

from accounts.access import STAFF_ROLES, user_has_role
from achievements.models import Achievement, AchievementStatus
from achievements.selectors import achievement_newest_at
from deals.models import SIGNED_STAGES, Deal, MatchmakingEvent
from introductions.selectors import introduction_waiting_for
from matching.selectors import interest_newest_at
from requests.models import Enterprise, EnterpriseStatus, NeedStatus, TechNeed
from requests.selectors import membership_of_user, need_open_list
from universities.selectors import pair_active_for_user
from visits.selectors import follow_up_open_for, visit_this_week


def home_context_for(*, user) -> dict:
    if user_has_role(user, STAFF_ROLES):
        return {"role_view": "bureau", **_bureau_home()}
    if user.is_officer:
        return {"role_view": "officer", **_officer_home(user)}
    return {"role_view": "enterprise", **_enterprise_home(user)}


def _officer_home(user) -> dict:
    pair = pair_active_for_user(user=user)
    if pair is None:
        return {"pair": None}
    today = timezone.localdate()
    follow_ups = list(follow_up_open_for(user=user)[:20])
    return {
        "pair": pair,
        "university": pair.university,
        "partners": [m.officer.user for m in pair.active_memberships if m.officer.user_id != user.pk],
        "visits_this_week": visit_this_week(university=pair.university),
        "overdue_follow_ups": [f for f in follow_ups if f.due_on < today],
        "upcoming_follow_ups": [f for f in follow_ups if f.due_on >= today],
        "newest_results": achievement_newest_at(university=pair.university),
        "open_needs": need_open_list(limit=6),
        "latest_digest": pair.digests.first(),
        "interests": interest_newest_at(university=pair.university),
    }


def _enterprise_home(user) -> dict:
    membership = membership_of_user(user=user)
    if membership is None:
        return {"membership": None}
    return {
        "membership": membership,
        "enterprise": membership.enterprise,
        "is_approved": membership.enterprise.status == EnterpriseStatus.APPROVED,
        "needs": membership.enterprise.needs.order_by("-created_at")[:10],
        "introductions_waiting": introduction_waiting_for(enterprise=membership.enterprise),
    }


def _bureau_home() -> dict:
    year_start = timezone.localdate().replace(month=1, day=1)
    return {
        "counts": {
            "published_results": Achievement.objects.filter(status=AchievementStatus.PUBLISHED).count(),
            "open_needs": TechNeed.objects.filter(status=NeedStatus.OPEN).count(),
            "needs_waiting_review": TechNeed.objects.filter(status=NeedStatus.SUBMITTED).count(),
            "enterprises_waiting_review": Enterprise.objects.filter(status=EnterpriseStatus.PENDING).count(),
            "deals_signed_this_year": Deal.objects.filter(stage__in=SIGNED_STAGES, signed_on__gte=year_start).count(),
            "events_this_year": MatchmakingEvent.objects.filter(held_on__gte=year_start).count(),
        },
        "open_needs": need_open_list(limit=6),
    }
