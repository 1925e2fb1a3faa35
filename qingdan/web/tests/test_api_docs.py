"""The OpenAPI document and the docs page of /api/v1/, which must work without internet access."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/me",
    "/api/v1/divisions",
    "/api/v1/divisions/{code}",
    "/api/v1/units",
    "/api/v1/catalogs",
    "/api/v1/catalogs/{catalog_id}",
    "/api/v1/catalogs/{catalog_id}/versions",
    "/api/v1/catalogs/{catalog_id}/versions/{number}/items",
    "/api/v1/catalogs/{catalog_id}/diff",
    "/api/v1/catalogs/import",
    "/api/v1/templates",
    "/api/v1/catalogs/{catalog_id}/adopt",
    "/api/v1/catalogs/{catalog_id}/amendments",
    "/api/v1/amendments/{amendment_id}",
    "/api/v1/amendments/{amendment_id}/consult",
    "/api/v1/amendments/{amendment_id}/decide",
    "/api/v1/departments/{unit_id}/items",
    "/api/v1/audit/events",
}


def test_the_openapi_document_lists_every_path(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "Qingdan API"
    assert set(document["paths"]) >= PATHS


def test_the_openapi_document_names_both_ways_to_authenticate(client):
    schemes = client.get("/api/v1/openapi.json").json()["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_the_docs_page_loads_swagger_from_this_server_not_a_cdn(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(s.endswith("swagger-ui-bundle.js") for s in sources)
    assert all(s.startswith("/") for s in sources), sources
    assert not re.search(r"https?://", html), "the page names a remote address"
    assert '"validatorUrl": null' in html  # no call to the online validator either


def test_the_swagger_files_the_docs_page_needs_are_found_as_static_files():
    for name in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "ninja/swagger-ui-init.js"):
        assert finders.find(name), name
