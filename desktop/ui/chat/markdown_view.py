"""A reply's Markdown, for reading: prose through Qt's Markdown importer (inline code styled), and each fenced code
block as a block of its own, highlighted by Pygments, with a Copy button that copies exactly its code.

While a reply streams, it is split into blocks again on every refresh, and only blocks whose text changed are
rendered again (the last one, nearly always). A code block that only grew since its last refresh highlights just
its new complete lines and shows the unfinished line plain; the whole block is highlighted once more when its fence
closes or the reply ends. Each refresh therefore costs about what arrived since the last one, however long the
reply is (besides re-splitting the text, a cheap scan of its lines).
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# CommonMark fences: three or more backticks or tildes, indented at most three spaces. A backtick fence's info string
# holds no backtick (else the line is inline code).
_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_CLOSE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")
_FENCE_START = re.compile(r"^ {0,3}(`{1,}|~{1,})$")  # the start of a fence still being written, on the last line


@dataclass(frozen=True)
class Block:
    """A run of prose ("text") or one fenced code block ("code": its code, exactly, without the fences)."""

    kind: str
    text: str
    language: str = ""
    closed: bool = True  # a code block whose closing fence has arrived (or prose)


def split_blocks(markdown: str) -> list[Block]:
    """The Markdown as prose and fenced code blocks, in order. A fence with no closing line yet (a reply still
    streaming) is a code block holding the code so far; the start of a closing fence being written is left out."""
    blocks: list[Block] = []
    prose: list[str] = []
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        opened = _OPEN.match(lines[i])
        if opened is None or (opened.group(2)[0] == "`" and "`" in opened.group(3)):
            prose.append(lines[i])
            i += 1
            continue
        if any(line.strip() for line in prose):
            blocks.append(Block("text", "\n".join(prose).strip("\n")))
        prose = []
        indent, fence, info = len(opened.group(1)), opened.group(2), opened.group(3).strip()
        language = info.split()[0] if info else ""
        code: list[str] = []
        closed = False
        i += 1
        while i < len(lines):
            line = lines[i]
            shut = _CLOSE.match(line)
            if shut is not None and shut.group(1)[0] == fence[0] and len(shut.group(1)) >= len(fence):
                closed = True
                i += 1
                break
            if i == len(lines) - 1 and _FENCE_START.match(line) and line.strip()[0] == fence[0]:
                i += 1  # "``" on the last line: most likely the closing fence, arriving
                break
            code.append(_dedent(line, indent))
            i += 1
        blocks.append(Block("code", "\n".join(code), language, closed))
    if any(line.strip() for line in prose):
        blocks.append(Block("text", "\n".join(prose).strip("\n")))
    return blocks


def _dedent(line: str, indent: int) -> str:
    """A fenced line loses as many leading spaces as the opening fence had (CommonMark)."""
    strip = 0
    while strip < indent and strip < len(line) and line[strip] == " ":
        strip += 1
    return line[strip:]


# ---- highlighting -----------------------------------------------------------------------------------------------

LIGHT_STYLE = "default"
DARK_STYLE = "monokai"


@lru_cache(maxsize=64)
def lexer_for(language: str) -> Any:
    """Pygments' lexer for a fence's language name (python, js, sh, ...), or plain text for none or an unknown one.
    Leading and trailing newlines are kept, so code lexed in pieces joins up exactly."""
    from pygments.lexers import get_lexer_by_name
    from pygments.lexers.special import TextLexer
    from pygments.util import ClassNotFound

    options = {"stripnl": False, "ensurenl": False, "stripall": False}
    if language:
        try:
            return get_lexer_by_name(language.lower(), **options)
        except ClassNotFound:
            pass
    return TextLexer(**options)


@lru_cache(maxsize=4)
def _style(name: str) -> Any:
    from pygments.styles import get_style_by_name

    return get_style_by_name(name)


@lru_cache(maxsize=2048)
def _format(style_name: str, token_type: Any) -> QTextCharFormat:
    """The character format Pygments' style gives a token type (colour, bold, italic, underline)."""
    spec = _style(style_name).style_for_token(token_type)
    fmt = QTextCharFormat()
    if spec.get("color"):
        fmt.setForeground(QColor(f"#{spec['color']}"))
    if spec.get("bgcolor"):
        fmt.setBackground(QColor(f"#{spec['bgcolor']}"))
    fmt.setFontWeight(QFont.Weight.Bold if spec.get("bold") else QFont.Weight.Normal)
    fmt.setFontItalic(bool(spec.get("italic")))
    fmt.setFontUnderline(bool(spec.get("underline")))
    return fmt


