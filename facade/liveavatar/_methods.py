"""How a builder becomes a method of both clients: made once here, used by every resource.

A builder (of `liveavatar._operations` or `liveavatar._account_operations`)
checks its arguments before any I/O and returns what to send: a `Call`, a
`Procedure` of several calls, or a `Listing` of page calls. Each maker below
turns one into a method with the builder's signature, overloads and
docstring that runs it on the client's send path. The sync and async makers
differ only in `await`; no operation is written twice.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from ._listing import Listing, ListingState
from ._procedures import Procedure, arun, run

if TYPE_CHECKING:
    from ._listing import Chunk
    from ._operations import Call

__all__ = ["async_call", "async_list", "async_procedure", "present", "sync_call", "sync_list", "sync_procedure"]

_P = ParamSpec("_P")
_T = TypeVar("_T")


def present(method: Any, build: Callable[..., Any], returns: Callable[[Any], object]) -> None:
    """Give `method` the builder's name, docstring and parameters, and the type the caller gets back.

    `functools.wraps` alone would show the builder's return type (a `Call`)
    in `help()` and `inspect.signature`, and point `get_type_hints` at names
    the builder's module does not hold. `returns` maps the builder's
    resolved return type to the method's.
    """
    functools.update_wrapper(method, build, assigned=("__module__", "__name__", "__qualname__", "__doc__"), updated=())
    hints = typing.get_type_hints(build)
    result = returns(hints.pop("return"))
    signature = inspect.signature(build)
    this = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)
    method.__signature__ = signature.replace(
        parameters=[this, *signature.parameters.values()], return_annotation=result
    )
    method.__annotations__ = {**hints, "return": result}


def _called(returned: object) -> object:
    """`Call[T]` → `T`: what sending the call gives."""
    return typing.get_args(returned)[0]


def _procedure_result(returned: object) -> object:
    """`Generator[step, result, T]` → `T`: what running the procedure gives."""
    return typing.get_args(returned)[2]


def _item_type(returned: object) -> object:
    """`Listing[T]` → `T`."""
    return getattr(returned, "__args__", (object,))[0]


def sync_call(build: Callable[_P, Call[_T]]) -> Callable[Concatenate[Any, _P], _T]:
    """A sync method sending the one call `build` makes."""

    def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            call = build(*args, **kwargs)
        finally:
            # The arguments may hold a session token as plain text: gone before any frame is reported.
            del args, kwargs
        result: _T = self._client._send(call)
        return result

    present(method, build, _called)
    return method


def async_call(build: Callable[_P, Call[_T]]) -> Callable[Concatenate[Any, _P], Coroutine[Any, Any, _T]]:
    """An async method sending the one call `build` makes."""

    async def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            call = build(*args, **kwargs)
        finally:
            del args, kwargs
        result: _T = await self._client._send(call)
        return result

    present(method, build, _called)
    return method


def sync_procedure(build: Callable[_P, Procedure[_T]]) -> Callable[Concatenate[Any, _P], _T]:
    """A sync method running the procedure `build` makes."""

    def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            procedure = build(*args, **kwargs)
        finally:
            del args, kwargs
        return run(self._client._send, procedure)

    present(method, build, _procedure_result)
    return method


def async_procedure(build: Callable[_P, Procedure[_T]]) -> Callable[Concatenate[Any, _P], Coroutine[Any, Any, _T]]:
    """An async method running the procedure `build` makes."""

    async def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            procedure = build(*args, **kwargs)
        finally:
            del args, kwargs
        return await arun(self._client._send, procedure)

    present(method, build, _procedure_result)
    return method


def sync_list(build: Callable[_P, Listing[_T]]) -> Callable[Concatenate[Any, _P], Iterator[_T]]:
    """A sync `list()`: an iterator fetching each page of the listing `build` makes only when reached."""

    def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> Iterator[_T]:
        # Built now, so bad arguments raise at the call, not at the first `next`.
        state = ListingState(build(*args, **kwargs))
        send = self._client._send

        def items() -> Iterator[_T]:
            call: Call[Chunk[_T]] | None = state.first()
            while call is not None:
                fresh, call = state.advance(send(call))
                yield from fresh

        return items()

    present(method, build, lambda returned: Iterator[_item_type(returned)])  # type: ignore[misc]
    method.__name__ = method.__qualname__ = "list"
    return method


def async_list(build: Callable[_P, Listing[_T]]) -> Callable[Concatenate[Any, _P], AsyncIterator[_T]]:
    """An async `list()`: an async iterator fetching each page only when reached."""

    def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> AsyncIterator[_T]:
        state = ListingState(build(*args, **kwargs))
        send = self._client._send

        async def items() -> AsyncIterator[_T]:
            call: Call[Chunk[_T]] | None = state.first()
            while call is not None:
                fresh, call = state.advance(await send(call))
                for item in fresh:
                    yield item

        return items()

    present(method, build, lambda returned: AsyncIterator[_item_type(returned)])  # type: ignore[misc]
    method.__name__ = method.__qualname__ = "list"
    return method
