"""The light ledger over /api/v1/burden/ledger/: the owner writes, an outsider gets 404, a supervisor
reads and gets 403 on writes, bad input answers in Chinese and writes nothing."""

from __future__ import annotations

from qingdan.burden.ledger import actions
from qingdan.burden.ledger.models import CertificateDemand, DocumentReceived, Sign, Violation

from .conftest import THIS_MONTH, TODAY, document

BASE = "/api/v1/burden/ledger"


def post(client, url, data=None):
    return client.post(f"{BASE}{url}", data or {}, content_type="application/json")


def document_json(department, **overrides) -> dict:
    return {
        "month": THIS_MONTH.isoformat(),
        "issuer": department.pk,
        "number": "县农发〔2026〕9号",
        "characters": 2400,
        **overrides,
    }


def test_the_cadre_records_a_document_and_reads_the_month(login, village_cadre, village, point, department):
    client = login(village_cadre)
    answer = post(client, f"/villages/{village.pk}/documents", document_json(department))
    assert answer.status_code == 201, answer.content
    month = client.get(f"{BASE}/villages/{village.pk}/months/{THIS_MONTH.isoformat()}").json()
    assert [entry["kind"] for entry in month["entries"]] == ["document"]
    assert month["submitted"] is False
    assert post(client, f"/villages/{village.pk}/months/{THIS_MONTH.isoformat()}/submit").json()["submitted"]


def test_a_forbidden_certificate_comes_back_flagged(login, village_cadre, village, point, with_lists):
    answer = post(
        login(village_cadre),
        f"/villages/{village.pk}/certificates",
        {
            "month": THIS_MONTH.isoformat(),
            "demander_kind": "bank",
            "demander": "县农商银行",
            "purpose": "居民财产证明",
        },
    )
    assert answer.status_code == 201
    assert answer.json()["screening"] == "forbidden" and "居民财产证明" in answer.json()["matched_item"]


def test_bad_input_answers_in_chinese_and_writes_nothing(login, village_cadre, village, point, department):
    client = login(village_cadre)
    for change, status in (
        ({"characters": -1}, 409),
        ({"month": "2099-01-01"}, 409),
        ({"issuer": 987654}, 409),
    ):
        answer = post(client, f"/villages/{village.pk}/documents", document_json(department, **change))
        assert answer.status_code == status, change
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(answer.json()["detail"])), answer.json()
    too_long = {
        "month": THIS_MONTH.isoformat(),
        "demander_kind": "bank",
        "demander": "县农商银行",
        "purpose": "证" * 300,
    }
    answer = post(client, f"/villages/{village.pk}/certificates", too_long)
    assert answer.status_code == 409 and "300" in answer.json()["detail"]
    assert not DocumentReceived.objects.exists() and not CertificateDemand.objects.exists()


def test_an_outsider_gets_404(login, outsider, village, point, department, village_cadre):
    document(village_cadre, village, department)
    sign = actions.add_sign(
        user=village_cadre, village=village, name="村务公开栏", kind="publicity", place="vertical"
    )
    client = login(outsider)
    assert client.get(f"{BASE}/villages/{village.pk}/months/{THIS_MONTH.isoformat()}").status_code == 404
    assert client.get(f"{BASE}/villages/{village.pk}/signs").status_code == 404
    assert post(client, f"/villages/{village.pk}/documents", document_json(department)).status_code == 404
    answer = post(client, f"/signs/{sign.pk}/disposition", {"disposition": "remove", "on": TODAY.isoformat()})
    assert answer.status_code == 404
    assert client.get(f"{BASE}/points").json()["count"] == 0
    assert DocumentReceived.objects.count() == 1 and Sign.objects.get().disposition == ""


def test_a_supervisor_reads_and_gets_403_on_writes(
    login, supervisor, village, point, department, village_cadre
):
    document(village_cadre, village, department, characters=9000)
    client = login(supervisor)
    assert client.get(f"{BASE}/points").json()["count"] == 1
    assert client.get(f"{BASE}/villages/{village.pk}/months/{THIS_MONTH.isoformat()}").status_code == 200
    assert post(client, f"/villages/{village.pk}/documents", document_json(department)).status_code == 403
    assert (
        post(
            client, f"/villages/{village.pk}/signs", {"name": "牌", "kind": "mark", "place": "square"}
        ).status_code
        == 403
    )
    violation = Violation.objects.get()
    assert post(client, f"/violations/{violation.pk}/dismiss", {"reason": "不算"}).status_code == 403
    assert post(client, "/points", {"village": village.pk, "since": "2026-01-01"}).status_code == 403
    assert DocumentReceived.objects.count() == 1 and not Sign.objects.exists()


def test_the_reviewer_lists_filters_and_dismisses_violations(
    login, county_reviewer, village, point, department, village_cadre
):
    document(village_cadre, village, department, characters=9000)
    client = login(county_reviewer)
    listed = client.get(f"{BASE}/violations", {"status": "open"}).json()
    assert listed["count"] == 1 and listed["items"][0]["rule"] == "document_too_long"
    assert client.get(f"{BASE}/violations", {"rule": "nonsense"}).status_code == 422
    pk = listed["items"][0]["id"]
    assert post(client, f"/violations/{pk}/dismiss", {"reason": ""}).status_code == 422
    answer = post(client, f"/violations/{pk}/dismiss", {"reason": "法规汇编"})
    assert answer.status_code == 200 and answer.json()["status"] == "dismissed"
    assert post(client, f"/violations/{pk}/confirm", {}).status_code == 409


def test_the_signs_answer_counts_and_breaches(login, village_cadre, village):
    client = login(village_cadre)
    for n in range(2):
        assert (
            post(
                client,
                f"/villages/{village.pk}/signs",
                {"name": f"横牌{n}", "kind": "mark", "place": "horizontal"},
            ).status_code
            == 201
        )
    signs = client.get(f"{BASE}/villages/{village.pk}/signs").json()
    assert signs["before"] == 2 and signs["after"] == 2 and len(signs["breaches"]) == 1


def test_the_cadre_takes_back_an_entry_and_drops_an_app(login, village_cadre, village, point, department):
    from qingdan.burden.ledger.models import DigitalTool

    doc = document(village_cadre, village, department)
    tool = actions.add_tool(
        user=village_cadre,
        village=village,
        kind="app",
        name="掌上农业",
        issuer=department,
        used_from=THIS_MONTH.replace(year=THIS_MONTH.year - 1),
    )
    client = login(village_cadre)
    assert client.delete(f"{BASE}/entries/document/{doc.pk}").status_code == 204
    assert client.delete(f"{BASE}/entries/nonsense/{doc.pk}").status_code == 404
    assert not DocumentReceived.objects.exists()
    answer = post(client, f"/apps/{tool.pk}/drop", {"month": THIS_MONTH.isoformat()})
    assert answer.status_code == 200 and answer.json()["used_until"] == THIS_MONTH.isoformat()
    assert post(client, f"/apps/{tool.pk}/drop", {"month": THIS_MONTH.isoformat()}).status_code == 409
    assert DigitalTool.objects.get().used_until == THIS_MONTH
