from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.division_list, name="division_list"),
    path("<str:code>/", views.division_detail, name="division_detail"),
]
