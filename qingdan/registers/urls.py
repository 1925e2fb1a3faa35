"""The registers' pages. They keep the addresses they had under /forms/ (pages users bookmarked):
qingdan/urls.py mounts this module at /forms/ next to qingdan.forms.urls."""

from django.urls import path

from . import views

app_name = "registers"
urlpatterns = [
    path("villages/<str:code>/profile/", views.village_profile, name="village_profile"),
    path("villages/<str:code>/profile/<int:element_pk>/", views.village_fact, name="village_fact"),
    path("villages/<str:code>/residents/", views.resident_list, name="resident_list"),
    path("residents/<int:pk>/", views.resident_detail, name="resident_detail"),
    path("residents/<int:pk>/reveal/", views.resident_reveal, name="resident_reveal"),
    path("registers/", views.register_home, name="register_home"),
    # bulk import with a preview
    path("import/<str:what>/", views.import_upload, name="import_upload"),
    path("import/preview/<int:job_pk>/", views.import_preview, name="import_preview"),
    path("import/preview/<int:job_pk>/commit/", views.import_commit, name="import_commit"),
    path("import/preview/<int:job_pk>/cancel/", views.import_cancel, name="import_cancel"),
]
