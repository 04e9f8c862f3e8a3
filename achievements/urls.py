from django.urls import path

from achievements import views

app_name = "achievements"
urlpatterns = [
    path("", views.achievement_list, name="list"),
    path("export.csv", views.achievement_export, name="export"),
    path("new/", views.achievement_create, name="create"),
    path("<int:pk>/", views.achievement_detail, name="detail"),
    path("<int:pk>/edit/", views.achievement_edit, name="edit"),
    path("<int:pk>/publish/", views.achievement_publish, name="publish"),
    path("<int:pk>/withdraw/", views.achievement_withdraw, name="withdraw"),
    path("<int:pk>/restore/", views.achievement_restore, name="restore"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
    path("<int:pk>/attachments/<int:attachment_pk>/delete/", views.attachment_delete, name="attachment_delete"),
]
