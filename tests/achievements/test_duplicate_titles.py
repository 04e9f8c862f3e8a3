"""A title very close to an existing result of the same university asks for confirmation before saving."""

import pytest
from django.urls import reverse

from achievements import services
from achievements.selectors import achievement_similar_titles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def existing(university, team):
    return factories.AchievementFactory(university=university, team=team, title="高能量密度磷酸铁锂电池正极材料")


@pytest.mark.parametrize(
    "title",
    [
        "高能量密度磷酸铁锂电池正极材料",
        "高能量密度 磷酸铁锂电池正极材料。",
        "高能量密度磷酸铁锂电池正极材料制备",
        "高能量密度磷酸铁锂电池负极材料",
    ],
)
def test_close_titles_of_the_same_university_are_found(existing, university, title):
    assert achievement_similar_titles(university=university, title=title) == [existing]


@pytest.mark.parametrize("title", ["磷酸铁锂", "钠离子电池正极材料", "基于深度学习的直播内容审核系统"])
def test_merely_related_titles_are_not_flagged(existing, university, title):
    assert achievement_similar_titles(university=university, title=title) == []


def test_english_titles_are_compared_without_case_or_punctuation(university):
    existing = factories.AchievementFactory(university=university, title="Low-temperature electrolyte for Li-ion cells")
    found = achievement_similar_titles(university=university, title="low temperature electrolyte for Li ion cells")
    assert found == [existing]


def test_results_of_other_universities_are_not_duplicates(existing, other_university):
    assert achievement_similar_titles(university=other_university, title=existing.title) == []


def test_the_service_refuses_a_close_title_and_lists_the_existing_result(alice, university, existing, result_fields):
    result_fields["title"] = "高能量密度磷酸铁锂电池正极材料制备"
    with pytest.raises(services.PossibleDuplicate) as error:
        services.achievement_create(user=alice, university=university, **result_fields)
    assert error.value.similar == [existing]
    assert university.achievements.count() == 1


def test_the_service_saves_a_close_title_when_told_it_is_a_different_result(alice, university, existing, result_fields):
    result_fields["title"] = "高能量密度磷酸铁锂电池正极材料制备"
    services.achievement_create(user=alice, university=university, allow_duplicate=True, **result_fields)
    assert university.achievements.count() == 2


def test_editing_a_result_without_changing_its_title_does_not_warn(alice, university, existing, result_fields):
    twin = factories.AchievementFactory(university=university, title="高能量密度磷酸铁锂电池正极材料制备方法")
    result_fields["title"] = twin.title
    result_fields["abstract"] = "新的摘要"
    assert services.achievement_update(achievement=twin, user=alice, **result_fields).abstract == "新的摘要"


def test_a_result_is_not_its_own_duplicate_when_its_title_changes(alice, existing, result_fields):
    result_fields["title"] = existing.title + "（修订）"
    updated = services.achievement_update(achievement=existing, user=alice, **result_fields)
    assert updated.title.endswith("（修订）")


def test_the_form_warns_keeps_everything_typed_and_saves_when_confirmed(client, alice, university, existing, form_data):
    client.force_login(alice)
    form_data["title"] = "高能量密度磷酸铁锂电池正极材料制备"
    form_data["abstract"] = "我们刚写好的摘要，不能丢。"
    response = client.post(reverse("achievements:create"), form_data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="duplicate-warning"' in page
    assert existing.title in page
    assert reverse("achievements:detail", args=[existing.pk]) in page
    assert "我们刚写好的摘要，不能丢。" in page
    assert 'value="高能量密度磷酸铁锂电池正极材料制备"' in page
    assert university.achievements.count() == 1

    response = client.post(reverse("achievements:create"), {**form_data, "save_anyway": "on"})
    assert response.status_code == 302
    assert university.achievements.count() == 2
