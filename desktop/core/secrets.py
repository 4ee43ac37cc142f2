"""Secrets kept in the system keyring, never in settings.json, never in a log: the Hugging Face access token, and
the local API server's key.

Where the system has no usable keyring (a headless Linux without a Secret Service, for one) the token goes to
a file in the config folder that only the user can read, and a warning says so. The token's value is never
passed to a logger or put into an error message.

Reading the keyring can block (a locked keyring asks to be unlocked), so the window reads it off its GUI thread. A
read that fails is not "no key": `ensure_api_key` then raises `SecretUnreadable` instead of making a new key, which
would lock out every client that has the old one.
"""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
from pathlib import Path

from desktop.core.errors import ChinwagError

log = logging.getLogger(__name__)

SERVICE = "Chinwag"
USERNAME = "huggingface-token"
TOKEN_FILE_NAME = "hf_token"
API_KEY_USERNAME = "local-api-key"  # the local API server's key (desktop/server)
API_KEY_FILE_NAME = "api_key"


class SecretUnreadable(ChinwagError):
    """The system keyring is there but could not be read (locked, the prompt dismissed, D-Bus timing out)."""


def _config_dir(config_dir: Path | None) -> Path:
    if config_dir is not None:
        return config_dir
    from desktop.core.paths import AppPaths

    return AppPaths.for_user().config_dir


def _usable_keyring():  # -> keyring.backend.KeyringBackend | None
    """The system keyring when keyring itself would recommend it (priority >= 1), else None.

    Below 1 are keyring's "fail" and "null" stand-ins, which store nothing, and plaintext stores that are no
    better than our own 0600 file.
    """
    try:
        import keyring
        from keyring.core import recommended

        backend = keyring.get_keyring()
        return backend if recommended(backend) else None
    except Exception as error:  # a broken D-Bus or backend plugin must not stop the app: the file still works
        log.warning("The system keyring is not available (%s); using a private file instead.", type(error).__name__)
        return None


def _backend_name(backend: object) -> str:
    return getattr(type(backend), "name", type(backend).__name__)


def token_file(config_dir: Path | None = None) -> Path:
    return _config_dir(config_dir) / TOKEN_FILE_NAME


def load_hf_token(config_dir: Path | None = None) -> str | None:
    """The saved token, from the keyring first, then from the fallback file; None when there is none."""
    return _load_secret(USERNAME, token_file(config_dir), "token")


def save_hf_token(token: str | None, config_dir: Path | None = None) -> str:
    """Store the token (None or "" removes it); returns where it went, in words, for a notice."""
    return _save_secret(USERNAME, token_file(config_dir), token, "the Hugging Face token")


def api_key_file(config_dir: Path | None = None) -> Path:
    return _config_dir(config_dir) / API_KEY_FILE_NAME


def load_api_key(config_dir: Path | None = None) -> str | None:
    """The local API server's key (desktop/server), None when none was made yet; SecretUnreadable when the keyring,
    which may hold it, could not be read."""
    return _load_secret(API_KEY_USERNAME, api_key_file(config_dir), "API key", strict=True)


def ensure_api_key(config_dir: Path | None = None) -> str:
    """The local API server's key; made (random, 32 bytes) and stored on first use, never because a read failed."""
    key = load_api_key(config_dir)  # SecretUnreadable passes through: better no server than a new key
    if key is None:
        key = new_api_key()
        where = _save_secret(API_KEY_USERNAME, api_key_file(config_dir), key, "the local API key")
        log.info("A new key for the local API server was made and kept in %s.", where)
    return key


def new_api_key() -> str:
    return "cw-" + secrets.token_urlsafe(32)


def _load_secret(username: str, path: Path, what: str, strict: bool = False) -> str | None:
    """The secret from the keyring, else from the private file; None when neither has it. `strict`: a keyring or
    file that could not be read raises SecretUnreadable instead of answering None."""
    failed = ""
    backend = _usable_keyring()
    if backend is not None:
        try:
            value = backend.get_password(SERVICE, username)
        except Exception as error:  # noqa: BLE001 - KeyringError, and a backend's own D-Bus or OS errors alike
            failed = f"the system keyring could not be read ({type(error).__name__})"
            log.warning("Reading the %s from the system keyring failed (%s).", what, type(error).__name__)
        else:
            if value:
                return value
    try:
        value = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        value = ""
    except OSError as error:
        log.warning("The %s file %s cannot be read (%s).", what, path, type(error).__name__)
        failed = failed or f"{path} could not be read ({type(error).__name__})"
        value = ""
    if value:
        return value
    if failed and strict:
        raise SecretUnreadable(f"The {what} could not be read: {failed}. Unlock the keyring (or fix the file) and "
                               "try again; no new key was made, so clients that have the key keep working.")
    return None


def _save_secret(username: str, path: Path, value: str | None, what: str) -> str:
    value = (value or "").strip() or None
    backend = _usable_keyring()
    if backend is not None:
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            if value is None:
                try:
                    backend.delete_password(SERVICE, username)
                except PasswordDeleteError:
                    pass  # nothing was stored: removing nothing is fine
            else:
                backend.set_password(SERVICE, username, value)
        except KeyringError as error:
            log.warning("The system keyring refused %s (%s); keeping it in a private file instead.",
                        what, type(error).__name__)
        else:
            path.unlink(missing_ok=True)  # one place only: a stale file copy would outlive a change
            if value is None:
                return f"nowhere ({what} was removed)"
            return f"the system keyring ({_backend_name(backend)})"
    if value is None:
        path.unlink(missing_ok=True)
        return f"nowhere ({what} was removed)"
    log.warning("No system keyring is available: %s is kept in %s, readable only by you.", what, path)
    _write_private(path, value)
    return f"a private file ({path}), as this system has no keyring"


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file 0600 from the start, so the token is never readable by others, not even briefly.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
