"""Every ledger page, filled with one of each entry, shows no English to a Chinese user; the points page
asks the database a fixed number of times however many points there are."""

from __future__ import annotations

import re

from django.urls import reverse

from qingdan.burden.ledger import actions
from qingdan.burden.ledger.models import Violation

from .conftest import LAST_YEAR, THIS_MONTH, TODAY, document, month

TAGS = re.compile(r"<header.*?</header>|<script.*?</script>|<style.*?</style>|<[^>]+>", re.S)
WORD = re.compile(r"[A-Za-z]{3,}")
ALLOWED = {"App", "xlsx", "tsv"}


def english_on(response) -> list[str]:
    text = TAGS.sub(" ", response.content.decode())
    return [word for word in WORD.findall(text) if word not in ALLOWED]


def fill(cadre, village, department):
    document(cadre, village, department, characters=6000, number="县农发〔2026〕2号")
    actions.record_meeting(
        user=cadre,
        village=village,
        held_on=TODAY,
        issuer=department,
        level="county",
        hours=2,
        comprehensive=True,
    )
    actions.record_inspection(
        user=cadre, village=village, held_on=TODAY, issuer=department, kind="assessment"
    )
    actions.record_certificate(
        user=cadre,
        village=village,
        month=THIS_MONTH,
        demander_kind="bank",
        demander="县农商银行",
        purpose="居民财产证明",
    )
    actions.record_borrowing(
        user=cadre, village=village, month=THIS_MONTH, issuer=department, cadres=1, days=2
    )
    actions.add_tool(
        user=cadre,
        village=village,
        kind="app",
        name="掌上农业",
        issuer=department,
        used_from=month(LAST_YEAR, 1),
    )
    sign = actions.add_sign(
        user=cadre, village=village, name="迎检室", kind="inspection", place="room", room="二楼"
    )
    actions.dispose_sign(user=cadre, sign=sign, disposition="remove", on=TODAY)


def test_no_page_of_the_ledger_shows_english(
    login, village_cadre, county_reviewer, village, point, department, with_lists
):
    fill(village_cadre, village, department)
    violation = Violation.objects.first()
    month_args = [village.pk, THIS_MONTH.year, THIS_MONTH.month]
    cadre_pages = [
        reverse("burden_ledger:point_list"),
        reverse("burden_ledger:village_detail", args=[village.pk]),
        reverse("burden_ledger:month_detail", args=month_args),
        reverse("burden_ledger:tool_list", args=[village.pk]),
        reverse("burden_ledger:sign_list", args=[village.pk]),
        reverse("burden_ledger:import_upload"),
    ]
    client = login(village_cadre)
    for url in cadre_pages:
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert english_on(answer) == [], url
    client = login(county_reviewer)
    for url in (
        reverse("burden_ledger:violation_list"),
        reverse("burden_ledger:violation_detail", args=[violation.pk]),
    ):
        answer = client.get(url)
        assert answer.status_code == 200 and english_on(answer) == [], url


def test_the_points_page_asks_the_database_the_same_number_of_times_for_more_points(
    login, catalog_office, county, township, django_assert_max_num_queries
):
    from qingdan.orgs.choices import DivisionKind, Level
    from qingdan.orgs.models import Division

    def villages(start, count):
        return [
            Division.objects.create(
                code=f"4299011{start + n:05d}",
                name=f"测试{start + n}村",
                level=Level.VILLAGE,
                kind=DivisionKind.VILLAGE,
                parent=township,
                county=county,
            )
            for n in range(count)
        ]

    for village in villages(100, 2):
        actions.mark_point(user=catalog_office, village=village, since=month(LAST_YEAR, 1))
    client = login(catalog_office)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("burden_ledger:point_list"))
    for village in villages(200, 20):
        actions.mark_point(user=catalog_office, village=village, since=month(LAST_YEAR, 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("burden_ledger:point_list")).status_code == 200
