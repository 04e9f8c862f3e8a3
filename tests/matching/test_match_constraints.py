import datetime

import pytest
from django.db import IntegrityError, transaction

from matching.models import Digest, Match, MatchState
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_need_and_a_result_are_matched_once():
    need, result = factories.TechNeedFactory(), factories.AchievementFactory()
    Match.objects.create(need=need, achievement=result, score=0.8)
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(need=need, achievement=result, score=0.5)


@pytest.mark.parametrize("state", [MatchState.DISMISSED, MatchState.NOT_RELEVANT])
def test_dismissing_a_match_needs_a_reason(state):
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(need=factories.TechNeedFactory(), achievement=factories.AchievementFactory(), state=state)


def test_a_pair_gets_one_digest_per_week(pair):
    monday = datetime.date(2026, 11, 23)
    Digest.objects.create(pair=pair, period_start=monday)
    with pytest.raises(IntegrityError), transaction.atomic():
        Digest.objects.create(pair=pair, period_start=monday)
