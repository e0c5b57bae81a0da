from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.http_validation_error import HTTPValidationError
from ...models.transcript_response import TranscriptResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session_id: UUID,
    *,
    start_timestamp: int | Unset = UNSET,
    end_timestamp: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["start_timestamp"] = start_timestamp

    params["end_timestamp"] = end_timestamp

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sessions/{session_id}/transcript".format(
            session_id=quote(str(session_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | HTTPValidationError | TranscriptResponse | None:
    if response.status_code == 200:
        response_200 = TranscriptResponse.from_dict(response.json())

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
) -> Response[ErrorEnvelope | HTTPValidationError | TranscriptResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    session_id: UUID,
    *,
    client: AuthenticatedClient,
    start_timestamp: int | Unset = UNSET,
    end_timestamp: int | Unset = UNSET,
) -> Response[ErrorEnvelope | HTTPValidationError | TranscriptResponse]:
    """Get Session Transcript

     What the user and the avatar said, for FULL sessions (per the
    changelog). Read incrementally by passing the answer's
    `next_timestamp` back as `start_timestamp`; `session_active` says
    whether more may come.

    Args:
        session_id (UUID):
        start_timestamp (int | Unset):
        end_timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | TranscriptResponse]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        start_timestamp=start_timestamp,
        end_timestamp=end_timestamp,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: UUID,
    *,
    client: AuthenticatedClient,
    start_timestamp: int | Unset = UNSET,
    end_timestamp: int | Unset = UNSET,
) -> ErrorEnvelope | HTTPValidationError | TranscriptResponse | None:
    """Get Session Transcript

     What the user and the avatar said, for FULL sessions (per the
    changelog). Read incrementally by passing the answer's
    `next_timestamp` back as `start_timestamp`; `session_active` says
    whether more may come.

    Args:
        session_id (UUID):
        start_timestamp (int | Unset):
        end_timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | TranscriptResponse
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
        start_timestamp=start_timestamp,
        end_timestamp=end_timestamp,
    ).parsed


async def asyncio_detailed(
    session_id: UUID,
    *,
    client: AuthenticatedClient,
    start_timestamp: int | Unset = UNSET,
    end_timestamp: int | Unset = UNSET,
) -> Response[ErrorEnvelope | HTTPValidationError | TranscriptResponse]:
    """Get Session Transcript

     What the user and the avatar said, for FULL sessions (per the
    changelog). Read incrementally by passing the answer's
    `next_timestamp` back as `start_timestamp`; `session_active` says
    whether more may come.

    Args:
        session_id (UUID):
        start_timestamp (int | Unset):
        end_timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | TranscriptResponse]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        start_timestamp=start_timestamp,
        end_timestamp=end_timestamp,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: UUID,
    *,
    client: AuthenticatedClient,
    start_timestamp: int | Unset = UNSET,
    end_timestamp: int | Unset = UNSET,
) -> ErrorEnvelope | HTTPValidationError | TranscriptResponse | None:
    """Get Session Transcript

     What the user and the avatar said, for FULL sessions (per the
    changelog). Read incrementally by passing the answer's
    `next_timestamp` back as `start_timestamp`; `session_active` says
    whether more may come.

    Args:
        session_id (UUID):
        start_timestamp (int | Unset):
        end_timestamp (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | TranscriptResponse
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            start_timestamp=start_timestamp,
            end_timestamp=end_timestamp,
        )
    ).parsed
