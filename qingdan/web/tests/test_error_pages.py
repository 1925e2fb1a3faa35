"""400, 403, 404 and 500 pages speak Chinese, sit in the site's layout and offer the way back home; the 500
page renders without the database (Django's handler500 has no request context). A favicon on every page."""

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client, RequestFactory
from django.urls import include, path
from django.views.defaults import server_error

HOME_LINK = 'href="/"'


def failing(request):
    raise RuntimeError("boom")


def suspicious(request):
    raise SuspiciousOperation("bad")


# A URLconf of the whole site plus two addresses that fail, for the 500 and 400 pages.
urlpatterns = [
    path("test-boom/", failing),
    path("test-suspicious/", suspicious),
    path("", include("qingdan.urls")),
]


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def in_layout(page: str) -> bool:
    return 'class="top"' in page and 'class="brand"' in page and HOME_LINK in page


@pytest.mark.django_db
def test_a_missing_page_says_so_in_chinese_in_the_layout(client):
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in page and "返回首页" in page and in_layout(page)
    assert "Not Found" not in page


@pytest.mark.django_db
def test_a_signed_in_person_gets_the_404_inside_their_own_navigation(login, village_cadre):
    page = login(village_cadre).get("/no-such-page/").content.decode()
    assert "页面不存在" in page and 'id="site-nav"' in page


@pytest.mark.django_db
def test_a_page_the_role_may_not_open_is_a_403_in_chinese(login, village_cadre):
    response = login(village_cadre).get("/audit/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "无权操作" in page and "返回首页" in page and in_layout(page)
    assert "Forbidden" not in page


@pytest.mark.django_db
def test_an_expired_form_is_a_403_in_chinese(village_cadre):
    client = Client(enforce_csrf_checks=True)
    client.force_login(village_cadre)
    response = client.post("/accounts/logout/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "页面已过期" in page and HOME_LINK in page
    assert "CSRF verification failed" not in page


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_server_error_is_a_500_in_chinese_with_the_way_back():
    client = Client(raise_request_exception=False)
    response = client.get("/test-boom/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错" in page and "返回首页" in page and HOME_LINK in page
    assert "Server Error" not in page


def test_the_500_page_renders_without_the_database():
    """No django_db mark: any query here fails the test."""
    response = server_error(RequestFactory().get("/anything/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错" in page and HOME_LINK in page and "favicon.svg" in page


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_bad_request_is_a_400_in_chinese():
    response = Client().get("/test-suspicious/")
    page = response.content.decode()
    assert response.status_code == 400
    assert "请求有误" in page and HOME_LINK in page


@pytest.mark.django_db
def test_every_page_links_the_favicon_and_it_is_served(client):
    page = client.get("/accounts/login/").content.decode()
    assert 'rel="icon" href="/static/web/favicon.svg"' in page
    favicon = client.get("/static/web/favicon.svg")
    assert favicon.status_code == 200
    assert b"<svg" in b"".join(favicon.streaming_content if favicon.streaming else [favicon.content])


def test_a_browser_asking_for_favicon_ico_is_sent_to_the_svg(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/web/favicon.svg"
