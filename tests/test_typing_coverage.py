"""`tests/typing` names every public method, sync and async, so a new method cannot go without typed shapes."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import liveavatar

TYPING = Path(__file__).resolve().parent / "typing"
RESOURCES = [name for name in vars(liveavatar.LiveAvatar(api_key="k")) if not name.startswith("_")]


def _public_methods(cls: type) -> set[str]:
    """Public methods a class defines or is given (properties and attributes left out)."""
    return {
        name
        for name in dir(cls)
        if not name.startswith("_") and callable(getattr(cls, name)) and not inspect.isclass(getattr(cls, name))
    }


def _calls_by_parameter_type() -> dict[str, set[str]]:
    """For each annotated parameter type in tests/typing: the dotted attribute chains called on the parameter."""
    found: dict[str, set[str]] = {}
    for path in TYPING.glob("*.py"):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            kinds = {arg.arg: ast.unparse(arg.annotation) for arg in function.args.args if arg.annotation is not None}
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    chain = ast.unparse(node.func).split(".")
                    if chain[0] in kinds:
                        found.setdefault(kinds[chain[0]], set()).add(".".join(chain[1:]))
    return found


def _resource_methods(client: liveavatar.LiveAvatar | liveavatar.AsyncLiveAvatar) -> set[str]:
    return {f"{name}.{method}" for name in RESOURCES for method in _public_methods(type(getattr(client, name)))}


def test_every_resource_method_of_both_clients_is_typed() -> None:
    """Each `client.<resource>.<method>` of `LiveAvatar` and of `AsyncLiveAvatar` is called in tests/typing."""
    calls = _calls_by_parameter_type()
    sync_client = liveavatar.LiveAvatar(api_key="k")
    async_client = liveavatar.AsyncLiveAvatar(api_key="k")

    assert sorted(_resource_methods(sync_client) - calls["LiveAvatar"]) == []
    assert sorted(_resource_methods(async_client) - calls["AsyncLiveAvatar"]) == []


def test_every_managed_session_and_connection_method_is_typed() -> None:
    """Each public method of the managed sessions and the LITE connections is called in tests/typing."""
    calls = _calls_by_parameter_type()
    connections = {"LiveSession": liveavatar.LiteConnection, "AsyncLiveSession": liveavatar.AsyncLiteConnection}

    for session_type, connection_type in connections.items():
        session = getattr(liveavatar, session_type)
        called = calls[session_type]
        assert sorted(_public_methods(session) - called) == [], session_type
        assert sorted(_public_methods(connection_type) - _connection_calls(session_type)) == [], connection_type


def _connection_calls(session_type: str) -> set[str]:
    """Methods called on a `connection` local in the typing functions that take a `session_type`."""
    found: set[str] = set()
    for path in TYPING.glob("*.py"):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if session_type not in [ast.unparse(arg.annotation) for arg in function.args.args if arg.annotation]:
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    chain = ast.unparse(node.func).split(".")
                    if chain[0] == "connection" and len(chain) == 2:
                        found.add(chain[1])
    return found
