from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.access import PORTAL_ROLES, STAFF_ROLES, user_has_role
from accounts.models import Role
from notifications.selectors import unread_count_for

# (url name, label, icon, roles that see it)
_NAVIGATION = [
    ("home", _("Home"), "house", None),
    ("universities:list", _("Universities"), "bank", PORTAL_ROLES),
    ("achievements:list", _("Research results"), "lightbulb", None),
    ("needs:list", _("Technology needs"), "clipboard-check", None),
    ("matching:digest_list", _("Digests"), "envelope-paper", (Role.OFFICER, *STAFF_ROLES)),
    ("introductions:list", _("Introductions"), "people", None),
    ("visits:list", _("Visits"), "geo-alt", (Role.OFFICER, Role.BUREAU, Role.ADMIN)),
    ("deals:board", _("Deals"), "kanban", (Role.OFFICER,)),
    ("deals:deal_list", _("Deals"), "briefcase", (Role.BUREAU, Role.ADMIN, Role.ENTERPRISE)),
    ("deals:event_list", _("Events"), "calendar-event", None),
    ("dashboards:index", _("Dashboards"), "bar-chart-line", PORTAL_ROLES),
]


def navigation(request):
    user = request.user
    if not user.is_authenticated:
        return {"navigation": []}
    items = []
    for url_name, label, icon, roles in _NAVIGATION:
        # The board is the officers' own view; an administrator would otherwise get two "Deals" entries.
        if url_name == "deals:board" and user.role != Role.OFFICER:
            continue
        if roles is None or user_has_role(user, roles):
            url = reverse(url_name)
            items.append({"url": url, "label": label, "icon": icon, "active": False})
    # The longest matching address wins, so /deals/events/ lights up Events and not Deals at /deals/.
    matching = [
        item
        for item in items
        if request.path == item["url"] or (item["url"] != "/" and request.path.startswith(item["url"]))
    ]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["active"] = True
    return {"navigation": items}


def notifications(request):
    if not request.user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count_for(user=request.user)}
