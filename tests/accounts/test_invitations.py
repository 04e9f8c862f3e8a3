import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Role
from accounts.services import INVITATION_EXPIRED, INVITATION_USED, invitation_accept, invitation_create
from requests.models import EnterpriseMembership
from tests import factories

PASSWORD = "Colleague-Pass-2026"


@pytest.fixture
def invitation(erin):
    return invitation_create(membership=erin.enterprise_membership, email="wang@example.com")


def _accept(client, invitation, **changes):
    data = {"full_name": "王工", "username": "wanggong", "password1": PASSWORD, "password2": PASSWORD, **changes}
    return client.post(reverse("accounts:invitation_accept", args=[invitation.token]), data)


def test_the_manager_invites_a_colleague_by_email_after_the_commit(client, erin, django_capture_on_commit_callbacks):
    client.force_login(erin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:enterprise_team"), {"email": "wang@example.com"})

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.enterprise == erin.enterprise_membership.enterprise
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        datetime.timedelta(days=14), abs=datetime.timedelta(seconds=5)
    )
    (email,) = mail.outbox
    assert email.to == ["wang@example.com"]
    assert f"/enterprise/invitations/{invitation.token}/" in email.body


def test_a_colleague_may_not_invite(colleague):
    with pytest.raises(ValidationError):
        invitation_create(membership=colleague.enterprise_membership, email="x@example.com")


def test_accepting_creates_a_member_who_is_not_manager_and_logs_them_in(client, invitation):
    response = _accept(client, invitation)

    assert response.url == reverse("home")
    membership = EnterpriseMembership.objects.get(user__username="wanggong")
    assert membership.enterprise == invitation.enterprise
    assert not membership.is_manager
    assert membership.user.role == Role.ENTERPRISE
    assert membership.user.email == "wang@example.com"
    invitation.refresh_from_db()
    assert invitation.accepted_by == membership.user
    assert client.get(reverse("home")).context["user"] == membership.user


def test_a_used_invitation_cannot_be_used_again(client, invitation):
    _accept(client, invitation)
    client.logout()

    response = _accept(client, invitation, username="someone-else")

    assert response.status_code == 410
    assert response.context["problem"] == INVITATION_USED
    assert not EnterpriseMembership.objects.filter(user__username="someone-else").exists()
    with pytest.raises(ValidationError) as error:
        invitation_accept(token=invitation.token, username="third", password=PASSWORD)
    assert error.value.code == "used"


def test_an_expired_invitation_says_so(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    response = _accept(client, invitation)

    assert response.status_code == 410
    assert response.context["problem"] == INVITATION_EXPIRED
    assert not EnterpriseMembership.objects.filter(user__username="wanggong").exists()
    with pytest.raises(ValidationError) as error:
        invitation_accept(token=invitation.token, username="wanggong", password=PASSWORD)
    assert error.value.code == "expired"


def test_an_unknown_token_is_not_found(client, db):
    assert client.get(reverse("accounts:invitation_accept", args=["no-such-token"])).status_code == 404


def test_a_taken_username_keeps_the_form(client, invitation):
    factories.UserFactory(username="wanggong")

    response = _accept(client, invitation)

    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert response.context["form"]["full_name"].value() == "王工"
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_team_page_lists_members_and_open_invitations(client, erin, colleague, invitation):
    client.force_login(erin)

    response = client.get(reverse("accounts:enterprise_team"))

    assert {m.user for m in response.context["members"]} == {erin, colleague}
    assert list(response.context["invitations"]) == [invitation]
