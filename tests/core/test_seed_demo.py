import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum

from accounts.models import Role, User
from achievements.models import Achievement, AchievementStatus
from deals.models import SIGNED_STAGES, Deal, DealStage, DealStageChange, EventAttendee, MatchmakingEvent
from introductions.models import Introduction, IntroductionStatus
from matching.models import Digest, DigestItem, Match, MatchState
from notifications.models import Notification
from requests.models import Enterprise, TechNeed
from requests.validators import validate_credit_code
from universities.models import LiaisonPair, University

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            User,
            University,
            LiaisonPair,
            Achievement,
            TechNeed,
            Enterprise,
            Deal,
            MatchmakingEvent,
            DealStageChange,
            EventAttendee,
            Match,
            Introduction,
            Digest,
            DigestItem,
            Notification,
        )
    }


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=io.StringIO())


def test_running_the_seed_twice_changes_nothing(seeded):
    before = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before


def test_the_demo_programme_has_ten_universities_twenty_officers_from_four_centres_and_a_catalogue(seeded):
    from universities.models import LiaisonOfficer

    assert University.objects.filter(in_first_batch=True).count() == 10
    assert set(University.objects.values_list("name_zh", flat=True)) >= {"武汉大学", "华中科技大学", "武汉理工大学"}
    assert User.objects.filter(role=Role.OFFICER).count() == 20
    active = LiaisonPair.objects.filter(ended_on__isnull=True)
    assert active.count() == 10
    assert all(pair.memberships.filter(ended_on__isnull=True).count() == 2 for pair in active)
    assert LiaisonOfficer.objects.values("centre").distinct().count() == 4
    assert Achievement.objects.count() == 200
    assert Achievement.objects.filter(language="en").exists()
    assert TechNeed.objects.count() == 60
    assert TechNeed.objects.filter(status="open").count() > 30


def test_the_douyu_session_signed_eight_results_for_over_30_million_yuan(seeded):
    session = MatchmakingEvent.objects.get(held_on="2020-11-23")
    signed = session.deals.filter(stage__in=SIGNED_STAGES)
    assert signed.count() == 8
    assert signed.aggregate(total=Sum("amount_wan"))["total"] > Decimal("3000")
    assert set(signed.values_list("enterprise__name", flat=True)) == {"武汉斗鱼网络科技有限公司"}
    for deal in Deal.objects.filter(stage__in=SIGNED_STAGES, mode__in=["assignment", "equity"]):
        assert deal.achievement.status == AchievementStatus.TRANSFERRED
    for deal in Deal.objects.filter(stage="negotiating"):
        assert deal.achievement.status == AchievementStatus.NEGOTIATING
    for code in Enterprise.objects.values_list("credit_code", flat=True):
        validate_credit_code(code)


def test_the_demo_catalogue_can_be_searched_in_chinese_and_english(seeded, client):
    client.force_login(User.objects.get(username="bureau"))
    chinese = client.get("/results/", {"q": "直播"}).context["page_obj"].paginator.count
    english = client.get("/results/", {"q": "laser"}).context["page_obj"].paginator.count
    assert chinese >= 8
    assert english >= 1


def test_the_demo_board_has_deals_at_every_stage_each_with_its_audit_trail(seeded):
    assert set(Deal.objects.values_list("stage", flat=True)) == set(DealStage.values)
    assert set(Deal.objects.exclude(landing="").values_list("landing", flat=True)) == {"wuhan", "hubei", "outside"}
    for deal in Deal.objects.all():
        assert deal.stage_changes.order_by("-changed_at", "-pk").first().to_stage == deal.stage


def test_every_active_pair_has_this_weeks_digest_with_reasons(seeded):
    assert Digest.objects.count() == LiaisonPair.objects.filter(ended_on__isnull=True).count()
    suggested = DigestItem.objects.filter(match__isnull=False).select_related("match")
    assert suggested.exists()
    assert all(item.match.explanation.get("terms") for item in suggested)


def test_douyu_has_an_introduction_to_accept_and_a_result_to_answer(seeded):
    introduction = Introduction.objects.get(enterprise__name__contains="斗鱼")
    assert introduction.status == IntroductionStatus.PROPOSED
    assert introduction.team_consented and not introduction.enterprise_accepted
    assert Match.objects.filter(
        need__enterprise=introduction.enterprise, state=MatchState.FORWARDED_TO_ENTERPRISE
    ).exists()
