"""List pages ask the database a fixed number of times, however many villages and results there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qingdan.assessment import actions
from qingdan.assessment.actions import Cadre
from qingdan.assessment.models import Result
from qingdan.orgs.choices import DivisionKind, Level
from qingdan.orgs.models import Division

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_results_page_does_not_grow_with_the_villages(
    client, catalog_office, county_reviewer, world, township, county
):
    scheme, result = world
    client.force_login(catalog_office)
    url = reverse("assessment:scheme_results", args=[scheme.pk])
    actions.record_pay(
        user=county_reviewer,
        result=result,
        income_last_year=1,
        income_this_year=2,
        cadres=[Cadre("王书记", 48_000)],
    )
    few = queries_for(client, url)
    for n in range(3, 8):
        more = Division.objects.create(
            code=f"4299011002{n:02d}",
            name=f"甲{n}村",
            level=Level.VILLAGE,
            kind=DivisionKind.VILLAGE,
            parent=township,
            county=county,
        )
        actions.set_village_type(user=catalog_office, village=more, village_type="agricultural")
    actions.publish_results(user=county_reviewer, scheme=scheme)
    for other in Result.objects.filter(scheme=scheme):
        actions.record_pay(
            user=county_reviewer,
            result=other,
            income_last_year=1,
            income_this_year=2,
            cadres=[Cadre("书记", 40_000), Cadre("主任", 36_000)],
        )
    assert Result.objects.filter(scheme=scheme).count() == 7
    assert queries_for(client, url) == few


def test_the_scheme_page_does_not_grow_with_the_indicators(client, catalog_office, world):
    scheme, _result = world
    client.force_login(catalog_office)
    assert queries_for(client, reverse("assessment:scheme_detail", args=[scheme.pk])) <= 12
    assert queries_for(client, reverse("assessment:scheme_list")) <= 8
