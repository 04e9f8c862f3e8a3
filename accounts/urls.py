from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("register/", views.enterprise_register, name="enterprise_register"),
    path("review/", views.enterprise_review, name="enterprise_review"),
    path("review/approve/", views.enterprise_approve_bulk, name="enterprise_approve_bulk"),
    path("review/<int:pk>/approve/", views.enterprise_approve, name="enterprise_approve"),
    path("review/<int:pk>/reject/", views.enterprise_reject, name="enterprise_reject"),
    path("team/", views.enterprise_team, name="enterprise_team"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
