"""The need lifecycle through the services: every allowed and every forbidden move."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from requests import services
from requests.models import CloseOutcome, EnterpriseStatus, NeedSearchTerm, NeedStatus, TechNeed
from tests import factories

pytestmark = pytest.mark.django_db

ALL_STATUSES = list(NeedStatus)


def _need_in(status):
    return factories.TechNeedFactory(
        status=status,
        close_outcome=CloseOutcome.DROPPED if status == NeedStatus.CLOSED else "",
        approved_at=None if status in (NeedStatus.DRAFT, NeedStatus.SUBMITTED) else datetime.datetime.now(datetime.UTC),
    )


def test_a_new_need_is_a_draft_with_its_search_terms(erin, enterprise, need_data):
    need = services.need_create(user=erin, enterprise=enterprise, **need_data)
    assert need.status == NeedStatus.DRAFT
    assert need.created_by == erin
    assert NeedSearchTerm.objects.filter(document=need, term="电池").exists()


def test_a_need_can_be_submitted_straight_away(erin, enterprise, need_data):
    need = services.need_create(user=erin, enterprise=enterprise, submit=True, **need_data)
    assert need.status == NeedStatus.SUBMITTED
    assert need.review_round == 1


@pytest.mark.parametrize("status", [EnterpriseStatus.PENDING, EnterpriseStatus.REJECTED])
def test_an_enterprise_not_yet_approved_cannot_post(status, need_data):
    membership = factories.EnterpriseMembershipFactory(enterprise__status=status)
    with pytest.raises(ValidationError) as error:
        services.need_create(user=membership.user, enterprise=membership.enterprise, **need_data)
    assert error.value.code == "enterprise_not_approved"
    assert not TechNeed.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"budget_min_wan": Decimal("-1")}, "budget_min_wan"),
        ({"budget_max_wan": Decimal("-5"), "budget_min_wan": None}, "budget_max_wan"),
        ({"budget_min_wan": Decimal("300"), "budget_max_wan": Decimal("100")}, "budget_max_wan"),
        ({"deadline": datetime.date(2020, 1, 1)}, "deadline"),
    ],
)
def test_bad_budgets_and_past_deadlines_are_refused_with_a_message_on_the_field(
    erin, enterprise, need_data, changes, field
):
    with pytest.raises(ValidationError) as error:
        services.need_create(user=erin, enterprise=enterprise, **{**need_data, **changes})
    assert field in error.value.message_dict
    assert not TechNeed.objects.exists()


def test_the_same_title_twice_within_a_minute_is_one_need(erin, enterprise, need_data):
    first = services.need_create(user=erin, enterprise=enterprise, **need_data)
    with pytest.raises(services.DuplicateNeed) as duplicate:
        services.need_create(user=erin, enterprise=enterprise, **need_data)
    assert duplicate.value.need == first
    assert TechNeed.objects.count() == 1


def test_the_same_title_after_a_minute_is_a_new_need(erin, enterprise, need_data):
    first = services.need_create(user=erin, enterprise=enterprise, **need_data)
    TechNeed.objects.filter(pk=first.pk).update(created_at=first.created_at - datetime.timedelta(minutes=2))
    services.need_create(user=erin, enterprise=enterprise, **need_data)
    assert TechNeed.objects.count() == 2


@pytest.mark.parametrize("status", [NeedStatus.DRAFT, NeedStatus.CHANGES_REQUESTED, NeedStatus.SUBMITTED])
def test_a_need_not_yet_approved_can_be_edited_and_is_reindexed(status, need_data):
    need = _need_in(status)
    updated = services.need_update(need=need, **{**need_data, "title": "锂电池回收工艺"})
    assert updated.title == "锂电池回收工艺"
    assert updated.status == status
    assert NeedSearchTerm.objects.filter(document=need, term="回收").exists()


@pytest.mark.parametrize(
    "status", [NeedStatus.OPEN, NeedStatus.MATCHED, NeedStatus.SOLVED, NeedStatus.REJECTED, NeedStatus.CLOSED]
)
def test_an_approved_or_finished_need_cannot_be_edited(status, need_data):
    need = _need_in(status)
    with pytest.raises(ValidationError) as error:
        services.need_update(need=need, **{**need_data, "title": "改过的标题"})
    assert error.value.code == "not_editable"
    need.refresh_from_db()
    assert need.title != "改过的标题"


def test_editing_with_submit_sends_changes_back_for_a_new_round(need_data):
    need = _need_in(NeedStatus.CHANGES_REQUESTED)
    need.review_round = 1
    need.save()
    updated = services.need_update(need=need, submit=True, **need_data)
    assert updated.status == NeedStatus.SUBMITTED
    assert updated.review_round == 2


# Each action, the statuses it may start from, and the status it leads to.
ACTIONS = {
    "submit": ({NeedStatus.DRAFT, NeedStatus.CHANGES_REQUESTED}, NeedStatus.SUBMITTED),
    "approve": ({NeedStatus.SUBMITTED}, NeedStatus.OPEN),
    "reject": ({NeedStatus.SUBMITTED}, NeedStatus.REJECTED),
    "changes": ({NeedStatus.SUBMITTED}, NeedStatus.CHANGES_REQUESTED),
    "close": (
        {
            NeedStatus.DRAFT,
            NeedStatus.SUBMITTED,
            NeedStatus.CHANGES_REQUESTED,
            NeedStatus.OPEN,
            NeedStatus.MATCHED,
        },
        NeedStatus.CLOSED,
    ),
}


def _run(action, need):
    return {
        "submit": lambda: services.need_submit(need=need),
        "approve": lambda: services.need_approve(need=need),
        "reject": lambda: services.need_reject(need=need, reason="与本平台定位不符"),
        "changes": lambda: services.need_request_changes(need=need, note="请补充目标指标"),
        "close": lambda: services.need_close(need=need, outcome=CloseOutcome.SOLVED_HERE),
    }[action]()


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (action, status)
        for action, (allowed, _target) in ACTIONS.items()
        for status in ALL_STATUSES
        if status in allowed
    ],
)
def test_each_allowed_move_reaches_its_status(action, status):
    need = _need_in(status)
    moved = _run(action, need)
    assert moved.status == ACTIONS[action][1]


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (action, status)
        for action, (allowed, _target) in ACTIONS.items()
        for status in ALL_STATUSES
        if status not in allowed
    ],
)
def test_each_forbidden_move_is_refused_and_changes_nothing(action, status):
    need = _need_in(status)
    with pytest.raises(ValidationError):
        _run(action, need)
    need.refresh_from_db()
    assert need.status == status


def test_approval_opens_the_need_and_stamps_the_time(submitted):
    opened = services.need_approve(need=submitted)
    assert opened.status == NeedStatus.OPEN
    assert opened.approved_at is not None


def test_a_rejection_needs_a_reason_and_keeps_it(submitted):
    with pytest.raises(ValidationError):
        services.need_reject(need=submitted, reason="  ")
    rejected = services.need_reject(need=submitted, reason="重复提交")
    assert rejected.review_note == "重复提交"


def test_asking_for_changes_needs_a_note(submitted):
    with pytest.raises(ValidationError):
        services.need_request_changes(need=submitted, note="")
    assert services.need_request_changes(need=submitted, note="请补充预算").status == NeedStatus.CHANGES_REQUESTED


def test_closing_needs_a_known_outcome(open_need):
    with pytest.raises(ValidationError):
        services.need_close(need=open_need, outcome="vanished")
    closed = services.need_close(need=open_need, outcome=CloseOutcome.SOLVED_ELSEWHERE)
    assert closed.close_outcome == CloseOutcome.SOLVED_ELSEWHERE


def test_bulk_approval_opens_every_ticked_need(erin, enterprise, need_data):
    needs = [
        services.need_create(user=erin, enterprise=enterprise, submit=True, **{**need_data, "title": f"需求{n}"})
        for n in range(3)
    ]
    services.need_bulk_approve(needs=needs)
    assert set(TechNeed.objects.values_list("status", flat=True)) == {NeedStatus.OPEN}


def test_bulk_approval_is_all_or_nothing(erin, enterprise, need_data):
    ready = services.need_create(user=erin, enterprise=enterprise, submit=True, **need_data)
    draft = services.need_create(user=erin, enterprise=enterprise, **{**need_data, "title": "还是草稿"})
    with pytest.raises(ValidationError):
        services.need_bulk_approve(needs=[ready, draft])
    ready.refresh_from_db()
    assert ready.status == NeedStatus.SUBMITTED
