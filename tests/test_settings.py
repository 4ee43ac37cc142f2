from __future__ import annotations

import json
import os
from pathlib import Path

from desktop.core.settings import Settings, SettingsStore


def test_defaults_when_no_file(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    assert store.load() == Settings()
    assert store.warnings == []


def test_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "cfg" / "settings.json")
    settings = Settings(temperature=0.2, top_k=7, input_device="USB mic", variant_system_prompts={"a": "b"})
    store.save(settings)
    assert SettingsStore(store.path).load() == settings
    assert [p.name for p in store.path.parent.iterdir()] == ["settings.json"]  # no temp file left behind


def test_corrupted_file_gives_defaults_keeps_backup_and_warns(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"temperature": 0.3, "top_k": ')  # cut off mid-write by an older version
    store = SettingsStore(path)
    assert store.load() == Settings()
    assert len(store.warnings) == 1 and "unreadable" in store.warnings[0]
    backups = list(tmp_path.glob("settings.json.corrupt-*"))
    assert len(backups) == 1
    assert backups[0].read_text() == '{"temperature": 0.3, "top_k": '
    assert not path.exists()
    store.save(Settings(temperature=0.4))
    assert SettingsStore(path).load().temperature == 0.4


def test_binary_garbage_and_wrong_top_level(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(os.urandom(64) + b"\xff\xfe")
    assert SettingsStore(path).load() == Settings()
    path.write_text("[1, 2]")
    assert SettingsStore(path).load() == Settings()
    assert len(list(tmp_path.glob("settings.json.corrupt-*"))) >= 1


def test_wrong_types_and_unknown_keys_fall_back_per_field(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"temperature": "hot", "top_k": 5, "max_tokens": True, "colour": "red",
                                "review_transcript": True, "top_p": 1}))
    store = SettingsStore(path)
    settings = store.load()
    assert settings.temperature == Settings().temperature
    assert settings.max_tokens == Settings().max_tokens
    assert settings.top_k == 5 and settings.review_transcript is True
    assert settings.top_p == 1.0 and isinstance(settings.top_p, float)
    assert len(store.warnings) == 3
    assert any("colour" in w for w in store.warnings)


def test_a_transient_read_error_is_retried_not_treated_as_damage(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "settings.json"
    SettingsStore(path).save(Settings(temperature=0.3, ptt_key="F9"))
    real_read = Path.read_bytes
    failures = iter([PermissionError(13, "locked by another program")] * 2)

    def flaky_read(self: Path) -> bytes:  # an antivirus holding the file for a moment
        error = next(failures, None)
        if self == path and error is not None:
            raise error
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", flaky_read)
    store = SettingsStore(path)
    settings = store.load()
    assert settings.temperature == 0.3 and settings.ptt_key == "F9"
    assert store.warnings == []
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # nothing set aside


def test_a_file_that_stays_unreadable_is_reported_and_never_lost(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "settings.json"
    SettingsStore(path).save(Settings(temperature=0.3, ptt_key="F9"))
    original = path.read_bytes()
    real_read = Path.read_bytes

    def locked(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "locked by another program")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", locked)
    store = SettingsStore(path)
    assert store.load() == Settings()  # defaults for this session
    assert len(store.warnings) == 1 and "could not be read" in store.warnings[0] and "untouched" in store.warnings[0]
    assert real_read(path) == original and not list(tmp_path.glob("*.corrupt-*"))
    monkeypatch.undo()
    # Saving over it keeps a copy of what could not be read.
    store.save(Settings(theme="dark"))
    kept = list(tmp_path.glob("settings.json.kept-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == original
    assert SettingsStore(path).load().theme == "dark"


def test_a_real_read_error_is_not_mistaken_for_damage(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()  # reading gives an OSError (IsADirectoryError), the way a broken mount or ACL does
    store = SettingsStore(path)
    assert store.load() == Settings()
    assert "could not be read" in store.warnings[0]
    assert path.is_dir() and not list(tmp_path.glob("*.corrupt-*"))


def test_a_damaged_file_that_cannot_be_set_aside_is_reported_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    import desktop.core.settings as settings_module

    path = tmp_path / "settings.json"
    path.write_text("{ not json")

    def refuse(*args: object) -> None:
        raise PermissionError(13, "read-only folder")

    monkeypatch.setattr(settings_module.os, "replace", refuse)
    store = SettingsStore(path)
    assert store.load() == Settings()
    assert "could not be set aside" in store.warnings[0]
    assert path.read_text() == "{ not json"
    monkeypatch.undo()
    store.save(Settings())
    assert [p.read_text() for p in tmp_path.glob("settings.json.kept-*")] == ["{ not json"]


def test_an_old_token_moves_to_the_keyring_and_out_of_the_file(tmp_path: Path, caplog) -> None:
    import logging

    import keyring

    from desktop.core.secrets import SERVICE, USERNAME, load_hf_token
    from tests.test_secrets import MemoryKeyring

    token = "hf_OldTokenFromSettingsJson0123456789"
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"hf_token": token, "theme": "dark", "top_k": 5}))
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    caplog.set_level(logging.DEBUG)
    try:
        store = SettingsStore(path)
        settings = store.load()
        assert settings.theme == "dark" and settings.top_k == 5
        assert store.warnings == []
        assert memory.store[(SERVICE, USERNAME)] == token
        assert load_hf_token(tmp_path) == token
        on_disk = json.loads(path.read_text())
        assert "hf_token" not in on_disk and on_disk["theme"] == "dark"
        assert not hasattr(settings, "hf_token")
        store.save(settings)
        assert token not in path.read_text()
    finally:
        keyring.set_keyring(previous)
    assert token not in caplog.text


def test_debug_logging_is_a_setting(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    assert Settings().debug_logging is False
    store.save(Settings(debug_logging=True))
    assert store.load().debug_logging is True


def test_the_first_start_question_is_asked_on_a_fresh_install_only(tmp_path: Path) -> None:
    """No file: a first start, "Your language" is asked. A file from before the question existed: its user set things
    up already and is not asked. Once answered, the answer is kept."""
    path = tmp_path / "settings.json"
    assert SettingsStore(path).load().language_chosen is False
    path.write_text(json.dumps({"language": "de", "window_language": "de"}))
    old = SettingsStore(path).load()
    assert old.language_chosen is True and old.language == "de"
    SettingsStore(path).save(Settings(language_chosen=False))  # asked, left unanswered (Esc)
    assert SettingsStore(path).load().language_chosen is False
    SettingsStore(path).save(Settings(language_chosen=True))
    assert SettingsStore(path).load().language_chosen is True
    path.write_text('{"language": ')  # damaged: set aside as before, defaults, so the question comes again
    assert SettingsStore(path).load().language_chosen is False
