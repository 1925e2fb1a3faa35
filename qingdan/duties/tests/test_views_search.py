"""Searching duty items by words in their name or content: across catalogs from the catalog list, and
inside one catalog from its page; only ever among items the reader may see."""

import pytest
from django.urls import reverse

from .view_support import body, publish, row, village_rows

pytestmark = pytest.mark.django_db

LIST = reverse("duties:catalog_list")


def _residence_rows():
    return [
        *village_rows(),
        row("certificate", "2", "居住证明", content="为本村常住居民出具居住情况证明"),
        row(
            "cooperate",
            "1",
            "配合开展人口普查",
            content="协助入户登记,核对居住情况",
            responsible_unit="县统计局",
        ),
    ]


def test_the_catalog_list_finds_items_by_their_name(login, catalog_office, village):
    publish(village, _residence_rows())
    text = body(login(catalog_office).get(LIST, {"q": "居住证明"}))
    assert "居住证明" in text and "甲村" in text
    assert "(1)" in text  # one item found, though no catalog is named 居住证明
    assert "组织开展村民自治活动" not in text


def test_the_catalog_list_finds_items_by_words_of_their_content(login, catalog_office, village):
    publish(village, _residence_rows())
    text = body(login(catalog_office).get(LIST, {"q": "居住情况"}))
    assert "配合开展人口普查" in text and "居住证明" in text
    # every word must be found, in the name or the content
    text = body(login(catalog_office).get(LIST, {"q": "居住情况 普查"}))
    assert "配合开展人口普查" in text and 'class="item-name"><a' in text
    assert text.count('class="item-name"') == 1


def test_a_found_item_links_to_its_catalog_narrowed_to_the_words(login, catalog_office, village):
    version = publish(village, _residence_rows())
    text = body(login(catalog_office).get(LIST, {"q": "居住证明"}))
    assert f"{reverse('duties:catalog_detail', args=[version.catalog_id])}?q=%E5%B1%85" in text


def test_the_search_never_shows_another_villages_items(
    login, outsider, village_cadre, village, other_village
):
    publish(village, _residence_rows())
    publish(other_village, [row("certificate", "1", "乙村居住证明")])
    outsiders = body(login(outsider).get(LIST, {"q": "居住证明"}))
    assert "乙村居住证明" in outsiders
    assert "为本村常住居民" not in outsiders and "甲村" not in outsiders
    owners = body(login(village_cadre).get(LIST, {"q": "居住证明"}))
    assert "为本村常住居民" in owners and "乙村居住证明" not in owners


def test_a_department_clerk_finds_only_the_items_naming_their_unit(login, dept_clerk, village):
    publish(village, _residence_rows())
    text = body(login(dept_clerk).get(LIST, {"q": "居住"}))
    assert text.count('class="item-name"') == 0  # 居住证明 and the 县统计局 item name no unit of theirs
    text = body(login(dept_clerk).get(LIST, {"q": "高标准农田"}))
    assert "协助开展高标准农田建设管护" in text and text.count('class="item-name"') == 1


def test_only_current_versions_are_searched(login, catalog_office, village):
    publish(village, _residence_rows())
    publish(village, village_rows())  # a new version drops the residence items
    text = body(login(catalog_office).get(LIST, {"q": "居住证明"}))
    assert text.count('class="item-name"') == 0 and "居住证明" in text  # the words are shown, no item


def test_the_item_search_takes_a_bounded_number_of_queries(
    login, catalog_office, village, other_village, django_assert_max_num_queries
):
    publish(village, _residence_rows())
    publish(other_village, _residence_rows())
    client = login(catalog_office)
    with django_assert_max_num_queries(14):
        text = body(client.get(LIST, {"q": "居住"}))
    assert text.count('class="item-name"') == 4


# --- one catalog's search box --------------------------------------------------------------------


def test_the_catalog_page_narrows_its_items_to_the_words(login, village_cadre, village):
    version = publish(village, _residence_rows())
    url = reverse("duties:catalog_detail", args=[version.catalog_id])
    text = body(login(village_cadre).get(url, {"q": "居住"}))
    assert "居住证明" in text and "配合开展人口普查" in text
    assert "组织开展村民自治活动" not in text


def test_the_search_box_asks_htmx_for_the_items_only(login, village_cadre, village):
    version = publish(village, _residence_rows())
    url = reverse("duties:catalog_detail", args=[version.catalog_id])
    response = login(village_cadre).get(
        url, {"q": "居住证明"}, headers={"HX-Request": "true", "HX-Target": "catalog-items"}
    )
    text = body(response)
    assert text.lstrip().startswith('<div id="catalog-items"') and "居住证明" in text
    assert "<html" not in text and "配合开展人口普查" not in text


def test_an_outsider_cannot_search_another_villages_catalog(login, outsider, village):
    version = publish(village, _residence_rows())
    url = reverse("duties:catalog_detail", args=[version.catalog_id])
    response = login(outsider).get(
        url, {"q": "居住"}, headers={"HX-Request": "true", "HX-Target": "catalog-items"}
    )
    assert response.status_code == 404
