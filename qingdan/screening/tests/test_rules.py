"""The rule families (rules.py), written from the kinds of request issue 16 describes, not from the
development requests: list references, forbidden methods, conditions, the level addressed, confidence."""

import pytest

from qingdan.screening import ALLOW, COOPERATE, NOT_LISTED, REFUSE, Screener, normalize
from qingdan.screening.rules import (
    BROKEN,
    MET,
    NEGATIVE_LIST,
    OUTSIDE_LIST,
    SILENT,
    UNREASONABLE_CERTIFICATE,
    condition_stated,
    is_conditional,
    list_reference,
    methods_asked,
    methods_forbidden,
)
from qingdan.screening.scope import township_only

from .support import county_screener

# Published prohibition items (the Shanxi list of 2023, item numbers as in the county catalog) beside two
# matters a village may take on.
SIGNS_TRAILS_FORMS = (
    "坚决杜绝简单以设机制挂牌子安排村级组织任务、以填报表格或者提供材料调度村级组织工作、"
    "以“是否留痕”印证村级组织实绩等问题。"
)
FORMS_UNLESS_DEPLOYED = "未经县级党委和政府统一部署,党政群机构不得要求村级组织填报表格、提供材料。"
GROUPS_SCREENSHOTS = (
    "以县(市、区)为单位,清理整合面向村级组织的微信工作群、政务APP,不得简单以上传工作场景截图或者"
    "录制视频等作为评价村级组织是否落实工作的依据。"
)
MATTERS = [
    {"list_kind": "primary", "item_no": "8", "name": "组织开展全民健身活动、爱国卫生运动。"},
    {"list_kind": "assist", "item_no": "12", "name": "协助做好防汛抗旱、水利工程管护工作"},
    {"list_kind": "negative", "item_no": "16", "name": "居民财产证明"},
]
PROHIBITIONS = [
    {"list_kind": "negative", "item_no": "70", "name": SIGNS_TRAILS_FORMS},
    {"list_kind": "negative", "item_no": "71", "name": FORMS_UNLESS_DEPLOYED},
    {"list_kind": "negative", "item_no": "72", "name": GROUPS_SCREENSHOTS},
]


def screen(text: str, items=(*MATTERS, *PROHIBITIONS)):
    result = Screener(list(items)).screen(text)
    return result, (result.best.item_no if result.best else "")


# -- list references -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("请村里承办负面清单所列的事项", NEGATIVE_LIST),
        ("把不应由社区承担的事项交给社区办理", NEGATIVE_LIST),
        ("要求社区为居民开具不合理证明", UNREASONABLE_CERTIFICATE),
        ("给村里派发清单外事项", OUTSIDE_LIST),
        ("要求社区承担未列入清单的工作", OUTSIDE_LIST),
        ("请各村做好防汛工作", None),
        ("请村委会对照清单开展工作", None),
    ],
)
def test_a_request_that_names_the_lists_is_recognised(text, reference):
    assert list_reference(normalize(text)) == reference


def test_work_on_the_negative_list_is_refused_even_when_its_matter_is_not_named():
    result, _ = screen("请村里承办负面清单中的事项")
    assert result.decision == REFUSE


def test_an_unreasonable_certificate_is_refused_and_points_at_a_certificate_the_village_may_not_issue():
    result, number = screen("要求社区为居民开具不合理的财产证明")
    assert (result.decision, number) == (REFUSE, "16")
    # With no certificate near enough to name, it is still refused.
    assert screen("要求社区为居民开具不合理证明")[0].decision == REFUSE


def test_a_listed_matter_said_to_be_outside_the_list_is_not_listed():
    assert screen("请社区组织开展全民健身活动")[0].decision == ALLOW
    result, _ = screen("把清单外事项派给社区:组织开展全民健身活动")
    assert result.decision == NOT_LISTED
    assert not any(match.accepted for match in result.matches)


# -- forbidden methods ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "method"),
    [
        ("要求各村在村部门口挂牌", "signs"),
        ("村里要悬挂三块工作站的牌子", "signs"),
        ("入户走访后拍照上传作为佐证", "trails"),
        ("各项工作都要留痕备查", "trails"),
        ("每天填报防汛值守情况", "daily_forms"),
        ("各村报送安全生产日报表", "daily_forms"),
        ("学习完成后截图发给包村干部", "screenshots"),
        ("录制视频证明已经开会", "screenshots"),
        ("在微信工作群里布置任务", "chat_groups"),
        ("任务在群里发布,请各村接龙", "chat_groups"),
        ("每个村设专人专岗负责", "posts"),
    ],
)
def test_a_forbidden_method_is_read_from_the_request(text, method):
    assert method in methods_asked(normalize(text))


def test_a_request_without_a_forbidden_method_asks_for_none():
    assert methods_asked(normalize("请协助做好今年的防汛抗旱工作")) == ()


def test_the_methods_a_prohibition_forbids_are_read_from_its_own_text():
    assert set(methods_forbidden(normalize(SIGNS_TRAILS_FORMS))) == {"signs", "trails", "daily_forms"}
    assert set(methods_forbidden(normalize(GROUPS_SCREENSHOTS))) == {"screenshots", "chat_groups"}
    # An item that names a method without forbidding it forbids nothing.
    assert methods_forbidden(normalize("建立村务档案,做好工作台账和留痕管理")) == ()


