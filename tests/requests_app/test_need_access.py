"""Who may open which need page: each role on each URL."""

import pytest
from django.urls import reverse

from requests.models import EnterpriseStatus
from tests import factories
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, PAGE, assert_access

pytestmark = pytest.mark.django_db

ROLES = ["erin", "alice", "carol", "dora", "admin_user", None]


def _check(client, request, url, expected, **kwargs):
    for role, outcome in expected.items():
        user = request.getfixturevalue(role) if role else None
        assert_access(client, url, user, outcome, **kwargs)


def test_the_post_form_is_for_enterprise_users_only(client, request):
    url = reverse("needs:create")
    _check(client, request, url, {"erin": PAGE, "alice": FORBIDDEN, "carol": FORBIDDEN, "dora": FORBIDDEN, None: LOGIN})


def test_a_superuser_passes_the_role_check_but_gets_no_form_without_an_enterprise(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("needs:create"))
    assert b'data-testid="need-form"' not in response.content


def test_the_review_queue_is_for_bureau_staff_and_admins(client, request):
    url = reverse("needs:review")
    _check(
        client,
        request,
        url,
        {"erin": FORBIDDEN, "alice": FORBIDDEN, "carol": FORBIDDEN, "dora": PAGE, "admin_user": PAGE, None: LOGIN},
    )


def test_a_submitted_need_is_seen_by_its_enterprise_and_the_bureau_only(client, request, submitted):
    outsider = factories.EnterpriseMembershipFactory().user
    url = reverse("needs:detail", args=[submitted.pk])
    _check(
        client,
        request,
        url,
        {"erin": PAGE, "alice": NOT_FOUND, "carol": NOT_FOUND, "dora": PAGE, "admin_user": PAGE, None: LOGIN},
    )
    assert_access(client, url, outsider, NOT_FOUND)


def test_an_open_need_is_read_by_every_officer_but_not_by_another_enterprise(client, request, open_need):
    outsider = factories.EnterpriseMembershipFactory().user
    url = reverse("needs:detail", args=[open_need.pk])
    _check(client, request, url, {"erin": PAGE, "alice": PAGE, "carol": PAGE, "dora": PAGE, None: LOGIN})
    assert_access(client, url, outsider, NOT_FOUND)


def test_only_the_enterprise_edits_its_need(client, request, draft):
    outsider = factories.EnterpriseMembershipFactory().user
    url = reverse("needs:edit", args=[draft.pk])
    _check(client, request, url, {"erin": PAGE, "alice": FORBIDDEN, "dora": FORBIDDEN, None: LOGIN})
    assert_access(client, url, outsider, NOT_FOUND)


@pytest.mark.parametrize("name", ["approve", "reject", "changes"])
def test_review_actions_are_refused_to_officers_and_enterprises(client, erin, alice, submitted, name):
    url = reverse(f"needs:{name}", args=[submitted.pk])
    data = {"reason": "x", "note": "x"}
    assert_access(client, url, alice, FORBIDDEN, method="post", data=data)
    assert_access(client, url, erin, FORBIDDEN, method="post", data=data)
    assert_access(client, url, None, LOGIN, method="post", data=data)
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


@pytest.mark.parametrize("name", ["submit", "close"])
def test_another_enterprise_cannot_submit_or_close_a_need(client, draft, name):
    outsider = factories.EnterpriseMembershipFactory().user
    url = reverse(f"needs:{name}", args=[draft.pk])
    assert_access(client, url, outsider, NOT_FOUND, method="post", data={"outcome": "dropped"})
    draft.refresh_from_db()
    assert draft.status == "draft"


@pytest.mark.parametrize("status", [EnterpriseStatus.PENDING, EnterpriseStatus.REJECTED])
def test_an_enterprise_not_yet_approved_gets_a_message_and_no_form(client, status):
    user = factories.EnterpriseMembershipFactory(enterprise__status=status).user
    client.force_login(user)
    response = client.get(reverse("needs:create"))
    assert response.status_code == 200
    assert b'data-testid="enterprise-not-approved"' in response.content
    assert b'data-testid="need-form"' not in response.content


def test_an_enterprise_user_without_an_enterprise_gets_a_message(client):
    client.force_login(factories.UserFactory())
    response = client.get(reverse("needs:create"))
    assert b'data-testid="enterprise-not-approved"' in response.content


@pytest.mark.parametrize("pk", [0, 999999])
def test_unknown_needs_are_404(client, erin, dora, pk):
    assert_access(client, f"/needs/{pk}/", erin, NOT_FOUND)
    assert_access(client, f"/needs/{pk}/", dora, NOT_FOUND)
