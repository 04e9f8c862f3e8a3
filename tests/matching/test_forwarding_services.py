"""Officers forward their university's results to needs; the enterprise answers once."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from matching.models import Match, MatchState
from matching.services import match_forward_to_enterprise, match_respond
from notifications.models import Notification
from requests.models import NeedStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The refusals are asserted by their English wording, which stays put when translations change."""
    with translation.override("en"):
        yield


def forward(need, result, officer, note="适用于零下20度储能场景"):
    return match_forward_to_enterprise(need=need, achievement=result, officer=officer, note=note)


def test_forwarding_creates_a_match_with_the_note(alice, need, result):
    match = forward(need, result, alice)
    assert match.state == MatchState.FORWARDED_TO_ENTERPRISE
    assert match.forwarded_by == alice
    assert match.explanation == {"note": "适用于零下20度储能场景"}


def test_forwarding_a_suggested_match_updates_it(alice, need, result):
    suggested = Match.objects.create(need=need, achievement=result, score=0.7, explanation={"terms": ["电池"]})
    match = forward(need, result, alice, note="新的理由")
    assert match.pk == suggested.pk
    assert match.state == MatchState.FORWARDED_TO_ENTERPRISE
    assert match.explanation == {"terms": ["电池"], "note": "新的理由"}
    assert Match.objects.count() == 1


def test_forwarding_again_before_an_answer_updates_the_note(alice, bob, need, result):
    forward(need, result, alice)
    match = forward(need, result, bob, note="补充说明")
    assert match.forwarded_by == bob
    assert match.explanation["note"] == "补充说明"


def test_a_result_in_negotiation_may_be_forwarded(alice, need, university):
    result = factories.AchievementFactory(university=university, status="negotiating")
    assert forward(need, result, alice).state == MatchState.FORWARDED_TO_ENTERPRISE


def test_it_refuses_a_draft_result(alice, need, draft_result):
    with pytest.raises(ValidationError, match="published"):
        forward(need, draft_result, alice)
    assert not Match.objects.exists()


def test_it_refuses_another_universitys_result(alice, need, other_result):
    with pytest.raises(ValidationError, match="stationed"):
        forward(need, other_result, alice)


def test_it_refuses_an_officer_who_is_stationed_nowhere(need, result):
    officer = factories.LiaisonOfficerFactory().user
    with pytest.raises(ValidationError, match="stationed"):
        forward(need, result, officer)


@pytest.mark.parametrize("status", [NeedStatus.CLOSED, NeedStatus.SUBMITTED, NeedStatus.SOLVED])
def test_it_refuses_a_need_that_is_not_open(alice, result, enterprise, status):
    outcome = "dropped" if status == NeedStatus.CLOSED else ""
    need = factories.TechNeedFactory(enterprise=enterprise, status=status, close_outcome=outcome)
    with pytest.raises(ValidationError, match="not open"):
        forward(need, result, alice)


def test_a_matched_need_still_takes_results(alice, enterprise, result):
    need = factories.TechNeedFactory(enterprise=enterprise, status=NeedStatus.MATCHED)
    assert forward(need, result, alice).state == MatchState.FORWARDED_TO_ENTERPRISE


@pytest.mark.parametrize("note", ["", "   ", "长" * 1001])
def test_the_note_is_required_and_limited(alice, need, result, note):
    with pytest.raises(ValidationError) as error:
        forward(need, result, alice, note=note)
    assert "note" in error.value.message_dict


@pytest.mark.parametrize("interested", [True, False])
def test_a_result_the_enterprise_answered_is_not_forwarded_again(alice, erin, need, result, interested):
    match = forward(need, result, alice)
    match_respond(match=match, user=erin, interested=interested, reason="" if interested else "方向不符")
    with pytest.raises(ValidationError, match="already answered"):
        forward(need, result, alice)


def test_a_dismissed_match_is_not_forwarded(alice, need, result):
    Match.objects.create(need=need, achievement=result, state=MatchState.DISMISSED, reason="不相关")
    with pytest.raises(ValidationError, match="dismissed"):
        forward(need, result, alice)


def test_interest_makes_an_open_need_matched(alice, erin, need, result):
    match = match_respond(match=forward(need, result, alice), user=erin, interested=True)
    assert match.state == MatchState.INTERESTED
    need.refresh_from_db()
    assert need.status == NeedStatus.MATCHED


def test_interest_in_a_second_result_keeps_a_matched_need_matched(alice, erin, need, result, university):
    match_respond(match=forward(need, result, alice), user=erin, interested=True)
    second = factories.AchievementFactory(university=university)
    match_respond(match=forward(need, second, alice), user=erin, interested=True)
    need.refresh_from_db()
    assert need.status == NeedStatus.MATCHED


def test_not_relevant_needs_a_reason(alice, erin, need, result):
    match = forward(need, result, alice)
    with pytest.raises(ValidationError) as error:
        match_respond(match=match, user=erin, interested=False, reason="  ")
    assert "reason" in error.value.message_dict
    match.refresh_from_db()
    assert match.state == MatchState.FORWARDED_TO_ENTERPRISE


def test_not_relevant_keeps_the_reason_and_the_need_open(alice, erin, need, result):
    match = match_respond(match=forward(need, result, alice), user=erin, interested=False, reason="成本太高")
    assert (match.state, match.reason) == (MatchState.NOT_RELEVANT, "成本太高")
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN


def test_a_match_is_answered_once(alice, erin, need, result):
    match = match_respond(match=forward(need, result, alice), user=erin, interested=True)
    with pytest.raises(ValidationError, match="already answered"):
        match_respond(match=match, user=erin, interested=False, reason="改主意了")


def test_another_enterprise_cannot_answer(alice, outsider, need, result):
    with pytest.raises(PermissionDenied):
        match_respond(match=forward(need, result, alice), user=outsider, interested=True)


def test_forwarding_tells_the_enterprise_users_once(django_capture_on_commit_callbacks, alice, erin, need, result):
    colleague = factories.EnterpriseMembershipFactory(enterprise=need.enterprise, is_manager=False).user
    with django_capture_on_commit_callbacks(execute=True):
        match = forward(need, result, alice)
    with django_capture_on_commit_callbacks(execute=True):
        forward(need, result, alice, note="再说一次")
    assert sorted(message.to[0] for message in mail.outbox) == sorted([erin.email, colleague.email])
    notifications = Notification.objects.filter(event_key=f"match-forwarded:{match.pk}")
    assert {n.recipient for n in notifications} == {erin, colleague}
    assert {n.url for n in notifications} == {f"/needs/{need.pk}/"}


def test_an_answer_tells_both_officers_of_the_pair_once(
    django_capture_on_commit_callbacks, alice, bob, carol, erin, need, result
):
    match = forward(need, result, alice)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        match_respond(match=match, user=erin, interested=False, reason="成本太高")
    assert sorted(message.to[0] for message in mail.outbox) == sorted([alice.email, bob.email])
    notifications = Notification.objects.filter(event_key=f"match-answered:{match.pk}")
    assert {n.recipient for n in notifications} == {alice, bob}
    assert notifications.first().body == "成本太高"
