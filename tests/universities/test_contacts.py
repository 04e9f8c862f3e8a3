"""Contacts under a team: who may open and change them, and who may see their phone and email."""

import pytest
from django.urls import reverse

from tests import factories
from tests.access import FORBIDDEN, LOGIN, NOT_FOUND, PAGE, assert_access
from universities.models import Contact

pytestmark = pytest.mark.django_db


def contact_url(name, contact):
    return reverse(name, args=[contact.team_id, contact.pk])


def test_who_may_open_a_contact(client, contact, alice, bob, carol, dora, erin, admin_user):
    url = contact_url("universities:contact_detail", contact)
    for user, expected in [(alice, PAGE), (bob, PAGE), (dora, PAGE), (admin_user, PAGE), (carol, NOT_FOUND)]:
        assert_access(client, url, user, expected)
    assert_access(client, url, erin, FORBIDDEN)
    assert_access(client, url, None, LOGIN)


def test_who_may_edit_a_contact(client, contact, alice, bob, carol, dora, erin, admin_user):
    url = contact_url("universities:contact_edit", contact)
    for user, expected in [(alice, PAGE), (bob, PAGE), (admin_user, PAGE), (carol, NOT_FOUND)]:
        assert_access(client, url, user, expected)
    assert_access(client, url, dora, FORBIDDEN)
    assert_access(client, url, erin, FORBIDDEN)
    assert_access(client, url, None, LOGIN)


def test_who_may_add_a_contact_to_a_team(client, team, alice, carol, dora, erin):
    url = reverse("universities:contact_create", args=[team.pk])
    assert_access(client, url, alice, PAGE)
    assert_access(client, url, carol, NOT_FOUND)
    assert_access(client, url, dora, FORBIDDEN)
    assert_access(client, url, erin, FORBIDDEN)
    assert_access(client, url, None, LOGIN)


def test_carol_cannot_change_another_universitys_contact(client, contact, carol):
    assert_access(
        client, contact_url("universities:contact_edit", contact), carol, NOT_FOUND, method="post", data={"name": "x"}
    )
    contact.refresh_from_db()
    assert contact.name == "张老师"


def test_a_contact_is_only_found_under_its_own_team(client, alice, contact, university):
    another_team = factories.ResearchTeamFactory(university=university)
    assert_access(client, reverse("universities:contact_detail", args=[another_team.pk, contact.pk]), alice, NOT_FOUND)


@pytest.mark.parametrize("path", ["/universities/teams/1/contacts/999999/", "/universities/teams/0/contacts/0/"])
def test_unknown_contact_ids_are_404(client, alice, path):
    assert_access(client, path, alice, NOT_FOUND)


def test_an_officer_adds_a_contact_to_her_team(client, alice, team):
    client.force_login(alice)
    response = client.post(
        reverse("universities:contact_create", args=[team.pk]),
        {"name": "吴老师", "title": "副教授", "phone": "027-6877 1234", "email": "wu@whu.edu.cn"},
    )
    contact = Contact.objects.get(name="吴老师")
    assert contact.team == team
    assert response.url == contact_url("universities:contact_detail", contact)


def test_bad_contact_input_keeps_what_was_typed(client, alice, team):
    client.force_login(alice)
    response = client.post(
        reverse("universities:contact_create", args=[team.pk]),
        {"name": "", "title": "副教授", "phone": "call me maybe", "email": "not-an-email"},
    )
    form = response.context["form"]
    assert set(form.errors) == {"name", "phone", "email"}
    page = response.content.decode()
    assert "副教授" in page
    assert "not-an-email" in page
    assert not Contact.objects.exists()


def test_html_in_a_contact_is_shown_escaped(client, alice, team):
    contact = factories.ContactFactory(team=team, name="<b>赵</b>", title="<script>alert(1)</script>")
    client.force_login(alice)
    page = client.get(contact_url("universities:contact_detail", contact)).content.decode()
    assert "<script>alert(1)" not in page
    assert "<b>赵</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_editing_a_contact_is_shown_in_its_history(client, alice, contact):
    client.force_login(alice)
    client.post(
        contact_url("universities:contact_edit", contact),
        {"name": contact.name, "title": "教授", "phone": "13900001111", "email": contact.email},
    )
    contact.refresh_from_db()
    assert contact.phone == "13900001111"
    page = client.get(contact_url("universities:contact_detail", contact)).content.decode()
    assert 'id="history"' in page
    assert "13900001111" in page
