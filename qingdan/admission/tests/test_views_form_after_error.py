"""After a mistake the pages keep what the person did: the order form's picker stays as it was ticked, with
its count, and a reviewer's decision shows what stopped it beside its own button."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from qingdan.testing import snapshot

from .conftest import REFUSE_TEXT
from .test_views_orders import body, form_data

pytestmark = pytest.mark.django_db


class Picker(HTMLParser):
    """The order form's townships as rendered: which box is open, which boxes are ticked, and the count."""

    def __init__(self, html: str):
        super().__init__()
        self.open: dict[str, bool] = {}
        self.ticked: set[str] = set()
        self.count = ""
        self._township: dict | None = None
        self._in: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "details" and "township-pick" in (a.get("class") or ""):
            self._township = {"open": "open" in a}
        elif tag == "summary" and self._township is not None:
            self._in = "summary"
        elif tag == "strong" and a.get("id") == "targets-count":
            self._in = "count"
        elif tag == "input" and a.get("type") == "checkbox" and "checked" in a:
            self.ticked.add(f"{a['name']}={a['value']}")

    def handle_data(self, data):
        if self._in == "summary" and self._township is not None:
            self.open[data.strip()] = self._township["open"]
        elif self._in == "count":
            self.count += data.strip()
        self._in = None


class Decision(HTMLParser):
    """For a decision button: the problems shown beside it (in its own .actions row), and which field of
    the page has the focus on load."""

    def __init__(self, html: str, button: str):
        super().__init__()
        self.button, self.beside, self.autofocus = button, "", []
        self._form = ""  # the action of the form being read
        self._rows: list[list] = []  # the open .actions.decide rows: a button seen, problems read
        self._in_problem = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "autofocus" in a:
            self.autofocus.append(f"{a.get('name')}@{self._form}")
        if tag == "form":
            self._form = a.get("action", "")
        if tag == "div" and "decide" in (a.get("class") or "").split():
            self._rows.append([])
        if tag == "button" and a.get("id") == self.button and self._rows:
            self._rows[-1].append("button")
        if tag == "p" and "decision-problems" in (a.get("class") or "") and self._rows:
            self._in_problem = True

    def handle_endtag(self, tag):
        if tag == "p":
            self._in_problem = False
        if tag == "div" and self._rows:
            row = self._rows.pop()
            if "button" in row:
                self.beside = "".join(row[1:])

    def handle_data(self, data):
        if self._in_problem and self._rows:
            self._rows[-1].append(data)


# --- the order form --------------------------------------------------------------------------------


def test_after_a_mistake_a_village_of_the_second_township_stays_ticked_and_its_township_open(
    login, dept_clerk, catalogs, other_village
):
    response = login(dept_clerk).post(
        reverse("admission:order_create"), form_data(other_village, title="", targets=[other_village.code])
    )
    assert response.status_code == 400
    picker = Picker(body(response))
    assert picker.open == {"甲镇": False, "乙乡": True}
    assert picker.ticked == {f"targets={other_village.code}"}
    assert picker.count == "1"


def test_a_township_ticked_with_all_its_villages_stays_so_and_counts_itself_and_each_village(
    login, dept_clerk, catalogs, township, village, community, other_village, other_township
):
    data = form_data(village, title="", targets=[village.code, other_township.code])
    data["all_villages"] = [township.code]
    picker = Picker(body(login(dept_clerk).post(reverse("admission:order_create"), data)))
    assert picker.open == {"甲镇": True, "乙乡": True}
    assert picker.ticked == {
        f"all_villages={township.code}",
        f"targets={village.code}",
        f"targets={other_township.code}",
    }
    assert picker.count == "4"  # 甲镇, 甲村, 甲社区 (all villages below) and 乙乡; 甲村 once


def test_with_nothing_ticked_the_first_township_is_open_and_the_count_is_nought(
    login, dept_clerk, catalogs, other_village
):
    response = login(dept_clerk).post(reverse("admission:order_create"), form_data(other_village, targets=[]))
    assert response.status_code == 400
    picker = Picker(body(response))
    assert picker.open == {"甲镇": True, "乙乡": False}
    assert picker.ticked == set() and picker.count == "0"
    assert "请至少选择一个" in body(response)


def test_changing_an_order_opens_the_townships_it_reaches(login, dept_clerk, make_order, other_village):
    order = make_order(targets=[(other_village, False)])
    picker = Picker(body(login(dept_clerk).get(reverse("admission:order_edit", args=[order.pk]))))
    assert picker.open == {"甲镇": False, "乙乡": True}
    assert picker.ticked == {f"targets={other_village.code}"} and picker.count == "1"


# --- a reviewer's decision -------------------------------------------------------------------------


def test_refusing_without_a_reason_shows_the_problem_beside_the_refuse_button(
    login, county_reviewer, submitted
):
    client = login(county_reviewer)
    url = reverse("admission:order_refuse", args=[submitted.pk])
    before = snapshot()
    response = client.post(url, {"reason": "   ", "cited_choice": "", "cited_typed": ""})
    assert response.status_code == 400
    assert snapshot() == before
    page = Decision(body(response), "refuse-order")
    assert page.beside == "请填写不予准入的理由。"
    assert page.autofocus == [f"reason@{url}"]  # the page opens at the refuse form, not at its top
    assert Decision(body(response), "approve-order").beside == ""  # only the form that was sent


def test_approving_against_a_refuse_verdict_without_a_note_shows_why_beside_the_approve_button(
    login, county_reviewer, dept_clerk, make_order, catalogs
):
    from qingdan.admission import actions

    order = actions.submit_order(user=dept_clerk, order=make_order(text=REFUSE_TEXT))
    assert order.verdict == "refuse"
    client = login(county_reviewer)
    url = reverse("admission:order_approve", args=[order.pk])
    before = snapshot()
    response = client.post(url, {"note": ""})
    assert response.status_code == 400
    assert snapshot() == before
    page = Decision(body(response), "approve-order")
    assert page.beside == "筛查结论为“不应由基层承担”。如仍要批准，请填写说明理由。"
    assert page.autofocus == [f"note@{url}"]
