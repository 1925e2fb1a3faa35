from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("", views.scheme_list, name="scheme_list"),
    path("new/", views.scheme_create, name="scheme_create"),
    path("cap/", views.cap_set, name="cap_set"),
    path("village-types/", views.village_types, name="village_types"),
    path("teams/", views.team_page, name="team_page"),
    path("my-village/", views.my_village, name="my_village"),
    path("my-village/indicators/<int:indicator_pk>/report/", views.value_report, name="value_report"),
    path("<int:pk>/", views.scheme_detail, name="scheme_detail"),
    path("<int:pk>/indicators/new/", views.indicator_create, name="indicator_create"),
    path("<int:pk>/keep/<int:previous_pk>/", views.indicator_keep, name="indicator_keep"),
    path("<int:pk>/drop/<int:previous_pk>/", views.indicator_drop, name="indicator_drop"),
    path("<int:pk>/publish/", views.scheme_publish, name="scheme_publish"),
    path("<int:pk>/import/", views.indicator_import, name="indicator_import"),
    path("<int:pk>/import/<int:job_pk>/", views.import_job, name="import_job"),
    path("<int:pk>/import/<int:job_pk>/commit/", views.import_commit, name="import_commit"),
    path("<int:pk>/results/", views.scheme_results, name="scheme_results"),
    path("<int:pk>/results/publish/", views.results_publish, name="results_publish"),
    path("<int:pk>/results/freeze/", views.results_freeze, name="results_freeze"),
    path("<int:pk>/results.xlsx", views.results_xlsx, name="results_xlsx"),
    path("<int:pk>/results.pdf", views.results_pdf, name="results_pdf"),
    path("<int:pk>/villages/<int:village_pk>/visit/", views.visit_create, name="visit_create"),
    path("indicators/<int:pk>/remove/", views.indicator_remove, name="indicator_remove"),
    path("results/<int:pk>/", views.result_detail, name="result_detail"),
    path("results/<int:pk>/appeal/", views.result_appeal, name="result_appeal"),
    path("results/<int:pk>/pay/", views.result_pay, name="result_pay"),
    path("results/<int:pk>/scores/<int:indicator_pk>/correct/", views.score_correct, name="score_correct"),
    path("appeals/<int:pk>/", views.appeal_detail, name="appeal_detail"),
    path("appeals/<int:pk>/decide/", views.appeal_decide, name="appeal_decide"),
]
