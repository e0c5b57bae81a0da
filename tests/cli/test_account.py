"""`liveavatar avatars|voices|voice-agents|embeds|languages|llm-models`: the account API from a shell, against the mock."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from liveavatar import LiveAvatar
from liveavatar.mock import MockServer
from tests.cli.support import AVATAR, CONTEXT, KEY, VOICE, RunCli

UNKNOWN = "0b6f3a4e-2f51-4c7e-9d1a-5e8b7c6d4f30"


@pytest.fixture
def client(liveavatar_mock: MockServer) -> Iterator[LiveAvatar]:
    """An SDK client on the session's mock, to set the scene the CLI then reads."""
    with LiveAvatar(api_key=KEY, base_url=liveavatar_mock.url) as sdk:
        yield sdk


def run_json(cli: RunCli, *arguments: str) -> object:
    """Run the CLI, expect success with nothing on stderr, and return what it printed as JSON."""
    code, out, err = cli(*arguments)
    assert (0, "") == (code, err)
    return json.loads(out)


def one_line_failure(cli: RunCli, *arguments: str) -> tuple[int, str]:
    """Run the CLI, expect a failure printed as one line on stderr and nothing on stdout; (code, line)."""
    code, out, err = cli(*arguments)
    assert "" == out
    assert 1 == len(err.splitlines())
    assert err.startswith("liveavatar: error: ")
    return code, err


