import datetime

from django.db import transaction

from accounts.models import Role, User
from universities.models import LiaisonOfficer, LiaisonPair, PairMembership, University


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
