"""The whole API, probed from its OpenAPI description with schemathesis, as a visitor, a member and the secretariat.

Every operation is called with generated parameters and bodies (valid and not), in-process through the WSGI
application and on the test database. It passes when no answer is a server error, every status is one the
operation documents, and every documented body has its documented shape. Examples are few and derandomised,
so the probe is the same on every run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from fourthp.accounts.actions import do_create_api_token
from fourthp.testing import make_member, make_secretariat

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture
def api_schema(seeded: None, settings: Any) -> Iterator[Any]:
    # The probe sends hundreds of requests from one address: counting them is tested elsewhere.
    settings.API_RATE = ""
    settings.ANALYZER_API_RATE = ""
    from fourthp.wsgi import application

    # As Django's test client does: a request must not close the connection that holds the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _token_of(user: Any) -> dict[str, str]:
    _, raw = do_create_api_token(user, name="probe")
    return {"Authorization": f"Bearer {raw}"}


# Few examples per operation, the same ones on every run: the whole probe stays within a few minutes.
PROBE = hypothesis_settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def probe(api_schema: Any, headers: dict[str, str]) -> None:
    """Run every operation's examples, then fail listing every operation that answered otherwise than documented."""
    failures = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 25, "the OpenAPI description lost operations"
    for operation in operations:
        # Valid requests and invalid ones (wrong types, values out of bounds, missing fields) alike.
        cases = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)
        )

        @given(case=cases)
        @PROBE
        def run(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:
            failures.append(f"{operation.label}:\n{exc}")
    assert not failures, "\n\n".join(failures)


def test_every_operation_answers_a_visitor_as_documented(api_schema: Any) -> None:
    probe(api_schema, {})


def test_every_operation_answers_a_members_token_as_documented(api_schema: Any) -> None:
    probe(api_schema, _token_of(make_member()))


def test_every_operation_answers_the_secretariats_token_as_documented(api_schema: Any) -> None:
    probe(api_schema, _token_of(make_secretariat()))
