from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_embed_request import CreateEmbedRequest
from ...models.embed_response import EmbedResponse
from ...models.error_envelope import ErrorEnvelope
from ...models.http_validation_error import HTTPValidationError
from ...types import Response


def _get_kwargs(
    *,
    body: CreateEmbedRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/embeddings",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EmbedResponse | ErrorEnvelope | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = EmbedResponse.from_dict(response.json())

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
) -> Response[EmbedResponse | ErrorEnvelope | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateEmbedRequest,
) -> Response[EmbedResponse | ErrorEnvelope | HTTPValidationError]:
    """Create Embed

     Create an embeddable avatar page and its iframe snippet. Either
    `voice_agent_id` (newer docs), or `context_id` with an optional
    `voice_id`: the two are mutually exclusive. Not idempotent.

    Args:
        body (CreateEmbedRequest): `avatar_id`, then either `voice_agent_id` or `context_id` (with
            an
            optional `voice_id`). The older published schema requires
            `context_id`; the newer docs make `voice_agent_id` its alternative,
            so only `avatar_id` is required here.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmbedResponse | ErrorEnvelope | HTTPValidationError]
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
    body: CreateEmbedRequest,
) -> EmbedResponse | ErrorEnvelope | HTTPValidationError | None:
    """Create Embed

     Create an embeddable avatar page and its iframe snippet. Either
    `voice_agent_id` (newer docs), or `context_id` with an optional
    `voice_id`: the two are mutually exclusive. Not idempotent.

    Args:
        body (CreateEmbedRequest): `avatar_id`, then either `voice_agent_id` or `context_id` (with
            an
            optional `voice_id`). The older published schema requires
            `context_id`; the newer docs make `voice_agent_id` its alternative,
            so only `avatar_id` is required here.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmbedResponse | ErrorEnvelope | HTTPValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateEmbedRequest,
) -> Response[EmbedResponse | ErrorEnvelope | HTTPValidationError]:
    """Create Embed

     Create an embeddable avatar page and its iframe snippet. Either
    `voice_agent_id` (newer docs), or `context_id` with an optional
    `voice_id`: the two are mutually exclusive. Not idempotent.

    Args:
        body (CreateEmbedRequest): `avatar_id`, then either `voice_agent_id` or `context_id` (with
            an
            optional `voice_id`). The older published schema requires
            `context_id`; the newer docs make `voice_agent_id` its alternative,
            so only `avatar_id` is required here.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmbedResponse | ErrorEnvelope | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateEmbedRequest,
) -> EmbedResponse | ErrorEnvelope | HTTPValidationError | None:
    """Create Embed

     Create an embeddable avatar page and its iframe snippet. Either
    `voice_agent_id` (newer docs), or `context_id` with an optional
    `voice_id`: the two are mutually exclusive. Not idempotent.

    Args:
        body (CreateEmbedRequest): `avatar_id`, then either `voice_agent_id` or `context_id` (with
            an
            optional `voice_id`). The older published schema requires
            `context_id`; the newer docs make `voice_agent_id` its alternative,
            so only `avatar_id` is required here.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmbedResponse | ErrorEnvelope | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
