"""GET /healthz answers whether the app can reach its database, without signing in."""

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_with_json_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "ok"
    assert response.json()["database"] in {"sqlite", "postgresql"}


def test_healthz_only_answers_get(client):
    assert client.post("/healthz").status_code == 405
