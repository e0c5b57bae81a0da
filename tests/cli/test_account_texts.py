"""`liveavatar contexts|secrets|llm-configs`: texts from files, secrets never on the command line, against the mock."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from liveavatar import LiveAvatar
from liveavatar.mock import MockServer
from tests.cli.support import KEY, RunCli
from tests.cli.test_account import UNKNOWN, one_line_failure, run_json

SECRET_VALUE = "sk-canary-secret-value-000111"


@pytest.fixture
def client(liveavatar_mock: MockServer) -> Iterator[LiveAvatar]:
    """An SDK client on the session's mock, to set the scene the CLI then reads."""
    with LiveAvatar(api_key=KEY, base_url=liveavatar_mock.url) as sdk:
        yield sdk


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """Standard input as a pipe holding the secret's value, as `echo VALUE | liveavatar secrets create` gives it."""
    piped = io.StringIO(SECRET_VALUE + "\n")
    monkeypatch.setattr(sys, "stdin", piped)
    return piped


def test_contexts_create_reads_the_texts_from_files(cli: RunCli, tmp_path: Path) -> None:
    """`contexts create --prompt-file --opening-text-file` sends the files' text; `${name}` becomes a required variable."""
    prompt = tmp_path / "prompt.txt"
    prompt.write_text("You help ${name} with their order.\nBe brief.", encoding="utf-8")
    opening = tmp_path / "opening.txt"
    opening.write_text("Hello ${name}!", encoding="utf-8")

    created = run_json(
        cli, "contexts", "create", "--name", "Orders", "--prompt-file", str(prompt), "--opening-text-file", str(opening)
    )

    assert isinstance(created, dict)
    assert ("You help ${name} with their order.\nBe brief.", "Hello ${name}!") == (
        created["prompt"],
        created["opening_text"],
    )
    assert ["name"] == created["required_dynamic_variables"]


def test_contexts_ls_get_update_and_delete(cli: RunCli, client: LiveAvatar) -> None:
    """`contexts ls` lists a context by name, `update --name` keeps its prompt, `delete` removes it."""
    context = client.contexts.create(name="Old", prompt="Be kind.", opening_text="Hi")

    listed = run_json(cli, "contexts", "ls")
    updated = run_json(cli, "contexts", "update", context.id, "--name", "New", "--link", "https://a.example/faq", "FAQ")
    shown = run_json(cli, "contexts", "get", context.id)
    deleted = run_json(cli, "contexts", "delete", context.id)

    assert [(context.id, "Old")] == [(item["id"], item["name"]) for item in listed]  # type: ignore[attr-defined]
    assert ("New", "Be kind.", "Hi") == (updated["name"], updated["prompt"], updated["opening_text"])  # type: ignore[index]
    assert ["https://a.example/faq"] == [link["url"] for link in shown["links"]]  # type: ignore[index]
    assert {"context_id": context.id, "deleted": True} == deleted
    assert [] == run_json(cli, "contexts", "ls")


def test_contexts_create_from_a_missing_file_exits_3_before_sending(
    cli: RunCli, tmp_path: Path, liveavatar_mock: MockServer
) -> None:
    """A prompt file that cannot be read exits 3 with one line naming it, and nothing is sent."""
    missing = tmp_path / "nope.txt"

    code, line = one_line_failure(
        cli, "contexts", "create", "--name", "n", "--prompt-file", str(missing), "--opening-text", ""
    )

    assert 3 == code
    assert str(missing) in line
    assert [] == liveavatar_mock.requests


def test_contexts_create_needs_a_prompt_and_an_opening_text(cli: RunCli) -> None:
    """`contexts create` without a prompt is a usage error (exit 2) naming the prompt options."""
    code, line = one_line_failure(cli, "contexts", "create", "--name", "n", "--opening-text", "")

    assert 2 == code
    assert "--prompt" in line


