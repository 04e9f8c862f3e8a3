"""An officer logs in in Chinese, switches to English, and logs out; on a desktop and on a phone."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_an_officer_logs_in_in_chinese_switches_to_english_and_logs_out(live_server, page, alice, width, height):
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": height})

    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="登录")).to_be_visible()
    page.get_by_label("用户名").fill(alice.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()

    expect(page.get_by_test_id("home-university")).to_have_text("武汉大学")
    page.screenshot(path=str(ARTIFACTS / f"home-zh-{width}.png"), full_page=True)

    phone = width < 992  # the navigation folds into a menu button below Bootstrap's lg breakpoint
    page.get_by_role("button", name="English").click()
    expect(page.get_by_test_id("home-university")).to_have_text("Wuhan University")
    if phone:
        page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("link", name="Research results")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / f"home-en-{width}.png"), full_page=True)

    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
