"""The HTTP clients that the generated operations run on.

This module comes from the project's own template
(`openapi/templates/client.py.jinja`), not the generator's, for two reasons:
every request has a timeout (the generator's default is `None`, which turns
every httpx timeout off), and the API key never shows in a `repr`.
"""

import ssl
from types import TracebackType
from typing import Any, Self

import httpx
from attrs import define, evolve, field

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""30 s for the whole exchange and 5 s to connect, as the `liveavatar` facade."""


def _as_timeout(value: "httpx.Timeout | float") -> httpx.Timeout:
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value)


@define
class Client:
    """Settings for the httpx clients that the operations in `api/` use.

    `base_url`, `cookies`, `headers`, `timeout`, `verify_ssl`,
    `follow_redirects` and `httpx_args` are passed to the `httpx.Client` or
    `httpx.AsyncClient` built on first use; `httpx_args` takes anything else
    those constructors accept, such as `transport`.
    """

    raise_on_unexpected_status: bool = field(default=False, kw_only=True)
    """Raise `errors.UnexpectedStatus` for a status the spec does not declare."""
    _base_url: str = field(alias="base_url")
    _cookies: dict[str, str] = field(
        factory=dict, kw_only=True, alias="cookies", repr=False
    )
    _headers: dict[str, str] = field(
        factory=dict, kw_only=True, alias="headers", repr=False
    )
    _timeout: httpx.Timeout = field(
        default=DEFAULT_TIMEOUT, converter=_as_timeout, kw_only=True, alias="timeout"
    )
    _verify_ssl: str | bool | ssl.SSLContext = field(
        default=True, kw_only=True, alias="verify_ssl"
    )
    _follow_redirects: bool = field(
        default=False, kw_only=True, alias="follow_redirects"
    )
    _httpx_args: dict[str, Any] = field(
        factory=dict, kw_only=True, alias="httpx_args", repr=False
    )
    _client: httpx.Client | None = field(default=None, init=False, repr=False)
    _async_client: httpx.AsyncClient | None = field(
        default=None, init=False, repr=False
    )

    def _credential_headers(self) -> dict[str, str]:
        return {}

    def _httpx_settings(self) -> dict[str, Any]:
        return {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": {**self._headers, **self._credential_headers()},
            "timeout": self._timeout,
            "verify": self._verify_ssl,
            "follow_redirects": self._follow_redirects,
            **self._httpx_args,
        }

    def with_headers(self, headers: dict[str, str]) -> Self:
        """A copy of this client that also sends `headers`."""
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """A copy of this client that also sends `cookies`."""
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout | float) -> Self:
        """A copy of this client with another timeout."""
        return evolve(self, timeout=timeout)

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use `client` for sync calls; its own settings then apply instead of these."""
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """The sync httpx client, built on first use."""
        if self._client is None:
            self._client = httpx.Client(**self._httpx_settings())
        return self._client

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Use `async_client` for async calls; its own settings then apply instead of these."""
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The async httpx client, built on first use."""
        if self._async_client is None:
            self._async_client = httpx.AsyncClient(**self._httpx_settings())
        return self._async_client

    def close(self) -> None:
        """Close the sync httpx client, if one was built or set."""
        if self._client is not None:
            self._client.close()

    async def aclose(self) -> None:
        """Close both httpx clients, if they were built or set."""
        if self._async_client is not None:
            await self._async_client.aclose()
        self.close()

    def __enter__(self) -> Self:
        self.get_httpx_client().__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc: BaseException | None = None,
        tb: TracebackType | None = None,
    ) -> None:
        self.get_httpx_client().__exit__(exc_type, exc, tb)

    async def __aenter__(self) -> Self:
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc: BaseException | None = None,
        tb: TracebackType | None = None,
    ) -> None:
        await self.get_async_httpx_client().__aexit__(exc_type, exc, tb)


@define
class AuthenticatedClient(Client):
    """A `Client` that sends the API key on every request.

    For LiveAvatar: `AuthenticatedClient(base_url, token=api_key,
    prefix="", auth_header_name="X-API-KEY")`.
    """

    token: str = field(default="", repr=False)
    """The credential; kept out of `repr`."""
    prefix: str = field(default="Bearer", kw_only=True)
    """Put before the token in the header; empty for a bare API key."""
    auth_header_name: str = field(default="Authorization", kw_only=True)
    """The header that carries the credential."""

    def _credential_headers(self) -> dict[str, str]:
        value = f"{self.prefix} {self.token}" if self.prefix else self.token
        return {self.auth_header_name: value}
