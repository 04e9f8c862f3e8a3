"""URLs of the lists behind the dashboard's numbers, with the filters each list reads (see its filters.py)."""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse


def _query(params: dict) -> str:
    return urlencode({key: value for key, value in params.items() if value not in (None, "")})


def deal_list_url(**params) -> str | None:
    """The deal list filtered by `params` (university, stage, mode, landing, field, signed_from, signed_to,
    event), or None while the portal has no deal list: the number is then shown without a link."""
    try:
        base = reverse("deals:deal_list")
    except NoReverseMatch:
        return None
    return f"{base}?{_query(params)}"


def achievement_list_url(**params) -> str:
    return f"{reverse('achievements:list')}?{_query(params)}"


def visit_list_url(**params) -> str:
    return f"{reverse('visits:list')}?{_query(params)}"
