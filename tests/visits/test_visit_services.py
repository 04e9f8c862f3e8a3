import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests import factories
from visits.models import CampusVisit, FollowUpStatus, VisitPurpose
from visits.services import (
    PlannedFollowUp,
    follow_up_complete,
    follow_up_create,
    follow_up_reassign,
    visit_create,
    visit_delete,
    visit_update,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def log_visit(user, **overrides):
    arguments = {
        "user": user,
        "visited_on": TODAY(),
        "notes": "与团队讨论了中试放大。",
        "officers_present": [user],
        "teams": [],
        "contacts": [],
        "purposes": list(VisitPurpose.objects.filter(code="scouting")),
        **overrides,
    }
    return visit_create(**arguments)


def test_a_visit_belongs_to_the_officers_pair_and_university(alice, pair):
    team = factories.ResearchTeamFactory(university=pair.university)
    visit = log_visit(alice, teams=[team])
    assert visit.pair == pair
    assert visit.university == pair.university
    assert list(visit.teams.all()) == [team]
    assert visit.created_by == alice


def test_a_visit_in_the_future_is_refused_with_a_message_for_the_date(alice):
    with pytest.raises(ValidationError) as error:
        log_visit(alice, visited_on=TODAY() + datetime.timedelta(days=1))
    assert "visited_on" in error.value.message_dict
    assert not CampusVisit.objects.exists()


def test_a_follow_up_due_before_the_visit_is_refused_and_nothing_is_saved(alice):
    plan = PlannedFollowUp(title="回访", due_on=TODAY() - datetime.timedelta(days=5), owner=alice)
    with pytest.raises(ValidationError):
        log_visit(alice, visited_on=TODAY() - datetime.timedelta(days=1), follow_ups=[plan])
    assert not CampusVisit.objects.exists()


def test_follow_ups_planned_with_the_visit_are_created_for_the_chosen_officer(alice, bob):
    plan = PlannedFollowUp(title="把需求材料发给团队", due_on=TODAY() + datetime.timedelta(days=3), owner=bob)
    visit = log_visit(alice, follow_ups=[plan])
    follow_up = visit.follow_ups.get()
    assert follow_up.owner == bob
    assert follow_up.university == visit.university


def test_a_follow_up_cannot_be_given_to_an_officer_of_another_pair(alice, carol):
    with pytest.raises(ValidationError):
        follow_up_create(user=alice, title="x", due_on=TODAY(), owner=carol)


def test_only_a_stationed_officer_can_log_a_visit(dora):
    with pytest.raises(PermissionDenied):
        log_visit(dora)


def test_either_officer_of_the_pair_can_edit_and_the_change_is_in_the_history(alice, bob):
    visit = log_visit(alice)
    visit_update(
        visit=visit,
        visited_on=visit.visited_on,
        notes="补充：团队同意提供样品。",
        officers_present=[alice, bob],
        teams=[],
        contacts=[],
        purposes=list(VisitPurpose.objects.all()[:2]),
    )
    visit.refresh_from_db()
    assert visit.notes == "补充：团队同意提供样品。"
    assert visit.history.count() == 2
    assert set(visit.officers_present.all()) == {alice, bob}


def test_deleting_a_visit_hides_it_but_keeps_it_for_the_audit(alice):
    visit = log_visit(alice)
    visit_delete(visit=visit)
    visit.refresh_from_db()
    assert visit.deleted_at is not None
    assert CampusVisit.objects.filter(pk=visit.pk).exists()


def test_marking_a_follow_up_done_needs_an_outcome(alice):
    follow_up = follow_up_create(user=alice, title="回访", due_on=TODAY())
    with pytest.raises(ValidationError):
        follow_up_complete(follow_up=follow_up, outcome="  ")
    done = follow_up_complete(follow_up=follow_up, outcome="团队已确认样品测试时间")
    assert done.status == FollowUpStatus.DONE
    assert done.completed_at is not None
    with pytest.raises(ValidationError):
        follow_up_complete(follow_up=done, outcome="again")


def test_a_follow_up_is_handed_to_the_partner(alice, bob):
    follow_up = follow_up_create(user=alice, title="回访", due_on=TODAY())
    assert follow_up_reassign(follow_up=follow_up, user=alice).owner == bob
    assert follow_up_reassign(follow_up=follow_up, user=bob).owner == alice


def test_a_done_follow_up_records_when_it_was_done(alice, pair):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.FollowUpFactory(university=pair.university, owner=alice, status="done", completed_at=None)
