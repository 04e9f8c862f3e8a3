"""Every dashboard figure for one period and one scope, aggregated in the database.

The number of queries does not depend on how many universities, months, pairs or events there are: each
figure is one GROUP BY (or one aggregate) over the scope. The page, the CSV/Excel exports and
`manage.py kpi_report` all read `dashboard_figures`, so they cannot disagree.
"""

import dataclasses
import datetime
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from accounts.access import STAFF_ROLES, user_has_role
from achievements.models import Achievement, AchievementStatus
from deals.models import SIGNED_STAGES, Deal, EventLevel, Landing, MatchmakingEvent
from deals.selectors import event_targets_for_year
from matching.models import DigestItem, Match, MatchState
from requests.models import NeedStatus, TechNeed
from universities.models import LiaisonPair, University
from universities.selectors import university_of_user
from visits.models import CampusVisit, FollowUp, FollowUpStatus

LOCAL_RATE_GOAL = Decimal("0.80")

# A match has been forwarded once it reached any of these; later states imply an earlier forward.
FORWARDED_STATES = (
    MatchState.FORWARDED_TO_ENTERPRISE,
    MatchState.FORWARDED_TO_TEAM,
    MatchState.INTERESTED,
    MatchState.NOT_RELEVANT,
    MatchState.INTRODUCED,
)
# Needs that reached the bureau: everything but drafts.
SUBMITTED_NEED_STATUSES = [status for status in NeedStatus.values if status != NeedStatus.DRAFT]

# The 2018–2020 plan's targets the portal keeps no records for (no model holds institutions or brokers).
PLAN_TARGETS_WITHOUT_DATA = (
    ("institutions", 100),
    ("brokers", 500),
)

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=14, decimal_places=2))


@dataclass(frozen=True)
class Scope:
    """What the dashboard covers: a date range (both ends included), the universities, and optionally a field."""

    start: datetime.date
    end: datetime.date
    universities: QuerySet  # lazy: used as a subquery, never evaluated on its own
    field: str = ""
    today: datetime.date = dataclasses.field(default_factory=timezone.localdate)

    @property
    def year(self) -> int:
        return self.start.year


