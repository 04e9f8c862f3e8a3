"""The needs list as CSV: each user gets the rows of their list, with nothing they may not see."""

import csv
import io

import pytest
from django.urls import reverse

from requests.models import NeedStatus
from tests import factories
from tests.access import LOGIN, PAGE, assert_access

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read Chinese"
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.fixture
def confidential(enterprise, erin):
    return factories.TechNeedFactory(
        enterprise=enterprise, created_by=erin, status=NeedStatus.OPEN, is_public=False, title='=HYPERLINK("x")'
    )


def test_officers_get_open_needs_without_the_confidential_company_name(client, alice, confidential, enterprise):
    client.force_login(alice)
    rows = rows_of(client.get(reverse("needs:export")))
    assert rows[0][0] == "标题"
    (row,) = rows[1:]
    assert row[0] == '\'=HYPERLINK("x")', "a formula prefix must be neutralised"
    assert enterprise.name not in row
    assert "保密企业" in row


def test_the_enterprise_exports_only_its_own_needs_with_its_name(client, erin, confidential, enterprise):
    factories.TechNeedFactory(status=NeedStatus.OPEN, title="别家的需求")
    client.force_login(erin)
    rows = rows_of(client.get(reverse("needs:export")))
    assert [row[0] for row in rows[1:]] == ['\'=HYPERLINK("x")']
    assert rows[1][1] == enterprise.name


def test_the_export_follows_the_list_filters(client, dora, enterprise, erin):
    factories.TechNeedFactory(enterprise=enterprise, created_by=erin, status=NeedStatus.OPEN, title="低温电池")
    factories.TechNeedFactory(enterprise=enterprise, created_by=erin, status=NeedStatus.DRAFT, title="草稿需求")
    client.force_login(dora)
    rows = rows_of(client.get(reverse("needs:export"), {"status": "open"}))
    assert [row[0] for row in rows[1:]] == ["低温电池"]


def test_anonymous_users_are_sent_to_log_in(client, dora):
    assert_access(client, reverse("needs:export"), None, LOGIN)
    assert_access(client, reverse("needs:export"), dora, PAGE)
