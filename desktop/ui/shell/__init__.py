"""The shell: the main window, its controller, the tray, shortcuts, the theme, the model worker and the small
widgets every part uses."""