def dashboard_universities_for_user(*, user) -> QuerySet[University] | None:
    """The universities a user may see on the dashboard: all for bureau staff and admins, their own for an
    officer; None for everyone else (and for an officer without a pair)."""
    if user_has_role(user, STAFF_ROLES):
        return University.objects.all()
    own = university_of_user(user=user)
    if own is None:
        return None
    return University.objects.filter(pk=own.pk)


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def rate(part: int, whole: int) -> Decimal | None:
    """A share rounded to 0.1 percentage point, as a fraction; None when there is nothing to divide."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.001"))


def _month_key(value) -> str:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.strftime("%Y-%m")


# -- base querysets ---------------------------------------------------------------------------


def signed_deals(scope: Scope) -> QuerySet[Deal]:
    """Deals signed in the period: a signed stage and a signing date in it. A deal lost after signing is
    no longer in a signed stage, so it drops out."""
    deals = Deal.objects.filter(
        stage__in=SIGNED_STAGES,
        signed_on__gte=scope.start,
        signed_on__lte=scope.end,
        achievement__university__in=scope.universities,
    )
    if scope.field:
        deals = deals.filter(achievement__field=scope.field)
    return deals


def scoped_achievements(scope: Scope) -> QuerySet[Achievement]:
    results = Achievement.objects.filter(university__in=scope.universities)
    if scope.field:
        results = results.filter(field=scope.field)
    return results


def scoped_needs(scope: Scope) -> QuerySet[TechNeed]:
    # Needs belong to enterprises, not universities: the university filter does not narrow them.
    needs = TechNeed.objects.all()
    if scope.field:
        needs = needs.filter(industry=scope.field)
    return needs


def scoped_visits(scope: Scope) -> QuerySet[CampusVisit]:
    return CampusVisit.objects.filter(
        deleted_at__isnull=True,
        visited_on__gte=scope.start,
        visited_on__lte=scope.end,
        university__in=scope.universities,
    )


# -- figures -------------------------------------------------------------------------------


def _local_counts():
    return {
        "results": Count("achievement", distinct=True),
        "wuhan": Count("achievement", filter=Q(landing=Landing.WUHAN), distinct=True),
        "hubei": Count("achievement", filter=Q(landing__in=[Landing.WUHAN, Landing.HUBEI]), distinct=True),
    }


def _with_rates(row: dict) -> dict:
    return {
        "results": row["results"],
        "wuhan": row["wuhan"],
        "hubei": row["hubei"],
        "wuhan_rate": rate(row["wuhan"], row["results"]),
        "hubei_rate": rate(row["hubei"], row["results"]),
    }


def local_rate(scope: Scope) -> dict:
    """Distinct results with a deal signed in the period that lands in Wuhan (or in Hubei), over distinct
    results with any deal signed in the period. One query for the total, one for the months."""
    total = _with_rates(signed_deals(scope).aggregate(**_local_counts()))
    by_month = {
        _month_key(row["month"]): _with_rates(row)
        for row in signed_deals(scope)
        .annotate(month=TruncMonth("signed_on"))
        .values("month")
        .annotate(**_local_counts())
        .order_by("month")
    }
    empty = _with_rates({"results": 0, "wuhan": 0, "hubei": 0})
    months = [
        {"month": key, **by_month.get(key, empty)}
        for key in (_month_key(month) for month in months_between(scope.start, scope.end))
    ]
    return {**total, "goal": LOCAL_RATE_GOAL, "months": months}


def results_summary(scope: Scope) -> dict:
    """Catalogued and published in the period; in negotiation and transferred as they stand today."""
    return scoped_achievements(scope).aggregate(
        catalogued=Count("pk", filter=Q(created_at__date__gte=scope.start, created_at__date__lte=scope.end)),
        published=Count("pk", filter=Q(published_at__date__gte=scope.start, published_at__date__lte=scope.end)),
        negotiating=Count("pk", filter=Q(status=AchievementStatus.NEGOTIATING)),
        transferred=Count("pk", filter=Q(status=AchievementStatus.TRANSFERRED)),
    )


def needs_summary(scope: Scope) -> dict:
    """Submitted in the period; open, matched and solved as they stand today."""
    return scoped_needs(scope).aggregate(
        submitted=Count(
            "pk",
            filter=Q(
                status__in=SUBMITTED_NEED_STATUSES,
                created_at__date__gte=scope.start,
                created_at__date__lte=scope.end,
            ),
        ),
        open=Count("pk", filter=Q(status=NeedStatus.OPEN)),
        matched=Count("pk", filter=Q(status=NeedStatus.MATCHED)),
        solved=Count("pk", filter=Q(status=NeedStatus.SOLVED)),
    )


def _median_days(pairs) -> dict:
    days = [(later - approved).days for approved, later in pairs if later is not None and later >= approved]
    return {"needs": len(days), "median_days": statistics.median(days) if days else None}


def need_lead_times(scope: Scope) -> dict:
    """For needs approved in the period: median days from approval to the first forwarded result (read from
    the match history) and to the first signed deal. Two grouped queries; the median is taken over their rows.
    With a university filter only that university's results count."""
    needs = scoped_needs(scope).filter(
        approved_at__date__gte=scope.start, approved_at__date__lte=scope.end, approved_at__isnull=False
    )
    forwards = (
        Match.history.filter(
            need__in=needs.values("pk"),
            state__in=FORWARDED_STATES,
            achievement__university__in=scope.universities,
        )
        .values("need")
        .annotate(first=Min("history_date"))
        .values_list("need", "first")
    )
    signings = (
        Deal.objects.filter(
            need__in=needs.values("pk"),
            stage__in=SIGNED_STAGES,
            achievement__university__in=scope.universities,
        )
        .values("need")
        .annotate(first=Min("signed_on"))
        .values_list("need", "first")
    )
    approved = dict(needs.values_list("pk", "approved_at"))
    zone = timezone.get_current_timezone()

    def local_date(moment):
        return timezone.localtime(moment, zone).date()

    first_forward = {need: local_date(moment) for need, moment in forwards}
    first_signing = dict(signings)
    return {
        "to_forward": _median_days(
            (local_date(approved[need]), day) for need, day in first_forward.items() if need in approved
        ),
        "to_signing": _median_days(
            (local_date(approved[need]), day) for need, day in first_signing.items() if need in approved
        ),
    }


