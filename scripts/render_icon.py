"""Renders the SVG app icon to a PNG of the given size (for the .deb, the .run and Windows/macOS icons).

    python scripts/render_icon.py assets/icons/chinwag.svg build/icons/chinwag.png 256
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    source, target, size = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    _app = QGuiApplication([])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        print(f"render_icon: {source} is not a valid SVG", file=sys.stderr)
        return 1
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    return 0 if image.save(str(target)) else 1


if __name__ == "__main__":
    raise SystemExit(main())
