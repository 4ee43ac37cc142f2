"""The Hugging Face token: system keyring when there is one, a private file with a warning when there is none."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError

from desktop.core.secrets import SERVICE, USERNAME, load_hf_token, save_hf_token, token_file

TOKEN = "hf_abcdefghijklmnopqrstuvwxyz012345"


class MemoryKeyring(KeyringBackend):
    """A keyring backend through keyring's own API, holding passwords in a dict (the test's system keyring)."""

    priority = 5  # type: ignore[assignment]  # "recommended", like a desktop's Secret Service

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.store.pop((service, username), None) is None:
            raise PasswordDeleteError("not there")


@pytest.fixture
def use_keyring():
    """Install a backend for one test and put the previous one back afterwards."""
    previous = keyring.get_keyring()

    def install(backend: KeyringBackend) -> KeyringBackend:
        keyring.set_keyring(backend)
        return backend

    yield install
    keyring.set_keyring(previous)


def test_keyring_holds_the_token_and_no_file_is_written(tmp_path: Path, use_keyring, caplog) -> None:
    memory = use_keyring(MemoryKeyring())
    caplog.set_level(logging.DEBUG)
    where = save_hf_token(TOKEN, tmp_path)
    assert "keyring" in where
    assert memory.store == {(SERVICE, USERNAME): TOKEN}
    assert not token_file(tmp_path).exists()
    assert load_hf_token(tmp_path) == TOKEN
    assert save_hf_token(None, tmp_path).startswith("nowhere")
    assert memory.store == {} and load_hf_token(tmp_path) is None
    assert save_hf_token("", tmp_path).startswith("nowhere")  # removing twice is fine
    assert TOKEN not in caplog.text


def test_without_a_keyring_a_private_file_and_a_warning(tmp_path: Path, use_keyring, caplog) -> None:
    use_keyring(fail.Keyring())  # what a headless Linux without a Secret Service gets
    caplog.set_level(logging.DEBUG)
    where = save_hf_token(f"  {TOKEN}\n", tmp_path / "config")
    path = token_file(tmp_path / "config")
    assert str(path) in where and "no keyring" in where
    assert path.read_text() == TOKEN
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert any(r.levelno == logging.WARNING and "No system keyring" in r.getMessage() for r in caplog.records)
    assert load_hf_token(tmp_path / "config") == TOKEN
    assert [p.name for p in path.parent.iterdir()] == ["hf_token"]  # no temporary file left behind
    save_hf_token(None, tmp_path / "config")
    assert not path.exists() and load_hf_token(tmp_path / "config") is None
    assert TOKEN not in caplog.text


def test_a_keyring_appearing_later_takes_over_from_the_file(tmp_path: Path, use_keyring) -> None:
    use_keyring(fail.Keyring())
    save_hf_token(TOKEN, tmp_path)
    memory = use_keyring(MemoryKeyring())
    assert load_hf_token(tmp_path) == TOKEN  # still found in the file
    save_hf_token("hf_new", tmp_path)
    assert memory.store[(SERVICE, USERNAME)] == "hf_new"
    assert not token_file(tmp_path).exists()  # the old copy does not linger



class LockedKeyring(MemoryKeyring):
    """A keyring that holds the key but cannot be read now (locked, the unlock prompt dismissed)."""

    def get_password(self, service: str, username: str) -> str | None:
        from keyring.errors import KeyringLocked

        raise KeyringLocked("the collection is locked")


def test_a_failed_keyring_read_never_makes_a_new_api_key(tmp_path: Path, use_keyring) -> None:
    from desktop.core.secrets import API_KEY_USERNAME, SecretUnreadable, api_key_file, ensure_api_key

    memory = use_keyring(MemoryKeyring())
    key = ensure_api_key(tmp_path)  # made on first use, kept in the keyring
    assert memory.store[(SERVICE, API_KEY_USERNAME)] == key and ensure_api_key(tmp_path) == key
    locked = use_keyring(LockedKeyring())
    locked.store = dict(memory.store)
    with pytest.raises(SecretUnreadable, match="no new key was made"):
        ensure_api_key(tmp_path)
    assert locked.store[(SERVICE, API_KEY_USERNAME)] == key  # the clients' key is still the one kept
    assert not api_key_file(tmp_path).exists()
    use_keyring(memory)  # unlocked again: the same key
    assert ensure_api_key(tmp_path) == key
    # The token's reader is not strict: a locked keyring reads as "no token", as before.
    use_keyring(LockedKeyring())
    assert load_hf_token(tmp_path) is None
