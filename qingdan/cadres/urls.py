from django.urls import path

from . import views

app_name = "cadres"
urlpatterns = [
    path("", views.home, name="home"),
    path("figures.xlsx", views.figures_export, name="figures_export"),
    path("rules/", views.programme_edit, name="programme_edit"),
    path("commendations/", views.commendation_list, name="commendation_list"),
    path("batches/", views.batch_list, name="batch_list"),
    path("batches/new/", views.batch_create, name="batch_create"),
    path("batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("people/", views.cadre_list, name="cadre_list"),
    path("people/<int:pk>/", views.cadre_detail, name="cadre_detail"),
    path("people/<int:pk>/reveal/", views.cadre_reveal, name="cadre_reveal"),
    path("postings/", views.posting_list, name="posting_list"),
    path("postings/new/", views.posting_create, name="posting_create"),
    path("postings/<int:pk>/", views.posting_detail, name="posting_detail"),
    path("communities/<int:pk>/", views.community_detail, name="community_detail"),
    path("board/", views.board, name="board"),
    path("board/resources/new/", views.resource_create, name="resource_create"),
    path("board/needs/new/", views.need_create, name="need_create"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
]
