import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from achievements.models import AchievementStatus
from deals import services
from deals.models import Deal, DealStage, DealStageChange
from requests.models import NeedStatus
from tests import factories

pytestmark = pytest.mark.django_db

SIGNED_ON = datetime.date(2026, 11, 2)


def sign(deal, user, **overrides):
    terms = {"amount_wan": Decimal("380.00"), "signed_on": SIGNED_ON, "landing": "wuhan", **overrides}
    return services.deal_sign(deal=deal, user=user, **terms)


def stages(deal):
    return list(deal.stage_changes.order_by("pk").values_list("from_stage", "to_stage", "changed_by__username"))


# -- opening ---------------------------------------------------------------------------------------


def test_an_officer_opens_a_deal_as_its_responsible_officer(open_deal, alice, result):
    assert open_deal.stage == DealStage.INTRODUCED
    assert open_deal.responsible_officer == alice
    assert stages(open_deal) == [("", "introduced", alice.username)]
    result.refresh_from_db()
    assert result.status == AchievementStatus.PUBLISHED  # an introduction alone changes nothing for the result


def test_bureau_staff_may_open_a_deal_but_another_universitys_officer_may_not(result, enterprise, dora, carol):
    deal = services.deal_open(achievement=result, enterprise=enterprise, opened_by=dora, mode="assignment")
    assert deal.opened_by == dora and deal.responsible_officer is None
    with pytest.raises(PermissionDenied):
        services.deal_open(
            achievement=result, enterprise=factories.EnterpriseFactory(), opened_by=carol, mode="licence"
        )


def test_an_enterprise_user_cannot_open_a_deal(result, enterprise, erin):
    with pytest.raises(PermissionDenied):
        services.deal_open(achievement=result, enterprise=enterprise, opened_by=erin, mode="licence")


def test_a_draft_result_or_a_foreign_need_or_a_second_open_deal_is_refused(result, enterprise, need, alice, university):
    draft = factories.AchievementFactory(university=university, status=AchievementStatus.DRAFT)
    with pytest.raises(ValidationError, match="published result"):
        services.deal_open(achievement=draft, enterprise=enterprise, opened_by=alice, mode="licence")
    other_need = factories.TechNeedFactory()
    with pytest.raises(ValidationError, match="another enterprise"):
        services.deal_open(achievement=result, enterprise=enterprise, opened_by=alice, mode="licence", need=other_need)
    services.deal_open(achievement=result, enterprise=enterprise, opened_by=alice, mode="licence")
    with pytest.raises(ValidationError, match="already have a deal under way"):
        services.deal_open(achievement=result, enterprise=enterprise, opened_by=alice, mode="licence")


def test_the_responsible_officer_must_serve_at_the_results_university(result, enterprise, alice, bob, carol):
    deal = services.deal_open(
        achievement=result, enterprise=enterprise, opened_by=alice, mode="licence", responsible_officer=bob
    )
    assert deal.responsible_officer == bob
    with pytest.raises(ValidationError, match="officer of the result's university"):
        services.deal_open(
            achievement=result,
            enterprise=factories.EnterpriseFactory(),
            opened_by=alice,
            mode="licence",
            responsible_officer=carol,
        )


# -- each stage ------------------------------------------------------------------------------------


def test_negotiating_puts_the_result_in_negotiation(open_deal, bob, result):
    services.deal_start_negotiation(deal=open_deal, user=bob)
    result.refresh_from_db()
    assert result.status == AchievementStatus.NEGOTIATING
    assert stages(open_deal)[-1] == ("introduced", "negotiating", bob.username)


def test_signing_a_licence_keeps_the_result_available_and_solves_the_need(open_deal, alice, result, need):
    services.deal_start_negotiation(deal=open_deal, user=alice)
    deal = sign(open_deal, alice)
    assert (deal.stage, deal.amount_wan, deal.landing) == (DealStage.SIGNED, Decimal("380.00"), "wuhan")
    result.refresh_from_db()
    need.refresh_from_db()
    assert result.status == AchievementStatus.PUBLISHED
    assert need.status == NeedStatus.SOLVED


