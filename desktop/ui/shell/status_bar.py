"""The status bar: what matters at a glance. Left: the language model (with a busy indicator while one loads) and
the speech model; right: listening or speaking, the last turn's timings, and the network state."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from desktop.core.turn import TurnTimings


class ChinwagStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.model = QLabel("No model")
        self.model.setObjectName("statusModel")
        self.model.setAccessibleName("Current model")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: loading time is unknown
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(12)
        self.busy.setAccessibleName("Loading model")
        self.busy.setVisible(False)
        self.speech_model = QLabel("")
        self.speech_model.setAccessibleName("Current speech model")
        self.network = QLabel("")
        self.network.setAccessibleName("Network")
        self.timings = QLabel("")
        self.timings.setAccessibleName("Last turn timings")
        self.timings.setToolTip("The last turn: transcription, time to the first word of the reply, reply speed")
        self.speaking = QLabel("")
        self.speaking.setAccessibleName("Speaking")
        self.listening = QLabel("")
        self.listening.setObjectName("statusListening")
        self.listening.setAccessibleName("Listening")
        self.addWidget(self.model)
        self.addWidget(self.busy)
        self.addWidget(self.speech_model)
        self.addPermanentWidget(self.listening)
        self.addPermanentWidget(self.speaking)
        self.addPermanentWidget(self.timings)
        self.addPermanentWidget(self.network)

    def show_model(self, label: str, loading: bool = False) -> None:
        self.model.setText(f"Loading {label}…" if loading else f"Model: {label}")
        self.model.setToolTip("The language model that answers" if not loading else "")
        self.busy.setVisible(loading)

    def show_speech_model(self, label: str) -> None:
        self.speech_model.setText(f"Speech: {label}" if label else "Speech input off")
        self.speech_model.setToolTip("The Whisper model that turns what you say into text")

    def show_listening(self, state: str) -> None:
        """The push-to-talk state: "recording" (and "starting") listen; "stopping" is on its way to the model."""
        text = {"starting": "● Listening…", "recording": "● Listening…", "stopping": "Transcribing…"}.get(state, "")
        self.listening.setText(text)

    def show_speaking(self, speaking: bool) -> None:
        self.speaking.setText("Speaking… (Esc to stop)" if speaking else "")

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
        self.timings.setText("Last turn: " + " · ".join(parts))
