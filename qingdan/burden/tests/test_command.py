"""`qingdan refresh-burden`: every county's figures computed again, nightly from cron."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from qingdan.burden.models import DirtyVillage, MonthlyFigure
from qingdan.burden.refresh import mark


def test_the_nightly_rebuild_computes_every_county_and_clears_the_marks(small_county, village):
    MonthlyFigure.objects.filter(county=small_county).delete()
    mark([village.pk])
    out = io.StringIO()
    call_command("refresh-burden", stdout=out)
    assert "测试县" in out.getvalue()
    assert MonthlyFigure.objects.filter(county=small_county).count() == 20  # the hand count's rows
    assert not DirtyVillage.objects.exists()


def test_an_unknown_county_is_named_in_chinese(small_county):
    with pytest.raises(CommandError, match="没有代码为 999999000000 的县"):
        call_command("refresh-burden", county="999999000000")
