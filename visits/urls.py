from django.urls import path

from visits import views

app_name = "visits"
urlpatterns = [
    path("", views.visit_list, name="list"),
    path("export.csv", views.visit_export, name="export"),
    path("new/", views.visit_create, name="create"),
    path("<int:pk>/", views.visit_detail, name="detail"),
    path("<int:pk>/edit/", views.visit_edit, name="edit"),
    path("<int:pk>/delete/", views.visit_delete, name="delete"),
    path("teams/new/", views.team_quick_create, name="team_quick_create"),
    path("contacts/new/", views.contact_quick_create, name="contact_quick_create"),
    path("lookup/teams/", views.lookup_teams, name="lookup_teams"),
    path("lookup/contacts/", views.lookup_contacts, name="lookup_contacts"),
    path("lookup/needs/", views.lookup_needs, name="lookup_needs"),
    path("lookup/results/", views.lookup_results, name="lookup_results"),
    path("follow-ups/", views.follow_up_list, name="follow_ups"),
    path("follow-ups/new/", views.follow_up_create, name="follow_up_create"),
    path("follow-ups/<int:pk>/done/", views.follow_up_complete, name="follow_up_complete"),
    path("follow-ups/<int:pk>/reassign/", views.follow_up_reassign, name="follow_up_reassign"),
]
