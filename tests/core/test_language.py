import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_portal_speaks_chinese_even_to_an_english_browser(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "zh-hans"
    assert "登录" in response.content.decode()


def test_switching_to_english_sticks_and_is_saved_on_the_account(client, alice):
    client.force_login(alice)
    response = client.post(reverse("language_switch"), {"language": "en", "next": reverse("visits:list")})
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:list")
    page = client.get(reverse("visits:list"))
    assert page["Content-Language"] == "en"
    assert "Campus visits" in page.content.decode()
    alice.refresh_from_db()
    assert alice.preferred_language == "en"


def test_a_users_saved_language_follows_them_to_a_new_browser(client, alice):
    alice.preferred_language = "en"
    alice.save()
    client.force_login(alice)
    assert client.get(reverse("home"))["Content-Language"] == "en"


def test_the_switch_never_redirects_to_another_site(client):
    response = client.post(reverse("language_switch"), {"language": "en", "next": "https://evil.example.com/"})
    assert response["Location"] == "/"


def test_an_unknown_language_is_ignored(client):
    client.post(reverse("language_switch"), {"language": "fr", "next": "/"})
    assert client.get(reverse("login"))["Content-Language"] == "zh-hans"
