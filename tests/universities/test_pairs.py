import datetime

import pytest
from django.db import IntegrityError, transaction

from tests import factories
from universities.models import LiaisonPair, PairMembership
from universities.services import pair_station

pytestmark = pytest.mark.django_db


def test_a_university_cannot_have_two_active_pairs(pair):
    with pytest.raises(IntegrityError), transaction.atomic():
        LiaisonPair.objects.create(university=pair.university, started_on=datetime.date(2021, 1, 1))


def test_an_officer_cannot_serve_in_two_active_pairs(pair, other_university):
    busy_officer = pair.memberships.get(seat=1).officer
    other = LiaisonPair.objects.create(university=other_university, started_on=datetime.date(2021, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        PairMembership.objects.create(pair=other, officer=busy_officer, seat=1, started_on=other.started_on)


def test_a_pair_has_no_third_seat(pair):
    with pytest.raises(IntegrityError), transaction.atomic():
        PairMembership.objects.create(
            pair=pair, officer=factories.LiaisonOfficerFactory(), seat=3, started_on=pair.started_on
        )


def test_a_seat_holds_one_active_officer(pair):
    with pytest.raises(IntegrityError), transaction.atomic():
        PairMembership.objects.create(
            pair=pair, officer=factories.LiaisonOfficerFactory(), seat=1, started_on=pair.started_on
        )


def test_restationing_keeps_the_history_of_the_previous_pair(pair):
    newcomers = [factories.LiaisonOfficerFactory(), factories.LiaisonOfficerFactory()]
    new_pair = pair_station(university=pair.university, officers=newcomers, started_on=datetime.date(2023, 3, 1))

    pair.refresh_from_db()
    assert pair.ended_on == datetime.date(2023, 3, 1)
    assert set(pair.memberships.values_list("ended_on", flat=True)) == {datetime.date(2023, 3, 1)}
    assert new_pair.is_active
    assert LiaisonPair.objects.filter(university=pair.university).count() == 2


def test_an_ended_officer_can_be_stationed_elsewhere(pair, other_university):
    veteran = pair.memberships.get(seat=1).officer
    pair_station(
        university=pair.university,
        officers=[factories.LiaisonOfficerFactory(), factories.LiaisonOfficerFactory()],
        started_on=datetime.date(2023, 3, 1),
    )
    moved = pair_station(
        university=other_university,
        officers=[veteran, factories.LiaisonOfficerFactory()],
        started_on=datetime.date(2023, 3, 2),
    )
    assert moved.memberships.filter(officer=veteran, ended_on__isnull=True).exists()


def test_a_pair_cannot_end_before_it_starts(pair):
    pair.ended_on = pair.started_on - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        pair.save()
