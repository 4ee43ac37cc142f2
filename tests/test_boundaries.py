"""The architecture's import rules (docs/ARCHITECTURE.md §2), checked in a clean interpreter."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

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
                if module == "PySide6" and path.relative_to(ROOT / "desktop").parts[0] in ("core", "server"):
                    offenders.append(f"{path.relative_to(ROOT)}: {stripped}")
    assert offenders == []


def _desktop_imports() -> dict[str, set[str]]:
    """Every desktop module and the desktop modules it imports, at the top or inside a function alike."""
    modules = {}
    for path in (ROOT / "desktop").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and Path(modules[target]).name != "__init__.py":
                    found.add(target)
        graph[name] = found
    return graph


def test_no_import_circles_in_the_app() -> None:
    """Modules import one another in one direction only (issue: llm → gguf_check → model_probe → llm, and
    main_window ↔ window_controller ↔ self_test were circles)."""
    graph = _desktop_imports()
    assert "desktop.ui.shell.main_window" in graph["desktop.ui.shell.window_controller"]  # the graph is real
    assert "desktop.core.model_probe" in graph["desktop.core.gguf_check"]  # (a function-level import counts)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert circles == []


FEATURES = ("chat", "voice", "models", "server", "settings")
# The shell puts the window together; what the features may use of it is the shared plumbing, never the composition.
SHELL_COMPOSITION = {"main_window", "window_controller", "self_test", "run", "tray", "shortcut_sheet", "licences"}


def test_the_window_parts_never_import_how_the_window_is_put_together() -> None:
    offenders = []
    for name, imported in _desktop_imports().items():
        parts = name.split(".")
        if parts[:2] != ["desktop", "ui"] or len(parts) < 4 or parts[2] not in FEATURES:
            continue
        for target in imported:
            bits = target.split(".")
            if bits[:3] == ["desktop", "ui", "shell"] and len(bits) > 3 and bits[3] in SHELL_COMPOSITION:
                offenders.append(f"{name} imports {target}")
    assert offenders == []
    # Every module of the window lives in a room named after what the user sees.
    loose = [p.name for p in (ROOT / "desktop" / "ui").glob("*.py") if p.name != "__init__.py"]
    assert loose == []
