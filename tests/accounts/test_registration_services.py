import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.models import Role, User
from accounts.services import enterprise_register
from notifications.models import Notification
from requests.models import Enterprise, EnterpriseMembership, EnterpriseStatus
from tests import factories

from .conftest import CREDIT_CODE


def _register(registration, **changes):
    data = {**registration, **changes}
    data["password"] = data.pop("password1")
    data.pop("password2")
    return enterprise_register(**data)


def test_it_creates_the_manager_the_pending_enterprise_and_the_membership(db, registration):
    membership = _register(registration)

    assert membership.is_manager
    assert membership.user.role == Role.ENTERPRISE
    assert membership.user.check_password("Laser-Cutting-2026")
    assert membership.enterprise.status == EnterpriseStatus.PENDING
    assert membership.enterprise.credit_code == CREDIT_CODE  # normalised to upper case


def test_it_notifies_every_bureau_user_after_the_commit(dora, django_capture_on_commit_callbacks, registration):
    other_bureau = factories.UserFactory(role=Role.BUREAU, preferred_language="en")
    factories.UserFactory(role=Role.OFFICER)

    with django_capture_on_commit_callbacks(execute=True):
        membership = _register(registration)

    key = f"enterprise-registered:{membership.enterprise.pk}"
    assert set(Notification.objects.filter(event_key=key).values_list("recipient", flat=True)) == {
        dora.pk,
        other_bureau.pk,
    }
    assert sorted(message.to[0] for message in mail.outbox) == sorted([dora.email, other_bureau.email])
    english = Notification.objects.get(recipient=other_bureau)
    assert english.subject == "A new enterprise waits for approval: 武汉智光激光科技有限公司"


def test_it_refuses_a_credit_code_already_registered_and_creates_nothing(db, registration):
    factories.EnterpriseFactory(credit_code=CREDIT_CODE)

    with pytest.raises(ValidationError) as error:
        _register(registration)

    assert "credit_code" in error.value.message_dict
    assert not User.objects.filter(username="zhiguang").exists()
    assert Enterprise.objects.count() == 1


WRONG_CHECK_DIGIT = CREDIT_CODE[:17] + ("1" if CREDIT_CODE[17] == "0" else "0")


@pytest.mark.parametrize("code", ["91420100MA4K9000", "91420100MA4KI0001X", WRONG_CHECK_DIGIT])
def test_it_refuses_a_malformed_credit_code(db, registration, code):
    with pytest.raises(ValidationError) as error:
        _register(registration, credit_code=code)

    assert "credit_code" in error.value.message_dict
    assert not Enterprise.objects.exists()


def test_it_refuses_a_weak_password_and_a_taken_username(db, registration):
    factories.UserFactory(username="ZhiGuang")

    with pytest.raises(ValidationError) as error:
        _register(registration, password1="123")

    assert {"username", "password"} <= set(error.value.message_dict)
    assert not Enterprise.objects.exists()


def test_a_second_submit_of_the_same_form_creates_no_second_enterprise(db, registration):
    _register(registration)

    with pytest.raises(ValidationError):
        _register(registration, username="zhiguang2")

    assert Enterprise.objects.count() == 1
    assert EnterpriseMembership.objects.count() == 1
