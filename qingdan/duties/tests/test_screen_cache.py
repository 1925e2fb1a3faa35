"""The per-process cache of screening indexes: one per published catalog version, built once."""

import pytest

from qingdan.duties import actions, screening
from qingdan.duties.screening import builds, clear_cache, screen_division, screener_for
from qingdan.errors import ActionRefused

from .api_helpers import publish_village_catalog
from .factories import row, village_rows

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def catalogs(catalog_office, village, other_village):
    return publish_village_catalog(catalog_office, village), publish_village_catalog(
        catalog_office, other_village
    )


def amend(catalog, village_cadre, county_reviewer, catalog_office, rows):
    amendment = actions.apply_amendment(
        user=village_cadre, catalog=catalog, title="增加协助事项", reason="人口普查", rows=rows
    )
    actions.consult_amendment(user=county_reviewer, amendment=amendment, opinion="同意")
    actions.decide_amendment(user=catalog_office, amendment=amendment, approve=True, opinion="同意")
    catalog.refresh_from_db()
    return catalog.current_version


def test_each_version_is_indexed_once_however_often_it_is_screened(catalogs, village, other_village):
    for _ in range(3):
        screen_division(village, "请村委会出具居民财产证明")
        screen_division(other_village, "请村委会出具居民财产证明")
    first, second = (catalog.current_version_id for catalog in catalogs)
    assert builds == {first: 1, second: 1}


def test_an_amendment_of_one_catalog_rebuilds_only_that_catalogs_index(
    catalogs, village, other_village, village_cadre, county_reviewer, catalog_office
):
    mine, theirs = catalogs
    assert screen_division(village, "请社区协助开展人口普查").decision == "not_listed"
    their_index = screener_for(theirs.current_version)
    old_version = mine.current_version_id

    new_version = amend(
        mine,
        village_cadre,
        county_reviewer,
        catalog_office,
        [*village_rows(), row("assist", "2", "协助开展人口普查", 7)],
    )

    assert screen_division(village, "请社区协助开展人口普查").decision == "cooperate"
    assert screen_division(other_village, "请社区协助开展人口普查").decision == "not_listed"
    assert builds == {old_version: 1, new_version.pk: 1, theirs.current_version_id: 1}
    assert screener_for(theirs.current_version) is their_index


def test_the_cache_keeps_only_the_most_recently_used_versions(catalogs, monkeypatch):
    monkeypatch.setattr(screening, "CACHE_SIZE", 1)
    first, second = (catalog.current_version for catalog in catalogs)
    screener_for(first)
    screener_for(second)
    screener_for(first)
    assert builds == {first.pk: 2, second.pk: 1}


def test_a_division_without_a_catalog_cannot_be_screened(village):
    with pytest.raises(ActionRefused):
        screen_division(village, "请村委会出具居民财产证明")


def test_an_empty_request_cannot_be_screened(catalogs, village):
    with pytest.raises(ActionRefused):
        screen_division(village, "  ")
