from django.urls import path

from requests import views

app_name = "needs"
urlpatterns = [
    path("", views.need_list, name="list"),
    path("export.csv", views.need_export, name="export"),
    path("new/", views.need_create, name="create"),
    path("review/", views.need_review_queue, name="review"),
    path("review/approve/", views.need_bulk_approve, name="bulk_approve"),
    path("<int:pk>/", views.need_detail, name="detail"),
    path("<int:pk>/edit/", views.need_edit, name="edit"),
    path("<int:pk>/submit/", views.need_submit, name="submit"),
    path("<int:pk>/close/", views.need_close, name="close"),
    path("<int:pk>/approve/", views.need_approve, name="approve"),
    path("<int:pk>/reject/", views.need_reject, name="reject"),
    path("<int:pk>/changes/", views.need_request_changes, name="changes"),
]
