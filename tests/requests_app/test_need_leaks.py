"""Officers read open needs but never the enterprise's private contact, nor the name of a confidential one."""

import pytest
from django.urls import reverse

from requests import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_enterprise(enterprise):
    enterprise.name = "武汉保密储能有限公司"
    enterprise.contact_person = "张联系人"
    enterprise.phone = "13812345678"
    enterprise.email = "secret-contact@example.com"
    enterprise.save()
    return enterprise


def _contact_of(enterprise):
    return [enterprise.contact_person, enterprise.phone, enterprise.email]


def test_officer_pages_never_show_the_enterprise_contact(client, alice, private_enterprise, open_need):
    client.force_login(alice)
    for url in (reverse("needs:list"), reverse("needs:detail", args=[open_need.pk])):
        page = client.get(url).content.decode()
        assert open_need.title in page
        for secret in _contact_of(private_enterprise):
            assert secret not in page, f"{secret} leaked on {url}"


def test_officers_see_confidential_enterprise_instead_of_a_private_name(client, alice, private_enterprise, open_need):
    client.force_login(alice)
    client.cookies["django_language"] = "en"
    for url in (reverse("needs:list"), reverse("needs:detail", args=[open_need.pk])):
        page = client.get(url).content.decode()
        assert private_enterprise.name not in page
        assert "Confidential enterprise" in page


def test_officers_see_the_name_of_a_public_need(client, alice, private_enterprise, open_need):
    open_need.is_public = True
    open_need.save()
    client.force_login(alice)
    for url in (reverse("needs:list"), reverse("needs:detail", args=[open_need.pk])):
        page = client.get(url).content.decode()
        assert private_enterprise.name in page
        assert private_enterprise.phone not in page


def test_officers_do_not_see_the_review_notes_or_history(client, alice, erin, enterprise, need_data):
    need = services.need_create(user=erin, enterprise=enterprise, submit=True, **need_data)
    services.need_request_changes(need=need, note="内部审核意见")
    services.need_submit(need=need)
    services.need_approve(need=need)
    client.force_login(alice)
    page = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    assert "内部审核意见" not in page
    assert 'id="history"' not in page


def test_bureau_staff_see_the_contact(client, dora, private_enterprise, open_need):
    client.force_login(dora)
    page = client.get(reverse("needs:detail", args=[open_need.pk])).content.decode()
    for secret in _contact_of(private_enterprise):
        assert secret in page


def test_a_need_of_another_enterprise_is_not_in_the_list(client, erin, open_need):
    other = factories.TechNeedFactory(title="别家公司的开放需求")
    client.force_login(erin)
    page = client.get(reverse("needs:list")).content.decode()
    assert open_need.title in page
    assert other.title not in page
