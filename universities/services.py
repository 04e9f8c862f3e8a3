import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from achievements.services import achievement_reindex
from universities.models import (
    Contact,
    ContactDataView,
    LiaisonOfficer,
    LiaisonPair,
    PairMembership,
    ResearchTeam,
    University,
)


@transaction.atomic
def officer_create(*, username: str, full_name: str, centre: str, phone: str = "", email: str = "") -> LiaisonOfficer:
    user = User.objects.create_user(username=username, full_name=full_name, email=email, role=Role.OFFICER)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return LiaisonOfficer.objects.create(user=user, centre=centre, phone=phone)


@transaction.atomic
def pair_station(*, university: University, officers: list[LiaisonOfficer], started_on: datetime.date) -> LiaisonPair:
    """Station two officers at a university, ending the pair (and memberships) that served there before.

    The database refuses an officer who still serves in another active pair.
    """
    if len(officers) != 2 or officers[0].pk == officers[1].pk:
        raise ValueError("A liaison pair has exactly two different officers.")
    previous = LiaisonPair.objects.select_for_update().filter(university=university, ended_on__isnull=True).first()
    if previous is not None:
        pair_end(pair=previous, ended_on=started_on)
    pair = LiaisonPair.objects.create(university=university, started_on=started_on)
    for seat, officer in enumerate(officers, start=1):
        PairMembership.objects.create(pair=pair, officer=officer, seat=seat, started_on=started_on)
    return pair


@transaction.atomic
def pair_end(*, pair: LiaisonPair, ended_on: datetime.date) -> None:
    pair.memberships.filter(ended_on__isnull=True).update(ended_on=ended_on)
    pair.ended_on = ended_on
    pair.save(update_fields=["ended_on"])


# Every relation that points at a research team, and so must move in `team_merge`.
# tests/universities/test_team_merge.py fails when a new one appears that is not listed here.
TEAM_RELATIONS_MOVED_ON_MERGE = frozenset({"contacts", "visits", "achievements"})


def _required(value: str, *, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _check_team_name_free(*, university: University, name: str, exclude_pk: int | None = None) -> None:
    clash = ResearchTeam.objects.filter(university=university, name__iexact=name).exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {"name": _("This university already has a team with this name. Open it, or merge the two teams.")}
        )


@transaction.atomic
def team_create(*, university: University, name: str, leader: str, discipline: str = "") -> ResearchTeam:
    name = _required(name, field="name", message=_("Give the team a name."))
    leader = _required(leader, field="leader", message=_("Say who leads the team."))
    _check_team_name_free(university=university, name=name)
    return ResearchTeam.objects.create(university=university, name=name, leader=leader, discipline=discipline.strip())


@transaction.atomic
def team_update(*, team: ResearchTeam, name: str, leader: str, discipline: str = "") -> ResearchTeam:
    team.name = _required(name, field="name", message=_("Give the team a name."))
    team.leader = _required(leader, field="leader", message=_("Say who leads the team."))
    team.discipline = discipline.strip()
    _check_team_name_free(university=team.university, name=team.name, exclude_pk=team.pk)
    team.save()
    # Results are found by their team's name too.
    for result in team.achievements.select_related("team"):
        achievement_reindex(achievement=result)
    return team


@transaction.atomic
def team_merge(*, keep: ResearchTeam, duplicate: ResearchTeam) -> ResearchTeam:
    """Fold a duplicate team into `keep`: its contacts, visits and results move over, then it is deleted.

    Rows are saved one by one rather than with `update()` so every move lands in the
    change history; the duplicate's own history stays, ending with its deletion.
    """
    if keep.pk == duplicate.pk:
        raise ValidationError({"duplicate": _("A team cannot be merged into itself.")})
    if keep.university_id != duplicate.university_id:
        raise ValidationError({"duplicate": _("Only teams of the same university can be merged.")})
    # Lock both rows in a fixed order so two merges of the same teams cannot deadlock or interleave.
    locked = {
        team.pk: team
        for team in ResearchTeam.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk]).order_by("pk")
    }
    if len(locked) != 2:
        raise ValidationError({"duplicate": _("One of the teams no longer exists; reload the page.")})
    keep, duplicate = locked[keep.pk], locked[duplicate.pk]

    for contact in duplicate.contacts.all():
        contact.team = keep
        contact.save(update_fields=["team"])
    for result in duplicate.achievements.all():
        result.team = keep
        result.save(update_fields=["team"])
        achievement_reindex(achievement=result)
    # Soft-deleted visits move too, so their history still names a team that exists.
    keep.visits.add(*duplicate.visits.all())
    duplicate.visits.clear()
    if not keep.discipline and duplicate.discipline:
        keep.discipline = duplicate.discipline
        keep.save(update_fields=["discipline"])
    duplicate.delete()
    return keep


@transaction.atomic
def contact_create(*, team: ResearchTeam, name: str, title: str = "", phone: str = "", email: str = "") -> Contact:
    name = _required(name, field="name", message=_("Give the contact's name."))
    return Contact.objects.create(team=team, name=name, title=title.strip(), phone=phone.strip(), email=email.strip())


@transaction.atomic
def contact_update(*, contact: Contact, name: str, title: str = "", phone: str = "", email: str = "") -> Contact:
    contact.name = _required(name, field="name", message=_("Give the contact's name."))
    contact.title = title.strip()
    contact.phone = phone.strip()
    contact.email = email.strip()
    contact.save()
    return contact


@transaction.atomic
def contact_data_view_record(*, viewer, contacts) -> list[ContactDataView]:
    """Log that `viewer` was shown the personal data of `contacts` (those without any are skipped)."""
    now = timezone.now()
    return ContactDataView.objects.bulk_create(
        [ContactDataView(contact=c, viewer=viewer, viewed_at=now) for c in contacts if c.has_personal_data]
    )
