"""The public surface: complete, curated, and free of generated types."""

from __future__ import annotations

import subprocess
import sys
import types
import typing
from pathlib import Path

import pytest

import liveavatar

ROOT = Path(__file__).resolve().parents[2]


def test_all_lists_exactly_the_public_names() -> None:
    """Every public name of the package, loaded or lazy, is in __all__ (with __version__), and each one resolves."""
    public = {
        name
        for name, value in vars(liveavatar).items()
        # Submodules (testing, mock, …) are public namespaces of their own, not exports.
        if name.isidentifier() and not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    lazy = {name for names in liveavatar._LAZY.values() for name in names}

    assert set(liveavatar.__all__) == public | lazy | {"__version__"}
    assert len(liveavatar.__all__) == len(set(liveavatar.__all__))
    for name in liveavatar.__all__:
        assert getattr(liveavatar, name) is not None, name


def test_no_generated_type_is_public() -> None:
    """No exported object, and no annotation of a public signature, comes from liveavatar_client."""
    objects = [getattr(liveavatar, name) for name in liveavatar.__all__]
    callables = [liveavatar.LiveAvatar.__init__, liveavatar.AsyncLiveAvatar.__init__]
    for client in (liveavatar.LiveAvatar(api_key="k"), liveavatar.AsyncLiveAvatar(api_key="k")):
        callables.append(client.with_options)
        for resource in (client.sessions, client.users):
            callables += [getattr(resource, name) for name in dir(resource) if not name.startswith("_")]

    for obj in objects:
        assert not getattr(obj, "__module__", "").startswith("liveavatar_client"), obj
    # Names the facade imports only for type checking, so that minting does not load them.
    from liveavatar import _lite, _live, _models

    names = {**vars(_models), **vars(_lite), **vars(_live)}
    for function in callables:
        for hint in typing.get_type_hints(function, localns=names).values():
            assert "liveavatar_client" not in repr(hint), (function, hint)


@pytest.mark.subprocess
def test_only_the_bridge_may_import_the_generated_package() -> None:
    """ruff's banned-import rule refuses `liveavatar_client` in any facade module but _lowlevel.py."""
    source = "from liveavatar_client.models import FullSessionTokenRequest\n\nprint(FullSessionTokenRequest)\n"

    def lint(filename: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ruff", "check", "--select", "TID251", "--stdin-filename", filename, "-"],
            input=source,
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )

    refused = lint("facade/liveavatar/_client.py")
    allowed = lint("facade/liveavatar/_lowlevel.py")

    assert 1 == refused.returncode
    assert "TID251" in refused.stdout
    assert 0 == allowed.returncode, allowed.stdout


@pytest.mark.parametrize("package", ["liveavatar", "liveavatar_client"])
def test_both_packages_are_typed(package: str) -> None:
    """Both import packages ship py.typed."""
    module = __import__(package)

    assert module.__file__ is not None
    assert (Path(module.__file__).parent / "py.typed").is_file()


def _fresh_interpreter(code: str) -> list[str]:
    result = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True, timeout=60)
    return result.stdout.split()


@pytest.mark.subprocess
def test_import_defers_the_value_types_and_attrs_until_named() -> None:
    """`import liveavatar` loads the clients and errors but not attrs or the value types; naming one loads them."""
    loaded = _fresh_interpreter(
        "import sys, liveavatar\n"
        "print('attrs' in sys.modules, 'liveavatar._models' in sys.modules, 'liveavatar._operations' in sys.modules)\n"
        "agent = liveavatar.VoiceAgent(id='a')\n"
        "print('attrs' in sys.modules, type(agent).__module__, liveavatar.VoiceAgent is sys.modules['liveavatar._models'].VoiceAgent)"
    )

    assert ["False", "False", "False", "True", "liveavatar._models", "True"] == loaded


@pytest.mark.subprocess
def test_building_a_client_loads_what_its_first_call_needs() -> None:
    """A client's construction, not its first call, loads the operations and value types, so no call pays for them."""
    loaded = _fresh_interpreter(
        "import sys, liveavatar\n"
        "client = liveavatar.LiveAvatar(api_key='sk_test_0123456789')\n"
        "print(all(name in sys.modules for name in ('attrs', 'liveavatar._models', 'liveavatar._operations')))\n"
        "client.close()"
    )

    assert ["True"] == loaded


def test_lazy_names_are_in_dir_and_from_imports() -> None:
    """Lazy exports show in `dir(liveavatar)` and work with `from liveavatar import …`, star import included."""
    namespace: dict[str, object] = {}
    exec("from liveavatar import *", namespace)

    assert {"VoiceAgent", "FieldError", "Connector", "LiveSession"} <= set(dir(liveavatar))
    assert set(liveavatar.__all__) <= set(namespace)
    from liveavatar import FieldError, SessionToken

    assert (FieldError.__name__, SessionToken.__name__) == ("FieldError", "SessionToken")


@pytest.mark.subprocess
def test_a_sync_client_never_loads_asyncio() -> None:
    """Building a sync client and minting on it leaves asyncio unloaded: only async sessions need it."""
    loaded = _fresh_interpreter(
        "import sys, httpx, liveavatar\n"
        "body = {'code': 100, 'data': {'session_id': 's', 'session_token': 't'}}\n"
        "transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))\n"
        "client = liveavatar.LiveAvatar(api_key='sk_test_0123456789', http_client=httpx.Client(transport=transport))\n"
        "client.sessions.create_token(avatar_id='dd73ea75-1218-4ef3-92ce-606d5f7fbc0a', voice_agent=liveavatar.VoiceAgent(id='5b9dba8a-aa31-11f0-a6ee-066a7fa2e369'))\n"
        "print('asyncio' in sys.modules)"
    )

    assert ["False"] == loaded