def test_avatars_ls_lists_custom_avatars_and_public_ones(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """`avatars ls` lists the account's own avatars; `--public` the public ones, Wayne among them."""
    mine = liveavatar_mock.add_avatar("Mine")

    own = run_json(cli, "avatars", "ls", "--json")
    public = run_json(cli, "avatars", "ls", "--public")

    assert [(mine, "Mine")] == [(item["id"], item["name"]) for item in own]  # type: ignore[attr-defined]
    assert AVATAR in [item["id"] for item in public]  # type: ignore[attr-defined]


def test_avatars_ls_limit_prints_at_most_that_many(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """`avatars ls --limit 1` prints one avatar of several."""
    for name in ("one", "two"):
        liveavatar_mock.add_avatar(name)

    printed = run_json(cli, "avatars", "ls", "--limit", "1")

    assert isinstance(printed, list)
    assert 1 == len(printed)


def test_avatars_get_update_delete(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """`avatars get` shows an avatar, `update --name` renames it, `delete` removes it from the list."""
    mine = liveavatar_mock.add_avatar("Mine")

    shown = run_json(cli, "avatars", "get", mine)
    renamed = run_json(cli, "avatars", "update", mine, "--name", "Renamed")
    deleted = run_json(cli, "avatars", "delete", mine)

    assert (mine, "Mine") == (shown["id"], shown["name"])  # type: ignore[index]
    assert "Renamed" == renamed["name"]  # type: ignore[index]
    assert {"avatar_id": mine, "deleted": True} == deleted
    assert [] == run_json(cli, "avatars", "ls")


def test_avatars_get_of_an_unknown_avatar_exits_6_naming_the_url(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """A 404 exits 6 with one line naming the status and the URL called."""
    code, line = one_line_failure(cli, "avatars", "get", UNKNOWN)

    assert 6 == code
    assert "HTTP 404" in line
    assert f"GET {liveavatar_mock.url}/v1/avatars/{UNKNOWN}" in line


def test_voices_ls_lists_public_voices_and_private_ones(cli: RunCli) -> None:
    """`voices ls` lists the public voices; `--private` the imported ones (none yet)."""
    public = run_json(cli, "voices", "ls")

    assert VOICE in [item["id"] for item in public]  # type: ignore[attr-defined]
    assert [] == run_json(cli, "voices", "ls", "--private")


def test_voices_get_and_preview_to_a_file(cli: RunCli, tmp_path: Path, client: LiveAvatar) -> None:
    """`voices get` shows a voice; `voices preview -o FILE` writes its decoded audio and prints the size."""
    target = tmp_path / "sample.mp3"

    shown = run_json(cli, "voices", "get", VOICE)
    saved = run_json(cli, "voices", "preview", VOICE, "-o", str(target))

    assert VOICE == shown["id"]  # type: ignore[index]
    assert client.voices.preview(VOICE) == target.read_bytes()
    assert {"voice_id": VOICE, "output": str(target), "bytes": target.stat().st_size} == saved


def test_voices_preview_to_an_unwritable_path_exits_3(cli: RunCli, tmp_path: Path) -> None:
    """A preview whose file cannot be written exits 3 with one line naming the file."""
    target = tmp_path / "missing-folder" / "sample.mp3"

    code, line = one_line_failure(cli, "voices", "preview", VOICE, "-o", str(target))

    assert 3 == code
    assert str(target) in line


def test_voices_bind_imports_a_voice_that_delete_removes(cli: RunCli, client: LiveAvatar) -> None:
    """`voices bind` prints the new voice id, which `voices ls --private` lists and `voices delete` removes."""
    secret = client.secrets.create(name="eleven", value="sk_eleven_value_123456", type="ELEVENLABS_API_KEY")

    bound = run_json(cli, "voices", "bind", "--provider-voice-id", "pv-1", "--secret-id", secret.id, "--name", "Mine")
    voice_id = bound["voice_id"]  # type: ignore[index]
    private = run_json(cli, "voices", "ls", "--private")
    deleted = run_json(cli, "voices", "delete", voice_id)

    assert [voice_id] == [item["id"] for item in private]  # type: ignore[attr-defined]
    assert {"voice_id": voice_id, "deleted": True} == deleted


def test_voices_bind_with_an_unknown_secret_exits_3(cli: RunCli) -> None:
    """A bind naming a secret the account does not hold is refused (400): exit 3, one line."""
    code, line = one_line_failure(cli, "voices", "bind", "--provider-voice-id", "pv-1", "--secret-id", UNKNOWN)

    assert 3 == code
    assert UNKNOWN in line


def test_languages_and_llm_models_list_the_catalogs(cli: RunCli) -> None:
    """`languages` lists language codes, English among them; `llm-models` the managed models by provider."""
    languages = run_json(cli, "languages")
    models = run_json(cli, "llm-models", "--limit", "1")

    assert "en" in [item["code"] for item in languages]  # type: ignore[attr-defined]
    assert isinstance(models, list)
    assert 1 == len(models)
    assert {"provider", "model"} == set(models[0])


def test_embeds_create_prints_the_url_and_script(cli: RunCli, client: LiveAvatar) -> None:
    """`embeds create` with a context prints the embed's id, page URL and iframe script."""
    context = client.contexts.create(name="c", prompt="p", opening_text="")

    embed = run_json(
        cli, "embeds", "create", "--avatar-id", AVATAR, "--context-id", context.id, "--orientation", "vertical"
    )

    assert isinstance(embed, dict)
    assert embed["url"].startswith("https://")
    assert "vertical" == embed["orientation"]


def test_embeds_create_with_an_agent_and_a_context_exits_3_before_sending(
    cli: RunCli, liveavatar_mock: MockServer
) -> None:
    """A voice agent with a context is refused before any request, naming the options typed."""
    code, line = one_line_failure(
        cli, "embeds", "create", "--avatar-id", AVATAR, "--voice-agent-id", "agent-1", "--context-id", CONTEXT
    )

    assert 3 == code
    assert "--context-id" in line
    assert [] == liveavatar_mock.requests


def test_voice_agents_ls_get_and_delete(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """`voice-agents ls` lists an agent, `get` shows its configuration, `delete` removes it."""
    agent = liveavatar_mock.add_voice_agent("Receptionist", agent_configuration={"language": "en"})

    listed = run_json(cli, "voice-agents", "ls")
    shown = run_json(cli, "voice-agents", "get", agent)
    deleted = run_json(cli, "voice-agents", "delete", agent)

    assert [agent] == [item["id"] for item in listed]  # type: ignore[attr-defined]
    assert {"language": "en"} == shown["agent_configuration"]  # type: ignore[index]
    assert {"agent_id": agent, "deleted": True} == deleted
    assert [] == run_json(cli, "voice-agents", "ls")


def test_voice_agents_delete_while_an_embed_uses_it_exits_6(
    cli: RunCli, liveavatar_mock: MockServer, client: LiveAvatar
) -> None:
    """Deleting an agent an embed references is refused (409): exit 6, one line, the agent kept."""
    agent = liveavatar_mock.add_voice_agent("Receptionist")
    client.embeds.create(avatar_id=AVATAR, voice_agent_id=agent)

    code, line = one_line_failure(cli, "voice-agents", "delete", agent)

    assert 6 == code
    assert "HTTP 409" in line
    assert [agent] == [item.id for item in client.voice_agents.list()]
