from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.http_validation_error import HTTPValidationError
from ...models.voice_list_response import VoiceListResponse
from ...models.voice_list_type_enum import VoiceListTypeEnum
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    voice_type: VoiceListTypeEnum | Unset = "public",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    json_voice_type: str | Unset = UNSET
    if not isinstance(voice_type, Unset):
        json_voice_type = voice_type

    params["voice_type"] = json_voice_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/voices",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | HTTPValidationError | VoiceListResponse | None:
    if response.status_code == 200:
        response_200 = VoiceListResponse.from_dict(response.json())

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
) -> Response[ErrorEnvelope | HTTPValidationError | VoiceListResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    voice_type: VoiceListTypeEnum | Unset = "public",
) -> Response[ErrorEnvelope | HTTPValidationError | VoiceListResponse]:
    """List Voices

     One page of voices: the public ones by default, the caller's imported
    ones with `voice_type=private`.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        voice_type (VoiceListTypeEnum | Unset): Public voices, or the caller's imported ones.
            Default: 'public'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | VoiceListResponse]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        voice_type=voice_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    voice_type: VoiceListTypeEnum | Unset = "public",
) -> ErrorEnvelope | HTTPValidationError | VoiceListResponse | None:
    """List Voices

     One page of voices: the public ones by default, the caller's imported
    ones with `voice_type=private`.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        voice_type (VoiceListTypeEnum | Unset): Public voices, or the caller's imported ones.
            Default: 'public'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | VoiceListResponse
    """

    return sync_detailed(
        client=client,
        page=page,
        page_size=page_size,
        voice_type=voice_type,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    voice_type: VoiceListTypeEnum | Unset = "public",
) -> Response[ErrorEnvelope | HTTPValidationError | VoiceListResponse]:
    """List Voices

     One page of voices: the public ones by default, the caller's imported
    ones with `voice_type=private`.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        voice_type (VoiceListTypeEnum | Unset): Public voices, or the caller's imported ones.
            Default: 'public'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | VoiceListResponse]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        voice_type=voice_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    voice_type: VoiceListTypeEnum | Unset = "public",
) -> ErrorEnvelope | HTTPValidationError | VoiceListResponse | None:
    """List Voices

     One page of voices: the public ones by default, the caller's imported
    ones with `voice_type=private`.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        voice_type (VoiceListTypeEnum | Unset): Public voices, or the caller's imported ones.
            Default: 'public'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | VoiceListResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            page_size=page_size,
            voice_type=voice_type,
        )
    ).parsed
