from django.urls import path

from . import views

app_name = "staffing"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("export/", views.unit_export, name="unit_export"),
    path("moves/new/", views.move_create, name="move_create"),
    path("moves/", views.move_report, name="move_report"),
    path("reforms/", views.reform_list, name="reform_list"),
    path("reforms/<int:pk>/", views.reform_detail, name="reform_detail"),
    path("pool/", views.pool, name="pool"),
    path("people/", views.person_list, name="person_list"),
    path("people/<int:pk>/reveal/", views.person_reveal, name="person_reveal"),
    path("towns/<str:code>/", views.town_detail, name="town_detail"),
    path("towns/<str:code>/place/", views.place, name="place"),
    path("towns/<str:code>/print/", views.town_print, name="town_print"),
    path("import/<str:what>/", views.import_start, name="import_start"),
    path("import/jobs/<int:job_pk>/", views.import_preview, name="import_preview"),
    path("import/jobs/<int:job_pk>/commit/", views.import_commit, name="import_commit"),
    path("import/jobs/<int:job_pk>/cancel/", views.import_cancel, name="import_cancel"),
]
