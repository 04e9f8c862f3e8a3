from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from core.search import MAX_QUERY_LENGTH


def redirect_if_query_too_long(request):
    """A redirect to the same list with its search cut to the allowed length, or None when it fits.

    Cutting once and redirecting means the page, its paging links and a bookmark all carry the
    short query, and the user is told why it changed.
    """
    query = request.GET.get("q", "")
    if len(query) <= MAX_QUERY_LENGTH:
        return None
    messages.warning(
        request,
        _("Searches are limited to %(limit)d characters; yours was cut to the first %(limit)d.")
        % {"limit": MAX_QUERY_LENGTH},
    )
    params = request.GET.copy()
    params["q"] = query[:MAX_QUERY_LENGTH]
    params.pop("page", None)
    return redirect(f"{request.path}?{params.urlencode()}")
