from django.urls import path

from deals import imports_views, views

app_name = "deals"
urlpatterns = [
    path("", views.deal_list, name="deal_list"),
    path("export.csv", views.deal_export, name="export"),
    path("board/", views.deal_board, name="board"),
    path("new/", views.deal_create, name="create"),
    path("<int:pk>/", views.deal_detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.deal_move, name="move"),
    path("import/", imports_views.import_upload, name="import"),
    path("import/confirm/", imports_views.import_confirm, name="import_confirm"),
    path("import/template.<slug:kind>", imports_views.import_template, name="import_template"),
    path("lookup/results/", views.lookup_results, name="lookup_results"),
    path("lookup/enterprises/", views.lookup_enterprises, name="lookup_enterprises"),
    path("lookup/needs/", views.lookup_needs, name="lookup_needs"),
    path("events/", views.event_list, name="event_list"),
    path("events/calendar/", views.event_calendar, name="event_calendar"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/check-in/", views.event_check_in, name="event_check_in"),
    path("events/<int:pk>/signings/", views.event_signing, name="event_signing"),
    path("events/<int:pk>/public/", views.event_public, name="event_public"),
]
