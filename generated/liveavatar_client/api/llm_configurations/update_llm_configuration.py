from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.http_validation_error import HTTPValidationError
from ...models.llm_configuration_response import LLMConfigurationResponse
from ...models.update_llm_configuration_request import UpdateLLMConfigurationRequest
from ...types import Response


def _get_kwargs(
    config_id: str,
    *,
    body: UpdateLLMConfigurationRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/llm-configurations/{config_id}".format(
            config_id=quote(str(config_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | HTTPValidationError | LLMConfigurationResponse | None:
    if response.status_code == 200:
        response_200 = LLMConfigurationResponse.from_dict(response.json())

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
) -> Response[ErrorEnvelope | HTTPValidationError | LLMConfigurationResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    config_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateLLMConfigurationRequest,
) -> Response[ErrorEnvelope | HTTPValidationError | LLMConfigurationResponse]:
    """Update LLM Configuration

     Change only the fields given; a new `secret_id` must name a secret of the
    caller's space, else 400.

    Args:
        config_id (str):
        body (UpdateLLMConfigurationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | LLMConfigurationResponse]
    """

    kwargs = _get_kwargs(
        config_id=config_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    config_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateLLMConfigurationRequest,
) -> ErrorEnvelope | HTTPValidationError | LLMConfigurationResponse | None:
    """Update LLM Configuration

     Change only the fields given; a new `secret_id` must name a secret of the
    caller's space, else 400.

    Args:
        config_id (str):
        body (UpdateLLMConfigurationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | LLMConfigurationResponse
    """

    return sync_detailed(
        config_id=config_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    config_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateLLMConfigurationRequest,
) -> Response[ErrorEnvelope | HTTPValidationError | LLMConfigurationResponse]:
    """Update LLM Configuration

     Change only the fields given; a new `secret_id` must name a secret of the
    caller's space, else 400.

    Args:
        config_id (str):
        body (UpdateLLMConfigurationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | HTTPValidationError | LLMConfigurationResponse]
    """

    kwargs = _get_kwargs(
        config_id=config_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    config_id: str,
    *,
    client: AuthenticatedClient,
    body: UpdateLLMConfigurationRequest,
) -> ErrorEnvelope | HTTPValidationError | LLMConfigurationResponse | None:
    """Update LLM Configuration

     Change only the fields given; a new `secret_id` must name a secret of the
    caller's space, else 400.

    Args:
        config_id (str):
        body (UpdateLLMConfigurationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | HTTPValidationError | LLMConfigurationResponse
    """

    return (
        await asyncio_detailed(
            config_id=config_id,
            client=client,
            body=body,
        )
    ).parsed
