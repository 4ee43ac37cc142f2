"""The README's screenshot, taken from the real window under Xvfb, mid-conversation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, cli_env, need

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(("theme", "name", "language"), [("light", "screenshot.png", "en"),
                                                         ("dark", "screenshot-dark.png", "en"),
                                                         ("light", "screenshot-de.png", "de")])
def test_screenshot_of_the_real_window_under_xvfb(theme, name, language, tmp_path, starter_gguf, whisper_dir) -> None:
    need(shutil.which("xvfb-run") is not None, "xvfb-run is not installed")
    # CHINWAG_UPDATE_SCREENSHOT=1 refreshes the README's pictures; otherwise the run leaves the tree untouched.
    update = os.environ.get("CHINWAG_UPDATE_SCREENSHOT") == "1"
    out = ROOT / "docs" / name if update else tmp_path / name
    env = cli_env(tmp_path)
    env.pop("QT_QPA_PLATFORM", None)  # a real X11 window this time
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, str(ROOT / "tests/ui/screenshot.py"),
         str(out), theme, language],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 1000 and image.height() >= 600
    # Not a blank frame: a real window has many distinct colours (text, buttons, bubbles).
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20
    assert os.path.getsize(out) > 20_000
    # The theme asked for: a dark window is mostly dark, a light one mostly light.
    samples = [QColor(image.pixel(x, y)).lightness() for x in range(0, image.width(), 11)
               for y in range(0, image.height(), 11)]
    median = sorted(samples)[len(samples) // 2]
    assert median < 90 if theme == "dark" else median > 200
