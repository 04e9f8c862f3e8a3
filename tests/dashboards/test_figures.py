"""Every dashboard figure against the hand-computed year in conftest.py."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dashboards.selectors import dashboard_figures, local_rate
from tests import factories
from universities.models import LiaisonOfficer, University

from .city import scope_2025


def test_local_rate_counts_distinct_results_and_leaves_out_lost_and_other_years(city):
    figure = local_rate(scope_2025())
    # a1 (Wuhan, and again outside), a2 (Hubei), a3 (outside); a4 lost after signing, a5 signed in 2024.
    assert (figure["results"], figure["wuhan"], figure["hubei"]) == (3, 1, 2)
    assert figure["wuhan_rate"] == Decimal("0.333")
    assert figure["hubei_rate"] == Decimal("0.667")
    assert figure["goal"] == Decimal("0.80")


def test_local_rate_by_month_covers_every_month_of_the_period(city):
    months = {row["month"]: row for row in local_rate(scope_2025())["months"]}
    assert len(months) == 12
    assert (months["2025-03"]["results"], months["2025-03"]["wuhan"], months["2025-03"]["hubei"]) == (2, 1, 2)
    assert (months["2025-05"]["results"], months["2025-05"]["wuhan"]) == (1, 0)
    assert months["2025-04"]["results"] == 0 and months["2025-04"]["wuhan_rate"] is None


def test_field_filter_narrows_the_local_rate(city):
    figure = local_rate(scope_2025(field="new_energy"))
    assert (figure["results"], figure["wuhan"], figure["hubei"]) == (2, 1, 1)


def test_without_deals_the_rate_is_empty_not_zero(db, university):
    figures = dashboard_figures(scope=scope_2025())
    assert figures["local_rate"]["results"] == 0
    assert figures["local_rate"]["wuhan_rate"] is None
    assert figures["contracts"]["count"] == 0 and figures["contracts"]["amount"] == Decimal("0")


def test_results_and_needs_summaries(city):
    figures = dashboard_figures(scope=scope_2025())
    assert figures["results"] == {"catalogued": 5, "published": 4, "negotiating": 2, "transferred": 2}
    assert figures["needs"] == {"submitted": 3, "open": 2, "matched": 1, "solved": 1}


def test_median_days_from_approval_to_first_forward_and_to_signing(city):
    lead = dashboard_figures(scope=scope_2025())["lead_times"]
    assert lead["to_forward"] == {"needs": 2, "median_days": 7}  # 10 and 4 days
    assert lead["to_signing"] == {"needs": 3, "median_days": 64}  # 9, 64 and 91 days


def test_median_days_for_one_university_counts_its_results_only(city):
    lead = dashboard_figures(scope=scope_2025(universities=University.objects.filter(pk=city.whu.pk)))["lead_times"]
    assert lead["to_forward"] == {"needs": 1, "median_days": 10}
    assert lead["to_signing"] == {"needs": 2, "median_days": 36.5}  # 9 and 64 days


def test_contracts_by_mode_university_and_month(city):
    contracts = dashboard_figures(scope=scope_2025())["contracts"]
    assert (contracts["count"], contracts["amount"]) == (4, Decimal("650"))
    assert {row["key"]: (row["count"], row["amount"]) for row in contracts["by_mode"]} == {
        "assignment": (1, Decimal("200")),
        "equity": (1, Decimal("50")),
        "licence": (2, Decimal("400")),
    }
    assert {row["key"]: (row["count"], row["amount"]) for row in contracts["by_field"]} == {
        "new_energy": (3, Decimal("600")),
        "optoelectronics": (1, Decimal("50")),
    }
    assert {row["key"]: row["count"] for row in contracts["by_university"]} == {city.whu.pk: 3, city.hust.pk: 1}
    by_month = {row["key"]: (row["count"], row["amount"]) for row in contracts["by_month"]}
    assert by_month["2025-03"] == (2, Decimal("150"))
    assert by_month["2025-07"] == (1, Decimal("300"))
    assert by_month["2025-12"] == (0, Decimal("0"))


def test_officer_activity(city):
    activity = dashboard_figures(scope=scope_2025())["activity"]
    visits = {row["pair"]: row for row in activity["visits"]}
    # The deleted visit and the 2024 visit do not count.
    assert visits[city.pair.pk]["total"] == 3
    assert visits[city.pair.pk]["months"]["2025-01"] == 2
    assert visits[city.pair.pk]["per_month"] == Decimal("0.250")
    assert visits[city.other_pair.pk]["total"] == 1
    assert activity["overdue_follow_ups"] == 1
    assert activity["digest"] == {"items": 2, "acted_on": 1, "ignored": 1}


def test_events_against_targets_and_signings_per_event(city):
    events = dashboard_figures(scope=scope_2025())["events"]
    assert events["levels"] == [
        {"level": "large", "held": 1, "target": 10},
        {"level": "medium", "held": 1, "target": 50},
        {"level": "small", "held": 0, "target": 100},
    ]
    assert [(row["name"], row["signings"], row["amount"]) for row in events["events"]] == [
        (city.e1.name, 2, Decimal("150")),
        (city.e2.name, 1, Decimal("300")),
    ]


def test_plan_targets_without_data_are_not_invented(city):
    targets = dashboard_figures(scope=scope_2025())["plan_targets"]
    assert [(row["key"], row["target"], row["value"]) for row in targets] == [
        ("institutions", 100, None),
        ("brokers", 500, None),
    ]


def test_per_university_rows(city):
    rows = {row["university"].pk: row for row in dashboard_figures(scope=scope_2025())["universities"]}
    whu, hust = rows[city.whu.pk], rows[city.hust.pk]
    assert (whu["catalogued"], whu["published"], whu["negotiating"], whu["transferred"]) == (3, 2, 1, 2)
    assert (whu["contracts"], whu["amount"], whu["results"], whu["wuhan"], whu["hubei"]) == (3, 350, 2, 1, 2)
    assert whu["wuhan_rate"] == Decimal("0.500")
    assert (whu["visits"], whu["overdue_follow_ups"]) == (3, 1)
    assert (whu["digest_acted_on"], whu["digest_ignored"]) == (1, 1)
    assert (hust["catalogued"], hust["negotiating"], hust["contracts"], hust["wuhan_rate"]) == (2, 1, 1, Decimal("0"))
    assert (hust["visits"], hust["overdue_follow_ups"]) == (1, 0)


def test_centre_filter_keeps_the_universities_its_officers_serve(city):
    from dashboards.filters import DashboardFilter

    LiaisonOfficer.objects.filter(memberships__pair=city.other_pair).update(centre="enterprise_service")
    filtered = DashboardFilter({"centre": "enterprise_service"}, queryset=University.objects.all())
    assert list(filtered.qs) == [city.hust]


def test_a_date_range_counts_only_its_days(city):
    from dashboards.selectors import Scope

    scope = Scope(
        start=datetime.date(2025, 3, 1),
        end=datetime.date(2025, 3, 31),
        universities=University.objects.all(),
        today=datetime.date(2025, 6, 1),
    )
    figures = dashboard_figures(scope=scope)
    assert (figures["contracts"]["count"], figures["local_rate"]["results"]) == (2, 2)
    assert [row["month"] for row in figures["local_rate"]["months"]] == ["2025-03"]


def _count_queries(scope) -> int:
    with CaptureQueriesContext(connection) as context:
        dashboard_figures(scope=scope)
    return len(context.captured_queries)


def test_queries_do_not_grow_with_universities_or_months(city, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        dashboard_figures(scope=scope_2025())
    before = _count_queries(scope_2025())
    for _ in range(5):
        pair = factories.LiaisonPairFactory()
        result = factories.AchievementFactory(university=pair.university)
        factories.DealFactory(achievement=result, signed_on=datetime.date(2025, 9, 9))
        factories.CampusVisitFactory(pair=pair, visited_on=datetime.date(2025, 11, 2))
        factories.MatchmakingEventFactory(held_on=datetime.date(2025, 10, 1))
    from dashboards.selectors import Scope

    two_years = Scope(
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2025, 12, 31),
        universities=University.objects.all(),
        today=datetime.date(2025, 6, 1),
    )
    assert _count_queries(scope_2025()) == before
    assert _count_queries(two_years) == before


@pytest.mark.parametrize("stage", ["introduced", "negotiating"])
def test_unsigned_deals_never_count(db, university, stage):
    factories.DealFactory(achievement=factories.AchievementFactory(university=university), stage=stage)
    assert local_rate(scope_2025())["results"] == 0


def test_a_deal_lost_after_signing_leaves_the_figures(city):
    deal = city.a1.deals.get(landing="wuhan")
    deal.stage = "lost"
    deal.lost_reason = "企业撤回"
    deal.save()
    figure = local_rate(scope_2025())
    # a1 still has its assignment (outside Hubei), so it stays in the denominator but leaves Wuhan.
    assert (figure["results"], figure["wuhan"], figure["hubei"]) == (3, 0, 1)
    assert dashboard_figures(scope=scope_2025())["contracts"]["count"] == 3
