import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_reindexing_makes_rows_written_without_the_services_searchable():
    from django.core.management import call_command

    from achievements.models import Achievement, AchievementSearchTerm
    from core.search import search_filter
    from requests.models import NeedSearchTerm, TechNeed

    result = factories.AchievementFactory(title="钙钛矿叠层太阳能电池")
    need = factories.TechNeedFactory(title="钙钛矿组件封装寿命提升")
    call_command("reindex_search", verbosity=0)
    assert list(search_filter(Achievement.objects.all(), term_model=AchievementSearchTerm, query="钙钛矿")) == [result]
    assert list(search_filter(TechNeed.objects.all(), term_model=NeedSearchTerm, query="钙钛矿")) == [need]
