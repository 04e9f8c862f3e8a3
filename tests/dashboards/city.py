"""One hand-built year (2025) of the programme, with every number the dashboard shows worked out by hand.

Results (whu = `university`, hust = `other_university`):
    a1 whu new_energy     transferred   signed 2025-03-10 licence 100 Wuhan (event e1, need n1: 9 days)
                                        signed 2025-05-20 assignment 200 outside Hubei: transferred twice
    a2 whu optoelectronics transferred  signed 2025-03-15 equity 50 elsewhere in Hubei (event e1, need n3: 64 days)
    a3 hust new_energy    published     signed 2025-07-01 licence 300 outside Hubei (event e2, need n2: 91 days)
    a4 hust new_energy    negotiating   lost after signing on 2025-04-01 in Wuhan: not counted
    a5 whu new_energy     negotiating   signed 2024-12-31 in Wuhan (before the period) and one deal negotiating
    a6 whu new_energy     draft         catalogued 2025-08-01, not published
"""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from achievements.models import Achievement
from dashboards.selectors import Scope
from matching.models import Match
from requests.models import TechNeed
from tests import factories
from universities.models import University
from visits.models import CampusVisit

YEAR_START, YEAR_END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
TODAY = datetime.date(2025, 6, 1)


def moment(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def scope_2025(**kwargs):
    kwargs.setdefault("universities", University.objects.all())
    return Scope(start=YEAR_START, end=YEAR_END, today=TODAY, **kwargs)


def _result(university, *, field="new_energy", status="published", created, published):
    result = factories.AchievementFactory(university=university, field=field, status=status)
    Achievement.objects.filter(pk=result.pk).update(created_at=created, published_at=published)
    return result


def _need(*, status, created, approved):
    need = factories.TechNeedFactory(status=status, approved_at=approved)
    TechNeed.objects.filter(pk=need.pk).update(created_at=created)
    return need


def _match(*, need, achievement, states_at):
    """A match whose history records each (state, when) in turn."""
    match = factories.MatchFactory(need=need, achievement=achievement, state=states_at[0][0])
    for state, _when in states_at[1:]:
        match.state = state
        match.save()
    for record, (_state, when) in zip(match.history.order_by("history_id"), states_at, strict=True):
        Match.history.filter(history_id=record.history_id).update(history_date=when)
    return match


def build_city(*, university, other_university, pair, other_pair, enterprise) -> SimpleNamespace:
    whu, hust = university, other_university
    feb, feb15 = moment(2025, 2, 1), moment(2025, 2, 15)
    a1 = _result(whu, status="transferred", created=feb, published=feb15)
    a2 = _result(whu, field="optoelectronics", status="transferred", created=feb, published=feb15)
    a3 = _result(hust, created=feb, published=feb15)
    a4 = _result(hust, status="negotiating", created=feb, published=feb15)
    a5 = _result(whu, status="negotiating", created=moment(2024, 6, 1), published=moment(2024, 7, 1))
    _result(whu, status="draft", created=moment(2025, 8, 1), published=None)

    n1 = _need(status="open", created=moment(2025, 2, 25), approved=moment(2025, 3, 1))
    n2 = _need(status="matched", created=moment(2025, 3, 28), approved=moment(2025, 4, 1))
    n3 = _need(status="solved", created=moment(2025, 1, 5), approved=moment(2025, 1, 10))
    _need(status="draft", created=moment(2025, 5, 1), approved=None)
    _need(status="open", created=moment(2024, 11, 20), approved=moment(2024, 12, 1))

    # n1: first forwarded 10 days after approval; n2: 4 days (after a suggestion); n3: only suggested.
    m1 = _match(need=n1, achievement=a1, states_at=[("forwarded_enterprise", moment(2025, 3, 11))])
    _match(
        need=n2,
        achievement=a3,
        states_at=[("suggested", moment(2025, 4, 2)), ("interested", moment(2025, 4, 5))],
    )
    m3 = _match(need=n3, achievement=a5, states_at=[("suggested", moment(2025, 1, 12))])

    e1 = factories.MatchmakingEventFactory(level="large", held_on=datetime.date(2025, 3, 15))
    e2 = factories.MatchmakingEventFactory(level="medium", held_on=datetime.date(2025, 7, 1))
    factories.MatchmakingEventFactory(level="small", held_on=datetime.date(2024, 5, 1))

    deal = factories.DealFactory
    deal(
        achievement=a1,
        enterprise=enterprise,
        mode="licence",
        amount_wan=100,
        signed_on=datetime.date(2025, 3, 10),
        landing="wuhan",
        event=e1,
        need=n1,
    )
    deal(achievement=a1, mode="assignment", amount_wan=200, signed_on=datetime.date(2025, 5, 20), landing="outside")
    deal(
        achievement=a2,
        mode="equity",
        amount_wan=50,
        signed_on=datetime.date(2025, 3, 15),
        landing="hubei",
        event=e1,
        need=n3,
        stage="registered",
    )
    deal(
        achievement=a3,
        mode="licence",
        amount_wan=300,
        signed_on=datetime.date(2025, 7, 1),
        landing="outside",
        event=e2,
        need=n2,
        stage="implemented",
    )
    deal(
        achievement=a4,
        mode="licence",
        amount_wan=80,
        signed_on=datetime.date(2025, 4, 1),
        landing="wuhan",
        stage="lost",
        lost_reason="企业资金链断裂，合同解除",
    )
    deal(achievement=a5, amount_wan=70, signed_on=datetime.date(2024, 12, 31), landing="wuhan")
    deal(achievement=a5, stage="negotiating", amount_wan=None, signed_on=None, landing="")

    for day in (datetime.date(2025, 1, 5), datetime.date(2025, 1, 20), datetime.date(2025, 3, 2)):
        factories.CampusVisitFactory(pair=pair, visited_on=day)
    deleted = factories.CampusVisitFactory(pair=pair, visited_on=datetime.date(2025, 3, 3))
    CampusVisit.objects.filter(pk=deleted.pk).update(deleted_at=moment(2025, 3, 4))
    factories.CampusVisitFactory(pair=pair, visited_on=datetime.date(2024, 12, 20))
    factories.CampusVisitFactory(pair=other_pair, visited_on=datetime.date(2025, 6, 1))

    factories.FollowUpFactory(university=whu, due_on=datetime.date(2025, 5, 1))
    factories.FollowUpFactory(
        university=whu, due_on=datetime.date(2025, 5, 1), status="done", completed_at=moment(2025, 4, 30)
    )
    factories.FollowUpFactory(university=hust, due_on=datetime.date(2025, 7, 1))

    digest = factories.DigestFactory(pair=pair, period_start=datetime.date(2025, 3, 3))
    factories.DigestItemFactory(digest=digest, match=m1, rank=1)
    factories.DigestItemFactory(digest=digest, match=m3, rank=2)
    old = factories.DigestFactory(pair=pair, period_start=datetime.date(2024, 12, 2))
    factories.DigestItemFactory(digest=old, match=m3, rank=1)

    return SimpleNamespace(whu=whu, hust=hust, pair=pair, other_pair=other_pair, e1=e1, e2=e2, a1=a1)
