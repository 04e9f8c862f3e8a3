import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum

from accounts.access import PORTAL_ROLES, STAFF_ROLES, user_has_role
from deals.filters import DealFilter
from deals.models import PIPELINE, SIGNED_STAGES, Deal, DealStage, EventLevel, EventTarget, MatchmakingEvent
from requests.selectors import membership_of_user
from universities.selectors import university_of_user

# The board shows at most this many cards per stage; the list has the rest.
BOARD_COLUMN_LIMIT = 30


def event_list_for_user(*, user) -> QuerySet[MatchmakingEvent]:
    """Officers and bureau staff see every session; enterprises the published ones."""
    queryset = (
        MatchmakingEvent.objects.select_related("university")
        .annotate(
            signing_count=Count("deals", filter=Q(deals__stage__in=SIGNED_STAGES), distinct=True),
            result_count=Count("achievements_on_show", distinct=True),
        )
        .order_by("-held_on")
    )
    if user_has_role(user, PORTAL_ROLES):
        return queryset
    return queryset.filter(is_published=True)


def event_public() -> QuerySet[MatchmakingEvent]:
    """Sessions whose page anyone may open, without a login."""
    return MatchmakingEvent.objects.filter(is_published=True)


def event_targets_for_year(*, year: int) -> dict[str, int]:
    """The yearly session targets by level: the admin's figures where set, else the plan's defaults in settings."""
    targets = dict(settings.EVENT_TARGETS_DEFAULT)
    targets.update(EventTarget.objects.filter(year=year).values_list("level", "target"))
    return targets


@dataclass
class TargetProgress:
    level: str
    label: str
    held: int
    target: int

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.held / self.target)) if self.target else 100


def event_progress_for_year(*, year: int) -> list[TargetProgress]:
    """Sessions held (or planned) in `year` by level, against that year's targets."""
    counts = dict(
        MatchmakingEvent.objects.filter(held_on__year=year).values_list("level").annotate(n=Count("pk")).order_by()
    )
    targets = event_targets_for_year(year=year)
    return [
        TargetProgress(level, label, counts.get(level, 0), targets.get(level, 0)) for level, label in EventLevel.choices
    ]


def events_in_month(*, user, year: int, month: int) -> list[list[tuple[datetime.date | None, list]]]:
    """The month as weeks of (day, sessions that day); days of other months are None."""
    first = datetime.date(year, month, 1)
    last = first.replace(day=calendar.monthrange(year, month)[1])
    by_day: dict[datetime.date, list] = {}
    for event in event_list_for_user(user=user).filter(held_on__range=(first, last)).order_by("held_on", "pk"):
        by_day.setdefault(event.held_on, []).append(event)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [[(day if day.month == month else None, by_day.get(day, [])) for day in week] for week in weeks]


def event_detail(*, event: MatchmakingEvent):
    """What the session page shows: results on show, invited enterprises, attendees and signings."""
    return {
        "results": event.achievements_on_show.select_related("university").order_by("university__pk", "title"),
        "enterprises": event.enterprises_invited.order_by("name"),
        "attendees": event.attendees.select_related("enterprise").order_by("checked_in_at"),
        "signings": event.deals.filter(stage__in=SIGNED_STAGES).select_related("achievement__university", "enterprise"),
        "signed_total": event.deals.filter(stage__in=SIGNED_STAGES).aggregate(total=Sum("amount_wan"))["total"],
    }


# -- deals ---------------------------------------------------------------------------------------


def deal_list_for_user(*, user) -> QuerySet[Deal]:
    """Bureau staff and admins see every deal; an officer their university's; an enterprise its own."""
    queryset = Deal.objects.select_related(
        "achievement__university", "enterprise", "responsible_officer", "event", "need"
    )
    if user_has_role(user, STAFF_ROLES):
        return queryset
    university = university_of_user(user=user)
    if university is not None:
        return queryset.filter(achievement__university=university)
    membership = membership_of_user(user=user)
    if membership is not None:
        return queryset.filter(enterprise=membership.enterprise)
    return queryset.none()


def deal_filter_for_user(*, user, data) -> DealFilter:
    university = None if user_has_role(user, STAFF_ROLES) else university_of_user(user=user)
    queryset = deal_list_for_user(user=user).order_by("-signed_on", "-created_at", "-pk")
    return DealFilter(data, queryset=queryset, university=university)


def deal_board_for_user(*, user, university=None) -> list[dict]:
    """The deals of the board, column by column in pipeline order; at most BOARD_COLUMN_LIMIT cards each."""
    queryset = deal_list_for_user(user=user)
    if university is not None:
        queryset = queryset.filter(achievement__university=university)
    counts = dict(queryset.values_list("stage").annotate(n=Count("pk")).order_by())
    columns = []
    for stage in PIPELINE:
        cards = list(queryset.filter(stage=stage).order_by("-updated_at", "-pk")[:BOARD_COLUMN_LIMIT])
        columns.append({"stage": stage, "label": DealStage(stage).label, "deals": cards, "count": counts.get(stage, 0)})
    return columns


def deal_stage_changes(*, deal: Deal):
    return deal.stage_changes.select_related("changed_by").order_by("-changed_at", "-pk")