@pytest.mark.parametrize("mode", ["assignment", "equity"])
def test_signing_an_assignment_or_equity_makes_the_result_transferred(result, enterprise, alice, mode):
    deal = services.deal_open(achievement=result, enterprise=enterprise, opened_by=alice, mode=mode)
    sign(deal, alice)  # straight from introduced, as at a session
    result.refresh_from_db()
    assert result.status == AchievementStatus.TRANSFERRED
    second = services.deal_open
    with pytest.raises(ValidationError, match="published result"):
        second(achievement=result, enterprise=factories.EnterpriseFactory(), opened_by=alice, mode="licence")


def test_a_result_stays_in_negotiation_while_another_deal_is_negotiated(open_deal, result, alice):
    other = services.deal_open(
        achievement=result, enterprise=factories.EnterpriseFactory(), opened_by=alice, mode="licence"
    )
    services.deal_start_negotiation(deal=open_deal, user=alice)
    services.deal_start_negotiation(deal=other, user=alice)
    services.deal_lose(deal=other, user=alice, reason="企业预算取消")
    result.refresh_from_db()
    assert result.status == AchievementStatus.NEGOTIATING
    sign(open_deal, alice)
    result.refresh_from_db()
    assert result.status == AchievementStatus.PUBLISHED


def test_signing_asks_for_amount_date_and_landing(open_deal, alice):
    cases = [
        ({"amount_wan": None}, "amount_wan", "Give the contract amount"),
        ({"amount_wan": Decimal("-5")}, "amount_wan", "cannot be negative"),
        ({"amount_wan": Decimal("1.234")}, "amount_wan", "two decimal places"),
        ({"signed_on": None}, "signed_on", "Give the date"),
        ({"signed_on": datetime.date.today() + datetime.timedelta(days=2)}, "signed_on", "cannot be in the future"),
        ({"landing": ""}, "landing", "Say where the result lands"),
    ]
    for overrides, field, message in cases:
        with pytest.raises(ValidationError) as caught:
            sign(open_deal, alice, **overrides)
        assert message in " ".join(caught.value.message_dict[field])
    assert Deal.objects.get(pk=open_deal.pk).stage == DealStage.INTRODUCED


def test_registering_needs_a_unique_number_and_implementing_follows(open_deal, alice, result, enterprise):
    deal = sign(open_deal, alice)
    with pytest.raises(ValidationError, match="registration number"):
        services.deal_register(deal=deal, user=alice, registration_number="  ")
    deal = services.deal_register(deal=deal, user=alice, registration_number="2026420100000123")
    assert deal.stage == DealStage.REGISTERED
    deal = services.deal_implement(deal=deal, user=alice)
    assert deal.stage == DealStage.IMPLEMENTED
    assert [to for _, to, _ in stages(deal)] == ["introduced", "signed", "registered", "implemented"]

    other = services.deal_open(
        achievement=result, enterprise=factories.EnterpriseFactory(), opened_by=alice, mode="licence"
    )
    other = sign(other, alice)
    with pytest.raises(ValidationError, match="Another deal already has"):
        services.deal_register(deal=other, user=alice, registration_number="2026420100000123")


def test_stages_cannot_be_skipped_or_reversed(open_deal, alice):
    with pytest.raises(ValidationError, match="cannot move to Registered"):
        services.deal_register(deal=open_deal, user=alice, registration_number="X-1")
    with pytest.raises(ValidationError, match="cannot move to Implemented"):
        services.deal_implement(deal=open_deal, user=alice)
    services.deal_lose(deal=open_deal, user=alice, reason="团队不同意")
    with pytest.raises(ValidationError, match="cannot move to Negotiating"):
        services.deal_start_negotiation(deal=open_deal, user=alice)


