"""Rules every API operation keeps, whatever the app: bounded integers, unique schema names, every answer
documented, and bad input of any kind answered 4xx in Chinese with nothing written."""

import enum
from typing import get_args

import pydantic
import pytest

from qingdan.api import api
from qingdan.apitools import INT64_MAX, INT64_MIN
from qingdan.audit.models import AuditEvent
from qingdan.bodies.models import CoordinationBody
from qingdan.tasks.models import Checklist, ChecklistRow

pytestmark = pytest.mark.django_db

TOO_BIG = str(2**63)  # one more than the largest 64-bit integer
MUCH_TOO_BIG = "6980560483497893063404027904"


def operations():
    for bound in api._get_bound_routers():
        for path_view in bound.path_operations.values():
            yield from path_view.operations


def _classes_in(annotation, found: dict[type, None]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel | enum.Enum):
        if annotation in found:
            return
        found[annotation] = None
        if issubclass(annotation, pydantic.BaseModel):
            for field in annotation.model_fields.values():
                _classes_in(field.annotation, found)
    for arg in get_args(annotation):
        _classes_in(arg, found)


def schema_classes() -> list[type]:
    """Every model and enum the API reads or answers (not django-ninja's own wrappers around them)."""
    found: dict[type, None] = {}
    for operation in operations():
        for model in operation.models:  # the parameter models ninja builds: their fields are ours
            for field in model.model_fields.values():
                _classes_in(field.annotation, found)
        for wrapper in operation.response_models.values():
            if wrapper is not None:
                _classes_in(wrapper.model_fields["response"].annotation, found)
    return list(found)


def test_no_two_schema_classes_in_the_api_share_a_name():
    by_name: dict[str, list[str]] = {}
    for cls in schema_classes():
        if cls.__module__.startswith("ninja."):
            continue  # ninja's paged wrappers: one per item schema, named after it
        by_name.setdefault(cls.__name__, []).append(f"{cls.__module__}.{cls.__qualname__}")
    shared = {name: places for name, places in by_name.items() if len(places) > 1}
    assert shared == {}, "the OpenAPI document keeps only one schema per name"
    assert len(by_name) > 100  # the walk reaches the schemas (a broken walk must not pass)


def test_the_document_names_every_schema_the_api_uses():
    components = set(api.get_openapi_schema()["components"]["schemas"])
    missing = {cls.__name__ for cls in schema_classes() if not cls.__module__.startswith("ninja.")}
    assert missing - components == set()


def _refs(node, found: set[str]) -> None:
    if isinstance(node, dict):
        if "$ref" in node:
            found.add(node["$ref"].rsplit("/", 1)[-1])
        for value in node.values():
            _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)


def _integers(node, where: str, found: list[tuple[str, dict]]) -> None:
    if isinstance(node, dict):
        if node.get("type") == "integer":
            found.append((where, node))
        for key, value in node.items():
            _integers(value, f"{where}/{key}", found)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _integers(value, f"{where}/{i}", found)


def test_every_integer_the_api_reads_is_bounded_to_64_bits():
    document = api.get_openapi_schema()
    schemas = document["components"]["schemas"]
    read: list[tuple[str, dict]] = []
    inputs: set[str] = set()
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            _integers(operation.get("parameters", []), f"{method} {path}", read)
            _refs(operation.get("requestBody", {}), inputs)
            _integers(operation.get("requestBody", {}), f"{method} {path} body", read)
    while True:  # the schemas the inputs hold, and the ones those hold
        more = set()
        for name in inputs:
            _refs(schemas[name], more)
        if more <= inputs:
            break
        inputs |= more
    for name in inputs:
        _integers(schemas[name], name, read)
    assert len(read) > 50
    unbounded = [where for where, schema in read if "minimum" not in schema or "maximum" not in schema]
    assert unbounded == []
    assert all(s["minimum"] >= INT64_MIN and s["maximum"] <= INT64_MAX for _, s in read)
    assert document["paths"]["/api/v1/units"]["get"]["parameters"][2]["schema"]["maximum"] == 500  # kept


def test_every_operation_documents_401_and_those_with_input_422():
    document = api.get_openapi_schema()
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            answers = {str(status) for status in operation["responses"]}
            assert "401" in answers, f"{method} {path}"
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in answers, f"{method} {path}"
            if operation.get("requestBody"):
                assert "400" in answers, f"{method} {path}"


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def assert_422_in_chinese(response, *where):
    assert response.status_code == 422, response.content
    problems = response.json()["detail"]
    assert any(tuple(p["loc"][: len(where)]) == where for p in problems), problems
    assert all(_is_chinese(p["msg"]) for p in problems), problems


