from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    """Enterprises and their technology needs.

    The folder is called `requests` by the product owner's layout; it shadows
    the PyPI library of that name, which nothing in this project may use.
    """

    name = "requests"
    label = "needs"
    verbose_name = _("Enterprises and technology needs")
