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
