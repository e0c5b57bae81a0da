from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.http_validation_error import HTTPValidationError
from ...models.session_action_response import SessionActionResponse
from ...models.stop_session_request import StopSessionRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: StopSessionRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/sessions/stop",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | HTTPValidationError | SessionActionResponse | None:
    if response.status_code == 200:
        response_200 = SessionActionResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

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
) -> Response[ErrorEnvelope | HTTPValidationError | SessionActionResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: StopSessionRequest | Unset = UNSET,
) -> Response[ErrorEnvelope | HTTPValidationError | SessionActionResponse]:
    """Stop Session

     End a session, with a reason. Takes the API key or the session token.
    An older revision of the reference says that with the session token
    no `session_id` is needed, and with an API key `session_id` is
    required (an error otherwise); the schema leaves it optional, as
    published.

    The schema's default reason is `UNKNOWN`, while the request example
    sends `USER_CLOSED`. Stopping a session that has already ended is
    undocumented: HeyGen's demo treats "already gone" as success, and
    third-party code sees 404. `DELETE /v1/sessions/{session_id}` is not
    a stop: it answers 405 (a third-party live report), and HeyGen's demo
    route and one guide show a `DELETE /v1/sessions` that no reference
    page lists.

    Args:
        body (StopSessionRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | SessionActionResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: StopSessionRequest | Unset = UNSET,
) -> ErrorEnvelope | HTTPValidationError | SessionActionResponse | None:
    """Stop Session

     End a session, with a reason. Takes the API key or the session token.
    An older revision of the reference says that with the session token
    no `session_id` is needed, and with an API key `session_id` is
    required (an error otherwise); the schema leaves it optional, as
    published.

    The schema's default reason is `UNKNOWN`, while the request example
    sends `USER_CLOSED`. Stopping a session that has already ended is
    undocumented: HeyGen's demo treats "already gone" as success, and
    third-party code sees 404. `DELETE /v1/sessions/{session_id}` is not
    a stop: it answers 405 (a third-party live report), and HeyGen's demo
    route and one guide show a `DELETE /v1/sessions` that no reference
    page lists.

    Args:
        body (StopSessionRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | SessionActionResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: StopSessionRequest | Unset = UNSET,
) -> Response[ErrorEnvelope | HTTPValidationError | SessionActionResponse]:
    """Stop Session

     End a session, with a reason. Takes the API key or the session token.
    An older revision of the reference says that with the session token
    no `session_id` is needed, and with an API key `session_id` is
    required (an error otherwise); the schema leaves it optional, as
    published.

    The schema's default reason is `UNKNOWN`, while the request example
    sends `USER_CLOSED`. Stopping a session that has already ended is
    undocumented: HeyGen's demo treats "already gone" as success, and
    third-party code sees 404. `DELETE /v1/sessions/{session_id}` is not
    a stop: it answers 405 (a third-party live report), and HeyGen's demo
    route and one guide show a `DELETE /v1/sessions` that no reference
    page lists.

    Args:
        body (StopSessionRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | SessionActionResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: StopSessionRequest | Unset = UNSET,
) -> ErrorEnvelope | HTTPValidationError | SessionActionResponse | None:
    """Stop Session

     End a session, with a reason. Takes the API key or the session token.
    An older revision of the reference says that with the session token
    no `session_id` is needed, and with an API key `session_id` is
    required (an error otherwise); the schema leaves it optional, as
    published.

    The schema's default reason is `UNKNOWN`, while the request example
    sends `USER_CLOSED`. Stopping a session that has already ended is
    undocumented: HeyGen's demo treats "already gone" as success, and
    third-party code sees 404. `DELETE /v1/sessions/{session_id}` is not
    a stop: it answers 405 (a third-party live report), and HeyGen's demo
    route and one guide show a `DELETE /v1/sessions` that no reference
    page lists.

    Args:
        body (StopSessionRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | SessionActionResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
