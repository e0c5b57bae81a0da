from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.http_validation_error import HTTPValidationError
from ...models.session_list_response import SessionListResponse
from ...models.session_list_type_enum import (
    SessionListTypeEnum,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    type_: SessionListTypeEnum,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    avatar_id: UUID | Unset = UNSET,
    embed_id: str | Unset = UNSET,
    context_id: UUID | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_type_: str = type_
    params["type"] = json_type_

    params["page"] = page

    params["page_size"] = page_size

    json_avatar_id: str | Unset = UNSET
    if not isinstance(avatar_id, Unset):
        json_avatar_id = str(avatar_id)
    params["avatar_id"] = json_avatar_id

    params["embed_id"] = embed_id

    json_context_id: str | Unset = UNSET
    if not isinstance(context_id, Unset):
        json_context_id = str(context_id)
    params["context_id"] = json_context_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sessions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | HTTPValidationError | SessionListResponse | None:
    if response.status_code == 200:
        response_200 = SessionListResponse.from_dict(response.json())

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
) -> Response[ErrorEnvelope | HTTPValidationError | SessionListResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    type_: SessionListTypeEnum,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    avatar_id: UUID | Unset = UNSET,
    embed_id: str | Unset = UNSET,
    context_id: UUID | Unset = UNSET,
) -> Response[ErrorEnvelope | HTTPValidationError | SessionListResponse]:
    """List Sessions

     One page of the caller's active or historic (ended) sessions, newest
    first. Follow `next` (or ask for the next `page`) for the rest.
    Ended sessions carry `end_at` and `end_reason`; polling this list or
    one session is the only server-side way to learn that a session
    ended, as there are no webhooks.

    Args:
        type_ (SessionListTypeEnum): Running sessions, or ended ones.
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        avatar_id (UUID | Unset):
        embed_id (str | Unset):
        context_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | SessionListResponse]
    """

    kwargs = _get_kwargs(
        type_=type_,
        page=page,
        page_size=page_size,
        avatar_id=avatar_id,
        embed_id=embed_id,
        context_id=context_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    type_: SessionListTypeEnum,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    avatar_id: UUID | Unset = UNSET,
    embed_id: str | Unset = UNSET,
    context_id: UUID | Unset = UNSET,
) -> ErrorEnvelope | HTTPValidationError | SessionListResponse | None:
    """List Sessions

     One page of the caller's active or historic (ended) sessions, newest
    first. Follow `next` (or ask for the next `page`) for the rest.
    Ended sessions carry `end_at` and `end_reason`; polling this list or
    one session is the only server-side way to learn that a session
    ended, as there are no webhooks.

    Args:
        type_ (SessionListTypeEnum): Running sessions, or ended ones.
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        avatar_id (UUID | Unset):
        embed_id (str | Unset):
        context_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | SessionListResponse
    """

    return sync_detailed(
        client=client,
        type_=type_,
        page=page,
        page_size=page_size,
        avatar_id=avatar_id,
        embed_id=embed_id,
        context_id=context_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    type_: SessionListTypeEnum,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    avatar_id: UUID | Unset = UNSET,
    embed_id: str | Unset = UNSET,
    context_id: UUID | Unset = UNSET,
) -> Response[ErrorEnvelope | HTTPValidationError | SessionListResponse]:
    """List Sessions

     One page of the caller's active or historic (ended) sessions, newest
    first. Follow `next` (or ask for the next `page`) for the rest.
    Ended sessions carry `end_at` and `end_reason`; polling this list or
    one session is the only server-side way to learn that a session
    ended, as there are no webhooks.

    Args:
        type_ (SessionListTypeEnum): Running sessions, or ended ones.
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        avatar_id (UUID | Unset):
        embed_id (str | Unset):
        context_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | SessionListResponse]
    """

    kwargs = _get_kwargs(
        type_=type_,
        page=page,
        page_size=page_size,
        avatar_id=avatar_id,
        embed_id=embed_id,
        context_id=context_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    type_: SessionListTypeEnum,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    avatar_id: UUID | Unset = UNSET,
    embed_id: str | Unset = UNSET,
    context_id: UUID | Unset = UNSET,
) -> ErrorEnvelope | HTTPValidationError | SessionListResponse | None:
    """List Sessions

     One page of the caller's active or historic (ended) sessions, newest
    first. Follow `next` (or ask for the next `page`) for the rest.
    Ended sessions carry `end_at` and `end_reason`; polling this list or
    one session is the only server-side way to learn that a session
    ended, as there are no webhooks.

    Args:
        type_ (SessionListTypeEnum): Running sessions, or ended ones.
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        avatar_id (UUID | Unset):
        embed_id (str | Unset):
        context_id (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | SessionListResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            type_=type_,
            page=page,
            page_size=page_size,
            avatar_id=avatar_id,
            embed_id=embed_id,
            context_id=context_id,
        )
    ).parsed
