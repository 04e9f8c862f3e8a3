from django.urls import path

from matching import views

app_name = "matching"
urlpatterns = [
    path("forward/<int:need_pk>/", views.match_forward, name="forward"),
    path("<int:pk>/respond/", views.match_respond, name="respond"),
    path("interest/<int:achievement_pk>/", views.interest_express, name="interest"),
]
