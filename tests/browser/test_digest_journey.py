"""Issue 6's journey: an officer opens the week's digest on a phone, forwards a suggestion to the
enterprise, and the enterprise user sees it on their need."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from matching.services import digest_build, period_start_of
from tests.browser.steps import ARTIFACTS, log_in
from tests.matching import digest_data as data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_officer_forwards_a_digest_item_and_the_enterprise_sees_it(
    live_server, page, browser, pair, alice, university, enterprise, erin
):
    ARTIFACTS.mkdir(exist_ok=True)
    data.result(university, **data.BATTERY_RESULT)
    need = data.need(enterprise, erin, **data.BATTERY_NEED)
    data.need(enterprise, erin, **data.CRAYFISH_NEED)
    digest_build(pair=pair, period_start=period_start_of(timezone.localdate()))

    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, alice)
    page.get_by_test_id("open-digest").click()
    new_needs = page.get_by_test_id("digest-section-new_needs")
    item = new_needs.get_by_test_id("digest-item").first
    expect(item).to_contain_text("储能锂电池低温容量衰减")
    expect(item.get_by_test_id("digest-reason")).to_contain_text("共同关键词")
    expect(page.get_by_test_id("digest-section-scouting")).to_contain_text("小龙虾养殖水质在线监测")
    page.screenshot(path=str(ARTIFACTS / "digest-390.png"), full_page=True)

    item.get_by_test_id("digest-act").click()
    note = item.locator("textarea")
    expect(note).not_to_be_empty()  # the engine's reason, for the officer to edit
    note.fill("零下30度容量保持85%，正好解决贵司冬季衰减问题。")
    item.get_by_test_id("digest-forward").click()
    expect(page.get_by_role("alert")).to_contain_text("已推送给企业")
    expect(new_needs.get_by_test_id("digest-item-state").first).to_have_text("已推送给企业")

    enterprise_context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    enterprise_page = enterprise_context.new_page()
    log_in(enterprise_page, live_server, erin)
    enterprise_page.goto(f"{live_server.url}/needs/{need.pk}/")
    forwarded = enterprise_page.get_by_test_id("forwarded-result")
    expect(forwarded).to_contain_text("宽温域磷酸铁锂电池电解液")
    expect(forwarded).to_contain_text("正好解决贵司冬季衰减问题")
    enterprise_context.close()
