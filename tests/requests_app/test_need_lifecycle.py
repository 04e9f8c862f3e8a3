import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from requests.models import CloseOutcome, NeedStatus
from requests.services import need_transition
from tests import factories

pytestmark = pytest.mark.django_db


def test_approving_a_submitted_need_opens_it_and_stamps_the_approval():
    need = factories.TechNeedFactory(status=NeedStatus.SUBMITTED, approved_at=None)
    opened = need_transition(need=need, status=NeedStatus.OPEN)
    assert opened.status == NeedStatus.OPEN
    assert opened.approved_at is not None


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (NeedStatus.DRAFT, NeedStatus.OPEN),
        (NeedStatus.SUBMITTED, NeedStatus.SOLVED),
        (NeedStatus.REJECTED, NeedStatus.OPEN),
        (NeedStatus.OPEN, NeedStatus.SUBMITTED),
        (NeedStatus.CLOSED, NeedStatus.OPEN),
    ],
)
def test_moves_the_lifecycle_does_not_allow_are_refused(current, target):
    need = factories.TechNeedFactory(status=current, close_outcome="dropped" if current == "closed" else "")
    with pytest.raises(ValidationError):
        need_transition(need=need, status=target)
    need.refresh_from_db()
    assert need.status == current


def test_closing_a_need_asks_how_it_ended():
    need = factories.TechNeedFactory(status=NeedStatus.OPEN)
    with pytest.raises(ValidationError) as error:
        need_transition(need=need, status=NeedStatus.CLOSED)
    assert error.value.code == "outcome_required"
    closed = need_transition(need=need, status=NeedStatus.CLOSED, close_outcome=CloseOutcome.SOLVED_ELSEWHERE)
    assert closed.close_outcome == CloseOutcome.SOLVED_ELSEWHERE


def test_the_database_refuses_a_budget_whose_minimum_is_above_its_maximum():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.TechNeedFactory(budget_min_wan=200, budget_max_wan=100)


def test_the_database_refuses_a_negative_budget():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.TechNeedFactory(budget_min_wan=-5, budget_max_wan=100)
