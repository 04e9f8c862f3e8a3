import pytest

from deals.models import EventLevel, EventTarget
from deals.selectors import event_targets_for_year

pytestmark = pytest.mark.django_db


def test_event_targets_default_to_the_plan():
    assert event_targets_for_year(year=2025) == {"large": 10, "medium": 50, "small": 100}


def test_event_targets_set_in_the_admin_win_for_their_year_only():
    EventTarget.objects.create(year=2025, level=EventLevel.LARGE, target=12)

    assert event_targets_for_year(year=2025) == {"large": 12, "medium": 50, "small": 100}
    assert event_targets_for_year(year=2026)["large"] == 10
