"""Asserts what a role gets from a URL: the page, the login redirect, 403 or 404.

Every view's tests call it for each role, so a permission hole shows up as a failing row.
"""

from urllib.parse import urlparse

from django.conf import settings
from django.shortcuts import resolve_url

PAGE = 200
LOGIN = "login"
FORBIDDEN = 403
NOT_FOUND = 404


def assert_access(client, url: str, user, expected, *, method: str = "get", data=None) -> None:
    client.logout()
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    who = getattr(user, "username", "anonymous")
    if expected == LOGIN:
        assert response.status_code == 302, f"{who} on {url}: expected a login redirect, got {response.status_code}"
        assert urlparse(response["Location"]).path == resolve_url(settings.LOGIN_URL), (
            f"{who} on {url}: redirected to {response['Location']}, not to the login page"
        )
    else:
        assert response.status_code == expected, f"{who} on {url}: expected {expected}, got {response.status_code}"
