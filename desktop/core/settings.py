"""The one typed settings object, loaded and saved atomically as JSON in the config directory."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
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
    live_transcript: bool = True  # show what is said while the key is held (desktop/ui/voice/live_controller.py)
    # After a spoken reply, listen for the next question without a key (voice activity ends the take). Off by default.
    conversation_mode: bool = False
    end_of_speech_s: float = 0.7  # conversation mode: this much silence ends the take
    max_record_s: float = 120.0
    sounds: bool = False
    theme: str = "system"  # "system", "light" or "dark"
    # The window's language ("de", "fr", …; Qt translations, desktop/ui/i18n); "" follows the system's locale.
    window_language: str = ""
    # Whether the first start's "Your language" question (desktop/ui/shell/first_run.py) has been answered; until it
    # is, the window asks it once per start. A settings file written before the question existed counts as answered
    # (SettingsStore.load): its user had set things up already and is not asked again.
    language_chosen: bool = False
    # Push-to-talk while another application has focus (desktop/ui/voice/global_hotkey.py; X11 only). Off by default.
    global_hotkey: bool = False
    global_hotkey_key: str = "Ctrl+Alt+Space"
    # Type what I say: a take of the global key is typed into the application in front (desktop/ui/voice/dictation.py)
    # instead of going to Chinwag. Off by default.
    dictation: bool = False
    tray_icon: bool = True  # where the desktop has a tray
    # Speaking (desktop/core/speech_out.py): replies read aloud as they stream; the voice is a catalog id.
    speak_replies: bool = False
    voice: str = "piper-joe-us-medium"
    # The voice for each other language a reply may be in ("de" -> a catalog voice id); a language not here gets the
    # catalog's first voice for it (desktop/core/languages.voice_for_language).
    voices_by_language: dict[str, str] = field(default_factory=dict)
    speech_speed: float = 1.0  # 1.0 is the voice's own pace
    speech_volume: float = 1.0
    output_device: str | None = None
    output_host_api: str | None = None
    # More detail in the log file, and what was said and answered (off: the log never holds message texts).
    debug_logging: bool = False
    # The local OpenAI-compatible API server (desktop/server): off by default, loopback only, its key in the keyring.
    api_server: bool = False
    api_port: int = 8765
    api_require_key: bool = True  # off: any program on this computer may use it without the key
    api_cors_origins: list[str] = field(default_factory=list)  # web origins allowed to call it (CORS); none
    # Which of Chinwag's own actions programs using the API may have run, when they ask for them (desktop/server/
    # app.py): "off" (none), "read-only" (the time, the date, calculations, unit conversions: nothing changes on this
    # desktop) or "all" (timers and reminders too, which ring here). Off by default: another program must not set
    # things off on the user's desktop unless the user said so.
    api_actions: str = "off"

    def system_prompt_for(self, variant_id: str) -> str:
        return self.variant_system_prompts.get(variant_id, self.system_prompt)

    def generation_params(self) -> GenerationParams:
        return GenerationParams(**{f.name: getattr(self, f.name) for f in dataclasses.fields(GenerationParams)})


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}
_DEFAULTS = Settings()
_OPTIONAL_TEXT = ("input_device", "input_host_api", "output_device", "output_host_api")
# Read errors worth another try (a sync tool or an antivirus holding the file for a moment): the pauses between.
_READ_RETRY_PAUSES_S = (0.05, 0.15, 0.4)
_OPTIONAL_NUMBER = {"temperature": float, "top_p": float, "top_k": int, "min_p": float, "repeat_penalty": float}
# Settings that are one of a few words: anything else in the file is a wrong value (the default is used)
_CHOICES = {"api_actions": ("off", "read-only", "all")}


def _accepts(name: str, value: Any) -> bool:
    default = getattr(_DEFAULTS, name)
    if name in _CHOICES:
        return value in _CHOICES[name]
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
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if isinstance(default, dict):
        return isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        )
    return isinstance(value, type(default))


class SettingsStore:
    """Reads and writes `Settings`; nothing the user set is ever thrown away.

    Only a file that does not parse is set aside (as settings.json.corrupt-<time>) and defaults used. A file that
    cannot be *read* (locked for a moment by a sync tool or an antivirus, a permission problem) is retried, then
    reported and left alone; the next save first keeps a copy of it. A Hugging Face token found in an old file
    moves to the system keyring (desktop/core/secrets.py) and out of the file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.warnings: list[str] = []
        # The file on disk was not read into these settings: a save must not silently replace it.
        self._unread_file = False

    def load(self) -> Settings:
        self.warnings = []
        self._unread_file = False
        data = self._read_bytes()
        if data is None:
            return Settings()
        try:
            raw = json.loads(data.decode("utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("the top level is not an object")
        except ValueError as error:  # JSON and UTF-8 errors alike: the bytes are there, they are not settings
            self._set_aside(error)
            return Settings()
        if "hf_token" in raw:
            self._move_token(raw.pop("hf_token"))
        if "language_chosen" not in raw:
            raw["language_chosen"] = True  # written by a version before the first-run question: not asked again
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

    def _read_bytes(self) -> bytes | None:
        """The file's bytes, None when there is none; retried a few times, never mistaken for damage."""
        error: OSError | None = None
        for pause in (*_READ_RETRY_PAUSES_S, None):
            try:
                return self.path.read_bytes()
            except FileNotFoundError:
                return None
            except OSError as exc:
                error = exc
                log.info("Reading %s failed (%s); trying again.", self.path, exc)
                if pause is not None:
                    time.sleep(pause)
        self._unread_file = True
        self._warn(f"The settings file {self.path} could not be read ({error}); using defaults for now. The file was "
                   "left untouched, and a copy of it is kept before anything is saved over it.")
        return None

    def _set_aside(self, error: Exception) -> None:
        backup = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(self.path, backup)
        except OSError as move_error:
            self._unread_file = True
            self._warn(f"Settings file was unreadable ({error}); using defaults. It could not be set aside "
                       f"({move_error}), so it was left where it is: {self.path}.")
            return
        self._warn(f"Settings file was unreadable ({error}); using defaults. The old file is kept as {backup}.")

    def _move_token(self, token: Any) -> None:
        """An access token from an older version goes to the keyring, then out of settings.json."""
        from desktop.core.secrets import load_hf_token, save_hf_token

        try:
            if isinstance(token, str) and token.strip() and load_hf_token(self.path.parent) is None:
                where = save_hf_token(token, self.path.parent)
                log.info("The Hugging Face token moved from settings.json to %s.", where)
        except Exception:  # the keyring or the disk failed: keep the file as it is, try again next start
            log.warning("Could not move the Hugging Face token out of settings.json; it stays there for now.",
                        exc_info=True)
            return
        self._rewrite_without_token()

    def _rewrite_without_token(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            raw.pop("hf_token", None)
            self._write_text(json.dumps(raw, indent=2, sort_keys=True))
        except (OSError, ValueError):
            log.warning("Could not rewrite settings.json without the token; it will be dropped at the next save.",
                        exc_info=True)

    def save(self, settings: Settings) -> None:
        if self._unread_file and self.path.exists():
            # What the user had could not be read at start-up: keep it before writing over it.
            kept = self.path.with_name(f"{self.path.name}.kept-{time.strftime('%Y%m%d-%H%M%S')}")
            shutil.copy2(self.path, kept)  # an OSError here stops the save: better unsaved than lost
            self._warn(f"The settings file that could not be read earlier is kept as {kept}.")
            self._unread_file = False
        self._write_text(json.dumps(dataclasses.asdict(settings), indent=2, sort_keys=True))

    def _write_text(self, data: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
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
