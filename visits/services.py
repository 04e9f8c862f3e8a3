import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from universities.models import LiaisonPair
from universities.selectors import pair_active_for_user, pair_members
from visits.models import CampusVisit, FollowUp, FollowUpStatus


@dataclass
class PlannedFollowUp:
    title: str
    due_on: datetime.date
    owner: object


def _pair_of(user) -> LiaisonPair:
    pair = pair_active_for_user(user=user)
    if pair is None:
        raise PermissionDenied(_("Only an officer stationed at a university can log visits."))
    return pair


def _check_dates(*, visited_on: datetime.date, follow_ups: list[PlannedFollowUp]) -> None:
    errors = {}
    if visited_on > timezone.localdate():
        errors["visited_on"] = _("A visit cannot be in the future.")
    if any(plan.due_on < visited_on for plan in follow_ups):
        errors["follow_ups"] = _("A follow-up cannot be due before the visit.")
    if errors:
        raise ValidationError(errors)


def _apply(visit: CampusVisit, *, officers_present, teams, contacts, purposes, needs_presented, results_found):
    visit.officers_present.set(officers_present)
    visit.teams.set(teams)
    visit.contacts.set(contacts)
    visit.purposes.set(purposes)
    visit.needs_presented.set(needs_presented)
    visit.results_found.set(results_found)


@transaction.atomic
def visit_create(
    *,
    user,
    visited_on: datetime.date,
    notes: str,
    officers_present,
    teams,
    contacts,
    purposes,
    needs_presented=(),
    results_found=(),
    follow_ups: list[PlannedFollowUp] = (),
) -> CampusVisit:
    """Log a visit of the user's pair, with the follow-ups it gave rise to."""
    pair = _pair_of(user)
    _check_dates(visited_on=visited_on, follow_ups=list(follow_ups))
    visit = CampusVisit.objects.create(
        pair=pair, university=pair.university, visited_on=visited_on, notes=notes, created_by=user
    )
    _apply(
        visit,
        officers_present=officers_present or [user],
        teams=teams,
        contacts=contacts,
        purposes=purposes,
        needs_presented=needs_presented,
        results_found=results_found,
    )
    for plan in follow_ups:
        follow_up_create(user=user, title=plan.title, due_on=plan.due_on, owner=plan.owner, visit=visit)
    return visit


@transaction.atomic
def visit_update(
    *,
    visit: CampusVisit,
    visited_on: datetime.date,
    notes: str,
    officers_present,
    teams,
    contacts,
    purposes,
    needs_presented=(),
    results_found=(),
) -> CampusVisit:
    _check_dates(visited_on=visited_on, follow_ups=[])
    visit.visited_on = visited_on
    visit.notes = notes
    visit.save()
    _apply(
        visit,
        officers_present=officers_present,
        teams=teams,
        contacts=contacts,
        purposes=purposes,
        needs_presented=needs_presented,
        results_found=results_found,
    )
    return visit


@transaction.atomic
def visit_delete(*, visit: CampusVisit) -> None:
    """Soft delete: the visit leaves every list but its history stays for the audit."""
    visit.deleted_at = timezone.now()
    visit.save(update_fields=["deleted_at", "updated_at"])


def _pair_members(pair: LiaisonPair) -> set[int]:
    return set(pair_members(pair=pair).values_list("pk", flat=True))


@transaction.atomic
def follow_up_create(
    *, user, title: str, due_on: datetime.date, owner=None, visit: CampusVisit | None = None, match=None
):
    pair = _pair_of(user)
    owner = owner or user
    if owner.pk not in _pair_members(pair):
        raise ValidationError({"owner": _("A follow-up can only be given to an officer of your pair.")})
    if visit is not None and due_on < visit.visited_on:
        raise ValidationError({"due_on": _("A follow-up cannot be due before the visit.")})
    return FollowUp.objects.create(
        university=pair.university, visit=visit, owner=owner, title=title, due_on=due_on, match=match
    )


@transaction.atomic
def follow_up_complete(*, follow_up: FollowUp, outcome: str) -> FollowUp:
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.status != FollowUpStatus.OPEN:
        raise ValidationError(_("This follow-up is already closed."))
    if not outcome.strip():
        raise ValidationError({"outcome": _("Say what came of it.")})
    follow_up.status = FollowUpStatus.DONE
    follow_up.outcome = outcome.strip()
    follow_up.completed_at = timezone.now()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_reassign(*, follow_up: FollowUp, user) -> FollowUp:
    """Hand an open follow-up to the partner officer of the pair."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.status != FollowUpStatus.OPEN:
        raise ValidationError(_("This follow-up is already closed."))
    pair = _pair_of(user)
    partners = _pair_members(pair) - {follow_up.owner_id}
    if len(partners) != 1:
        raise ValidationError(_("There is no partner to hand this follow-up to."))
    follow_up.owner_id = partners.pop()
    follow_up.save(update_fields=["owner"])
    return follow_up
