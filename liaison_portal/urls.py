from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.forms import QueuedPasswordResetForm
from core import views as core_views

admin.site.site_header = _("Liaison portal administration")
admin.site.site_title = _("Liaison portal")

urlpatterns = [
    path("", core_views.home, name="home"),
    path("language/", core_views.language_switch, name="language_switch"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("enterprise/", include("accounts.urls")),
    path("universities/", include("universities.urls")),
    path("results/", include("achievements.urls")),
    path("needs/", include("requests.urls")),
    path("matches/", include("matching.urls")),
    path("introductions/", include("introductions.urls")),
    path("visits/", include("visits.urls")),
    path("deals/", include("deals.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("notifications/", include("notifications.urls")),
    path("admin/", admin.site.urls),
]
