from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    # Browsers ask for /favicon.ico on their own; the page's <link rel="icon"> names the SVG.
    path("favicon.ico", RedirectView.as_view(url=static("web/favicon.svg"), permanent=True)),
]
