"""The dashboard page: who may open it, what it shows, and that page, CSV, Excel and kpi_report agree."""

import csv
import datetime
import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from dashboards.links import deal_list_url
from tests import factories
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, PAGE, assert_access

URL = reverse("dashboards:index")
YEAR = {"year": "2025"}


def test_who_may_open_the_dashboard(client, alice, dora, erin, admin_user):
    assert_access(client, URL, None, LOGIN)
    assert_access(client, URL, erin, FORBIDDEN)
    assert_access(client, URL, dora, PAGE)
    assert_access(client, URL, admin_user, PAGE)
    assert_access(client, URL, alice, PAGE)


def test_an_officer_without_a_pair_gets_403(client, db):
    loner = factories.UserFactory(role="officer")
    assert_access(client, URL, loner, FORBIDDEN)


def test_an_officer_sees_only_their_own_university(client, city, alice):
    client.force_login(alice)
    response = client.get(URL, YEAR)
    rows = response.context["figures"]["universities"]
    assert [row["university"] for row in rows] == [city.whu]
    assert response.context["figures"]["contracts"]["count"] == 3  # whu's three, not hust's
    assert_access(client, f"{URL}?university={city.hust.pk}", alice, NOT_FOUND)
    assert_access(
        client,
        reverse("dashboards:export", args=["universities", "csv"]) + f"?university={city.hust.pk}",
        alice,
        NOT_FOUND,
    )
    assert_access(client, f"{URL}?university={city.whu.pk}", alice, PAGE)


def test_enterprises_cannot_export(client, erin):
    assert_access(client, reverse("dashboards:export", args=["universities", "csv"]), erin, FORBIDDEN)


def test_an_unknown_table_is_404(client, dora):
    assert_access(client, reverse("dashboards:export", args=["nothing", "csv"]), dora, NOT_FOUND)


def test_the_page_states_the_definition_and_the_missing_plan_data(client, city, dora):
    client.force_login(dora)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(URL, YEAR)
    html = response.content.decode()
    assert "distinct research results with a deal signed in the period whose result lands in Wuhan" in html
    assert "33.3%" in html and "66.7%" in html
    assert "The portal does not record these institutions or brokers" in html


def test_page_in_chinese_shows_the_rate(client, city, dora):
    client.force_login(dora)
    response = client.get(URL, YEAR)
    assert "就地转化率" in response.content.decode()


def test_filtering_by_university_narrows_every_figure(client, city, dora):
    client.force_login(dora)
    response = client.get(URL, {**YEAR, "university": city.hust.pk})
    figures = response.context["figures"]
    assert figures["contracts"]["count"] == 1
    assert figures["local_rate"]["results"] == 1
    assert [row["university"] for row in figures["universities"]] == [city.hust]


