"""The status bar: what matters at a glance. Left: the language model (with a busy indicator while one loads) and
the speech model; right: listening or speaking, the last turn's timings, and the network state."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from desktop.core.turn import TurnTimings
from desktop.ui.shell.window_language import number


class ChinwagStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.model = QLabel(self.tr("No model"))
        self.model.setObjectName("statusModel")
        self.model.setAccessibleName(self.tr("Current model"))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: loading time is unknown
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(12)
        self.busy.setAccessibleName(self.tr("Loading model"))
        self.busy.setVisible(False)
        self.speech_model = QLabel("")
        self.speech_model.setAccessibleName(self.tr("Current speech model"))
        self.network = QLabel("")
        self.network.setAccessibleName(self.tr("Network"))
        self.timings = QLabel("")
        self.timings.setAccessibleName(self.tr("Last turn timings"))
        self.timings.setToolTip(self.tr("The last turn: transcription, time to the first word of the reply, reply "
                                        "speed"))
        self.speaking = QLabel("")
        self.speaking.setAccessibleName(self.tr("Speaking"))
        self.listening = QLabel("")
        self.listening.setObjectName("statusListening")
        self.listening.setAccessibleName(self.tr("Listening"))
        self.addWidget(self.model)
        self.addWidget(self.busy)
        self.addWidget(self.speech_model)
        self.addPermanentWidget(self.listening)
        self.addPermanentWidget(self.speaking)
        self.addPermanentWidget(self.timings)
        self.addPermanentWidget(self.network)

    def show_model(self, label: str, loading: bool = False) -> None:
        self.model.setText(self.tr("Loading {label}…").format(label=label) if loading else
                           self.tr("Model: {label}").format(label=label))
        self.model.setToolTip(self.tr("The language model that answers") if not loading else "")
        self.busy.setVisible(loading)

    def show_speech_model(self, label: str) -> None:
        self.speech_model.setText(self.tr("Speech: {label}").format(label=label) if label else
                                  self.tr("Speech input off"))
        self.speech_model.setToolTip(self.tr("The Whisper model that turns what you say into text"))

    def show_listening(self, state: str) -> None:
        """The push-to-talk state: "recording" (and "starting") listen; "stopping" is on its way to the model."""
        listening = self.tr("● Listening…")
        text = {"starting": listening, "recording": listening, "stopping": self.tr("Transcribing…")}.get(state, "")
        self.listening.setText(text)

    def show_speaking(self, speaking: bool) -> None:
        self.speaking.setText(self.tr("Speaking… (Esc to stop)") if speaking else "")

    def show_network(self, online: bool) -> None:
        # Chinwag never needs the network after a download; say so, so "online" does not worry anyone.
        self.network.setText(self.tr("● Online (not needed)") if online else self.tr("● Offline"))
        self.network.setToolTip(self.tr("Everything runs on this computer; the network is only used for downloads."))

    def show_timings(self, t: TurnTimings) -> None:
        parts = []
        if t.stt_s:
            parts.append(self.tr("speech {ms} ms").format(ms=number(t.stt_s * 1000)))
        parts.append(self.tr("first token {ms} ms").format(ms=number(t.ttft_s * 1000)))
        if t.decode_tok_s:
            parts.append(self.tr("{rate} tok/s").format(rate=number(t.decode_tok_s)))
        self.timings.setText(self.tr("Last turn: {parts}").format(parts=" · ".join(parts)))
