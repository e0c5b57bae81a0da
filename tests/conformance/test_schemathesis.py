"""schemathesis against the mock: generated requests never get a 5xx, and every response conforms to the spec.

The spec is loaded from `openapi/liveavatar.yaml` and the mock is called
in-process (its Starlette app, through schemathesis' ASGI transport) with a
valid `X-API-KEY`. Two runs, deterministic:

- positive: schema-driven bodies. Checks: no server error, a documented
  status, the documented content type and headers, and a body that matches
  the status's response schema. schemathesis' own "valid data is accepted"
  check is replaced by a stricter one of ours, because the API's business
  rules (declared as 400/422 in the spec, listed in `test_properties`)
  refuse some schema-valid bodies: a body that the spec accepts (validated
  here with jsonschema, as schemathesis' generator can produce bodies that
  break the request `oneOf`) and that breaks no rule of the mock's rule table (docs/guides/rules.md)
  (`support.mock_rules`, sandbox avatars included) must get a 200.
- negative: bodies that break the schema. The same checks, plus: each is
  refused with a 4xx.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import schemathesis
from hypothesis import given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from liveavatar import mock as mock_module
from tests.conformance.support import count, mock_rules, rule_paths, spec_problems
from tests.spec_document import SPEC_PATH

# Hundreds of generated requests each: `make test` runs them, the edit loop (`make unit`) does not.
pytestmark = pytest.mark.slow

PROFILE = settings.get_profile("liveavatar-conformance")
API_KEY = "sk_schemathesis_0123456789"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

OPERATION = schemathesis.openapi.from_path(str(SPEC_PATH))["/v1/sessions/token"]["POST"]


def _must_be_accepted(body: Any) -> bool:
    """Whether the real API would mint for `body`: valid under the published schema and breaking no rule of the table."""
    if not isinstance(body, dict) or spec_problems(body):
        return False
    return not rule_paths(body) and not mock_rules(body)


def test_positive_requests_conform() -> None:
    """Schema-driven requests get documented, schema-conformant responses, and 200 whenever no rule refuses them."""
    mock = mock_module.LiveAvatarMock()
    statuses: Counter[int] = Counter()

    @settings(PROFILE, max_examples=100)
    @given(OPERATION.as_strategy(generation_mode=GenerationMode.POSITIVE, headers={"X-API-KEY": API_KEY}))
    def check(case: schemathesis.Case[Any]) -> None:
        count("schemathesis: positive requests to the mock")
        response = case.call_and_validate(app=mock.app, checks=CHECKS)
        statuses[response.status_code] += 1
        if _must_be_accepted(case.body):
            assert response.status_code == 200, (case.body, response.text)

    check()
    assert statuses[200] >= 20, f"too few requests were minted to mean anything: {dict(statuses)}"


def test_negative_requests_are_refused() -> None:
    """Requests that break the schema get a documented 4xx with a conformant body, never a 5xx."""
    mock = mock_module.LiveAvatarMock()
    statuses: Counter[int] = Counter()

    @settings(PROFILE, max_examples=50)
    @given(OPERATION.as_strategy(generation_mode=GenerationMode.NEGATIVE, headers={"X-API-KEY": API_KEY}))
    def check(case: schemathesis.Case[Any]) -> None:
        count("schemathesis: negative requests to the mock")
        response = case.call_and_validate(app=mock.app, checks=[*CHECKS, negative_data_rejection])
        statuses[response.status_code] += 1
        assert 400 <= response.status_code < 500

    check()
    assert sum(statuses.values()) >= 25
