from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.http_validation_error import HTTPValidationError
from ...models.voice_preview_response import VoicePreviewResponse
from ...types import Response


def _get_kwargs(
    voice_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/voices/{voice_id}/preview".format(
            voice_id=quote(str(voice_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | HTTPValidationError | VoicePreviewResponse | None:
    if response.status_code == 200:
        response_200 = VoicePreviewResponse.from_dict(response.json())

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
) -> Response[ErrorEnvelope | HTTPValidationError | VoicePreviewResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    voice_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | HTTPValidationError | VoicePreviewResponse]:
    """Get Voice Preview

     A sample of the voice, base64-encoded; the audio format is not documented
    (one third-party fixture decodes it as MP3).

    Args:
        voice_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | VoicePreviewResponse]
    """

    kwargs = _get_kwargs(
        voice_id=voice_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    voice_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | HTTPValidationError | VoicePreviewResponse | None:
    """Get Voice Preview

     A sample of the voice, base64-encoded; the audio format is not documented
    (one third-party fixture decodes it as MP3).

    Args:
        voice_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | VoicePreviewResponse
    """

    return sync_detailed(
        voice_id=voice_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    voice_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | HTTPValidationError | VoicePreviewResponse]:
    """Get Voice Preview

     A sample of the voice, base64-encoded; the audio format is not documented
    (one third-party fixture decodes it as MP3).

    Args:
        voice_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | VoicePreviewResponse]
    """

    kwargs = _get_kwargs(
        voice_id=voice_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    voice_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | HTTPValidationError | VoicePreviewResponse | None:
    """Get Voice Preview

     A sample of the voice, base64-encoded; the audio format is not documented
    (one third-party fixture decodes it as MP3).

    Args:
        voice_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | VoicePreviewResponse
    """

    return (
        await asyncio_detailed(
            voice_id=voice_id,
            client=client,
        )
    ).parsed
