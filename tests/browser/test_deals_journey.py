"""Issue 7's journey: bureau staff create a matchmaking session, attach two results and invite an
enterprise by typing, check the enterprise in, record a signing at the session; the pair's officer then
finds the deal on the board on a phone and sees the result marked transferred, in both languages."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from achievements.models import AchievementStatus
from deals.models import Deal, DealStage, MatchmakingEvent
from tests.browser.steps import ARTIFACTS, log_in
from tests.factories import AchievementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def pick(page, field: str, typed: str, option: str):
    """Type into a search-as-you-type box and choose the option the server found."""
    page.locator(f"#{field}-ts-control").click()
    page.locator(f"#{field}-ts-control").fill(typed)
    page.locator(".ts-dropdown .option", has_text=option).first.click()
    page.keyboard.press("Escape")


def test_bureau_staff_record_a_signing_at_a_session_and_the_pair_sees_the_result_transferred(
    live_server, page, browser, dora, alice, pair, enterprise
):
    ARTIFACTS.mkdir(exist_ok=True)
    first = AchievementFactory(university=pair.university, title="直播低延迟编码算法", catalogued_by=alice)
    AchievementFactory(university=pair.university, title="直播美颜实时渲染引擎", catalogued_by=alice)
    today = timezone.localdate()

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, dora)
    page.get_by_role("link", name="对接活动").first.click()
    page.get_by_role("link", name="新建对接活动").click()
    page.locator("#id_name").fill("直播技术专场对接会")
    page.locator("#id_level").select_option("large")
    page.get_by_label("行业专场").check()
    page.locator("#id_theme").fill("互联网与直播")
    page.locator("#id_held_on").fill(today.isoformat())
    page.locator("#id_venue").fill("光谷软件园")
    page.get_by_label("公开：任何人无需登录即可查看活动页面").check()
    pick(page, "id_achievements_on_show", "直播低延迟", "直播低延迟编码算法")
    pick(page, "id_achievements_on_show", "美颜", "直播美颜实时渲染引擎")
    pick(page, "id_enterprises_invited", enterprise.name[:6], enterprise.name)
    page.screenshot(path=str(ARTIFACTS / "session-form-1280.png"), full_page=True)
    page.get_by_role("button", name="保存对接活动").click()

    expect(page.get_by_role("heading", name="直播技术专场对接会")).to_be_visible()
    expect(page.get_by_test_id("results-on-show").get_by_role("listitem")).to_have_count(2)
    event = MatchmakingEvent.objects.get(name="直播技术专场对接会")
    assert event.is_published and event.enterprises_invited.get() == enterprise

    check_in = page.get_by_test_id("check-in-form")
    check_in.locator("#id_enterprise").select_option(str(enterprise.pk))
    check_in.get_by_role("button", name="签到").click()
    expect(page.get_by_test_id("attendees")).to_contain_text(enterprise.name)

    page.get_by_text("记录签约", exact=True).click()
    form = page.get_by_test_id("signing-form")
    form.locator("#id_achievement").select_option(str(first.pk))
    form.locator("#id_enterprise").select_option(str(enterprise.pk))
    form.locator("#id_mode").select_option("assignment")
    form.locator("#id_amount_wan").fill("-3")
    form.locator("#id_signed_on").fill(today.isoformat())
    form.get_by_label("武汉", exact=True).check()
    form.get_by_role("button", name="保存签约").click()
    # A negative amount comes back beside the field with everything else kept.
    expect(page.get_by_test_id("signing-form").locator(".invalid-feedback")).to_be_visible()
    assert not Deal.objects.exists()
    form = page.get_by_test_id("signing-form")
    expect(form.locator("#id_mode")).to_have_value("assignment")
    form.locator("#id_amount_wan").fill("480.00")
    form.get_by_role("button", name="保存签约").click()
    expect(page.get_by_test_id("signing-count")).to_have_text("1")
    expect(page.get_by_test_id("signings")).to_contain_text("直播低延迟编码算法")
    page.screenshot(path=str(ARTIFACTS / "session-detail-1280.png"), full_page=True)
    deal = Deal.objects.get()
    assert (deal.stage, deal.event, str(deal.amount_wan)) == (DealStage.SIGNED, event, "480.00")

    officer = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    phone = officer.new_page()
    log_in(phone, live_server, alice)
    phone.goto(live_server.url + "/deals/board/")
    signed_column = phone.locator("[data-stage=signed]")
    expect(signed_column.get_by_test_id("deal-card")).to_have_count(1)
    phone.screenshot(path=str(ARTIFACTS / "deal-board-390.png"), full_page=True)
    signed_column.get_by_test_id("deal-card").click()
    expect(phone.get_by_test_id("result-status")).to_have_text("已转化")
    expect(phone.get_by_test_id("stage-changes")).to_contain_text("已签约")
    phone.screenshot(path=str(ARTIFACTS / "deal-detail-390.png"), full_page=True)
    first.refresh_from_db()
    assert first.status == AchievementStatus.TRANSFERRED

    phone.get_by_role("button", name="English").click()
    expect(phone.get_by_test_id("result-status")).to_have_text("Transferred")
    expect(phone.get_by_test_id("deal-stage")).to_have_text("Contract signed")

    anonymous = browser.new_context(locale="zh-CN").new_page()
    anonymous.goto(live_server.url + f"/deals/events/{event.pk}/public/")
    expect(anonymous.get_by_test_id("public-results").get_by_role("listitem")).to_have_count(2)
    officer.close()
