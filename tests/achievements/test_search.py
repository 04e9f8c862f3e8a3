"""Search finds results by two-character Chinese terms and English words, from the terms the services store."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from achievements import services
from achievements.models import Achievement, AchievementSearchTerm
from core.search import MAX_QUERY_LENGTH, search_filter
from tests import factories

pytestmark = pytest.mark.django_db


def search(query: str) -> set[str]:
    found = search_filter(Achievement.objects.all(), term_model=AchievementSearchTerm, query=query)
    return set(found.values_list("title", flat=True))


@pytest.fixture
def catalogue(alice, university, team, other_team, carol, other_university, result_fields):
    """Three results: a battery one, a live-streaming one (another university), an English one."""
    battery = services.achievement_create(user=alice, university=university, **result_fields)
    streaming = services.achievement_create(
        user=carol,
        university=other_university,
        publish=True,
        **{
            **result_fields,
            "team": other_team,
            "title": "直播带货实时推荐算法",
            "abstract": "面向电商直播场景的低延迟推荐模型。",
            "keywords": "推荐系统",
            "patent_numbers": "",
        },
    )
    english = services.achievement_create(
        user=alice,
        university=university,
        **{
            **result_fields,
            "title": "Low-temperature electrolyte for lithium batteries",
            "abstract": "An electrolyte additive that keeps 80% capacity at minus 30 degrees.",
            "keywords": "electrolyte, cold climate",
            "language": "en",
            "patent_numbers": "",
            "team": None,
        },
    )
    return battery, streaming, english


def test_a_two_character_chinese_term_finds_the_result(catalogue):
    assert search("电池") == {"固态锂电池电解质薄膜"}
    assert search("直播") == {"直播带货实时推荐算法"}


def test_an_english_word_finds_the_result_whatever_its_case_or_plural(catalogue):
    assert search("electrolyte") == {"Low-temperature electrolyte for lithium batteries"}
    assert search("Battery") == {"Low-temperature electrolyte for lithium batteries"}


def test_every_word_of_the_query_must_match(catalogue):
    assert search("电池 薄膜") == {"固态锂电池电解质薄膜"}
    assert search("电池 直播") == set()


def test_the_team_name_and_patent_numbers_are_searchable(catalogue):
    assert search("新能源材料团队") == {"固态锂电池电解质薄膜"}
    assert search("ZL202110456789.1") == {"固态锂电池电解质薄膜"}


def test_editing_a_result_reindexes_it(alice, catalogue, result_fields):
    battery, _streaming, _english = catalogue
    services.achievement_update(
        achievement=battery,
        user=alice,
        **{**result_fields, "title": "钠离子储能模组", "abstract": "储能", "keywords": ""},
    )
    assert "固态锂电池电解质薄膜" not in search("薄膜")
    assert search("储能") == {"钠离子储能模组"}


def test_the_reindex_command_indexes_results_made_without_the_services(university):
    factories.AchievementFactory(university=university, title="直播间虚拟主播驱动技术")
    assert search("直播") == set()
    call_command("reindex_search", verbosity=0)
    assert search("直播") == {"直播间虚拟主播驱动技术"}


def test_the_list_page_searches_in_chinese_and_english(client, alice, catalogue):
    client.force_login(alice)
    for query, title in [
        ("电池", "固态锂电池电解质薄膜"),
        ("直播", "直播带货实时推荐算法"),
        ("lithium", "Low-temperature"),
    ]:
        page = client.get(reverse("achievements:list"), {"q": query}).content.decode()
        assert title in page, query


def test_a_too_long_query_is_cut_with_a_message_and_never_fails(client, erin, catalogue):
    client.force_login(erin)
    response = client.get(
        reverse("achievements:list"), {"q": "直播" + "x" * 10_000, "field": "new_energy"}, follow=True
    )
    assert response.status_code == 200
    final_url = response.redirect_chain[-1][0]
    assert "field=new_energy" in final_url
    assert len(response.context["filter"].form["q"].value()) == MAX_QUERY_LENGTH
    assert str(MAX_QUERY_LENGTH) in " ".join(str(message) for message in response.context["messages"])


def test_a_search_made_only_of_symbols_does_not_fail(client, alice, catalogue):
    client.force_login(alice)
    assert client.get(reverse("achievements:list"), {"q": "%_'\"<>;--"}).status_code == 200


def test_an_edit_in_the_django_admin_is_reindexed_too(client, admin_user, published, modes):
    client.force_login(admin_user)
    data = {
        "university": published.university_id,
        "team": published.team_id,
        "title": "直播电商选品模型",
        "abstract": published.abstract,
        "field": published.field,
        "keywords": "",
        "language": "zh",
        "trl": 6,
        "ip_type": published.ip_type,
        "patent_numbers": "",
        "transfer_modes": ["licence"],
        "asking_price_wan": "",
        "status": "published",
        "catalogued_by": published.catalogued_by_id,
        "source_visit": "",
        "published_at_0": "2026-01-05",
        "published_at_1": "10:00:00",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    response = client.post(reverse("admin:achievements_achievement_change", args=[published.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    assert search("直播") == {"直播电商选品模型"}
