"""Where Chinwag keeps its files. Built once in the composition root and passed in."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "Chinwag"


def assets_dir() -> Path:
    """The shipped `assets/` folder, from a checkout or from inside a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "assets"
    return Path(__file__).resolve().parents[2] / "assets"


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path

    @classmethod
    def for_user(cls) -> AppPaths:
        # platformdirs honours XDG_CONFIG_HOME / XDG_DATA_HOME, which the tests use to isolate a run.
        import platformdirs

        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        )

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def user_catalog_file(self) -> Path:
        return self.config_dir / "catalog.json"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def database_file(self) -> Path:
        return self.data_dir / "conversations.sqlite3"