def test_contexts_get_of_a_non_uuid_exits_3_naming_the_argument(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """An id that is not a UUID is refused before sending, named as the argument typed."""
    code, line = one_line_failure(cli, "contexts", "get", "not-a-uuid")

    assert 3 == code
    assert "CONTEXT_ID" in line
    assert [] == liveavatar_mock.requests


def test_secrets_create_reads_the_value_from_standard_input_and_never_prints_it(
    cli: RunCli, liveavatar_mock: MockServer, stdin: io.StringIO
) -> None:
    """`secrets create` stores standard input's value less its line break; neither output nor `ls` shows it."""
    code, out, err = cli("secrets", "create", "--name", "openai", "--type", "OPENAI_API_KEY")
    listed = run_json(cli, "secrets", "ls")

    assert (0, "") == (code, err)
    created = json.loads(out)
    assert SECRET_VALUE == liveavatar_mock.stored_secret(created["id"])
    assert SECRET_VALUE not in out + json.dumps(listed)
    assert [created["id"]] == [item["id"] for item in listed]  # type: ignore[attr-defined]


def test_secrets_create_reads_the_value_from_a_named_environment_variable(
    cli: RunCli, liveavatar_mock: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--value-env NAME` takes the value from that variable, here a Cartesia key."""
    monkeypatch.setenv("MY_PROVIDER_KEY", SECRET_VALUE)

    created = run_json(
        cli, "secrets", "create", "--name", "k", "--type", "CARTESIA_API_KEY", "--value-env", "MY_PROVIDER_KEY"
    )

    assert SECRET_VALUE == liveavatar_mock.stored_secret(created["id"])  # type: ignore[index]


def test_secrets_create_from_an_unset_variable_exits_3_before_sending(
    cli: RunCli, liveavatar_mock: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `--value-env` naming an unset variable exits 3 with one line naming it, and nothing is sent."""
    monkeypatch.delenv("NOT_SET_HERE", raising=False)

    code, line = one_line_failure(
        cli, "secrets", "create", "--name", "k", "--type", "OPENAI_API_KEY", "--value-env", "NOT_SET_HERE"
    )

    assert 3 == code
    assert "NOT_SET_HERE" in line
    assert [] == liveavatar_mock.requests


def test_secrets_create_refuses_a_value_on_the_command_line(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """There is no option for the value: one given is a usage error (exit 2) that does not echo it."""
    code, line = one_line_failure(
        cli, "secrets", "create", "--name", "k", "--type", "OPENAI_API_KEY", "--value", SECRET_VALUE
    )

    assert 2 == code
    assert SECRET_VALUE not in line
    assert [] == liveavatar_mock.requests


def test_secrets_create_with_an_empty_value_exits_3_naming_where_it_comes_from(
    cli: RunCli, liveavatar_mock: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty standard input is refused before sending, the message saying where the value is read from."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    code, line = one_line_failure(cli, "secrets", "create", "--name", "k", "--type", "OPENAI_API_KEY")

    assert 3 == code
    assert "standard input" in line
    assert [] == liveavatar_mock.requests


def test_secrets_delete_removes_a_secret(cli: RunCli, client: LiveAvatar) -> None:
    """`secrets delete` removes the secret from `secrets ls`."""
    secret = client.secrets.create(name="k", value=SECRET_VALUE, type="OPENAI_API_KEY")

    deleted = run_json(cli, "secrets", "delete", secret.id)

    assert {"secret_id": secret.id, "deleted": True} == deleted
    assert [] == run_json(cli, "secrets", "ls")


def test_llm_configs_create_get_update_ls_and_delete(cli: RunCli, client: LiveAvatar) -> None:
    """The LLM configuration commands round-trip one configuration, `update` changing only what is given."""
    secret = client.secrets.create(name="k", value=SECRET_VALUE, type="OPENAI_API_KEY")

    created = run_json(
        cli, "llm-configs", "create", "--display-name", "Mine", "--model-name", "gpt-4o-mini",
        "--secret-id", secret.id, "--llm-base-url", "https://llm.example/v1",
    )  # fmt: skip
    config_id = created["id"]  # type: ignore[index]
    updated = run_json(cli, "llm-configs", "update", config_id, "--model-name", "gpt-4o")
    shown = run_json(cli, "llm-configs", "get", config_id)
    listed = run_json(cli, "llm-configs", "ls")
    deleted = run_json(cli, "llm-configs", "delete", config_id)

    assert ("Mine", "gpt-4o") == (updated["display_name"], updated["model_name"])  # type: ignore[index]
    assert "https://llm.example/v1" == shown["base_url"]  # type: ignore[index]
    assert [config_id] == [item["id"] for item in listed]  # type: ignore[attr-defined]
    assert {"config_id": config_id, "deleted": True} == deleted


def test_llm_configs_create_with_an_unknown_secret_exits_3(cli: RunCli) -> None:
    """A configuration naming a secret the account does not hold is refused (400): exit 3, one line."""
    code, _ = one_line_failure(
        cli, "llm-configs", "create", "--display-name", "Mine", "--model-name", "m", "--secret-id", UNKNOWN
    )

    assert 3 == code


def test_llm_configs_create_with_an_empty_name_names_the_option(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """An input problem is said in the option typed (`--display-name`), before sending."""
    code, line = one_line_failure(
        cli, "llm-configs", "create", "--display-name", "", "--model-name", "m", "--secret-id", UNKNOWN
    )

    assert 3 == code
    assert "--display-name" in line
    assert [] == liveavatar_mock.requests


class _Terminal(io.StringIO):
    """Standard input that is a terminal."""

    def isatty(self) -> bool:
        return True


def test_secrets_create_at_a_terminal_asks_for_the_value_without_echo(
    cli: RunCli, liveavatar_mock: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a terminal the value is read with getpass (no echo), and stored as typed."""
    prompts: list[str] = []

    def typed(prompt: str = "") -> str:
        prompts.append(prompt)
        return SECRET_VALUE

    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr("getpass.getpass", typed)

    created = run_json(cli, "secrets", "create", "--name", "k", "--type", "OPENAI_API_KEY")

    assert 1 == len(prompts)
    assert SECRET_VALUE == liveavatar_mock.stored_secret(created["id"])  # type: ignore[index]


def test_secrets_create_without_standard_input_exits_3(
    cli: RunCli, liveavatar_mock: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no standard input at all (a detached process) the command says to use --value-env, sending nothing."""
    monkeypatch.setattr(sys, "stdin", None)

    code, line = one_line_failure(cli, "secrets", "create", "--name", "k", "--type", "OPENAI_API_KEY")

    assert 3 == code
    assert "--value-env" in line
    assert [] == liveavatar_mock.requests


def test_contexts_create_from_a_file_that_is_not_utf8_exits_3(
    cli: RunCli, tmp_path: Path, liveavatar_mock: MockServer
) -> None:
    """A prompt file that is not UTF-8 text is refused in one line naming it, before sending."""
    prompt = tmp_path / "latin1.txt"
    prompt.write_bytes("caf\xe9".encode("latin-1"))

    code, line = one_line_failure(
        cli, "contexts", "create", "--name", "n", "--prompt-file", str(prompt), "--opening-text", ""
    )

    assert 3 == code
    assert "not UTF-8" in line
    assert [] == liveavatar_mock.requests
