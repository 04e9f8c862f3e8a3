from django.urls import path

from matching import views

app_name = "matching"
urlpatterns = [
    path("forward/<int:need_pk>/", views.match_forward, name="forward"),
    path("<int:pk>/respond/", views.match_respond, name="respond"),
    path("interest/<int:achievement_pk>/", views.interest_express, name="interest"),
    path("digests/", views.digest_list, name="digest_list"),
    path("digests/<int:pk>/", views.digest_detail, name="digest_detail"),
    path("digests/<int:pk>/regenerate/", views.digest_regenerate, name="digest_regenerate"),
    path("digests/<int:digest_pk>/items/<int:item_pk>/forward/", views.digest_item_forward, name="digest_forward"),
    path("digests/<int:digest_pk>/items/<int:item_pk>/team/", views.digest_item_team, name="digest_team"),
    path("digests/<int:digest_pk>/items/<int:item_pk>/dismiss/", views.digest_item_dismiss, name="digest_dismiss"),
]
