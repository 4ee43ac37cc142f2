"""The look: a calm light and dark palette, one stylesheet over both, and the icon set tinted to match.

`apply_theme("system")` follows the desktop's light/dark setting (and its later changes); "light" and "dark"
force one. The palette carries the colours (so every Fusion widget, and the message bubbles, which blend palette
roles, follow); the stylesheet adds only what a palette cannot say: rounded fields and buttons, the primary
button, the message cards (by the object names message_widget.py gives them), quiet separators.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from desktop.core.paths import assets_dir

_ICON_INK = "#1f2328"  # the stroke colour the SVGs are drawn with; replaced by the palette's text colour


@dataclass(frozen=True)
class Colors:
    name: str
    window: str  # the window's background: the chat column and dialogs
    surface: str  # fields, lists, the sidebar
    raised: str  # buttons, the assistant's messages
    border: str
    text: str
    muted: str  # secondary text: timings, placeholders
    accent: str  # one calm blue for the primary action, selection and focus
    accent_text: str
    user_bubble: str
    danger: str


LIGHT = Colors("light", window="#f7f7f8", surface="#ffffff", raised="#ffffff", border="#d9dbe0", text="#1f2328",
               muted="#656d76", accent="#3a6fd8", accent_text="#ffffff", user_bubble="#e8effc", danger="#c4314b")
DARK = Colors("dark", window="#1b1d21", surface="#282c33", raised="#2f343c", border="#434952", text="#e6e8eb",
              muted="#9aa3ad", accent="#6f9cf0", accent_text="#10151f", user_bubble="#263453", danger="#f0707f")


def current_scheme(theme: str) -> str:
    """"light" or "dark": the forced choice, else what the desktop says (light when it says nothing)."""
    if theme in ("light", "dark"):
        return theme
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def palette_for(colors: Colors) -> QPalette:
    p = QPalette()
    c = {k: QColor(v) for k, v in colors.__dict__.items() if k != "name"}
    roles = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, roles.Window, c["window"])
        p.setColor(group, roles.WindowText, c["text"])
        p.setColor(group, roles.Base, c["surface"])
        p.setColor(group, roles.AlternateBase, c["raised"] if colors.name == "dark" else QColor("#f1f2f4"))
        p.setColor(group, roles.ToolTipBase, c["raised"])
        p.setColor(group, roles.ToolTipText, c["text"])
        p.setColor(group, roles.PlaceholderText, c["muted"])
        p.setColor(group, roles.Text, c["text"])
        p.setColor(group, roles.Button, c["raised"])
        p.setColor(group, roles.ButtonText, c["text"])
        p.setColor(group, roles.BrightText, c["danger"])
        p.setColor(group, roles.Highlight, c["accent"])
        p.setColor(group, roles.HighlightedText, c["accent_text"])
        p.setColor(group, roles.Link, c["accent"])
        p.setColor(group, roles.Mid, c["border"])
        p.setColor(group, roles.Midlight, c["border"])
        p.setColor(group, roles.Dark, c["border"])
        p.setColor(group, roles.Light, c["raised"])
        p.setColor(group, roles.Shadow, QColor(0, 0, 0, 60))
    disabled = QColor(c["muted"])
    disabled.setAlpha(150)
    for role in (roles.WindowText, roles.Text, roles.ButtonText, roles.PlaceholderText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    for role in (roles.Window, roles.Base, roles.Button, roles.AlternateBase):
        p.setColor(QPalette.ColorGroup.Disabled, role, p.color(QPalette.ColorGroup.Active, role))
    return p


def stylesheet(c: Colors) -> str:
    return f"""
QToolTip {{ color: {c.text}; background: {c.raised}; border: 1px solid {c.border}; padding: 4px 6px; }}
QToolBar {{ background: {c.window}; border: none; border-bottom: 1px solid {c.border}; padding: 4px 8px;
            spacing: 6px; }}
QStatusBar {{ background: {c.window}; border-top: 1px solid {c.border}; color: {c.muted}; }}
QStatusBar QLabel {{ color: {c.muted}; padding: 0 6px; }}
QStatusBar QLabel#statusModel {{ color: {c.text}; }}
QStatusBar QLabel#statusListening {{ color: {c.danger}; font-weight: 600; }}
QPushButton {{ background: {c.raised}; color: {c.text}; border: 1px solid {c.border}; border-radius: 7px;
               padding: 5px 12px; }}
QPushButton:hover {{ border-color: {c.accent}; }}
QPushButton:pressed, QPushButton:checked {{ background: {c.user_bubble}; border-color: {c.accent}; }}
QPushButton:disabled {{ color: {c.muted}; border-color: {c.border}; }}
QPushButton:focus {{ border-color: {c.accent}; }}
QPushButton#primaryButton {{ background: {c.accent}; color: {c.accent_text}; border-color: {c.accent};
                             font-weight: 600; }}
