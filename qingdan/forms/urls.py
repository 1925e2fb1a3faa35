from django.urls import path

from . import views

app_name = "forms"
urlpatterns = [
    path("", views.home, name="home"),
    # the data dictionary
    path("elements/", views.element_list, name="element_list"),
    path("elements/propose/", views.element_propose, name="element_propose"),
    path("elements/<int:pk>/", views.element_detail, name="element_detail"),
    path("elements/<int:pk>/approve/", views.element_approve, name="element_approve"),
    path("elements/<int:pk>/map/", views.element_map, name="element_map"),
    path("elements/<int:pk>/reject/", views.element_reject, name="element_reject"),
    # the one screen per village / township (the registers' pages are qingdan.registers.urls)
    path("villages/<str:code>/", views.village_screen, name="village_screen"),
    path("townships/<str:code>/", views.township_screen, name="township_screen"),
    # form requests and their admission
    path("requests/", views.form_list, name="form_list"),
    path("requests/new/", views.form_create, name="form_create"),
    path("requests/queue/", views.review_queue, name="review_queue"),
    path("requests/<int:pk>/", views.form_detail, name="form_detail"),
    path("requests/<int:pk>/review/", views.form_review, name="form_review"),
    path("requests/<int:pk>/edit/", views.form_edit, name="form_edit"),
    path("requests/<int:pk>/submit/", views.form_submit, name="form_submit"),
    path("requests/<int:pk>/approve/", views.form_approve, name="form_approve"),
    path("requests/<int:pk>/return/", views.form_return, name="form_return"),
    path("requests/<int:pk>/refuse/", views.form_refuse, name="form_refuse"),
    path("requests/<int:pk>/merge/", views.form_merge, name="form_merge"),
    path("requests/<int:pk>/results/", views.form_results, name="form_results"),
    path("requests/<int:pk>/results.xlsx", views.form_export, name="form_export"),
    # filling
    path("due/", views.due_list, name="due_list"),
    path("requests/<int:pk>/fill/<str:code>/", views.submission_open, name="submission_open"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/check/", views.submission_check, name="submission_check"),
    path("submissions/<int:pk>/save/", views.submission_save, name="submission_save"),
    path("submissions/<int:pk>/find/", views.submission_find, name="submission_find"),
    path("submissions/<int:pk>/progress/", views.submission_progress, name="submission_progress"),
    path("submissions/<int:pk>/add-row/", views.submission_add_row, name="submission_add_row"),
    # figures
    path("figures/", views.figures, name="figures"),
]
