from django.urls import path

from . import views

app_name = "duties"
urlpatterns = [
    path("", views.catalog_list, name="catalog_list"),
    path("mine/", views.mirror, name="mirror"),
]
