import pytest

from achievements.models import AchievementStatus
from achievements.services import achievement_transition
from core.history import history_entries
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_history_names_who_changed_what_from_what_to_what_in_local_time(alice):
    result = factories.AchievementFactory(status=AchievementStatus.DRAFT, published_at=None)
    achievement_transition(achievement=result, status=AchievementStatus.PUBLISHED)
    newest, oldest = history_entries(result)
    changes = {str(label): (str(old), str(new)) for label, old, new in newest.changes}
    assert changes["状态"] == ("草稿", "已发布")
    old, new = changes["发布时间"]
    assert old == "—"
    assert len(new) == len("2026-11-28 18:07") and "+00:00" not in new
    assert str(oldest.action) == "创建"
