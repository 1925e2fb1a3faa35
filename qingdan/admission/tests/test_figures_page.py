"""The admission figures page (准入统计) says how its money is counted, and its numbers keep to what it says:
each approved order's money once; a village credited only with the orders dispatched to it alone."""

from decimal import Decimal

from django.urls import reverse

from qingdan.admission import queries

from .test_figures import scenario  # noqa: F401  (the scenario: A 5000 to 甲村 alone, B 3000 to 甲村 and 甲社区)


def test_the_page_states_the_money_rule_it_follows(scenario, login, county_reviewer):  # noqa: F811
    page = login(county_reviewer).get(reverse("admission:figures")).content.decode()
    rule = page[page.index('id="money-rule"') :]
    rule = rule[: rule.index("</p>")]
    assert "每张派单只计一次" in rule and "只派发给该村一个村的派单" in rule and "不平均分摊" in rule
    assert "可能大于各村之和" in rule
    assert "承诺的支持资金。" not in page  # the old sentence, which said nothing of how villages are credited
    # What the sentence says is what the figures do: 甲村 5000 (A alone), 甲社区 0 (B is shared), total 8000.
    villages = {row.subject.name: row.money_committed for row in queries.village_figures(county_reviewer)}
    assert villages["甲村"] == Decimal("5000.00") and villages["甲社区"] == Decimal("0")
    total = queries.village_totals(county_reviewer, queries.village_figures(county_reviewer))
    assert total.money_committed == Decimal("8000.00") > sum(villages.values())
    assert "8,000" in page or "8000" in page
