from django.urls import reverse

from requests.models import Enterprise, EnterpriseStatus
from tests import factories

from .conftest import CREDIT_CODE

URL = "/enterprise/register/"


def test_registering_creates_a_pending_enterprise_and_logs_the_manager_in(client, dora, registration):
    response = client.post(URL, registration)

    assert response.status_code == 302
    assert response.url == reverse("home")
    enterprise = Enterprise.objects.get(credit_code=CREDIT_CODE)
    assert enterprise.status == EnterpriseStatus.PENDING
    home = client.get(reverse("home"))
    assert home.context["user"].username == "zhiguang"
    assert home.context["enterprise"] == enterprise
    assert b'data-testid="enterprise-status"' in home.content


def test_the_home_page_shows_the_rejection_reason(client, pending_manager, pending_enterprise):
    pending_enterprise.status = EnterpriseStatus.REJECTED
    pending_enterprise.rejection_reason = "营业执照照片无法辨认"
    pending_enterprise.save()
    client.force_login(pending_manager)

    assert "营业执照照片无法辨认" in client.get(reverse("home")).content.decode()


def test_a_duplicate_credit_code_keeps_what_was_typed(client, db, registration):
    factories.EnterpriseFactory(credit_code=CREDIT_CODE)

    response = client.post(URL, registration)

    assert response.status_code == 200
    form = response.context["form"]
    assert "credit_code" in form.errors
    assert form["name"].value() == "武汉智光激光科技有限公司"
    assert form["contact_person"].value() == "李经理"
    assert Enterprise.objects.count() == 1


def test_a_wrong_check_digit_is_reported_on_the_credit_code(client, db, registration):
    wrong = CREDIT_CODE[:17] + ("1" if CREDIT_CODE[17] == "0" else "0")

    response = client.post(URL, {**registration, "credit_code": wrong})

    assert list(response.context["form"].errors) == ["credit_code"]
    assert response.context["form"].errors.as_data()["credit_code"][0].code == "check_digit"


def test_a_weak_password_is_reported_and_nothing_is_created(client, db, registration):
    response = client.post(URL, {**registration, "password1": "12345678", "password2": "12345678"})

    assert "password1" in response.context["form"].errors
    assert not Enterprise.objects.exists()


def test_a_double_submit_creates_one_enterprise(client, db, registration):
    client.post(URL, registration)
    client.logout()

    response = client.post(URL, {**registration, "username": "zhiguang-again"})

    assert response.status_code == 200
    assert "credit_code" in response.context["form"].errors
    assert Enterprise.objects.count() == 1


def test_the_sixth_registration_in_an_hour_from_one_address_is_refused(client, db, registration):
    for _ in range(5):
        assert client.post(URL, {**registration, "credit_code": "bad"}).status_code == 200

    response = client.post(URL, registration)

    assert response.status_code == 429
    assert not Enterprise.objects.exists()
    assert client.get(URL).status_code == 200
