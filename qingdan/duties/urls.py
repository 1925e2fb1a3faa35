from django.urls import path

from . import views

app_name = "duties"
urlpatterns = [
    path("", views.catalog_list, name="catalog_list"),
    path("mine/", views.mirror, name="mirror"),
    path("mine/export/", views.mirror_export, name="mirror_export"),
    path("import/", views.catalog_import, name="catalog_import"),
    path("import/<int:job_pk>/", views.import_preview, name="import_preview"),
    path("import/<int:job_pk>/commit/", views.catalog_import_commit, name="catalog_import_commit"),
    path("import/<int:job_pk>/cancel/", views.catalog_import_cancel, name="catalog_import_cancel"),
    path("templates/publish/", views.template_publish, name="template_publish"),
    path("amendments/", views.amendment_list, name="amendment_list"),
    path("amendments/<int:pk>/", views.amendment_detail, name="amendment_detail"),
    path("amendments/<int:pk>/consult/", views.amendment_consult, name="amendment_consult"),
    path("amendments/<int:pk>/decide/", views.amendment_decide, name="amendment_decide"),
    path("<int:pk>/", views.catalog_detail, name="catalog_detail"),
    path("<int:pk>/export/", views.catalog_export, name="catalog_export"),
    path("<int:pk>/diff/", views.version_diff, name="version_diff"),
    path("<int:pk>/adopt/", views.template_adopt, name="template_adopt"),
    path("<int:pk>/amendments/new/", views.amendment_create, name="amendment_create"),
]
