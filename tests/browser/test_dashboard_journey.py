"""Issue 8's journey: bureau staff open the dashboard, filter it to one university, open a chart's table view,
download that table as CSV and find in the file the number the page shows."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.steps import ARTIFACTS, log_in
from tests.dashboards.city import build_city

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_bureau_staff_filter_the_dashboard_and_the_csv_matches_the_page(
    live_server, page, dora, university, other_university, pair, other_pair, enterprise
):
    ARTIFACTS.mkdir(exist_ok=True)
    city = build_city(
        university=university,
        other_university=other_university,
        pair=pair,
        other_pair=other_pair,
        enterprise=enterprise,
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, dora)
    page.get_by_role("link", name="数据看板").click()
    expect(page.get_by_role("heading", name="成果转化数据看板")).to_be_visible()
    expect(page.get_by_test_id("rate-definition")).to_contain_text("落地武汉")

    page.get_by_text("筛选", exact=True).click()
    page.get_by_label("年度", exact=True).select_option("2025")
    page.get_by_label("高校", exact=True).select_option(str(city.hust.pk))
    page.get_by_role("button", name="应用").click()
    expect(page.get_by_test_id("dashboard-scope")).to_contain_text("华中科技大学")
    assert f"university={city.hust.pk}" in page.url
    expect(page.get_by_test_id("kpi-contracts")).to_have_text("1")
    # hust's only signed result lands outside Hubei: 0 of 1.
    expect(page.get_by_test_id("kpi-wuhan-rate")).to_have_text("0.0%")

    table_view = page.locator("#table-view-local_rate")
    expect(table_view).to_be_hidden()
    page.get_by_test_id("toggle-local_rate").click()
    expect(table_view).to_be_visible()
    expect(page.get_by_test_id("toggle-local_rate")).to_have_attribute("aria-pressed", "true")
    whole_period = table_view.locator("tr", has_text="全期")
    results_on_page = whole_period.locator("td").nth(0).inner_text()
    assert results_on_page == "1"
    page.screenshot(path=str(ARTIFACTS / "dashboard-journey-1280.png"), full_page=True)

    with page.expect_download() as download_info:
        table_view.get_by_test_id("csv-local_rate").click()
    path = download_info.value.path()
    text = Path(path).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][1] == "已签约成果数"
    file_row = next(row for row in rows if row[0] == "全期")
    assert file_row[1] == results_on_page
    assert file_row == ["全期", "1", "0", "0.0", "0", "0.0"]

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.get_by_test_id("kpi-contracts")).to_have_text("1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "dashboard-journey-390.png"), full_page=True)

    # The same figures in English, for the bureau's foreign visitors.
    page.get_by_role("button", name="English").click()
    expect(page.get_by_test_id("rate-definition")).to_contain_text("Wuhan")
    expect(page.get_by_test_id("kpi-contracts")).to_have_text("1")
    expect(page.get_by_test_id("kpi-wuhan-rate")).to_have_text("0.0%")
