from django.urls import path

from universities import views

app_name = "universities"
# The team and contact routes come before "<slug:slug>/", which would otherwise take "teams/"
# for a university's slug; models.RESERVED_SLUGS keeps a university from being given that slug.
urlpatterns = [
    path("", views.university_list, name="list"),
    path("teams/", views.team_list, name="team_list"),
    path("teams/new/", views.team_create, name="team_create"),
    path("teams/<int:pk>/", views.team_detail, name="team_detail"),
    path("teams/<int:pk>/edit/", views.team_edit, name="team_edit"),
    path("teams/<int:pk>/merge/", views.team_merge, name="team_merge"),
    path("teams/<int:team_pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("teams/<int:team_pk>/contacts/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("teams/<int:team_pk>/contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("<slug:slug>/", views.university_detail, name="detail"),
]
