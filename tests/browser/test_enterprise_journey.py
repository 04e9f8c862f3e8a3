"""Issue 5's journey so far: an enterprise registers, bureau staff approve it in a second browser,
the enterprise posts a need, bureau staff approve the need, an officer finds it in the open needs and
forwards a result of the university, the enterprise says it is interested, the pair proposes an
introduction and records the team's consent, and the enterprise accepts and only then sees the professor's
contact."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from requests.models import Enterprise, NeedStatus, TechNeed
from tests.browser.steps import ARTIFACTS, log_in
from tests.factories import AchievementFactory, ContactFactory, valid_credit_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_enterprise_registers_is_approved_and_its_need_reaches_the_officers(
    live_server, page, browser, dora, alice, pair
):
    ARTIFACTS.mkdir(exist_ok=True)
    result = AchievementFactory(university=pair.university, title="宽温域锂电池电解液", catalogued_by=alice)
    professor = ContactFactory(team=result.team, name="李教授", phone="13800007777", email="li@whu.example.edu.cn")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_role("link", name="注册企业").click()
    page.locator("#id_name").fill("武汉光谷新材科技有限公司")
    page.locator("#id_credit_code").fill(valid_credit_code(4242).lower())
    page.locator("#id_district").select_option("east_lake_hitech")
    page.locator("#id_industry").select_option("new_energy")
    page.locator("#id_contact_person").fill("刘工")
    page.locator("#id_email").fill("liu@example.com")
    page.locator("#id_phone").fill("13900004242")
    page.locator("#id_username").fill("guanggu-xincai")
    page.locator("#id_password1").fill("Storage-Battery-2026")
    page.locator("#id_password2").fill("Storage-Battery-2026")
    page.get_by_test_id("register-submit").click()
    expect(page.get_by_test_id("enterprise-status")).to_contain_text("待审核")
    enterprise = Enterprise.objects.get(name="武汉光谷新材科技有限公司")
    assert enterprise.credit_code == valid_credit_code(4242)

    bureau = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    bureau_page = bureau.new_page()
    log_in(bureau_page, live_server, dora)
    bureau_page.get_by_test_id("enterprise-review-link").click()
    row = bureau_page.locator("li, tr", has_text="武汉光谷新材科技有限公司").last
    row.get_by_role("button", name="通过").click()
    expect(bureau_page.get_by_text("武汉光谷新材科技有限公司")).to_have_count(1)

    page.reload()
    page.get_by_test_id("post-need").click()
    page.locator("#id_title").fill("储能电池低温容量衰减改善")
    page.locator("#id_description").fill("零下20摄氏度时储能电池容量衰减超过40%，需要低温电解液或正极改性方案。")
    page.locator("#id_industry").select_option("new_energy")
    page.locator("#id_budget_min_wan").fill("50")
    page.locator("#id_budget_max_wan").fill("200")
    page.locator("#id_deadline").fill((timezone.localdate() + datetime.timedelta(days=90)).isoformat())
    page.screenshot(path=str(ARTIFACTS / "need-form-390.png"), full_page=True)
    page.get_by_test_id("submit-for-review").click()
    need = TechNeed.objects.get(title="储能电池低温容量衰减改善")
    assert need.status == NeedStatus.SUBMITTED

    bureau_page.goto(live_server.url + "/")
    bureau_page.get_by_test_id("need-review-link").click()
    bureau_page.locator("li, tr, article", has_text="储能电池低温容量衰减改善").last.get_by_role(
        "button", name="通过", exact=True
    ).click()
    expect(bureau_page.get_by_role("alert")).to_contain_text("储能电池低温容量衰减改善")
    expect(bureau_page.get_by_role("link", name="储能电池低温容量衰减改善")).to_have_count(0)
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN
    bureau.close()

    officer = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    officer_page = officer.new_page()
    log_in(officer_page, live_server, alice)
    officer_page.goto(live_server.url + "/needs/?q=低温")
    expect(officer_page.get_by_role("link", name="储能电池低温容量衰减改善")).to_be_visible()
    officer_page.get_by_role("link", name="储能电池低温容量衰减改善").click()
    expect(officer_page.get_by_text("13900004242")).to_have_count(0)
    forward = officer_page.get_by_test_id("forward-result")
    forward.locator("#id_achievement-ts-control").fill("宽温域")
    officer_page.locator(".ts-dropdown .option", has_text="宽温域锂电池电解液").first.click()
    forward.locator("textarea").fill("电解液在零下40摄氏度保持80%容量，正对低温衰减问题。")
    forward.get_by_role("button", name="推送给企业").click()
    expect(officer_page.get_by_test_id("forwarded-result")).to_contain_text("宽温域锂电池电解液")
    officer_page.screenshot(path=str(ARTIFACTS / "need-detail-officer-390.png"), full_page=True)

    page.goto(f"{live_server.url}/needs/{need.pk}/")
    forwarded = page.get_by_test_id("forwarded-result")
    expect(forwarded).to_contain_text("正对低温衰减问题")
    forwarded.get_by_test_id("match-interested").click()
    expect(page.get_by_test_id("match-state")).to_have_text("企业有意向")
    page.screenshot(path=str(ARTIFACTS / "need-detail-enterprise-390.png"), full_page=True)
    need.refresh_from_db()
    assert need.status == NeedStatus.MATCHED

    # The pair proposes an introduction to the professor's team and records the team's consent.
    officer_page.reload()
    officer_page.get_by_test_id("propose-introduction-link").click()
    officer_page.locator("#id_contact").select_option(str(professor.pk))
    officer_page.locator("#id_message").fill("李教授下周三下午可在学校面谈。")
    officer_page.get_by_test_id("propose-introduction").click()
    expect(officer_page.get_by_test_id("introduction-status")).to_have_text("等待双方同意")
    officer_page.locator("#id_consent_by").fill("李教授本人")
    officer_page.locator("#id_consent_on").fill(timezone.localdate().isoformat())
    officer_page.locator("#id_channel").select_option("phone")
    officer_page.get_by_test_id("record-consent").click()
    expect(officer_page.get_by_test_id("team-consent")).to_contain_text("李教授本人")
    expect(officer_page.get_by_text("13900004242")).to_have_count(0)

    # The enterprise sees the proposal but not the professor's phone until it accepts.
    page.goto(f"{live_server.url}/needs/{need.pk}/")
    page.get_by_test_id("match-introduction").click()
    expect(page.get_by_test_id("message")).to_contain_text("李教授下周三下午可在学校面谈")
    expect(page.get_by_text(professor.phone)).to_have_count(0)
    expect(page.get_by_test_id("contacts-hidden")).to_be_visible()
    page.get_by_test_id("accept-introduction").click()
    expect(page.get_by_test_id("introduction-status")).to_have_text("双方已同意")
    expect(page.get_by_test_id("team-contact")).to_contain_text(professor.phone)
    page.screenshot(path=str(ARTIFACTS / "introduction-enterprise-390.png"), full_page=True)

    # And now the officers see the enterprise's contact person.
    officer_page.reload()
    expect(officer_page.get_by_test_id("enterprise-contact")).to_contain_text("13900004242")
    officer.close()
