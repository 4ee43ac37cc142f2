"""About → Licences: what the installed Chinwag is licensed under, and every bundled part's licence.

The installer carries THIRD-PARTY-NOTICES.txt, written at package time from the bundled packages' own metadata
(scripts/third_party_notices.py, called by build.spec). Run from a source checkout there is no installer, so the same
generator describes the installed runtime dependencies instead.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

log = logging.getLogger(__name__)
NOTICES_NAME = "THIRD-PARTY-NOTICES.txt"
SUMMARY = QT_TRANSLATE_NOOP(
    "LicencesDialog",
    "Chinwag's own source code is licensed under the Apache License 2.0. The installers also contain Piper and "
    "espeak-ng (GNU GPL version 3), so Chinwag as installed from them is distributed as a whole under the GNU GPL "
    "version 3. Qt and PySide6 (GNU LGPL version 3) are separate libraries you may replace. Below: every part with its "
    "version, its licence and its licence text, and where the source code of each copyleft part is."
)


def bundled_notices() -> Path | None:
    """The notices file of the installed bundle, if this is one."""
    root = getattr(sys, "_MEIPASS", None)
    if root is None:
        return None
    path = Path(root) / NOTICES_NAME
    return path if path.is_file() else None


def notices_text() -> str:
    """The bundle's notices; from a source checkout, the same notices for the installed runtime dependencies."""
    path = bundled_notices()
    if path is not None:
        return path.read_text(encoding="utf-8", errors="replace")
    script = Path(__file__).resolve().parents[3] / "scripts" / "third_party_notices.py"
    if script.is_file():
        try:
            notices = _load_generator(script)
            return notices.render(notices.runtime_parts(), notices._version(), notices.downloadable_models(),
                                  where="the installed runtime dependencies of this source checkout")
        except Exception:  # noqa: BLE001 - a broken environment still gets the summary and where to look
            log.exception("could not describe the installed packages' licences")
    return QCoreApplication.translate(
        "LicencesDialog", "The licence notices come with the installer (THIRD-PARTY-NOTICES.txt). In a source "
        "checkout, run python scripts/third_party_notices.py --out NOTICES.txt to write them.")


def _load_generator(script: Path):  # noqa: ANN202 - the module scripts/third_party_notices.py
    name = "chinwag_third_party_notices"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


class LicencesDialog(QDialog):
    """Non-modal: the summary, then the full notices, read-only and selectable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Licences"))
        self.setAccessibleName(self.tr("Licences"))
        self.resize(820, 620)
        self.summary = QLabel(self.tr(SUMMARY), self)
        self.summary.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Licence notices"))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText(notices_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
