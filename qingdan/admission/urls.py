from django.urls import path

from . import views

app_name = "admission"
urlpatterns = [
    path("", views.order_list, name="order_list"),
    path("new/", views.order_create, name="order_create"),
    path("screen/", views.order_screen, name="order_screen"),
    path("<int:pk>/", views.order_detail, name="order_detail"),
    path("<int:pk>/edit/", views.order_edit, name="order_edit"),
    path("<int:pk>/submit/", views.order_submit, name="order_submit"),
    path("<int:pk>/withdraw/", views.order_withdraw, name="order_withdraw"),
    path("<int:pk>/approve/", views.order_approve, name="order_approve"),
    path("<int:pk>/return/", views.order_return, name="order_return"),
    path("<int:pk>/refuse/", views.order_refuse, name="order_refuse"),
    path("<int:pk>/convert/", views.order_convert, name="order_convert"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/approve/", views.bulk_approve, name="bulk_approve"),
    path("township/", views.assignment_list, name="assignment_list"),
    path("township/<int:pk>/dispatch/", views.assignment_dispatch, name="assignment_dispatch"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/receive/", views.task_receive, name="task_receive"),
    path("tasks/<int:pk>/report/", views.task_report, name="task_report"),
    path("tasks/<int:pk>/complete/", views.task_complete, name="task_complete"),
    path("reports/<int:pk>/file/", views.report_file, name="report_file"),
    path("complaints/", views.complaint_list, name="complaint_list"),
    path("complaints/new/", views.complaint_create, name="complaint_create"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("complaints/<int:pk>/handle/", views.complaint_handle, name="complaint_handle"),
    path("figures/", views.figures, name="figures"),
]