def test_losing_asks_for_a_reason_and_puts_the_result_back(open_deal, alice, result):
    services.deal_start_negotiation(deal=open_deal, user=alice)
    with pytest.raises(ValidationError, match="Say why"):
        services.deal_lose(deal=open_deal, user=alice, reason=" ")
    deal = services.deal_lose(deal=open_deal, user=alice, reason="企业转向自主研发")
    result.refresh_from_db()
    assert deal.stage == DealStage.LOST and deal.lost_reason == "企业转向自主研发"
    assert result.status == AchievementStatus.PUBLISHED
    assert deal.stage_changes.first().note == "企业转向自主研发"


def test_a_signed_licence_that_falls_through_puts_the_need_back_to_matched(open_deal, alice, need):
    sign(open_deal, alice)
    services.deal_lose(deal=open_deal, user=alice, reason="合同解除")
    need.refresh_from_db()
    assert need.status == NeedStatus.MATCHED


def test_a_signed_assignment_cannot_be_lost(result, enterprise, alice):
    deal = sign(
        services.deal_open(achievement=result, enterprise=enterprise, opened_by=alice, mode="assignment"), alice
    )
    with pytest.raises(ValidationError, match="transferred for good"):
        services.deal_lose(deal=deal, user=alice, reason="反悔")


def test_only_the_universitys_officers_move_a_deal(open_deal, bob, carol, dora, erin, admin_user):
    for outsider in (carol, dora, erin):
        with pytest.raises(PermissionDenied):
            services.deal_start_negotiation(deal=open_deal, user=outsider)
    services.deal_start_negotiation(deal=open_deal, user=admin_user)
    assert Deal.objects.get(pk=open_deal.pk).stage == DealStage.NEGOTIATING


# -- the cascade is all or nothing -----------------------------------------------------------------


def test_a_need_that_cannot_be_solved_undoes_the_whole_signing(result, enterprise, need, alice):
    deal = services.deal_open(achievement=result, enterprise=enterprise, opened_by=alice, mode="assignment", need=need)
    need.status, need.close_outcome = NeedStatus.CLOSED, "dropped"
    need.save()
    with pytest.raises(ValidationError, match="cannot become Solved"):
        sign(deal, alice)
    deal.refresh_from_db()
    result.refresh_from_db()
    assert deal.stage == DealStage.INTRODUCED and deal.amount_wan is None
    assert result.status == AchievementStatus.PUBLISHED  # it had reached transferred before the need refused
    assert DealStageChange.objects.filter(deal=deal).count() == 1


def test_a_failure_after_the_result_moved_rolls_everything_back(open_deal, alice, result, need):
    services.deal_start_negotiation(deal=open_deal, user=alice)
    Deal.objects.filter(pk=open_deal.pk).update(mode="equity")
    failing = mock.patch.object(services, "need_transition", side_effect=RuntimeError("database went away"))
    with failing, pytest.raises(RuntimeError):
        sign(open_deal, alice)
    result.refresh_from_db()
    need.refresh_from_db()
    assert result.status == AchievementStatus.NEGOTIATING
    assert need.status == NeedStatus.OPEN
    assert Deal.objects.get(pk=open_deal.pk).stage == DealStage.NEGOTIATING


def test_history_records_who_changed_the_deal(open_deal, bob):
    services.deal_start_negotiation(deal=open_deal, user=bob)
    assert open_deal.history.first().history_user == bob


def test_the_responsible_officer_can_change_at_any_stage_but_the_mode_only_before_signing(open_deal, alice, bob):
    deal = services.deal_update(deal=open_deal, user=alice, mode="assignment", responsible_officer=bob)
    assert (deal.mode, deal.responsible_officer) == ("assignment", bob)
    deal = sign(deal, alice)
    deal = services.deal_update(deal=deal, user=bob, mode="assignment", responsible_officer=alice)
    assert deal.responsible_officer == alice
    with pytest.raises(ValidationError, match="keeps its transfer mode"):
        services.deal_update(deal=deal, user=bob, mode="licence", responsible_officer=alice)
