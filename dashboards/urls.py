from django.urls import path, register_converter

from dashboards import views


class ExportFormat:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormat, "exportformat")

app_name = "dashboards"
urlpatterns = [
    path("", views.dashboard_index, name="index"),
    path("export/<slug:key>.<exportformat:fmt>", views.dashboard_export, name="export"),
]