def highlight(code: str, language: str, style_name: str = LIGHT_STYLE) -> list[tuple[str, QTextCharFormat]]:
    """The code as (text, format) runs, in order; the texts join up to exactly `code`."""
    return [(text, _format(style_name, token)) for token, text in lexer_for(language).get_tokens(code) if text]


_warming: threading.Thread | None = None


def warm_up_lexers(languages: tuple[str, ...] = ("python",)) -> None:
    """Import Pygments and the commonest lexer on a thread of their own (about 60 ms here): started when a turn is
    sent, it is done by the time a reply's first code block arrives, and the window never waits for the import in
    one piece (the import gives the GIL up every few milliseconds)."""
    global _warming
    if _warming is not None:
        return

    def warm() -> None:
        for language in languages:
            list(lexer_for(language).get_tokens("x = 1\n"))
        _style(LIGHT_STYLE)
        _style(DARK_STYLE)

    _warming = threading.Thread(target=warm, name="warm-up-highlighting", daemon=True)
    _warming.start()


def warm_up_fonts() -> None:
    """Lay out a line of code once (the fixed-pitch font is looked up and loaded on first use, ~25 ms here): called
    while the window is built, before it shows, so the first code block of a reply does not pay for it."""
    view = CodeView()
    view.set_code("x = 1", "", True, LIGHT_STYLE)
    view.document().size()
    view.deleteLater()


def style_background(style_name: str) -> QColor:
    return QColor(_style(style_name).background_color or "#f8f8f8")