def _contracts(deals: QuerySet, key: str) -> list[dict]:
    rows = deals.values(key).annotate(count=Count("pk"), amount=Coalesce(Sum("amount_wan"), ZERO)).order_by(key)
    return [{"key": row[key], "count": row["count"], "amount": row["amount"]} for row in rows]


def contracts(scope: Scope) -> dict:
    """Signed contracts: count and amount (10k yuan), in total and by mode, field, university and month."""
    deals = signed_deals(scope)
    total = deals.aggregate(count=Count("pk"), amount=Coalesce(Sum("amount_wan"), ZERO))
    by_month = {
        _month_key(row["key"]): row for row in _contracts(deals.annotate(month=TruncMonth("signed_on")), "month")
    }
    return {
        **total,
        "by_mode": _contracts(deals, "mode"),
        "by_field": _contracts(deals.annotate(field=F("achievement__field")), "field"),
        "by_university": _contracts(deals.annotate(university=F("achievement__university")), "university"),
        "by_month": [
            {**by_month.get(key, {"count": 0, "amount": Decimal("0")}), "key": key}
            for key in (_month_key(month) for month in months_between(scope.start, scope.end))
        ],
    }


def officer_activity(scope: Scope) -> dict:
    """Visits per pair and month, follow-ups overdue today, and digest items acted on or ignored."""
    rows = (
        scoped_visits(scope)
        .annotate(month=TruncMonth("visited_on"))
        .values("pair", "month")
        .annotate(count=Count("pk"))
        .order_by("pair", "month")
    )
    months = [_month_key(month) for month in months_between(scope.start, scope.end)]
    per_pair: dict[int, dict[str, int]] = {}
    for row in rows:
        per_pair.setdefault(row["pair"], dict.fromkeys(months, 0))[_month_key(row["month"])] = row["count"]
    pairs = (
        {pair.pk: pair for pair in LiaisonPair.objects.filter(pk__in=list(per_pair)).select_related("university")}
        if per_pair
        else {}
    )
    # A pair is named by its university; only a university served by two pairs in the period needs the date.
    served = [pair.university_id for pair in pairs.values()]

    def pair_label(pair: LiaisonPair) -> str:
        if served.count(pair.university_id) > 1:
            return f"{pair.university.short_name} {pair.started_on:%Y-%m-%d}"
        return pair.university.short_name

    visits = [
        {
            "pair": pair_id,
            "label": pair_label(pairs[pair_id]),
            "university": pairs[pair_id].university_id,
            "total": sum(counts.values()),
            "per_month": rate(sum(counts.values()), len(months)) if months else None,
            "months": counts,
        }
        for pair_id, counts in sorted(per_pair.items(), key=lambda item: pair_label(pairs[item[0]]))
    ]
    overdue = FollowUp.objects.filter(
        status=FollowUpStatus.OPEN, due_on__lt=scope.today, university__in=scope.universities
    ).count()
    digest = DigestItem.objects.filter(
        match__isnull=False,
        digest__period_start__gte=scope.start,
        digest__period_start__lte=scope.end,
        digest__pair__university__in=scope.universities,
    ).aggregate(
        items=Count("pk"),
        acted_on=Count("pk", filter=~Q(match__state=MatchState.SUGGESTED)),
        ignored=Count("pk", filter=Q(match__state=MatchState.SUGGESTED)),
    )
    return {"visits": visits, "overdue_follow_ups": overdue, "digest": digest}


