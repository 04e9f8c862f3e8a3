from django.urls import path

from deals import views

app_name = "deals"
urlpatterns = [
    path("events/", views.event_list, name="event_list"),
]
