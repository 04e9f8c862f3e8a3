"""Steps every browser journey takes, in one place."""

from pathlib import Path

from django.conf import settings
from playwright.sync_api import expect

from tests.factories import PASSWORD

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def log_in(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.get_by_test_id("user-menu")).to_be_visible()
