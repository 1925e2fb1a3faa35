from django.urls import path

from . import views

app_name = "burden_ledger"
MONTH = "villages/<int:pk>/<int:year>/<int:month>/"
urlpatterns = [
    path("", views.point_list, name="point_list"),
    path("points/mark/", views.point_mark, name="point_mark"),
    path("points/<int:pk>/unmark/", views.point_unmark, name="point_unmark"),
    path("villages/<int:pk>/", views.village_detail, name="village_detail"),
    path(MONTH, views.month_detail, name="month_detail"),
    path(MONTH + "submit/", views.month_submit, name="month_submit"),
    path(MONTH + "<slug:kind>/add/", views.entry_add, name="entry_add"),
    path("entries/<slug:kind>/<int:pk>/remove/", views.entry_remove, name="entry_remove"),
    path("villages/<int:pk>/apps/", views.tool_list, name="tool_list"),
    path("villages/<int:pk>/apps/add/", views.tool_add, name="tool_add"),
    path("apps/<int:pk>/drop/", views.tool_drop, name="tool_drop"),
    path("villages/<int:pk>/signs/", views.sign_list, name="sign_list"),
    path("villages/<int:pk>/signs/add/", views.sign_add, name="sign_add"),
    path("signs/<int:pk>/dispose/", views.sign_dispose, name="sign_dispose"),
    path("violations/", views.violation_list, name="violation_list"),
    path("violations/<int:pk>/", views.violation_detail, name="violation_detail"),
    path("violations/<int:pk>/confirm/", views.violation_confirm, name="violation_confirm"),
    path("violations/<int:pk>/dismiss/", views.violation_dismiss, name="violation_dismiss"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/commit/", views.import_commit, name="import_commit"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("import/<int:job_pk>/", views.import_preview, name="import_preview"),
    path("import/<int:job_pk>/cancel/", views.import_cancel, name="import_cancel"),
]
