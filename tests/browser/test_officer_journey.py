"""Issue 4's journey on a phone: an officer logs a visit, adds a contact inline and a follow-up,
catalogues and publishes a result from the visit and finds it by a two-character Chinese term;
the partner sees it, an officer of another university gets 404 for the visit."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.steps import ARTIFACTS, log_in
from visits.models import CampusVisit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}


def test_an_officer_logs_a_visit_and_catalogues_a_result_from_it_on_a_phone(
    live_server, page, browser, alice, bob, carol, pair
):
    ARTIFACTS.mkdir(exist_ok=True)
    factories.ResearchTeamFactory(university=pair.university, name="锂电池材料团队", leader="陈教授")
    page.set_viewport_size(PHONE)
    log_in(page, live_server, alice)

    page.get_by_test_id("log-visit").click()
    expect(page.get_by_role("heading", name="记录走访")).to_be_visible()
    page.get_by_label("摸排成果").check()
    page.locator("#id_teams-ts-control").fill("锂电")
    page.get_by_role("option", name="锂电池材料团队（陈教授）").click()

    contacts = page.locator(".ts-wrapper", has=page.locator("#id_contacts-ts-control"))
    page.locator("#id_contacts-ts-control").fill("周晓明")
    expect(contacts).not_to_have_class(re.compile(r"\bloading\b"))  # the search answered: no such contact yet
    contacts.locator(".ts-dropdown .create").click()
    modal = page.locator("#contact-create-modal")
    expect(modal.get_by_label("姓名")).to_have_value("周晓明")
    modal.get_by_label("团队").select_option(label="锂电池材料团队（陈教授）")
    modal.get_by_label("电话").fill("13800001234")
    modal.get_by_role("button", name="添加").click()
    expect(modal).to_be_hidden()
    expect(page.locator(".ts-wrapper .item", has_text="周晓明")).to_be_visible()

    page.get_by_label("走访纪要").fill("团队的低温电解液已完成小试，愿意与企业合作中试。")
    due = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    page.locator("#id_follow_ups-0-title").fill("寄送企业需求说明")
    page.locator("#id_follow_ups-0-due_on").fill(due)
    page.screenshot(path=str(ARTIFACTS / "visit-form-390.png"), full_page=True)
    page.get_by_role("button", name="保存走访记录").click()

    expect(page.get_by_text("走访记录已保存。")).to_be_visible()
    visit = CampusVisit.objects.get()
    assert visit.contacts.get().name == "周晓明"
    assert visit.follow_ups.get().title == "寄送企业需求说明"
    page.screenshot(path=str(ARTIFACTS / "visit-detail-390.png"), full_page=True)

    page.get_by_role("link", name="从本次走访登记成果").click()
    page.get_by_label("标题").fill("宽温域锂电池电解液")
    page.get_by_label("成果简介").fill("在零下40摄氏度保持80%容量的电解液配方，适用于储能电池和电动汽车。")
    page.get_by_label("技术领域").select_option("new_energy")
    page.get_by_label("技术成熟度").fill("5")
    page.get_by_label("知识产权类型").select_option("invention_patent")
    page.get_by_text("许可", exact=True).click()
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_role("heading", name="宽温域锂电池电解液")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "result-detail-390.png"), full_page=True)

    page.goto(live_server.url + "/results/?q=电解")
    expect(page.get_by_role("link", name="宽温域锂电池电解液")).to_be_visible()

    partner = browser.new_context(locale="zh-CN", viewport=PHONE)
    partner_page = partner.new_page()
    log_in(partner_page, live_server, bob)
    partner_page.goto(f"{live_server.url}/visits/{visit.pk}/")
    expect(partner_page.get_by_text("团队的低温电解液已完成小试")).to_be_visible()
    partner.close()

    outsider = browser.new_context(locale="zh-CN", viewport=PHONE)
    outsider_page = outsider.new_page()
    log_in(outsider_page, live_server, carol)
    response = outsider_page.goto(f"{live_server.url}/visits/{visit.pk}/")
    assert response.status == 404
    outsider.close()
