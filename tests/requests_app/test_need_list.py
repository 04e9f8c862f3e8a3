"""The need list: scoped per role, filtered and searched through the URL, in a fixed number of queries."""

import pytest
from django.urls import reverse

from requests import services
from requests.models import NeedStatus
from tests import factories

pytestmark = pytest.mark.django_db


def _titles(response):
    return [need.title for need in response.context["page_obj"]]


@pytest.fixture
def needs(erin, enterprise, need_data):
    """Three open needs of different industries, budgets and languages, indexed by the services."""
    made = {}
    for title, changes in {
        "储能电池低温性能提升": {"industry": "new_energy", "budget_min_wan": 50, "budget_max_wan": 200},
        "Laser welding of thin copper foil": {
            "industry": "optoelectronics",
            "budget_min_wan": 500,
            "budget_max_wan": 800,
            "language": "en",
            "description": "We need a stable laser welding process for copper foil below 10 microns.",
        },
        "直播带货数据分析平台": {
            "industry": "internet_media",
            "budget_min_wan": None,
            "budget_max_wan": None,
            "description": "需要直播间实时数据分析。",
            "tried": "",
            "target_indicators": "",
        },
    }.items():
        need = services.need_create(
            user=erin, enterprise=enterprise, submit=True, **{**need_data, "title": title, **changes}
        )
        made[title] = services.need_approve(need=need)
    return made


def test_officers_search_needs_in_chinese(client, alice, needs):
    client.force_login(alice)
    assert _titles(client.get(reverse("needs:list"), {"q": "电池"})) == ["储能电池低温性能提升"]
    assert _titles(client.get(reverse("needs:list"), {"q": "直播"})) == ["直播带货数据分析平台"]


def test_officers_search_needs_in_english_and_in_the_problem_text(client, alice, needs):
    client.force_login(alice)
    assert _titles(client.get(reverse("needs:list"), {"q": "welding"})) == ["Laser welding of thin copper foil"]
    assert _titles(client.get(reverse("needs:list"), {"q": "microns"})) == ["Laser welding of thin copper foil"]


def test_filters_narrow_the_list_and_live_in_the_url(client, alice, needs):
    client.force_login(alice)
    assert _titles(client.get(reverse("needs:list"), {"industry": "optoelectronics"})) == [
        "Laser welding of thin copper foil"
    ]
    assert _titles(client.get(reverse("needs:list"), {"language": "en"})) == ["Laser welding of thin copper foil"]
    # A need fits a budget its range reaches; a negotiable need fits any.
    assert sorted(_titles(client.get(reverse("needs:list"), {"budget_min": 300}))) == sorted(
        ["Laser welding of thin copper foil", "直播带货数据分析平台"]
    )
    assert sorted(_titles(client.get(reverse("needs:list"), {"budget_max": 100}))) == sorted(
        ["储能电池低温性能提升", "直播带货数据分析平台"]
    )


def test_sorting_by_budget(client, alice, needs):
    client.force_login(alice)
    assert _titles(client.get(reverse("needs:list"), {"sort": "budget_desc"})) == [
        "Laser welding of thin copper foil",
        "储能电池低温性能提升",
        "直播带货数据分析平台",
    ]


def test_officers_cannot_filter_their_way_to_needs_in_review(client, alice, needs, submitted):
    client.force_login(alice)
    response = client.get(reverse("needs:list"), {"status": NeedStatus.SUBMITTED})
    assert submitted.title not in _titles(response)


def test_an_over_long_search_is_cut_with_a_message(client, alice):
    client.force_login(alice)
    response = client.get(reverse("needs:list"), {"q": "电" * 150})
    assert response.status_code == 302
    assert "q=" + "%E7%94%B5" * 100 in response["Location"]


def test_the_enterprise_sees_all_its_own_statuses(client, erin, draft):
    client.force_login(erin)
    assert _titles(client.get(reverse("needs:list"))) == [draft.title]


def test_bureau_staff_see_needs_of_every_status(client, dora, draft, other_enterprise_need):
    client.force_login(dora)
    assert set(_titles(client.get(reverse("needs:list")))) == {draft.title, other_enterprise_need.title}


@pytest.mark.parametrize("role", ["alice", "dora", "erin"])
def test_the_list_takes_a_fixed_number_of_queries(client, request, django_assert_max_num_queries, enterprise, role):
    user = request.getfixturevalue(role)
    for n in range(25):
        need = factories.TechNeedFactory(enterprise=enterprise, title=f"需求{n}")
        need.preferred_modes.set(["licence", "equity"])
    client.force_login(user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("needs:list"), {"q": "需求", "industry": "new_energy"})
    assert response.status_code == 200


def test_the_review_queue_takes_a_fixed_number_of_queries(client, dora, django_assert_max_num_queries):
    for n in range(25):
        factories.TechNeedFactory(title=f"待审{n}", status=NeedStatus.SUBMITTED, approved_at=None)
    client.force_login(dora)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("needs:review"))
    assert len(response.context["page_obj"]) == 20


def test_the_visit_form_lookup_finds_needs_by_search_terms(client, alice, needs, submitted):
    client.force_login(alice)
    results = client.get(reverse("visits:lookup_needs"), {"q": "低温"}).json()["results"]
    assert [row["text"] for row in results] == ["储能电池低温性能提升"]
    assert client.get(reverse("visits:lookup_needs"), {"q": "铜箔焊接不存在"}).json()["results"] == []
