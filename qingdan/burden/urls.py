from django.urls import path

from . import views

app_name = "burden"
urlpatterns = [
    path("", views.start, name="start"),
    path("area/<str:code>/", views.area_dashboard, name="area"),
    path("area/<str:code>/heat/", views.area_heat, name="area_heat"),
    path("area/<str:code>/print/", views.area_print, name="area_print"),
    path("area/<str:code>/export/<str:table>/", views.area_export, name="area_export"),
    path("area/<str:code>/reform-date/", views.reform_date, name="reform_date"),
    path("area/<str:code>/rebuild/", views.rebuild, name="rebuild"),
    path("department/<int:pk>/", views.department_page, name="department"),
    path("department/<int:pk>/export/<str:table>/", views.department_export, name="department_export"),
    path("village/<str:code>/", views.village_page, name="village"),
    path("village/<str:code>/export/", views.village_export, name="village_export"),
]
