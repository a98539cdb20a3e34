"""The API fuzzed from its own OpenAPI schema (Schemathesis, in-process over WSGI): for every operation,
a bounded, derandomized set of generated requests by a user with a role must get no 500 and a response
that matches the schema."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from dangvu.accounts.services import api_token_create
from dangvu.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Any:
    """The WSGI app closes "old" connections around each request, as in production; inside a test's
    transaction that would close the test's own connection (PostgreSQL). Django's test client does so too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(province: Any) -> dict[str, str]:
    user = province.users["admin"]
    return {"Authorization": f"Bearer {api_token_create(actor=user, user=user, label='fuzz')}"}


@schema.parametrize()
@settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_without_server_errors_and_to_its_schema(case: Any, bearer: dict[str, str]) -> None:
    case.call_and_validate(headers=bearer, checks=[not_a_server_error, response_schema_conformance])
