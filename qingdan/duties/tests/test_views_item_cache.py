"""The catalog page's item list is cached per published version, language and items shown: a second view
draws it from the cache, and no viewer ever sees a list made for another viewer's scope."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from qingdan.duties.views.item_list import cache_key

from .view_support import body, publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    caches["fragments"].clear()
    yield
    caches["fragments"].clear()


def page(client, version):
    return body(client.get(reverse("duties:catalog_detail", args=[version.catalog_id])))


def test_a_second_view_draws_the_list_from_the_cache(login, catalog_office, village):
    version = publish(village)
    client = login(catalog_office)
    assert "协助开展高标准农田建设管护。" in page(client, version)
    ids = list(version.items.order_by("position").values_list("id", flat=True))
    key = cache_key(version, ids)
    assert "协助开展高标准农田建设管护。" in caches["fragments"].get(key)
    caches["fragments"].set(key, "<p>从缓存取出的清单</p>")
    assert "从缓存取出的清单" in page(client, version)


def test_the_cached_list_holds_nothing_about_the_viewer(login, catalog_office, village):
    version = publish(village)
    page(login(catalog_office), version)
    ids = list(version.items.order_by("position").values_list("id", flat=True))
    fragment = caches["fragments"].get(cache_key(version, ids))
    for private in ("csrfmiddlewaretoken", catalog_office.username, "/accounts/", "amendments/new"):
        assert private not in fragment, private


def test_a_department_clerk_never_sees_the_list_cached_for_the_whole_county(
    login, catalog_office, dept_clerk, village
):
    version = publish(village)
    everything = page(login(catalog_office), version)
    assert "协助开展高标准农田建设管护。" in everything and "宣传宪法、法律、法规和国家政策。" in everything
    theirs = page(login(dept_clerk), version)
    assert "协助开展高标准农田建设管护。" in theirs and "宣传宪法、法律、法规和国家政策。" not in theirs
    assert "宣传宪法、法律、法规和国家政策。" in page(login(catalog_office), version)


def test_the_county_never_sees_the_list_cached_for_a_department_clerk(
    login, catalog_office, dept_clerk, village
):
    version = publish(village)
    assert "宣传宪法、法律、法规和国家政策。" not in page(login(dept_clerk), version)
    assert "宣传宪法、法律、法规和国家政策。" in page(login(catalog_office), version)
