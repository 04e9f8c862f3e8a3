"""Who may open what. Every view states its roles here; every object lookup is scoped in a selector."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from accounts.models import Role

STAFF_ROLES = (Role.BUREAU, Role.ADMIN)
PORTAL_ROLES = (Role.BUREAU, Role.OFFICER, Role.ADMIN)


def user_has_role(user, roles) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role in roles)


def role_required(*roles):
    """Anonymous users go to the login page; logged-in users without one of `roles` get 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not user_has_role(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
