"""Screening requests against the shared county village catalog (shared/data) and small catalogs."""

import pytest

from qingdan.screening import ALLOW, COOPERATE, NOT_LISTED, REFUSE, Screener

from .support import county_screener


def best(text: str) -> tuple[str, str, str]:
    result = county_screener().screen(text)
    match = result.best
    return result.decision, match.list_kind if match else "", match.item_no if match else ""


def test_a_prohibition_catches_a_request_that_describes_the_forbidden_thing_in_other_words():
    decision, kind, number = best("请各村完成今年招商引资任务")
    assert (decision, kind) == (REFUSE, "negative")
    assert number in {"65", "69"}


def test_the_readme_prohibition_example_is_refused():
    decision, kind, number = best("要求社区牵头完成招商引资任务")
    assert (decision, kind, number in {"65", "69"}) == (REFUSE, "negative", True)


def test_a_named_certificate_is_found_from_a_shorter_request():
    assert best("请村委会出具财产证明") == (REFUSE, "negative", "16")


def test_certificates_named_differently_meet():
    screener = Screener([{"list_kind": "negative", "item_no": "13", "name": "生育状况证明"}])
    result = screener.screen("要求村委会开具婚育状况证明")
    assert result.decision == REFUSE
    assert result.best.matched_words == ["婚育", "状况"]


def test_a_short_certificate_name_matches_a_longer_request_with_its_words():
    screener = Screener([{"list_kind": "negative", "item_no": "1", "name": "健在证明"}])
    result = screener.screen("要求村委会出具老人健在的证明")
    assert result.decision == REFUSE
    assert result.best.matched_words == ["健在"]


def test_a_request_in_traditional_characters_is_screened_like_simplified():
    assert best("請社區出具獨生子女證明")[0] == REFUSE


def test_enforcement_taken_back_by_the_county_is_refused():
    assert best("由乡镇(街道)行使城市道路管理、建筑垃圾管理、控烟、噪声等行政处罚权")[:2] == (
        REFUSE,
        "withdrawn",
    )


def test_work_the_village_assists_with_is_cooperate():
    assert best("将经济统计、人口普查等工作转嫁给社区") == (COOPERATE, "assist", "14")


def test_a_village_primary_duty_is_allowed():
    assert best("请村委会组织召开村民代表会议讨论修订村规民约") == (ALLOW, "primary", "11")


@pytest.mark.parametrize(
    "text",
    [
        "年底集中下发卫星遥感疑似变化图斑,要求地方实地调查举证",
        "请各村组织开展外卖平台商家的资质审核",
        "请各村组织开展春季植树活动",
        "医院要求患者到社区盖章证明“我是自愿做手术的”",
    ],
)
def test_an_unrelated_request_is_not_listed(text):
    result = county_screener().screen(text)
    assert result.decision == NOT_LISTED
    assert result.best is None
    assert all(not match.accepted for match in result.matches)


def test_village_prohibitions_do_not_bind_a_request_addressed_only_to_townships():
    assert best("要求街道承担招商引资职能及相应考核指标")[0] == NOT_LISTED
    assert best("要求镇(街道)及以下层级承担招商引资任务")[0] == REFUSE


def test_a_certificate_item_needs_a_request_for_a_certificate():
    screener = Screener([{"list_kind": "negative", "item_no": "1", "name": "五保低保证明"}])
    assert screener.screen("请村委会开具低保证明").decision == REFUSE
    assert screener.screen("请各村配合做好低保对象入户核查").decision == NOT_LISTED


def test_matches_explain_with_whole_request_words_and_scores_between_zero_and_one():
    result = county_screener().screen("要求社区出具廉租房申请人证明")
    top = result.matches[0]
    assert (top.list_kind, top.item_no) == ("negative", "22")
    assert top.matched_words == ["廉租房", "申请人"]
    assert all(0.0 <= match.score <= 1.0 for match in result.matches)


def test_screen_many_gives_the_same_results_as_screening_one_by_one():
    texts = [
        "请各村完成今年招商引资任务",
        "请社区出具居民养犬证明",
        "请各村组织开展外卖平台商家的资质审核",
        "",
    ]
    screener = county_screener()
    assert screener.screen_many(texts) == [screener.screen(text) for text in texts]


def test_an_empty_request_or_catalog_is_not_listed():
    assert county_screener().screen("").decision == NOT_LISTED
    assert county_screener().screen("，。、").decision == NOT_LISTED
    assert Screener([]).screen("请村委会出具财产证明").decision == NOT_LISTED


def test_two_screeners_are_independent():
    first = Screener([{"list_kind": "negative", "item_no": "1", "name": "居民财产证明"}])
    second = Screener([{"list_kind": "certificate", "item_no": "1", "name": "居民财产证明"}])
    assert first.screen("请出具财产证明").decision == REFUSE
    assert second.screen("请出具财产证明").decision == ALLOW
