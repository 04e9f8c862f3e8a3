from django.urls import path

from introductions import views

app_name = "introductions"
urlpatterns = [
    path("", views.introduction_list, name="list"),
    path("new/", views.introduction_propose, name="propose"),
    path("<int:pk>/", views.introduction_detail, name="detail"),
    path("<int:pk>/consent/", views.introduction_consent, name="consent"),
    path("<int:pk>/accept/", views.introduction_accept, name="accept"),
    path("<int:pk>/close/", views.introduction_close, name="close"),
    path("<int:pk>/messages/", views.introduction_message, name="message"),
]