@pytest.mark.parametrize(
    "url, where",
    [
        (f"/api/v1/units?offset={TOO_BIG}", ("query", "offset")),
        (f"/api/v1/units?offset={MUCH_TOO_BIG}&limit=293", ("query", "offset")),
        (f"/api/v1/orders?department={MUCH_TOO_BIG}", ("query", "department")),
        (f"/api/v1/bodies?lead_unit={MUCH_TOO_BIG}", ("query", "lead_unit")),
        (f"/api/v1/catalogs/{TOO_BIG}/versions/1/items", ("path", "catalog_id")),
        (f"/api/v1/catalogs/1/versions/{MUCH_TOO_BIG}/items", ("path", "number")),
        (f"/api/v1/orders/{TOO_BIG}", ("path", "order_id")),
        (f"/api/v1/checklists?year={TOO_BIG}", ("query", "year")),
    ],
)
def test_an_integer_beyond_64_bits_is_a_bad_parameter(login, catalog_office, url, where):
    assert_422_in_chinese(login(catalog_office).get(url), *where)


def test_the_largest_64_bit_offset_is_an_empty_page(login, catalog_office):
    response = login(catalog_office).get(f"/api/v1/units?offset={INT64_MAX}")
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_a_missing_field_is_named_in_chinese(login, county_reviewer):
    response = login(county_reviewer).post("/api/v1/orders/1/return", {}, content_type="application/json")
    assert_422_in_chinese(response, "body", "payload", "reason")
    assert response.json()["detail"][0]["msg"] == "此项为必填项。"


def test_a_body_that_is_not_json_is_a_400_in_chinese(login, county_reviewer):
    client = login(county_reviewer)
    response = client.post("/api/v1/orders/1/return", b"\x00{", content_type="application/json")
    assert response.status_code == 400
    assert _is_chinese(response.json()["detail"])


@pytest.mark.parametrize(
    "url", ["/api/v1/nowhere", "/api/v1/orders/1.5", "/api/v1/checklists/-3", "/api/v1/orders/1%0A"]
)
def test_an_address_no_endpoint_serves_answers_404_in_json(login, catalog_office, url):
    client = login(catalog_office)
    for response in (client.get(url), client.post(url, {}, content_type="application/json")):
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert _is_chinese(response.json()["detail"])


def test_a_checklist_row_naming_an_unknown_person_is_a_422_and_writes_nothing(
    login, township_dispatcher, village_cadre
):
    row = {"task": "清明节期间巡山", "responsible": village_cadre.pk, "deadline": "2030-04-01"}
    payload = {"title": "2025年甲镇森林防火任务清单", "source_title": "全县森林防火工作会议", "year": 2025}
    client = login(township_dispatcher)
    before = (Checklist.objects.count(), ChecklistRow.objects.count(), AuditEvent.objects.count())
    for bad in ({"cooperating_leaders": [0]}, {"lead_leader": 0}, {"cooperating_leaders": [int(TOO_BIG)]}):
        response = client.post(
            "/api/v1/checklists", {**payload, "rows": [{**row, **bad}]}, content_type="application/json"
        )
        assert_422_in_chinese(response, "body")
    assert (Checklist.objects.count(), ChecklistRow.objects.count(), AuditEvent.objects.count()) == before


def test_a_body_set_up_with_an_out_of_range_or_unknown_unit_is_a_422_and_writes_nothing(
    login, catalog_office, county, department
):
    payload = {
        "division": county.code,
        "name": "县新能源产业发展领导小组",
        "kind": "leading_group",
        "permanence": "permanent",
        "basis_class": "local",
        "basis": "本县新能源产业发展需要",
        "lead_unit": department.pk,
        "set_up_on": "2024-05-06",
        "set_up_document": "测办发〔2024〕8号",
    }
    client = login(catalog_office)
    before = (CoordinationBody.objects.count(), AuditEvent.objects.count())
    for bad in ({"lead_unit": int(MUCH_TOO_BIG)}, {"member_units": [int(TOO_BIG)]}, {"office_unit": 0}):
        response = client.post("/api/v1/bodies", {**payload, **bad}, content_type="application/json")
        assert_422_in_chinese(response, "body")
    assert (CoordinationBody.objects.count(), AuditEvent.objects.count()) == before


def test_a_catalog_import_without_its_parts_answers_the_documented_422(login, catalog_office):
    response = login(catalog_office).post("/api/v1/catalogs/import", {})
    assert_422_in_chinese(response, "form")
    documented = api.get_openapi_schema()["paths"]["/api/v1/catalogs/import"]["post"]["responses"][422]
    refs = set()
    _refs(documented, refs)
    assert refs == {"FileResultOut", "ValidationErrorOut"}


def test_text_holding_a_nul_character_is_a_bad_parameter_on_every_database(login, catalog_office, county):
    client = login(catalog_office)
    assert_422_in_chinese(client.get("/api/v1/divisions?q=%00"), "query", "q")
    response = client.post("/api/v1/catalogs/import", {"division": "4299\x0001"})
    assert_422_in_chinese(response, "form", "division")
    screen = {"division": county.code, "text": "村级\x00证明"}
    assert_422_in_chinese(client.post("/api/v1/screen", screen, content_type="application/json"), "body")


def test_a_body_that_is_not_an_object_is_a_bad_parameter(login, township_dispatcher):
    client = login(township_dispatcher)
    for url in ("/api/v1/checklists/1/close", "/api/v1/checklists/1/copy", "/api/v1/orders/1/approve"):
        response = client.post(url, [None, None], content_type="application/json")
        assert_422_in_chinese(response, "body", "payload")
