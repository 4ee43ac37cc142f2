"""Qt views and controllers. Only this package imports PySide6."""

from desktop.ui.shell import pyside_fixes

pyside_fixes.apply()
