"""The status bar: the model in use (with a busy indicator while one loads), network state, last timings."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from desktop.core.turn import TurnTimings


class ChinwagStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QLabel("No model")
        self.model.setAccessibleName("Current model")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: loading time is unknown
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(12)
        self.busy.setAccessibleName("Loading model")
        self.busy.setVisible(False)
        self.network = QLabel("")
        self.network.setAccessibleName("Network")
        self.timings = QLabel("")
        self.timings.setAccessibleName("Last turn timings")
        self.speaking = QLabel("")
        self.speaking.setAccessibleName("Speaking")
        self.addWidget(self.model)
        self.addWidget(self.busy)
        self.addPermanentWidget(self.speaking)
        self.addPermanentWidget(self.timings)
        self.addPermanentWidget(self.network)

    def show_model(self, label: str, loading: bool = False) -> None:
        self.model.setText(f"Loading {label}…" if loading else f"Model: {label}")
        self.busy.setVisible(loading)

    def show_speaking(self, speaking: bool) -> None:
        self.speaking.setText("🔊 Speaking… (Esc to stop)" if speaking else "")

    def show_network(self, online: bool) -> None:
        # Chinwag never needs the network after a download; say so, so "online" does not worry anyone.
        self.network.setText("● Online (not needed)" if online else "● Offline")
        self.network.setToolTip("Everything runs on this computer; the network is only used for downloads.")

    def show_timings(self, t: TurnTimings) -> None:
        parts = []
        if t.stt_s:
            parts.append(f"speech {t.stt_s * 1000:.0f} ms")
        parts.append(f"first token {t.ttft_s * 1000:.0f} ms")
        if t.decode_tok_s:
            parts.append(f"{t.decode_tok_s:.0f} tok/s")
        self.timings.setText(" · ".join(parts))
