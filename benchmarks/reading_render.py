"""The cost of drawing a streaming reply: Chinwag's Markdown view against re-rendering the whole reply every time.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/reading_render.py [--chars 20000] [--json]

A long reply (prose, lists and Python code blocks, the kind a "write me a program" question gets) is fed to a shown
message piece by piece, as the chat controller does: every refresh (one per 50 ms of a 130 tok/s stream, about
6 tokens) sets the text so far, then the event loop lays out and paints. Each refresh is timed, that is, how long
the window's event loop is blocked by it. Compared in the same run with the old way (one QTextBrowser, the whole
reply through setMarkdown every refresh, no highlighting). Printed: the median and worst refresh over the reply's
last quarter (where the reply is longest), and over all of it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHUNK_CHARS = 24  # ~6 tokens of ~4 characters: what 50 ms of a 130 tok/s stream brings


def long_reply(chars: int) -> str:
    parts = []
    n = 0
    while sum(len(p) for p in parts) < chars:
        n += 1
        parts.append(f"## Step {n}\n\nHere is how the `step_{n}` function works, with *some* words about it and a "
                     f"list:\n\n- it reads the input\n- it returns `value * {n}`\n\n")
        body = "\n".join(f"    total += value * {i}  # line {i}" for i in range(12))
        parts.append(f"```python\ndef step_{n}(value: int) -> int:\n    \"\"\"Step {n}.\"\"\"\n    total = 0\n{body}\n"
                     f"    return total\n```\n\n")
    return "".join(parts)[:chars]


def run(kind: str, text: str) -> list[float]:
    from PySide6.QtWidgets import QApplication, QScrollArea

    from desktop.ui.chat.message_widget import MessageWidget

    app = QApplication.instance()
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.resize(800, 700)
    if kind == "chinwag":
        widget = MessageWidget("assistant")
        widget.set_streaming(True)
        area.setWidget(widget)

        def refresh(so_far: str) -> None:
            widget.set_text(so_far)
    else:
        from PySide6.QtWidgets import QTextBrowser

        browser = QTextBrowser()
        area.setWidget(browser)

        def refresh(so_far: str) -> None:
            browser.setMarkdown(so_far)
    area.show()
    app.processEvents()
    times = []
    for end in range(CHUNK_CHARS, len(text) + CHUNK_CHARS, CHUNK_CHARS):
        started = time.perf_counter()
        refresh(text[:end])
        app.processEvents()
        times.append((time.perf_counter() - started) * 1000)
    if kind == "chinwag":
        started = time.perf_counter()
        widget.set_streaming(False)  # the end of the reply: every code block highlighted exactly once more
        app.processEvents()
        times.append((time.perf_counter() - started) * 1000)
    area.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=20_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from desktop.ui.shell.main_window import ensure_application

    ensure_application()
    text = long_reply(args.chars)
    result: dict[str, object] = {"chars": len(text), "refreshes": len(range(0, len(text), CHUNK_CHARS))}
    for kind in ("chinwag", "whole_reply"):
        times = run(kind, text)
        tail = times[len(times) * 3 // 4:]
        result[kind] = {
            "median_ms": round(statistics.median(times), 2),
            "max_ms": round(max(times), 2),
            "last_quarter_median_ms": round(statistics.median(tail), 2),
            "last_quarter_max_ms": round(max(tail), 2),
            "total_s": round(sum(times) / 1000, 2),
        }
    for kind in ("chinwag", "whole_reply"):
        r = result[kind]
        assert isinstance(r, dict)
        print(f"{kind:12s} per refresh: median {r['median_ms']} ms, worst {r['max_ms']} ms; last quarter of the "
              f"reply: median {r['last_quarter_median_ms']} ms, worst {r['last_quarter_max_ms']} ms; "
              f"all refreshes {r['total_s']} s")
    print(f"({result['chars']} characters, {result['refreshes']} refreshes of {CHUNK_CHARS} characters)")
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
