"""The architecture's import rules (docs/ARCHITECTURE.md §2), checked in a clean interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

CORE_MODULES = [
    "desktop.core.settings", "desktop.core.catalog", "desktop.core.hub", "desktop.core.audio",
    "desktop.core.stt", "desktop.core.llm", "desktop.core.store", "desktop.core.turn",
    "desktop.context", "desktop.cli",
    # The local API server is Qt-free too: the CLI and the window both run it.
    "desktop.server.app", "desktop.server.runner", "desktop.server.server",
]


def _loaded_after_import(modules: list[str]) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def test_core_and_cli_import_no_qt_and_no_training_libraries() -> None:
    loaded = _loaded_after_import(CORE_MODULES)
    top = {name.split(".")[0] for name in loaded}
    assert "PySide6" not in top
    assert not top & {"torch", "transformers", "unsloth", "trl", "peft", "datasets"}


def test_no_desktop_source_imports_training_libraries() -> None:
    offenders = []
    for path in (ROOT / "desktop").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")):
                module = stripped.split()[1].split(".")[0]
                if module in {"torch", "transformers", "unsloth", "trl", "peft", "datasets"}:
                    offenders.append(f"{path.relative_to(ROOT)}: {stripped}")
                if module == "PySide6" and ("core" in path.parts or "server" in path.parts):
                    offenders.append(f"{path.relative_to(ROOT)}: {stripped}")
    assert offenders == []
