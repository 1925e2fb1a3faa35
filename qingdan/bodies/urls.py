from django.urls import path

from . import views

app_name = "bodies"
urlpatterns = [
    path("", views.body_list, name="body_list"),
    path("new/", views.body_create, name="body_create"),
    path("<int:pk>/", views.body_detail, name="body_detail"),
    path("<int:pk>/edit/", views.body_edit, name="body_edit"),
    path("<int:pk>/revoke/", views.body_revoke, name="body_revoke"),
    path("<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/documents/new/", views.document_create, name="document_create"),
    path("meetings/<int:pk>/minutes/", views.minutes_download, name="minutes_download"),
    path("import/", views.ledger_import, name="ledger_import"),
    path("import/commit/", views.ledger_commit, name="ledger_commit"),
    path("import/<int:job_pk>/", views.ledger_preview, name="ledger_preview"),
    path("import/<int:job_pk>/cancel/", views.ledger_cancel, name="ledger_cancel"),
    path("review/", views.review_page, name="review"),
    path("report/", views.report_page, name="report"),
    path("caps/", views.cap_edit, name="cap_edit"),
]
