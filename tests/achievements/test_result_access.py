"""Who may open, catalogue, edit, publish and withdraw results. Each row is one role on one URL."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests import factories
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, PAGE, assert_access

pytestmark = pytest.mark.django_db


def check(client, url, expected: dict, request, *, method="get"):
    for role, outcome in expected.items():
        user = request.getfixturevalue(role) if role else None
        assert_access(client, url, user, outcome, method=method)


def test_who_may_open_a_draft(client, request, draft):
    expected = {"alice": PAGE, "bob": PAGE, "dora": PAGE, "admin_user": PAGE, "carol": NOT_FOUND, "erin": NOT_FOUND}
    check(client, reverse("achievements:detail", args=[draft.pk]), {**expected, None: LOGIN}, request)


def test_every_logged_in_role_may_open_a_published_result(client, request, published):
    expected = {"alice": PAGE, "carol": PAGE, "dora": PAGE, "erin": PAGE, "admin_user": PAGE, None: LOGIN}
    check(client, reverse("achievements:detail", args=[published.pk]), expected, request)


def test_a_withdrawn_result_of_another_university_is_hidden(client, carol, erin, published):
    published.status = "withdrawn"
    published.save()
    for user in (carol, erin):
        assert_access(client, reverse("achievements:detail", args=[published.pk]), user, NOT_FOUND)


def test_who_may_open_the_catalogue_form(client, request):
    expected = {"alice": PAGE, "admin_user": PAGE, "dora": FORBIDDEN, "erin": FORBIDDEN, None: LOGIN}
    check(client, reverse("achievements:create"), expected, request)


def test_who_may_catalogue_from_a_visit(client, request, pair):
    visit = factories.CampusVisitFactory(pair=pair)
    url = f"{reverse('achievements:create')}?visit={visit.pk}"
    expected = {"alice": PAGE, "bob": PAGE, "admin_user": PAGE, "carol": NOT_FOUND, "dora": FORBIDDEN, None: LOGIN}
    check(client, url, expected, request)


@pytest.mark.parametrize("visit", ["abc", "-1", "0", "999999", "99999999999999999999999", "١٢", "²"])
def test_a_bad_visit_id_is_a_404_not_an_error(client, alice, visit):
    assert_access(client, f"{reverse('achievements:create')}?visit={visit}", alice, NOT_FOUND)


def test_a_deleted_visit_cannot_be_catalogued_from(client, alice, pair):
    visit = factories.CampusVisitFactory(pair=pair, deleted_at="2026-01-01T00:00:00+08:00")
    assert_access(client, f"{reverse('achievements:create')}?visit={visit.pk}", alice, NOT_FOUND)


def test_an_officer_without_a_university_is_told_why_she_cannot_catalogue(client):
    loose = factories.UserFactory(role=Role.OFFICER)
    client.force_login(loose)
    response = client.get(reverse("achievements:create"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("achievements:list")
    assert len(list(response.context["messages"])) == 1


def test_who_may_edit_a_draft(client, request, draft):
    expected = {
        "alice": PAGE,
        "bob": PAGE,
        "admin_user": PAGE,
        "carol": NOT_FOUND,
        "dora": FORBIDDEN,
        "erin": FORBIDDEN,
        None: LOGIN,
    }
    check(client, reverse("achievements:edit", args=[draft.pk]), expected, request)


def test_another_universitys_officer_cannot_edit_a_published_result(client, request, published):
    expected = {"carol": NOT_FOUND, "dora": FORBIDDEN, "erin": FORBIDDEN, "alice": PAGE}
    check(client, reverse("achievements:edit", args=[published.pk]), expected, request)


@pytest.mark.parametrize("action", ["publish", "withdraw"])
def test_only_the_pair_and_admins_change_a_results_status(client, request, draft, modes, action):
    draft.transfer_modes.set([modes["licence"]])
    url = reverse(f"achievements:{action}", args=[draft.pk])
    check(client, url, {"carol": NOT_FOUND, "dora": FORBIDDEN, "erin": FORBIDDEN, None: LOGIN}, request, method="post")
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert_access(client, url, request.getfixturevalue("bob"), 302, method="post")
    draft.refresh_from_db()
    assert draft.status == ("published" if action == "publish" else "withdrawn")


def test_status_changes_only_accept_post(client, alice, draft):
    assert_access(client, reverse("achievements:publish", args=[draft.pk]), alice, 405)


@pytest.mark.parametrize("url", ["/results/999999/edit/", "/results/99999999999999999999/", "/results/-1/"])
def test_unknown_or_impossible_ids_are_404(client, alice, url):
    assert_access(client, url, alice, NOT_FOUND)


def test_everyone_logged_in_may_export_and_anonymous_users_go_to_login(client, request):
    expected = {"alice": PAGE, "dora": PAGE, "erin": PAGE, "admin_user": PAGE, None: LOGIN}
    check(client, reverse("achievements:export"), expected, request)
