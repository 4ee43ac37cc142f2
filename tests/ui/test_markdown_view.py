"""The Markdown view on its own: splitting prose from fenced code, highlighting, streaming, Copy, inline code."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.ui.chat.markdown_view import Block, MarkdownView, highlight, split_blocks

pytestmark = pytest.mark.gui

REPLY = """Here is a function:

```python
def add(a, b):
    return a + b
```

Call it with `add(1, 2)`.

~~~
plain ``` text
~~~
"""


def test_split_blocks_separates_prose_and_fenced_code() -> None:
    assert split_blocks(REPLY) == [
        Block("text", "Here is a function:"),
        Block("code", "def add(a, b):\n    return a + b", "python"),
        Block("text", "Call it with `add(1, 2)`."),
        Block("code", "plain ``` text", ""),
    ]
    # Indented fences lose that indentation from their lines; a longer closing fence closes; info after the language.
    assert split_blocks("  ```js title=x\n  let a;\n    b\n`````") == [Block("code", "let a;\n  b", "js")]
    # Inline code with three backticks on one line is not a fence.
    assert split_blocks("say ```x``` here") == [Block("text", "say ```x``` here")]


def test_an_unfinished_fence_is_code_so_far_while_it_streams() -> None:
    assert split_blocks("Look:\n```py\nx = 1\ny =") == [Block("text", "Look:"), Block("code", "x = 1\ny =", "py",
                                                                                          closed=False)]
    # The closing fence as it arrives, one backtick at a time, never shows up in the code.
    assert split_blocks("```py\nx = 1\n``")[-1] == Block("code", "x = 1", "py", closed=False)
    assert split_blocks("```py\nx = 1\n```")[-1] == Block("code", "x = 1", "py")
    assert split_blocks("```") == [Block("code", "", "", closed=False)]


def test_highlight_keeps_the_exact_text_and_colours_keywords() -> None:
    code = "def f(x):\n\treturn 'é' + x  # done\n\n"
    runs = highlight(code, "python")
    assert "".join(text for text, _fmt in runs) == code
    keyword = next(fmt for text, fmt in runs if text == "def")
    name = next(fmt for text, fmt in runs if text == "f")
    assert keyword.foreground().color() != name.foreground().color() or keyword.fontWeight() != name.fontWeight()
    # An unknown language is shown as plain text, not refused.
    assert "".join(text for text, _f in highlight("x", "no-such-language")) == "x"


def test_the_view_renders_highlighted_code_with_a_copy_button(qtbot) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.set_markdown(REPLY)
    first, second = view.code_blocks()
    assert first.language.text() == "python" and second.language.text() == "code"
    doc = first.view.document()
    assert doc.toPlainText() == "def add(a, b):\n    return a + b"
    colours = {doc.findBlockByNumber(0).begin().fragment().charFormat().foreground().color().name()}
    it = doc.findBlockByNumber(0).begin()
    while not it.atEnd():
        colours.add(it.fragment().charFormat().foreground().color().name())
        it += 1
    assert len(colours) > 1, "the code is highlighted in more than one colour"
    qtbot.mouseClick(second.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "plain ``` text"
    assert second.copy_button.text() == "Copied"
    # Inline code in prose has a background of its own.
    prose = view.prose_views()[1]
    formats = []
    it = prose.document().begin().begin()
    while not it.atEnd():
        formats.append((it.fragment().text(), it.fragment().charFormat()))
        it += 1
    code_format = dict(formats)["add(1, 2)"]
    assert code_format.background().style() != Qt.BrushStyle.NoBrush
    assert dict(formats)["Call it with "].background().style() == Qt.BrushStyle.NoBrush
    assert view.markdown() == REPLY and "def add" in view.plain_text() and "```python" not in view.plain_text()


def test_streaming_renders_only_what_changed(qtbot) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.set_streaming(True)
    text = "Intro paragraph.\n\n```python\n"
    view.set_markdown(text)
    prose = view.prose_views()[0]
    block = view.code_blocks()[0]
    renders_of_prose = []
    prose.document().contentsChanged.connect(lambda: renders_of_prose.append(1))
    code = "".join(f"value_{i} = {i}\n" for i in range(20))
    for cut in range(0, len(code), 7):  # pieces that end anywhere: mid-word, mid-line, on a newline
        view.set_markdown(text + code[:cut + 7])
        assert block.code() == code[:cut + 7]
    assert view.prose_views()[0] is prose and view.code_blocks()[0] is block  # the same widgets, updated
    assert renders_of_prose == [], "the prose before the code is not rendered again"
    assert block.view.full_renders == 1, "a growing code block only highlights its new lines"
    assert block.view.document().toPlainText() == code
    view.set_markdown(text + code + "```\nDone.")
    assert block.view.full_renders == 2  # the closing fence: the whole block, highlighted exactly once more
    assert view.prose_views()[-1].toPlainText() == "Done."
    assert block.code() == code.rstrip("\n") == block.view.document().toPlainText()
    # A reply that turns out different (regenerated) replaces the blocks.
    view.set_markdown("Just words.")
    assert view.code_blocks() == [] and view.plain_text() == "Just words."
    view.set_streaming(False)
