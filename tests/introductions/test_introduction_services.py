"""An introduction needs both sides: the pair records the team's consent, the enterprise accepts."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone, translation

from deals.models import DealStage
from introductions import services
from introductions.models import Introduction, IntroductionStatus
from matching.models import InterestRequest, MatchState
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def consent(introduction, officer, **overrides):
    values = {"consent_by": "李教授本人", "consent_on": timezone.localdate(), "channel": "phone", **overrides}
    return services.introduction_record_team_consent(introduction=introduction, officer=officer, **values)


def test_proposing_tells_the_enterprise_once_the_transaction_commits(
    alice, interested_match, professor, erin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        introduction = services.introduction_propose(
            officer=alice, match=interested_match, contact=professor, mode="licence", message="李教授下周有空"
        )
    assert introduction.status == IntroductionStatus.PROPOSED
    assert introduction.need == interested_match.need
    assert introduction.messages.get().body == "李教授下周有空"
    assert Notification.objects.filter(recipient=erin, url__endswith=f"/introductions/{introduction.pk}/").count() == 1
    assert [message.to for message in mail.outbox] == [[erin.email]]


def test_an_introduction_needs_an_interested_enterprise(alice, interested_match, professor):
    interested_match.state = MatchState.FORWARDED_TO_ENTERPRISE
    interested_match.save()
    with pytest.raises(ValidationError, match="once the enterprise has said it is interested"):
        services.introduction_propose(officer=alice, match=interested_match, contact=professor, mode="licence")


def test_only_the_results_university_may_propose(carol, interested_match, professor):
    with pytest.raises(PermissionDenied):
        services.introduction_propose(officer=carol, match=interested_match, contact=professor, mode="licence")


def test_the_contact_must_be_at_the_officers_university_and_have_details(alice, interested_match, other_university):
    stranger = factories.ContactFactory(team__university=other_university)
    with pytest.raises(ValidationError) as error:
        services.introduction_propose(officer=alice, match=interested_match, contact=stranger, mode="licence")
    assert "research team at your university" in error.value.message_dict["contact"][0]

    silent = factories.ContactFactory(team=interested_match.achievement.team, phone="", email="")
    with pytest.raises(ValidationError) as error:
        services.introduction_propose(officer=alice, match=interested_match, contact=silent, mode="licence")
    assert "phone or email" in error.value.message_dict["contact"][0]


def test_a_second_open_introduction_for_the_same_pairing_is_refused(alice, introduction, interested_match, professor):
    with pytest.raises(ValidationError, match="already under way"):
        services.introduction_propose(officer=alice, match=interested_match, contact=professor, mode="licence")
    assert Introduction.objects.count() == 1


def test_after_a_cancellation_a_new_introduction_may_be_proposed(alice, introduction, interested_match, professor):
    services.introduction_cancel(introduction=introduction, officer=alice, reason="团队暂无精力")
    again = services.introduction_propose(officer=alice, match=interested_match, contact=professor, mode="licence")
    assert again.pk != introduction.pk


def test_an_expression_of_interest_can_become_an_introduction(alice, result, professor, enterprise, erin):
    interest = InterestRequest.objects.create(achievement=result, enterprise=enterprise, requested_by=erin)
    introduction = services.introduction_propose(officer=alice, interest=interest, contact=professor, mode="equity")
    assert (introduction.achievement, introduction.enterprise, introduction.need) == (result, enterprise, None)


def test_one_consent_alone_reveals_nothing(introduction, alice, erin):
    consent(introduction, alice)
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PROPOSED
    assert not introduction.contacts_revealed
    assert introduction.deal is None


@pytest.mark.parametrize("order", ["team first", "enterprise first"])
def test_both_consents_in_either_order_open_a_deal_and_mark_the_match_introduced(
    order, introduction, alice, bob, erin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        if order == "team first":
            consent(introduction, bob)
            services.introduction_accept(introduction=introduction, user=erin)
        else:
            services.introduction_accept(introduction=introduction, user=erin)
            consent(introduction, bob)
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED
    assert introduction.contacts_revealed
    assert introduction.deal.stage == DealStage.INTRODUCED
    assert (introduction.deal.achievement, introduction.deal.enterprise) == (
        introduction.achievement,
        introduction.enterprise,
    )
    assert introduction.deal.need == introduction.need
    assert introduction.deal.mode == "licence"
    assert introduction.match.state == MatchState.INTRODUCED
    agreed = Notification.objects.filter(event_key=f"introduction-accepted:{introduction.pk}")
    assert set(agreed.values_list("recipient__username", flat=True)) == {alice.username, bob.username, erin.username}


def test_accepting_twice_is_refused_and_opens_no_second_deal(introduction, alice, erin):
    consent(introduction, alice)
    services.introduction_accept(introduction=introduction, user=erin)
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.introduction_accept(introduction=introduction, user=erin)
    assert introduction.achievement.deals.count() == 1


def test_consent_needs_who_when_and_how_and_no_future_date(introduction, alice):
    with pytest.raises(ValidationError) as error:
        consent(introduction, alice, consent_by=" ")
    assert "who agreed" in error.value.message_dict["consent_by"][0]
    with pytest.raises(ValidationError) as error:
        consent(introduction, alice, consent_on=timezone.localdate() + datetime.timedelta(days=1))
    assert "future" in error.value.message_dict["consent_on"][0]
    with pytest.raises(ValidationError) as error:
        consent(introduction, alice, channel="telepathy")
    assert "how the team agreed" in error.value.message_dict["channel"][0]


def test_the_wrong_people_cannot_act_for_either_side(introduction, carol, outsider, alice):
    with pytest.raises(PermissionDenied):
        consent(introduction, carol)
    with pytest.raises(PermissionDenied):
        services.introduction_accept(introduction=introduction, user=outsider)
    with pytest.raises(PermissionDenied):
        services.introduction_accept(introduction=introduction, user=alice)
    with pytest.raises(PermissionDenied):
        services.introduction_message_post(introduction=introduction, author=outsider, body="你好")


def test_declining_needs_a_reason_and_tells_the_pair(introduction, erin, alice):
    with pytest.raises(ValidationError):
        services.introduction_decline(introduction=introduction, user=erin, reason="")
    services.introduction_decline(introduction=introduction, user=erin, reason="预算已转向其他项目")
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.DECLINED
    assert Notification.objects.get(recipient=alice, event_key=f"introduction-closed:{introduction.pk}").body == (
        "预算已转向其他项目"
    )
    with pytest.raises(ValidationError):
        consent(introduction, alice)


def test_messages_go_to_the_other_side_only(introduction, alice, bob, erin):
    services.introduction_message_post(introduction=introduction, author=erin, body="请问样品能否先试用？")
    recipients = Notification.objects.filter(event_key__startswith="introduction-message:")
    assert set(recipients.values_list("recipient__username", flat=True)) == {alice.username, bob.username}

    services.introduction_message_post(introduction=introduction, author=alice, body="可以，教授同意寄样")
    assert Notification.objects.filter(event_key__startswith="introduction-message:", recipient=erin).count() == 1


def test_an_accepted_introduction_has_both_consents_in_the_database(introduction):
    introduction.status = IntroductionStatus.ACCEPTED
    with pytest.raises(IntegrityError):
        introduction.save()


def test_an_introduction_joins_a_deal_already_under_way_instead_of_opening_a_second(introduction, alice, erin):
    from deals.services import deal_open

    existing = deal_open(
        achievement=introduction.achievement, enterprise=introduction.enterprise, opened_by=alice, mode="assignment"
    )
    consent(introduction, alice)
    services.introduction_accept(introduction=introduction, user=erin)
    introduction.refresh_from_db()
    assert introduction.deal == existing
    assert introduction.achievement.deals.count() == 1


def test_the_deal_of_an_introduction_is_audited_and_owned_by_the_pair(introduction, alice, bob, erin):
    consent(introduction, bob)
    services.introduction_accept(introduction=introduction, user=erin)
    introduction.refresh_from_db()
    deal = introduction.deal
    assert deal.opened_by == bob and deal.responsible_officer == bob
    assert list(deal.stage_changes.values_list("to_stage", flat=True)) == [DealStage.INTRODUCED]
