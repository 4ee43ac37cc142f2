"""Takes the README's screenshot: the real window mid-conversation (a reply still streaming).

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tests/ui/screenshot.py docs/screenshot.png
    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tests/ui/screenshot.py docs/screenshot-dark.png dark
    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tests/ui/screenshot.py docs/screenshot-de.png light de

Runs on isolated settings and history in a temporary folder, with the bundled starter model. The first turn
is spoken (assets/hello.wav goes through push-to-talk in place of a microphone), the second typed and caught
while its answer streams. In another window language (the third argument; its .qm compiled, `make translations`)
one question is typed in that language instead. Exits non-zero on failure.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

QUESTION = "Give me three tips for a good night's sleep, as a Markdown list, and explain each tip in two sentences."
# A question in the window's language, typed (the bundled speech model understands English only). One turn: the small
# starter model answers a first German question in German, but echoes the history back at a second one.
QUESTIONS = {"de": "Was ist die Hauptstadt von Deutschland?"}


def main(out: Path, theme: str = "light", language: str = "en") -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QGuiApplication

    from desktop.context import AppContext
    from desktop.core.audio import PcmSource, read_wav
    from desktop.core.paths import AppPaths, assets_dir
    from desktop.core.settings import Settings, SettingsStore
    from desktop.ui.shell.main_window import MainWindow, apply_theme, ensure_application
    from desktop.ui.shell.window_controller import WindowController
    from desktop.ui.shell.window_language import install_translations

    home = Path(tempfile.mkdtemp(prefix="chinwag-shot-"))
    paths = AppPaths(home / "config", home / "data")
    SettingsStore(paths.settings_file).save(Settings(n_threads=2, context_size=2048, max_tokens=160, seed=11,
                                                     temperature=0.3, theme=theme,
                                                     window_language="" if language == "en" else language))
    ensure_application()
    context = AppContext.build(paths=paths, hub_endpoint="http://127.0.0.1:9")
    if language != "en":  # as desktop/ui/shell/run.py does, before any widget is built
        if install_translations(context.settings.window_language) != language:
            raise SystemExit(f"no compiled translation for {language!r}: run make translations")
    apply_theme(context.settings.theme)
    window = MainWindow()
    window.resize(1180, 760)
    c = WindowController(context, window)
    pcm = read_wav(assets_dir() / "hello.wav")
    c.ptt.source_factory = lambda: PcmSource(pcm)

    def wait(condition, timeout_s: float = 180.0) -> None:  # noqa: ANN001
        deadline = time.monotonic() + timeout_s
        loop = QEventLoop()
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out; notice: {window.notices.text()}")
            QTimer.singleShot(10, loop.quit)
            loop.exec()

    c.show()
    wait(lambda: c.models.loaded_llm is not None and c.models.loaded_whisper is not None)
    window.notices.dismiss()
    finished: list[object] = []
    c.chat.turn_finished.connect(finished.append)
    question = QUESTIONS.get(language, QUESTION)
    if language == "en":
        c.ptt.press()
        wait(lambda: c.ptt.state == "recording")
        QTimer.singleShot(400, c.ptt.release)
        wait(lambda: len(finished) == 1)

    window.input_bar.text.setPlainText(question)
    c.chat.send_typed()
    # Mid-conversation: the typed question is in, and its answer is still being written (or, a short one, written).
    wait(lambda: (c.chat.replying and c.chat.reply_widget() is not None and len(c.chat.reply_widget().text()) > 60)
         or len(finished) == (2 if language == "en" else 1))
    QGuiApplication.processEvents()
    screen = window.screen()
    shot = screen.grabWindow(window.winId()) if QGuiApplication.platformName() == "xcb" else window.grab()
    if shot.isNull():
        shot = window.grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not shot.save(str(out), "PNG"):
        raise SystemExit(f"could not write {out}")
    c.chat.stop()
    window.close()
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png",
                          sys.argv[2] if len(sys.argv) > 2 else "light", sys.argv[3] if len(sys.argv) > 3 else "en"))
