"""Personal phone and email: shown only to the pair, bureau staff and admins, and every showing is logged."""

import pytest
from django.urls import reverse

from tests import factories
from universities.models import ContactDataView
from universities.services import contact_data_view_record

pytestmark = pytest.mark.django_db


def pages_about(contact):
    return [
        reverse("universities:team_list"),
        reverse("universities:team_detail", args=[contact.team_id]),
        reverse("universities:contact_detail", args=[contact.team_id, contact.pk]),
        reverse("universities:detail", args=[contact.team.university.slug]),
        reverse("universities:list"),
    ]


def test_carols_and_erins_html_never_contains_a_contacts_phone_or_email(client, contact, carol, erin):
    for user in (carol, erin):
        client.force_login(user)
        for url in pages_about(contact):
            page = client.get(url).content.decode()
            assert contact.phone not in page, f"{user.username} saw the phone on {url}"
            assert contact.email not in page, f"{user.username} saw the email on {url}"


def test_the_pair_and_bureau_staff_see_phone_and_email(client, contact, alice, bob, dora, admin_user):
    for user in (alice, bob, dora, admin_user):
        client.force_login(user)
        for url in pages_about(contact)[1:3]:
            page = client.get(url).content.decode()
            assert contact.phone in page
            assert contact.email in page


def test_recording_skips_contacts_without_personal_data(team, alice):
    with_data = factories.ContactFactory(team=team)
    without = factories.ContactFactory(team=team, phone="", email="")
    contact_data_view_record(viewer=alice, contacts=[with_data, without])
    assert list(ContactDataView.objects.values_list("contact", "viewer")) == [(with_data.pk, alice.pk)]


def test_opening_a_contact_logs_who_saw_the_personal_data(client, contact, bob):
    client.force_login(bob)
    client.get(reverse("universities:contact_detail", args=[contact.team_id, contact.pk]))
    client.get(reverse("universities:contact_detail", args=[contact.team_id, contact.pk]))
    assert ContactDataView.objects.filter(contact=contact, viewer=bob).count() == 2


def test_the_team_page_logs_each_contact_it_shows(client, team, contact, alice):
    second = factories.ContactFactory(team=team)
    client.force_login(alice)
    client.get(reverse("universities:team_detail", args=[team.pk]))
    assert set(ContactDataView.objects.values_list("contact", flat=True)) == {contact.pk, second.pk}


def test_the_edit_form_showing_the_stored_data_is_logged_too(client, contact, alice):
    client.force_login(alice)
    client.get(reverse("universities:contact_edit", args=[contact.team_id, contact.pk]))
    assert ContactDataView.objects.filter(contact=contact, viewer=alice).exists()


def test_refused_requests_log_nothing(client, contact, carol, erin):
    for user in (carol, erin):
        client.force_login(user)
        client.get(reverse("universities:contact_detail", args=[contact.team_id, contact.pk]))
        client.get(reverse("universities:team_detail", args=[contact.team_id]))
    assert not ContactDataView.objects.exists()


def test_bureau_staff_read_the_view_log_on_the_contact_and_team_pages(client, contact, alice, dora):
    client.force_login(alice)
    client.get(reverse("universities:contact_detail", args=[contact.team_id, contact.pk]))
    client.force_login(dora)
    for url in pages_about(contact)[1:3]:
        page = client.get(url).content.decode()
        assert 'data-testid="data-view-log"' in page
        assert str(alice) in page


def test_officers_do_not_see_the_view_log(client, contact, alice):
    client.force_login(alice)
    for url in pages_about(contact)[1:3]:
        assert 'data-testid="data-view-log"' not in client.get(url).content.decode()