def events(scope: Scope) -> dict:
    """Sessions held in the period by level against the year's targets, and the signings at each session
    (deals of the scope's results signed in the period)."""
    held = MatchmakingEvent.objects.filter(held_on__gte=scope.start, held_on__lte=scope.end)
    counts = dict(held.values("level").annotate(n=Count("pk")).values_list("level", "n"))
    targets = event_targets_for_year(year=scope.year)
    signing_filter = Q(
        deals__stage__in=SIGNED_STAGES,
        deals__signed_on__gte=scope.start,
        deals__signed_on__lte=scope.end,
        deals__achievement__university__in=scope.universities,
    )
    if scope.field:
        signing_filter &= Q(deals__achievement__field=scope.field)
    per_event = held.annotate(
        signings=Count("deals", filter=signing_filter),
        amount=Coalesce(Sum("deals__amount_wan", filter=signing_filter), ZERO),
    ).order_by("held_on", "pk")
    return {
        "levels": [
            {"level": level, "held": counts.get(level, 0), "target": targets.get(level)} for level in EventLevel.values
        ],
        "events": [
            {
                "event": event.pk,
                "name": event.name,
                "held_on": event.held_on,
                "level": event.level,
                "signings": event.signings,
                "amount": event.amount,
            }
            for event in per_event
        ],
    }


def per_university(scope: Scope) -> list[dict]:
    """One row per university in scope with the headline figures: one grouped query per figure family."""
    results = {
        row["university"]: row
        for row in scoped_achievements(scope)
        .values("university")
        .annotate(
            catalogued=Count("pk", filter=Q(created_at__date__gte=scope.start, created_at__date__lte=scope.end)),
            published=Count("pk", filter=Q(published_at__date__gte=scope.start, published_at__date__lte=scope.end)),
            negotiating=Count("pk", filter=Q(status=AchievementStatus.NEGOTIATING)),
            transferred=Count("pk", filter=Q(status=AchievementStatus.TRANSFERRED)),
        )
        .order_by()
    }
    deals = {
        row["university"]: row
        for row in signed_deals(scope)
        .annotate(university=F("achievement__university"))
        .values("university")
        .annotate(contracts=Count("pk"), amount=Coalesce(Sum("amount_wan"), ZERO), **_local_counts())
        .order_by()
    }
    visits = dict(
        scoped_visits(scope).values("university").annotate(n=Count("pk")).order_by().values_list("university", "n")
    )
    overdue = dict(
        FollowUp.objects.filter(status=FollowUpStatus.OPEN, due_on__lt=scope.today, university__in=scope.universities)
        .values("university")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("university", "n")
    )
    digest = {
        row["digest__pair__university"]: row
        for row in DigestItem.objects.filter(
            match__isnull=False,
            digest__period_start__gte=scope.start,
            digest__period_start__lte=scope.end,
            digest__pair__university__in=scope.universities,
        )
        .values("digest__pair__university")
        .annotate(
            acted_on=Count("pk", filter=~Q(match__state=MatchState.SUGGESTED)),
            ignored=Count("pk", filter=Q(match__state=MatchState.SUGGESTED)),
        )
        .order_by()
    }
    rows = []
    for university in scope.universities.order_by("-in_first_batch", "name_zh"):
        result = results.get(university.pk, {})
        deal = deals.get(university.pk, {"contracts": 0, "amount": Decimal("0"), "results": 0, "wuhan": 0, "hubei": 0})
        rows.append(
            {
                "university": university,
                "catalogued": result.get("catalogued", 0),
                "published": result.get("published", 0),
                "negotiating": result.get("negotiating", 0),
                "transferred": result.get("transferred", 0),
                "contracts": deal["contracts"],
                "amount": deal["amount"],
                **_with_rates(deal),
                "visits": visits.get(university.pk, 0),
                "overdue_follow_ups": overdue.get(university.pk, 0),
                "digest_acted_on": digest.get(university.pk, {}).get("acted_on", 0),
                "digest_ignored": digest.get(university.pk, {}).get("ignored", 0),
            }
        )
    return rows


def dashboard_figures(*, scope: Scope) -> dict:
    """All figures of the dashboard for `scope`. The same dict feeds the page, the exports and kpi_report."""
    return {
        "period": {"start": scope.start, "end": scope.end},
        "local_rate": local_rate(scope),
        "results": results_summary(scope),
        "needs": needs_summary(scope),
        "lead_times": need_lead_times(scope),
        "contracts": contracts(scope),
        "activity": officer_activity(scope),
        "events": events(scope),
        "plan_targets": [{"key": key, "target": target, "value": None} for key, target in PLAN_TARGETS_WITHOUT_DATA],
        "universities": per_university(scope),
    }