def test_a_reversed_date_range_is_explained_and_nothing_breaks(client, city, dora):
    client.force_login(dora)
    response = client.get(URL, {"date_from": "2025-05-01", "date_to": "2025-01-01"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["date_to"]


def test_the_page_has_a_constant_number_of_queries(client, city, dora, django_assert_max_num_queries):
    client.force_login(dora)
    client.get(URL, YEAR)  # warm the session and the user
    with django_assert_max_num_queries(35):
        client.get(URL, YEAR)
    with CaptureQueriesContext(connection) as before:
        client.get(URL, YEAR)
    for _ in range(4):
        pair = factories.LiaisonPairFactory()
        factories.CampusVisitFactory(pair=pair, visited_on=datetime.date(2025, 9, 1))
        factories.DealFactory(achievement=factories.AchievementFactory(university=pair.university))
        factories.MatchmakingEventFactory(held_on=datetime.date(2025, 10, 1))
    with CaptureQueriesContext(connection) as after:
        client.get(URL, YEAR)
    assert len(after.captured_queries) == len(before.captured_queries)


def test_numbers_link_to_the_lists_behind_them(client, city, dora):
    client.force_login(dora)
    html = client.get(URL, YEAR).content.decode()
    results = reverse("achievements:list")
    assert f'href="{results}?university={city.whu.pk}&amp;status=transferred"' in html
    assert f'href="/visits/?university={city.whu.pk}&amp;date_from=2025-01-01&amp;date_to=2025-12-31"' in html


def test_deal_links_appear_only_when_the_deal_list_exists():
    url = deal_list_url(university=3, signed_from="2025-01-01")
    try:
        base = reverse("deals:deal_list")
    except Exception:
        assert url is None
    else:
        assert url == f"{base}?university=3&signed_from=2025-01-01"


# -- agreement between the page, the exports and kpi_report ---------------------------------------


def _page_table(client, key):
    response = client.get(URL, YEAR)
    return response.context["tables"][key]


def _csv_rows(client, key):
    response = client.get(reverse("dashboards:export", args=[key, "csv"]), YEAR)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _cell(value):
    return "" if value is None else str(value)


@pytest.mark.parametrize("key", ["universities", "local_rate", "contracts_by_mode", "events", "visits", "lead_times"])
def test_csv_export_matches_the_page(client, city, dora, key):
    client.force_login(dora)
    table = _page_table(client, key)
    rows = _csv_rows(client, key)
    assert rows[0] == table.columns
    assert rows[1:] == [[_cell(value) for value in row] for row in table.rows]


def test_excel_export_matches_the_page_and_keeps_numbers_numeric(client, city, dora):
    client.force_login(dora)
    table = _page_table(client, "universities")
    response = client.get(reverse("dashboards:export", args=["all", "xlsx"]), YEAR)
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 14
    sheet = workbook[workbook.sheetnames[-1]]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert list(values[0]) == table.columns
    whu = next(row for row in values[1:] if row[0] == city.whu.name_zh)
    assert whu[5] == 3 and float(whu[6]) == 350.0


def test_exports_neutralise_formulas(client, dora, university):
    university.name_zh = "=HYPERLINK(1)"
    university.save()
    client.force_login(dora)
    rows = _csv_rows(client, "universities")
    assert rows[1][0] == "'=HYPERLINK(1)"
    response = client.get(reverse("dashboards:export", args=["universities", "xlsx"]), YEAR)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "'=HYPERLINK(1)"
    assert sheet["A2"].data_type == "s"


def test_kpi_report_json_matches_the_page(client, city, dora):
    client.force_login(dora)
    page = client.get(URL, YEAR).context["tables"]
    out = io.StringIO()
    call_command("kpi_report", "--year", "2025", "--format", "json", stdout=out)
    report = json.loads(out.getvalue())
    assert set(report["tables"]) == set(page)
    for key, table in page.items():
        assert report["tables"][key]["columns"] == table.columns
        assert [[_cell(v) for v in row] for row in report["tables"][key]["rows"]] == [
            [_cell(v) for v in row] for row in table.rows
        ]


def test_kpi_report_csv_matches_the_csv_export(client, city, dora):
    client.force_login(dora)
    out = io.StringIO()
    call_command("kpi_report", "--year", "2025", "--format", "csv", stdout=out)
    blocks = {}
    key = None
    for row in csv.reader(io.StringIO(out.getvalue())):
        if not row:
            key = None
        elif key is None:
            key = row[0]
            blocks[key] = []
        else:
            blocks[key].append(row)
    assert blocks["universities"] == _csv_rows(client, "universities")
    assert blocks["contracts_by_month"] == _csv_rows(client, "contracts_by_month")


def test_kpi_report_for_one_university(city):
    out = io.StringIO()
    call_command("kpi_report", "--year", "2025", "--university", city.hust.slug, "--language", "en", stdout=out)
    report = json.loads(out.getvalue())
    assert report["tables"]["local_rate"]["rows"][-1] == ["Whole period", 1, 0, "0.0", 0, "0.0"]
