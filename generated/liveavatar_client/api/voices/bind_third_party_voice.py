from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.http_validation_error import HTTPValidationError
from ...models.third_party_voice_bind_request import ThirdPartyVoiceBindRequest
from ...models.third_party_voice_bind_response import ThirdPartyVoiceBindResponse
from ...types import Response


def _get_kwargs(
    *,
    body: ThirdPartyVoiceBindRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/voices/third_party",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | HTTPValidationError | ThirdPartyVoiceBindResponse | None:
    if response.status_code == 200:
        response_200 = ThirdPartyVoiceBindResponse.from_dict(response.json())

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
) -> Response[ErrorEnvelope | HTTPValidationError | ThirdPartyVoiceBindResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ThirdPartyVoiceBindRequest,
) -> Response[ErrorEnvelope | HTTPValidationError | ThirdPartyVoiceBindResponse]:
    """Bind Third Party Voice

     Bind a voice of a third-party provider (ElevenLabs, Cartesia) through a
    stored secret holding the provider's key, and answer with the new
    LiveAvatar voice id. Not idempotent: the same bind sent three times made
    three voices (observed live), and the provider's voice id is not checked.
    An unknown `secret_id` is a 400 (`code` 4000, "Secret with id '…' not
    found in your space", observed live).

    Args:
        body (ThirdPartyVoiceBindRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | ThirdPartyVoiceBindResponse]
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
    body: ThirdPartyVoiceBindRequest,
) -> ErrorEnvelope | HTTPValidationError | ThirdPartyVoiceBindResponse | None:
    """Bind Third Party Voice

     Bind a voice of a third-party provider (ElevenLabs, Cartesia) through a
    stored secret holding the provider's key, and answer with the new
    LiveAvatar voice id. Not idempotent: the same bind sent three times made
    three voices (observed live), and the provider's voice id is not checked.
    An unknown `secret_id` is a 400 (`code` 4000, "Secret with id '…' not
    found in your space", observed live).

    Args:
        body (ThirdPartyVoiceBindRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | ThirdPartyVoiceBindResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ThirdPartyVoiceBindRequest,
) -> Response[ErrorEnvelope | HTTPValidationError | ThirdPartyVoiceBindResponse]:
    """Bind Third Party Voice

     Bind a voice of a third-party provider (ElevenLabs, Cartesia) through a
    stored secret holding the provider's key, and answer with the new
    LiveAvatar voice id. Not idempotent: the same bind sent three times made
    three voices (observed live), and the provider's voice id is not checked.
    An unknown `secret_id` is a 400 (`code` 4000, "Secret with id '…' not
    found in your space", observed live).

    Args:
        body (ThirdPartyVoiceBindRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | ThirdPartyVoiceBindResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ThirdPartyVoiceBindRequest,
) -> ErrorEnvelope | HTTPValidationError | ThirdPartyVoiceBindResponse | None:
    """Bind Third Party Voice

     Bind a voice of a third-party provider (ElevenLabs, Cartesia) through a
    stored secret holding the provider's key, and answer with the new
    LiveAvatar voice id. Not idempotent: the same bind sent three times made
    three voices (observed live), and the provider's voice id is not checked.
    An unknown `secret_id` is a 400 (`code` 4000, "Secret with id '…' not
    found in your space", observed live).

    Args:
        body (ThirdPartyVoiceBindRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | ThirdPartyVoiceBindResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