def dark_palette(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


# ---- widgets ------------------------------------------------------------------------------------------------------


class _FittedText(QTextBrowser):
    """A read-only text view exactly as tall as its text (the chat scrolls, not each part of a message)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setOpenExternalLinks(True)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard
                                     | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)

    def _fit_height(self, size) -> None:  # noqa: ANN001 (QSizeF)
        margins = self.contentsMargins()
        self.setFixedHeight(math.ceil(size.height()) + margins.top() + margins.bottom())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(200, self.height())


class ProseView(_FittedText):
    """Markdown prose; inline `code` gets a tinted background so it stands out from the words around it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._markdown = ""

    def set_markdown(self, text: str) -> None:
        if text == self._markdown:
            return
        self._markdown = text
        self.setMarkdown(text)
        if "`" in text or "    " in text:
            self._style_code()

    def markdown(self) -> str:
        return self._markdown

    def _style_code(self) -> None:
        dark = dark_palette(self.palette())
        tint = QTextCharFormat()
        tint.setBackground(QColor("#3a3f4b") if dark else QColor("#eceef1"))
        tint.setForeground(QColor("#e6c07b") if dark else QColor("#b02a37"))
        doc = self.document()
        cursor = QTextCursor(doc)
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.fontFixedPitch() or "monospace" in (fmt.fontFamilies() or []):
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.mergeCharFormat(tint)
                it += 1
            block = block.next()


class CodeView(_FittedText):
    """Highlighted code: set it again as it grows, and only the new complete lines are lexed (see the module)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.document().setDefaultFont(font)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self._code = ""
        self._language = ""
        self._style_name = LIGHT_STYLE
        self._lexed = 0  # characters of `_code` shown highlighted; the rest (an unfinished line) is shown plain
        self._tail_at = 0  # document position where that plain rest starts
        self.full_renders = 0  # how often the whole block was highlighted (for tests of the incremental path)

    def code(self) -> str:
        return self._code

    def set_code(self, code: str, language: str, final: bool, style_name: str) -> None:
        same_setup = language == self._language and style_name == self._style_name
        if same_setup and code == self._code and (not final or self._lexed == len(code)):
            return
        grew = same_setup and self.full_renders > 0 and code.startswith(self._code)
        self._language, self._style_name = language, style_name
        if final or not grew:
            self._render_all(code, final)
        else:
            self._append(code)
        self._code = code

    def _render_all(self, code: str, final: bool) -> None:
        self.full_renders += 1
        self.document().clear()
        self._lexed, self._tail_at = 0, 0
        self._code = ""
        if final:
            cursor = QTextCursor(self.document())
            for text, fmt in highlight(code, self._language, self._style_name):
                cursor.insertText(text, fmt)
            self._lexed = len(code)
            self._tail_at = cursor.position()
            return
        self._append(code)

    def _append(self, code: str) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._tail_at)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        end = code.rfind("\n", self._lexed) + 1  # up to the last complete line
        if end > self._lexed:
            for text, fmt in highlight(code[self._lexed:end], self._language, self._style_name):
                cursor.insertText(text, fmt)
            self._lexed = end
        self._tail_at = cursor.position()
        rest = code[self._lexed:]
        if rest:
            cursor.insertText(rest, _format(self._style_name, _text_token()))


def _text_token() -> Any:
    from pygments.token import Text

    return Text


class CodeBlock(QFrame):
    """One fenced code block: its language, a Copy button, and the highlighted code."""

    copied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeBlock")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.language = QLabel("")
        self.language.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.copy_button = QToolButton(self)
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy this code to the clipboard"))
        self.copy_button.setAccessibleName(self.tr("Copy code"))
        self.copy_button.setAutoRaise(True)
        self.copy_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.copy_button.clicked.connect(self.copy)
        self.view = CodeView(self)
        self.view.setAccessibleName(self.tr("Code"))
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.language)
        header.addStretch(1)
        header.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 6)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.view)
        self._restore = QTimer(self)
        self._restore.setSingleShot(True)
        self._restore.setInterval(1500)
        self._restore.timeout.connect(lambda: self.copy_button.setText(self.tr("Copy")))
        self._style_name = ""

    def set_block(self, block: Block, final: bool) -> None:
        style_name = DARK_STYLE if dark_palette(self.palette()) else LIGHT_STYLE
        if style_name != self._style_name:
            self._style_name = style_name
            palette = self.palette()
            palette.setColor(QPalette.ColorRole.Window, style_background(style_name))
            self.setPalette(palette)
        self.language.setText(block.language or self.tr("code"))
        self.view.set_code(block.text, block.language, final or block.closed, style_name)

    def code(self) -> str:
        return self.view.code()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code())
        self.copy_button.setText(self.tr("Copied"))
        self._restore.start()
        self.copied.emit(self.code())


class MarkdownView(QWidget):
    """A message's whole text: prose and code blocks, one widget each, re-rendered only where the text changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._markdown = ""
        self._parts: list[tuple[Block, ProseView | CodeBlock]] = []
        self._streaming = False

    def markdown(self) -> str:
        return self._markdown

    def set_streaming(self, streaming: bool) -> None:
        """While streaming, an unclosed code block is drawn cheaply; at the end, everything is drawn exactly."""
        was, self._streaming = self._streaming, streaming
        if was and not streaming:
            self._render(force_final=True)

    def set_markdown(self, text: str) -> None:
        if text == self._markdown:
            return
        self._markdown = text
        self._render()

    def _render(self, force_final: bool = False) -> None:
        blocks = split_blocks(self._markdown)
        final = force_final or not self._streaming
        for index, block in enumerate(blocks):
            if index < len(self._parts):
                old, widget = self._parts[index]
                if old == block and not (final and isinstance(widget, CodeBlock)):
                    continue
                if (block.kind == "code") != isinstance(widget, CodeBlock):
                    self._drop_from(index)
            if index >= len(self._parts):
                widget = CodeBlock(self) if block.kind == "code" else ProseView(self)
                self._layout.addWidget(widget)
                self._parts.append((block, widget))
            widget = self._parts[index][1]
            if isinstance(widget, CodeBlock):
                widget.set_block(block, final)
            else:
                widget.set_markdown(block.text)
            self._parts[index] = (block, widget)
        self._drop_from(len(blocks))

    def _drop_from(self, index: int) -> None:
        for _block, widget in self._parts[index:]:
            self._layout.removeWidget(widget)
            widget.deleteLater()
        del self._parts[index:]

    # ---- what tests and the controllers read -------------------------------------------------------------------

    def code_blocks(self) -> list[CodeBlock]:
        return [w for _b, w in self._parts if isinstance(w, CodeBlock)]

    def prose_views(self) -> list[ProseView]:
        return [w for _b, w in self._parts if isinstance(w, ProseView)]

    def plain_text(self) -> str:
        """What the reader sees, as plain text (Markdown syntax rendered away)."""
        return "\n".join(w.code() if isinstance(w, CodeBlock) else w.toPlainText() for _b, w in self._parts)
