"""Refusals reach people as clear Chinese sentences naming what is wrong (the quality bar's bad inputs)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qingdan.admission import actions
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import DivisionKind, Level
from qingdan.orgs.models import Division
from qingdan.testing import in_days

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def refusal(call) -> str:
    with pytest.raises(ActionRefused) as refused:
        call()
    return refused.value.message


@pytest.fixture
def far_village(county):
    neighbour = Division.objects.create(
        code="429902000000", name="邻县", level=Level.COUNTY, kind=DivisionKind.COUNTY, parent=county.parent
    )
    return Division.objects.create(
        code="429902100001", name="邻县某村", level=Level.VILLAGE, kind=DivisionKind.VILLAGE, county=neighbour
    )


def test_each_bad_input_gets_a_chinese_message_naming_it(
    catalogs, make_order, dept_clerk, county_reviewer, far_village
):
    refused_order = actions.submit_order(user=dept_clerk, order=make_order())
    actions.refuse_order(user=county_reviewer, order=refused_order, reason="超出清单")
    messages = {
        "empty text": refusal(lambda: make_order(text="")),
        "long text": refusal(lambda: make_order(text="村" * 100_000)),
        "outside the county": refusal(lambda: make_order(targets=[(far_village, False)])),
        "past deadline": refusal(lambda: make_order(deadline=in_days(-1))),
        "false attachment": refusal(
            lambda: make_order(attachments=[SimpleUploadedFile("方案.pdf", b"PK\x03\x04zip")])
        ),
        "resubmitted refusal": refusal(lambda: actions.submit_order(user=dept_clerk, order=refused_order)),
        "missing statement": refusal(
            lambda: actions.submit_order(user=dept_clerk, order=make_order(grassroots_must=""))
        ),
    }
    for case, message in messages.items():
        assert re.search(r"[\u4e00-\u9fff]{4,}", message), (case, message)
        assert not LATIN_WORD.search(message.replace("方案.pdf", "").replace("PDF", "")), (case, message)
    assert "100000" in messages["long text"] and "20000" in messages["long text"]
    assert "邻县某村" in messages["outside the county"]
    assert "方案.pdf" in messages["false attachment"]
    assert str(in_days(-1)) in messages["past deadline"]