def test_an_allowed_matter_asked_for_with_photo_trails_is_refused_by_the_prohibition():
    assert screen("请各村组织开展全民健身活动")[0].decision == ALLOW
    result, number = screen("请各村组织开展全民健身活动,每场拍照上传留痕")
    assert (result.decision, number) == (REFUSE, "70")


def test_a_matter_the_village_assists_with_dispatched_through_a_chat_group_is_refused():
    assert screen("请各村协助做好防汛抗旱工作")[0].decision == COOPERATE
    result, number = screen("在微信工作群里通知各村协助做好防汛抗旱工作,完成后截图回复")
    assert (result.decision, number) == (REFUSE, "72")


def test_hanging_signs_is_refused_whatever_the_matter():
    result, number = screen("要求各村挂牌成立全民健身活动站")
    assert (result.decision, number) == (REFUSE, "70")


def test_a_method_no_item_of_the_catalog_forbids_leaves_the_matter_to_decide():
    result, _ = screen("请各村组织开展全民健身活动,每场拍照上传留痕", items=MATTERS)
    assert result.decision == ALLOW


# -- conditions ----------------------------------------------------------------------------------------


def test_a_prohibition_with_a_condition_is_known_as_conditional():
    assert is_conditional(normalize(FORMS_UNLESS_DEPLOYED))
    assert not is_conditional(normalize(GROUPS_SCREENSHOTS))


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("经县委县政府统一部署,请各村填报表格", MET),
        ("按照县委统一部署,请各村填报表格", MET),
        ("未经县级党委和政府同意,要求各村填报表格", BROKEN),
        ("县卫健局自行要求各村填报表格", BROKEN),
        ("请各村填报表格", SILENT),
    ],
)
def test_what_a_request_says_about_the_condition_is_read(text, stated):
    assert condition_stated(normalize(text)) == stated


def test_a_conditional_prohibition_does_not_refuse_a_request_that_states_its_condition_is_met():
    items = [*MATTERS, PROHIBITIONS[1]]
    result, _ = screen("经县委县政府统一部署,请各村填报表格、提供材料", items=items)
    assert result.decision != REFUSE


def test_a_conditional_prohibition_refuses_firmly_when_the_request_says_the_condition_is_broken():
    items = [*MATTERS, PROHIBITIONS[1]]
    result, number = screen("县农业农村局擅自要求各村填报表格、提供材料", items=items)
    assert (result.decision, number, result.uncertain) == (REFUSE, "71", False)


def test_a_conditional_prohibition_refuses_a_silent_request_but_asks_a_person_to_check():
    items = [*MATTERS, PROHIBITIONS[1]]
    result, number = screen("县农业农村局要求各村填报表格、提供材料", items=items)
    assert (result.decision, number, result.uncertain) == (REFUSE, "71", True)


# -- the level addressed -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "township"),
    [
        ("要求各乡镇完成招商引资任务", True),
        ("要求乡镇发动村民完成招商引资任务", True),  # villagers are served, not addressed
        ("镇政府要求各村完成招商引资任务", False),
        ("要求镇街和社区共同完成", False),
        ("请村民委员会出具证明", False),
        # the doer is the level right after the demand verb; a village named as a place or as the
        # people a township organises is not addressed
        ("要求乡镇组织村干部开展春季植树", True),
        ("要求镇政府对辖区农村道路进行排查", True),
        ("县住建局要求某某镇负责村庄规划编制", True),
        ("将部门职责交由街道办事处承担", True),
        ("要求乡镇长签订安全生产责任状", True),
        # the level that asks is not the one addressed
        ("街道办事处通知各社区每日上报数据", False),
        # townships and the villages beneath them
        ("县直部门下发需镇(街道)及以下层级填报的报表", False),
        ("要求街道督促社区填报表格", False),
    ],
)
def test_the_level_a_request_addresses_is_read_from_its_text(text, township):
    assert township_only(text) is township


def test_a_request_addressed_to_townships_is_not_governed_by_the_village_lists():
    assert county_screener().screen("要求各村完成招商引资任务").decision == REFUSE
    assert county_screener().screen("要求乡镇发动村民完成招商引资任务").decision == NOT_LISTED
    township = county_screener().screen("要求镇政府组织村干部完成招商引资任务")
    assert township.decision == NOT_LISTED
    assert township.confidence >= 0.5  # a village item above the line that does not apply


# -- confidence ----------------------------------------------------------------------------------------


def test_every_decision_has_a_confidence_and_a_clear_one_is_not_uncertain():
    for text in ("请村委会出具居民财产证明", "请各村组织开展春季植树活动", "请村里承办负面清单中的事项"):
        result = county_screener().screen(text)
        assert 0.5 <= result.confidence <= 1.0
    clear = screen("请社区组织开展全民健身活动、爱国卫生运动")[0]
    assert clear.decision == ALLOW and not clear.uncertain


def test_a_request_that_two_items_deciding_differently_fit_almost_equally_is_uncertain():
    screener = Screener(
        [
            {"list_kind": "negative", "item_no": "2", "name": "噪声污染防治"},
            {"list_kind": "primary", "item_no": "3", "name": "调解民间纠纷"},
        ]
    )
    torn = screener.screen("请社区调解噪声污染纠纷")
    assert [match.item_no for match in torn.matches] == ["2", "3"]
    assert torn.uncertain
    assert not screener.screen("请社区调解民间纠纷").uncertain
