from django.urls import path

from . import views, views_people

app_name = "orgs"
urlpatterns = [
    path("", views.division_list, name="division_list"),
    path("search/", views.division_search, name="division_search"),  # before "<code>/", like people/
    # Account management comes before "<code>/", which would otherwise take "people/" for a code.
    path("people/", views_people.person_list, name="person_list"),
    path("people/new/", views_people.person_create, name="person_create"),
    path("people/<int:pk>/", views_people.person_edit, name="person_edit"),
    path("people/<int:pk>/deactivate/", views_people.person_deactivate, name="person_deactivate"),
    path("people/<int:pk>/reactivate/", views_people.person_reactivate, name="person_reactivate"),
    path("people/<int:pk>/unlock/", views_people.person_unlock, name="person_unlock"),
    path("people/<int:pk>/password/", views_people.person_password_reset, name="person_password_reset"),
    path("<str:code>/", views.division_detail, name="division_detail"),
]
