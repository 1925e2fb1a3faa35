from django.urls import path

from . import views

app_name = "tasks"
urlpatterns = [
    path("", views.checklist_list, name="checklist_list"),
    path("new/", views.checklist_create, name="checklist_create"),
    path("new/rows/", views.checklist_row_forms, name="checklist_row_forms"),
    path("mine/", views.my_rows, name="my_rows"),
    path("import-template.xlsx", views.import_template, name="import_template"),
    path("<int:pk>/", views.checklist_detail, name="checklist_detail"),
    path("<int:pk>/edit/", views.checklist_edit, name="checklist_edit"),
    path("<int:pk>/issue/", views.checklist_issue, name="checklist_issue"),
    path("<int:pk>/close/", views.checklist_close, name="checklist_close"),
    path("<int:pk>/copy/", views.checklist_copy, name="checklist_copy"),
    path("<int:pk>/import/", views.checklist_import, name="checklist_import"),
    path("<int:pk>/import/<int:job_pk>/", views.checklist_import_job, name="checklist_import_job"),
    path(
        "<int:pk>/import/<int:job_pk>/cancel/", views.checklist_import_cancel, name="checklist_import_cancel"
    ),
    path("<int:pk>/print.pdf", views.checklist_pdf, name="checklist_pdf"),
    path("<int:pk>/export.xlsx", views.checklist_xlsx, name="checklist_xlsx"),
    path("<int:pk>/rows/new/", views.row_create, name="row_create"),
    path("rows/<int:pk>/edit/", views.row_edit, name="row_edit"),
    path("rows/<int:pk>/remove/", views.row_remove, name="row_remove"),
    path("rows/<int:pk>/progress/", views.row_progress, name="row_progress"),
    path("updates/<int:pk>/file/", views.update_file, name="update_file"),
]
