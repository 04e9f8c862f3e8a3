"""The results list: filters, sorting and paging, all kept in the URL; a fixed number of queries."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def titles(client, **params) -> list[str]:
    response = client.get(reverse("achievements:list"), params)
    assert response.status_code == 200
    return [result.title for result in response.context["page_obj"]]


@pytest.fixture
def shelf(university, other_university, modes):
    """Four published results that differ in every filtered column."""
    rows = [
        ("A 激光切割头", university, "optoelectronics", 3, "utility_model", "assignment", "zh", Decimal("50")),
        ("B 钠电池", university, "new_energy", 6, "invention_patent", "licence", "zh", None),
        ("C Live streaming codec", other_university, "internet_media", 8, "software_copyright", "licence", "en", 900),
        ("D 智能焊接机器人", other_university, "intelligent_manufacturing", 9, "invention_patent", "equity", "zh", 10),
    ]
    made = {}
    for title, uni, field, trl, ip_type, mode, language, price in rows:
        result = factories.AchievementFactory(
            title=title,
            university=uni,
            field=field,
            trl=trl,
            ip_type=ip_type,
            language=language,
            asking_price_wan=price,
        )
        result.transfer_modes.set([modes[mode]])
        made[title[0]] = result
    return made


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"field": "new_energy"}, ["B 钠电池"]),
        ({"trl_min": "6", "trl_max": "8"}, ["B 钠电池", "C Live streaming codec"]),
        ({"ip_type": "invention_patent"}, ["B 钠电池", "D 智能焊接机器人"]),
        ({"transfer_mode": "licence"}, ["B 钠电池", "C Live streaming codec"]),
        ({"language": "en"}, ["C Live streaming codec"]),
        ({"status": "published", "field": "intelligent_manufacturing"}, ["D 智能焊接机器人"]),
    ],
)
def test_each_filter_narrows_the_list(client, erin, shelf, params, expected):
    client.force_login(erin)
    assert sorted(titles(client, **params)) == expected


def test_the_university_filter(client, erin, shelf, other_university):
    client.force_login(erin)
    assert sorted(titles(client, university=other_university.pk)) == ["C Live streaming codec", "D 智能焊接机器人"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ["A", "B", "C", "D"]),
        ("trl_desc", ["D", "C", "B", "A"]),
        ("trl", ["A", "B", "C", "D"]),
        ("price", ["D", "A", "C", "B"]),
        ("price_desc", ["C", "A", "D", "B"]),
    ],
)
def test_sorting_puts_negotiable_prices_last(client, erin, shelf, sort, expected):
    client.force_login(erin)
    assert [title[0] for title in titles(client, sort=sort)] == expected


def test_newest_first_is_the_default(client, erin, shelf):
    client.force_login(erin)
    assert [title[0] for title in titles(client)] == ["D", "C", "B", "A"]


@pytest.mark.parametrize(
    "params",
    [
        {"trl_min": "99"},
        {"trl_min": "abc"},
        {"university": "-1"},
        {"transfer_mode": "x"},
        {"sort": "';drop"},
        {"page": "-4"},
    ],
)
def test_nonsense_in_the_url_shows_the_list_not_an_error(client, erin, shelf, params):
    client.force_login(erin)
    assert client.get(reverse("achievements:list"), params).status_code == 200


def test_a_lowest_trl_above_the_highest_is_explained(client, erin, shelf):
    client.force_login(erin)
    response = client.get(reverse("achievements:list"), {"trl_min": "8", "trl_max": "3"})
    assert "The highest TRL must not be below the lowest." in response.content.decode()


def test_officers_see_their_own_drafts_but_not_other_universities(client, alice, draft, other_draft, published):
    client.force_login(alice)
    shown = titles(client)
    assert draft.title in shown
    assert published.title in shown
    assert other_draft.title not in shown


def test_enterprise_users_see_only_published_results_and_no_draft_status_filter(client, erin, draft, published):
    client.force_login(erin)
    response = client.get(reverse("achievements:list"), {"status": "draft"})
    assert [result.title for result in response.context["page_obj"]] == [published.title]
    offered = [value for value, _label in response.context["filter"].form.fields["status"].choices]
    assert "draft" not in offered


def test_bureau_staff_see_every_draft(client, dora, draft, other_draft):
    client.force_login(dora)
    assert set(titles(client, status="draft")) == {draft.title, other_draft.title}


def test_paging_links_keep_the_filters_and_the_export_link_drops_the_page(client, erin, university):
    for _ in range(25):
        factories.AchievementFactory(university=university, field="new_energy")
    call_command("reindex_search", verbosity=0)
    client.force_login(erin)
    page = client.get(reverse("achievements:list"), {"field": "new_energy", "q": "电池", "page": "1"}).content.decode()
    assert "?field=new_energy&amp;q=%E7%94%B5%E6%B1%A0&amp;page=2" in page
    assert "/results/export.csv?field=new_energy&amp;q=%E7%94%B5%E6%B1%A0" in page


def test_the_list_does_not_run_a_query_per_row(client, alice, university, modes, django_assert_max_num_queries):
    def add_rows(count):
        for _ in range(count):
            result = factories.AchievementFactory(university=university)
            result.transfer_modes.set([modes["licence"], modes["equity"]])
        call_command("reindex_search", verbosity=0)

    client.force_login(alice)
    url = reverse("achievements:list")
    params = {"transfer_mode": "licence", "q": "电池", "sort": "price"}
    add_rows(2)
    with django_assert_max_num_queries(12) as few:
        assert len(client.get(url, params).context["page_obj"]) == 2
    add_rows(18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url, params).context["page_obj"]) == 20
