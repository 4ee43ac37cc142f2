"""The one typed settings object, loaded and saved atomically as JSON in the config directory."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.llm import GenerationParams

log = logging.getLogger(__name__)

DEFAULT_SYSTEM_PROMPT = (
    "You are Chinwag, a friendly voice assistant running offline on the user's laptop. "
    "Answer clearly and briefly; the user is speaking to you."
)


@dataclass
class Settings:
    llm_variant: str = "llama-3.2-1b-finetome-q4_k_m"
    whisper_model: str = "whisper-tiny.en"
    language: str = "en"
    input_device: str | None = None
    # The host API the microphone was chosen under (Windows lists one microphone under MME, DirectSound and WASAPI).
    input_host_api: str | None = None
    system_prompt: str = DEFAULT_SYSTEM_PROMPT
    # Per-variant system prompts override `system_prompt` for that variant.
    variant_system_prompts: dict[str, str] = field(default_factory=dict)
    # Sampling, kept flat for a readable file. None: the model's own recommendation (its catalog entry, else its
    # family's defaults, see llm.family_defaults); a number is the user's explicit choice and always wins.
    temperature: float | None = None
    top_p: float | None = None
    top_k: int | None = None
    min_p: float | None = None
    repeat_penalty: float | None = None
    max_tokens: int = GenerationParams.max_tokens
    seed: int = GenerationParams.seed
    n_threads: int = 0  # 0: one per physical core, decided at load time
    context_size: int = 4096
    ptt_key: str = "Space"
    ptt_mode: str = "hold"  # "hold" or "toggle"
    review_transcript: bool = False
    max_record_s: float = 120.0
    sounds: bool = False
    theme: str = "system"  # "system", "light" or "dark"
    hf_token: str | None = None

    def system_prompt_for(self, variant_id: str) -> str:
        return self.variant_system_prompts.get(variant_id, self.system_prompt)

    def generation_params(self) -> GenerationParams:
        return GenerationParams(**{f.name: getattr(self, f.name) for f in dataclasses.fields(GenerationParams)})


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}
_DEFAULTS = Settings()
_OPTIONAL_TEXT = ("input_device", "input_host_api", "hf_token")
_OPTIONAL_NUMBER = {"temperature": float, "top_p": float, "top_k": int, "min_p": float, "repeat_penalty": float}


def _accepts(name: str, value: Any) -> bool:
    default = getattr(_DEFAULTS, name)
    if name in _OPTIONAL_TEXT:
        return value is None or isinstance(value, str)
    if name in _OPTIONAL_NUMBER:
        if value is None:
            return True
        kinds = (int, float) if _OPTIONAL_NUMBER[name] is float else (int,)
        return isinstance(value, kinds) and not isinstance(value, bool)
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, dict):
        return isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        )
    return isinstance(value, type(default))


class SettingsStore:
    """Reads and writes `Settings`. A damaged file never stops the app: it is kept aside and defaults used."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.warnings: list[str] = []

    def load(self) -> Settings:
        self.warnings = []
        if not self.path.exists():
            return Settings()
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("the top level is not an object")
        except (OSError, UnicodeDecodeError, ValueError) as error:
            backup = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
            os.replace(self.path, backup)
            self._warn(f"Settings file was unreadable ({error}); using defaults. The old file is kept as {backup}.")
            return Settings()
        values: dict[str, Any] = {}
        for name, value in raw.items():
            if name not in _FIELDS:
                self._warn(f"Ignoring unknown setting {name!r}.")
            elif not _accepts(name, value):
                self._warn(f"Setting {name!r} has a wrong value {value!r}; using the default.")
            else:
                wants_float = isinstance(getattr(_DEFAULTS, name), float) or _OPTIONAL_NUMBER.get(name) is float
                values[name] = float(value) if wants_float and value is not None else value
        return Settings(**values)

    def save(self, settings: Settings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(dataclasses.asdict(settings), indent=2, sort_keys=True)
        # Write beside the target and rename: a crash mid-write leaves the old file whole.
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _warn(self, message: str) -> None:
        log.warning(message)
        self.warnings.append(message)