QPushButton#primaryButton:disabled {{ background: {c.border}; color: {c.muted}; border-color: {c.border}; }}
QToolButton {{ border: 1px solid transparent; border-radius: 6px; padding: 3px 5px; color: {c.text}; }}
QToolButton:hover {{ background: {c.user_bubble}; border-color: {c.border}; }}
QLineEdit, QPlainTextEdit {{
    background: {c.surface}; color: {c.text}; border: 1px solid {c.border}; border-radius: 7px; padding: 4px 6px;
    selection-background-color: {c.accent}; selection-color: {c.accent_text}; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border-color: {c.accent}; }}
QComboBox QAbstractItemView {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border};
                               selection-background-color: {c.accent}; selection-color: {c.accent_text}; }}
QListWidget, QTableWidget, QTreeView {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border};
    border-radius: 8px; gridline-color: {c.border}; selection-background-color: {c.user_bubble};
    selection-color: {c.text}; outline: none; }}
QListWidget::item {{ padding: 6px 8px; border-radius: 6px; }}
QListWidget::item:selected {{ background: {c.user_bubble}; color: {c.text}; }}
QHeaderView::section {{ background: {c.window}; color: {c.muted}; border: none; border-bottom: 1px solid {c.border};
                        padding: 4px 6px; }}
QGroupBox {{ border: 1px solid {c.border}; border-radius: 10px; margin-top: 14px; padding: 10px 8px 6px 8px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: {c.muted}; font-weight: 600; }}
QProgressBar {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 4px; text-align: center;
                color: {c.text}; }}
QProgressBar::chunk {{ background: {c.accent}; border-radius: 3px; }}
QSplitter::handle {{ background: {c.border}; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QScrollArea {{ border: none; background: {c.window}; }}
QTextBrowser {{ background: transparent; border: none; }}
QFrame#userMessage {{ background: {c.user_bubble}; border: 1px solid {c.user_bubble}; border-radius: 12px; }}
QFrame#assistantMessage {{ background: {c.raised}; border: 1px solid {c.border}; border-radius: 12px; }}
QLabel#liveTranscript {{ color: {c.text}; }}
QLabel#handsFree {{ color: {c.danger}; font-weight: 600; }}
QWidget#listeningOverlay {{ background: {c.raised}; border: 1px solid {c.accent}; border-radius: 14px; }}
QLabel#listeningText {{ color: {c.text}; font-size: 15px; font-weight: 600; }}
QLabel#managerHint, QLabel#sheetHint {{ color: {c.muted}; }}
"""


def colors_for(theme: str) -> Colors:
    return DARK if current_scheme(theme) == "dark" else LIGHT


class ThemeState:
    """What was applied last: the setting ("system", "light", "dark") and the colours it resolved to."""

    setting = "system"
    forced = False  # a light/dark choice was pushed to Qt's style hints (undone when "system" is chosen again)
    colors: Colors = LIGHT
    _following = False


def apply_theme(theme: str) -> Colors:
    """Set the colour scheme hint, the palette, the stylesheet and the icons' ink for `theme`."""
    hints = QGuiApplication.styleHints()
    scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(theme, Qt.ColorScheme.Unknown)
    ThemeState.setting = theme
    if theme != "system" or ThemeState.forced:
        hints.setColorScheme(scheme)  # back to the desktop's own (Unknown) when leaving a forced choice
    ThemeState.forced = theme != "system"
    return _restyle(theme)


def _restyle(theme: str) -> Colors:
    app = QApplication.instance()
    hints = QGuiApplication.styleHints()
    colors = colors_for(theme)
    ThemeState.colors = colors
    icon.cache_clear()  # before the palette changes: widgets fetch their icons again when it does
    if isinstance(app, QApplication):
        app.setPalette(palette_for(colors))
        app.setStyleSheet(stylesheet(colors))
        for widget in app.topLevelWidgets():  # windows that draw icons of the set redraw them in the new ink
            decorate = getattr(widget, "decorate", None)
            if callable(decorate):
                decorate()
        if not ThemeState._following:
            # "Follow the system": the desktop switching light/dark later re-applies the look.
            ThemeState._following = True
            hints.colorSchemeChanged.connect(_system_changed)
    return colors


def _system_changed(_scheme: Qt.ColorScheme) -> None:
    if ThemeState.setting == "system" and colors_for("system") != ThemeState.colors:
        _restyle("system")


def icon_names() -> list[str]:
    return sorted(p.stem for p in (assets_dir() / "icons").glob("*.svg") if p.stem != "chinwag")


@lru_cache(maxsize=128)
def icon(name: str, color: str | None = None) -> QIcon:
    """An icon of the set (assets/icons/<name>.svg), drawn in the theme's text colour (or `color`)."""
    path = assets_dir() / "icons" / f"{name}.svg"
    svg = path.read_text(encoding="utf-8").replace(_ICON_INK, color or ThemeState.colors.text)
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    result = QIcon()
    for size in (16, 20, 24, 32, 48):
        for ratio in (1.0, 2.0):
            pixmap = QPixmap(QSize(int(size * ratio), int(size * ratio)))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter, QRectF(0, 0, size, size))
            painter.end()
            result.addPixmap(pixmap)
    return result
