from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.http_validation_error import HTTPValidationError
from ...models.start_session_response import StartSessionResponse
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/sessions/start",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | HTTPValidationError | StartSessionResponse | None:
    if response.status_code == 201:
        response_201 = StartSessionResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = ErrorEnvelope.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | HTTPValidationError | StartSessionResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | HTTPValidationError | StartSessionResponse]:
    """Start Session

     Start the session a token was minted for. The credential is the
    session token as a bearer token (`Authorization: Bearer
    <session_token>`); the API key is refused here, the most common
    mistake according to LiveAvatar's own debug guide. There is no body.

    For FULL sessions the browser usually starts the session; for LITE
    the backend does, then streams over `ws_url`, its own room, or a
    connector. Credit for one minute is escrowed at start, and a session
    cannot start without it. What a second start of the same token and a
    start without credit answer is not documented (400 is inferred). An
    unknown `llm_configuration_id` passes the mint and fails here with
    400 "LLM configuration with id '…' not found in your space" (a
    third-party live report).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | StartSessionResponse]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | HTTPValidationError | StartSessionResponse | None:
    """Start Session

     Start the session a token was minted for. The credential is the
    session token as a bearer token (`Authorization: Bearer
    <session_token>`); the API key is refused here, the most common
    mistake according to LiveAvatar's own debug guide. There is no body.

    For FULL sessions the browser usually starts the session; for LITE
    the backend does, then streams over `ws_url`, its own room, or a
    connector. Credit for one minute is escrowed at start, and a session
    cannot start without it. What a second start of the same token and a
    start without credit answer is not documented (400 is inferred). An
    unknown `llm_configuration_id` passes the mint and fails here with
    400 "LLM configuration with id '…' not found in your space" (a
    third-party live report).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | StartSessionResponse
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | HTTPValidationError | StartSessionResponse]:
    """Start Session

     Start the session a token was minted for. The credential is the
    session token as a bearer token (`Authorization: Bearer
    <session_token>`); the API key is refused here, the most common
    mistake according to LiveAvatar's own debug guide. There is no body.

    For FULL sessions the browser usually starts the session; for LITE
    the backend does, then streams over `ws_url`, its own room, or a
    connector. Credit for one minute is escrowed at start, and a session
    cannot start without it. What a second start of the same token and a
    start without credit answer is not documented (400 is inferred). An
    unknown `llm_configuration_id` passes the mint and fails here with
    400 "LLM configuration with id '…' not found in your space" (a
    third-party live report).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | StartSessionResponse]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | HTTPValidationError | StartSessionResponse | None:
    """Start Session

     Start the session a token was minted for. The credential is the
    session token as a bearer token (`Authorization: Bearer
    <session_token>`); the API key is refused here, the most common
    mistake according to LiveAvatar's own debug guide. There is no body.

    For FULL sessions the browser usually starts the session; for LITE
    the backend does, then streams over `ws_url`, its own room, or a
    connector. Credit for one minute is escrowed at start, and a session
    cannot start without it. What a second start of the same token and a
    start without credit answer is not documented (400 is inferred). An
    unknown `llm_configuration_id` passes the mint and fails here with
    400 "LLM configuration with id '…' not found in your space" (a
    third-party live report).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | StartSessionResponse
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
