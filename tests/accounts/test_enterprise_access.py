import pytest
from django.urls import reverse

from accounts.models import Invitation
from tests.access import FORBIDDEN, LOGIN, PAGE, assert_access


@pytest.fixture
def invitation(erin):
    return Invitation.objects.create(
        enterprise=erin.enterprise_membership.enterprise, email="new@example.com", invited_by=erin
    )


def test_anyone_may_open_the_registration_page(client, db):
    assert_access(client, reverse("accounts:enterprise_register"), None, PAGE)


def test_a_logged_in_user_is_sent_home_from_the_registration_page(client, erin):
    client.force_login(erin)
    assert client.get(reverse("accounts:enterprise_register")).url == reverse("home")


def test_only_bureau_staff_and_admins_see_the_review_queue(client, alice, dora, erin, admin_user, pending_enterprise):
    url = reverse("accounts:enterprise_review")
    assert_access(client, url, None, LOGIN)
    assert_access(client, url, alice, FORBIDDEN)
    assert_access(client, url, erin, FORBIDDEN)
    assert_access(client, url, dora, PAGE)
    assert_access(client, url, admin_user, PAGE)


@pytest.mark.parametrize("url_name", ["accounts:enterprise_approve", "accounts:enterprise_reject"])
def test_officers_and_enterprises_may_not_review(client, alice, erin, pending_enterprise, url_name):
    url = reverse(url_name, args=[pending_enterprise.pk])
    data = {"reason": "不行"}
    assert_access(client, url, None, LOGIN, method="post", data=data)
    assert_access(client, url, alice, FORBIDDEN, method="post", data=data)
    assert_access(client, url, erin, FORBIDDEN, method="post", data=data)
    bulk = reverse("accounts:enterprise_approve_bulk")
    assert_access(client, bulk, erin, FORBIDDEN, method="post", data={"enterprise": [pending_enterprise.pk]})
    pending_enterprise.refresh_from_db()
    assert pending_enterprise.status == "pending"


def test_only_the_enterprise_manager_sees_the_team_page(client, alice, dora, erin, colleague, admin_user):
    url = reverse("accounts:enterprise_team")
    assert_access(client, url, None, LOGIN)
    assert_access(client, url, alice, FORBIDDEN)
    assert_access(client, url, dora, FORBIDDEN)
    assert_access(client, url, admin_user, FORBIDDEN)
    assert_access(client, url, colleague, FORBIDDEN)
    assert_access(client, url, erin, PAGE)


def test_anyone_may_open_an_invitation_link(client, invitation):
    assert_access(client, reverse("accounts:invitation_accept", args=[invitation.token]), None, PAGE)


def test_the_login_page_links_to_enterprise_registration(client, db):
    response = client.get(reverse("login"))
    assert reverse("accounts:enterprise_register").encode() in response.content
