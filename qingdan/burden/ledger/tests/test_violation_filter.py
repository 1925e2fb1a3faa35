"""The violations list filters by a township or village chosen by name (the shared division picker)."""

from __future__ import annotations

from django.urls import reverse

from qingdan.burden.ledger.models import Violation

from .test_pages_chinese import fill


def test_the_violations_filter_by_a_township_chosen_by_name(
    login, village_cadre, county_reviewer, village, township, other_township, point, department, with_lists
):
    fill(village_cadre, village, department)
    violation = Violation.objects.filter(division=village).first()
    assert violation is not None
    link = reverse("burden_ledger:violation_detail", args=[violation.pk])
    client = login(county_reviewer)
    url = reverse("burden_ledger:violation_list")
    chosen = client.get(url, {"division": township.code}).content.decode()
    assert link in chosen and f'<option value="{township.code}" selected>甲镇</option>' in chosen
    assert link not in client.get(url, {"division": other_township.code}).content.decode()
