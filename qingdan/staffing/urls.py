from django.urls import path

from . import views

app_name = "staffing"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("export/", views.unit_export, name="unit_export"),
    path("moves/new/", views.move_create, name="move_create"),
    path("moves/", views.move_report, name="move_report"),
    path("reforms/", views.reform_list, name="reform_list"),
    path("reforms/new/", views.reform_create, name="reform_create"),
    path("reforms/<int:pk>/", views.reform_detail, name="reform_detail"),
    path("modules/", views.module_catalogue, name="module_catalogue"),
    path("scoring-rule/", views.scoring_rule, name="scoring_rule"),
    path("templates/", views.template_list, name="template_list"),
    path("pool/", views.pool, name="pool"),
    path("people/", views.person_list, name="person_list"),
    path("people/<int:pk>/reveal/", views.person_reveal, name="person_reveal"),
    path("towns/<str:code>/", views.town_detail, name="town_detail"),
    path("towns/<str:code>/place/", views.place, name="place"),
    path("towns/<str:code>/print/", views.town_print, name="town_print"),
    path("placements/<int:pk>/remove/", views.unplace, name="placement_remove"),
    path("towns/<str:code>/manage/", views.town_manage, name="town_manage"),
    path("towns/<str:code>/modules/", views.choose_modules, name="choose_modules"),
    path("towns/<str:code>/lead/", views.set_lead, name="set_lead"),
    path("towns/<str:code>/template/", views.template_choose, name="template_choose"),
    path("towns/<str:code>/positions/new/", views.create_position, name="position_create"),
    path("towns/<str:code>/applications/new/", views.apply, name="application_create"),
    path("towns/<str:code>/scores/", views.record_score, name="score_record"),
    path("applications/<int:pk>/decide/", views.decide, name="application_decide"),
    path("scores/", views.score_list, name="score_list"),
    path("scores/<int:pk>/approve/", views.approve_special, name="score_approve"),
    path("people/<int:pk>/pool/", views.pool_change, name="pool_change"),
    path("import/<str:what>/", views.import_start, name="import_start"),
    path("import/jobs/<int:job_pk>/", views.import_preview, name="import_preview"),
    path("import/jobs/<int:job_pk>/commit/", views.import_commit, name="import_commit"),
    path("import/jobs/<int:job_pk>/cancel/", views.import_cancel, name="import_cancel"),
]
