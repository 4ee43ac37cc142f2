"""Qt views and controllers. Only this package imports PySide6."""
