import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from deals.models import Deal, DealStage
from tests import factories

pytestmark = pytest.mark.django_db


def deal(**fields):
    return Deal.objects.create(
        achievement=fields.pop("achievement", None) or factories.AchievementFactory(),
        enterprise=fields.pop("enterprise", None) or factories.EnterpriseFactory(),
        mode=fields.pop("mode", "licence"),
        **fields,
    )


def test_a_signed_deal_records_its_date_amount_and_where_it_lands():
    signed = deal(
        stage=DealStage.SIGNED, signed_on=datetime.date(2026, 5, 1), amount_wan=Decimal("120.50"), landing="wuhan"
    )
    assert signed.amount_wan == Decimal("120.50")
    for missing in ({"signed_on": None}, {"amount_wan": None}, {"landing": ""}):
        fields = {"signed_on": datetime.date(2026, 5, 1), "amount_wan": Decimal("10"), "landing": "wuhan", **missing}
        with pytest.raises(IntegrityError), transaction.atomic():
            deal(stage=DealStage.SIGNED, **fields)


def test_a_lost_deal_needs_a_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        deal(stage=DealStage.LOST)
    assert deal(stage=DealStage.LOST, lost_reason="企业转向自主研发").lost_reason


def test_an_amount_cannot_be_negative():
    with pytest.raises(IntegrityError), transaction.atomic():
        deal(amount_wan=Decimal("-1"))


def test_a_contract_registration_number_is_unique_but_may_be_missing():
    deal(registration_number="2026420100000123")
    deal(registration_number=None)
    deal(registration_number=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        deal(registration_number="2026420100000123")


def test_an_unknown_transfer_mode_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        deal(mode="barter")
