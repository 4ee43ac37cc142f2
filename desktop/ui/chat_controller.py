"""Turns in the open conversation: sending, streaming into the view, stop, regenerate, edit and resend."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from desktop.core.audio import Recording
from desktop.core.errors import ChinwagError, NothingHeard
from desktop.core.llm import GenerationParams
from desktop.core.store import ConversationStore, Message
from desktop.core.turn import Token, Transcribed, TurnDone, UserMessage
from desktop.ui.chat_view import ChatView
from desktop.ui.input_bar import InputBar
from desktop.ui.iterator_bridge import IteratorBridge
from desktop.ui.message_widget import MessageWidget
from desktop.ui.notice_bar import NoticeBar
from desktop.ui.status_bar import ChinwagStatusBar
from desktop.ui.worker import ModelWorker, ReviewTranscript, TurnRequest

log = logging.getLogger(__name__)

RENDER_INTERVAL_MS = 50  # at most 20 re-renders a second while a reply streams: smooth, and no flicker
NEW_TITLE = "New conversation"


@dataclass(frozen=True)
class TurnSetup:
    """What a turn needs from the model controller: which model answers, how, and with which prompt."""

    model_name: str
    system_prompt: str
    params: GenerationParams


class ChatController(QObject):
    conversations_changed = Signal()  # a conversation was created, renamed by its first message, or touched
    turn_started = Signal()
    turn_finished = Signal(object)  # TurnDone, or None when the turn failed
    turn_failed = Signal(object)

    def __init__(
        self,
        view: ChatView,
        input_bar: InputBar,
        notices: NoticeBar,
        status: ChinwagStatusBar,
        store: ConversationStore,
        worker: ModelWorker,
        setup: Callable[[], TurnSetup],
        review_transcript: Callable[[], bool],
    ) -> None:
        super().__init__(view)
        self.view = view
        self.input = input_bar
        self.notices = notices
        self.status = status
        self.store = store
        self.worker = worker
        self._setup = setup
        self._review = review_transcript
        self.conversation_id: int | None = None
        self._request: TurnRequest | None = None
        self._bridge: IteratorBridge | None = None
        self._reply_widget: MessageWidget | None = None
        self._reply_text = ""
        self._dirty = False
        self._pending_text: str | None = None  # typed text not yet stored: given back if the turn fails
        self._editing: MessageWidget | None = None
        self.last_done: TurnDone | None = None
        self._render = QTimer(self)
        self._render.setInterval(RENDER_INTERVAL_MS)
        self._render.timeout.connect(self._flush)

        input_bar.text.send_requested.connect(self.send_typed)
        input_bar.send_button.clicked.connect(self.send_typed)
        input_bar.stop_button.clicked.connect(self.stop)
        view.copy_requested.connect(self.copy)
        view.regenerate_requested.connect(self.regenerate)
        view.edit_requested.connect(self.edit)

    # ---- state ------------------------------------------------------------------------------------------

    @property
    def replying(self) -> bool:
        return self._request is not None

    def reply_widget(self) -> MessageWidget | None:
        return self._reply_widget

    # ---- conversations ---------------------------------------------------------------------------------------

    def new_conversation(self) -> None:
        self.stop()
        self.conversation_id = None  # created when the first message is sent: no empty conversations
        self.view.clear()
        self._cancel_edit()
        self.input.text.setFocus()

    def open_conversation(self, conversation_id: int) -> None:
        if conversation_id == self.conversation_id:
            return
        self.stop()
        self._detach()
        self._cancel_edit()
        self.conversation_id = conversation_id
        self.view.clear()
        messages = self.store.messages(conversation_id)
        for message in messages:
            if message.role in ("user", "assistant"):
                self._add_widget(message)
        self._mark_last_reply()
        self.view.scroll_to_bottom()

    def _add_widget(self, message: Message) -> MessageWidget:
        widget = MessageWidget(message.role, message.text, stopped=message.stopped, meta=_meta(message))
        widget.message_id = message.id
        return self.view.add_message(widget)

    def _ensure_conversation(self, first_words: str | None) -> int:
        if self.conversation_id is None:
            title = _title(first_words) if first_words else NEW_TITLE
            self.conversation_id = self.store.create_conversation(title).id
            self.conversations_changed.emit()
        return self.conversation_id

    # ---- sending -------------------------------------------------------------------------------------------

    def send_typed(self) -> None:
        text = self.input.text.toPlainText().strip()
        if not text:
            return
        if self.replying:
            self.stop()  # a new message interrupts the reply; the worker runs them in order
        if self._editing is not None:
            self._truncate_from(self._editing)
            self._cancel_edit()
        self.input.text.clear()
        self._pending_text = text
        self._submit(TurnRequest(self._ensure_conversation(text), text=text))

    def send_recording(self, recording: Recording, released_at: float) -> None:
        """The push-to-talk take, from release: transcribe, send, answer (or, in review mode, just transcribe)."""
        if self.replying:
            self.stop()
        if self._review():
            self.input.activity.setText("Transcribing…")
            conversation = self.conversation_id if self.conversation_id is not None else -1
            self._submit(TurnRequest(conversation, pcm=recording.pcm, transcribe_only=True))
            return
        self.input.activity.setText("Transcribing…")
        self._submit(TurnRequest(self._ensure_conversation(None), pcm=recording.pcm, released_at=released_at))

    def regenerate(self, widget: MessageWidget) -> None:
        if self.replying or self.conversation_id is None or widget.message_id is None:
            return
        messages = self.store.messages(self.conversation_id)
        user = next((m for m in reversed(messages) if m.role == "user" and m.id < widget.message_id), None)
        if user is None:
            return
        self._truncate_from(widget)
        self._submit(TurnRequest(self.conversation_id, reply_to=user), reply_widget=MessageWidget("assistant"))

    def edit(self, widget: MessageWidget) -> None:
        """Put the message in the text box; Enter sends the edited text in its place (and drops what followed)."""
        if widget.role != "user":
            return
        self._cancel_edit()
        self._editing = widget
        widget.status.setText("editing…")
        self.input.text.setPlainText(widget.text())
        self.input.text.setFocus()
        self.input.activity.setText("Editing: Enter sends it again in place of the original, Esc cancels")

    def stop(self) -> None:
        if self._request is not None:
            self._request.cancel.set()  # the worker checks it after every token; the partial reply is saved

    def escape(self) -> None:
        """Esc: stop a reply, else leave edit mode."""
        if self.replying:
            self.stop()
        elif self._editing is not None:
            self._cancel_edit()
            self.input.text.clear()

    def copy(self, widget: MessageWidget) -> None:
        QGuiApplication.clipboard().setText(widget.text())
        self.status.showMessage("Copied to the clipboard", 2000)

    def shutdown(self) -> None:
        self.stop()
        self._render.stop()

    # ---- the turn's events (GUI thread) ------------------------------------------------------------------------

    def _submit(self, request: TurnRequest, reply_widget: MessageWidget | None = None) -> None:
        setup = self._setup()
        request.model_name, request.system_prompt, request.params = setup.model_name, setup.system_prompt, setup.params
        self._detach()
        if reply_widget is not None:  # regenerate: no user message comes first, the reply starts at once
            self._reply_widget = self.view.add_message(reply_widget)
            reply_widget.set_streaming(True)
        self._request = request
        self._reply_text, self._dirty = "", False
        bridge = IteratorBridge(self)  # owned here, in the GUI thread, whatever the worker does with it
        bridge.item.connect(self._on_event)
        bridge.failed.connect(self._on_failed)
        bridge.finished.connect(self._on_finished)
        # Freed once its last signal has arrived, from a handler: by then the worker is done emitting on it.
        bridge.finished.connect(lambda _completed: bridge.deleteLater())
        self._bridge = bridge
        self.worker.submit(request, bridge)  # only after connecting: the worker may start at once
        self.input.set_replying(True)
        self._set_regenerate_enabled(False)
        for widget in self.view.messages():
            widget.set_can_regenerate(False)
        self._render.start()
        self.turn_started.emit()

    def _detach(self) -> None:
        """Forget the running turn's signals (it was stopped; its end is saved by the worker anyway)."""
        if self._bridge is not None:
            for signal, slot in ((self._bridge.item, self._on_event), (self._bridge.failed, self._on_failed),
                                 (self._bridge.finished, self._on_finished)):
                signal.disconnect(slot)
            self._bridge = None
        if self._reply_widget is not None:
            self._flush()
            self._reply_widget.set_streaming(False)
            self._reply_widget.set_stopped(True)
        self._reply_widget = None
        self._request = None

    def _on_event(self, event: object) -> None:
        if isinstance(event, Token):
            if not self._reply_text:
                self.input.activity.setText("")  # "Thinking…" is over once the answer shows
            self._reply_text += event.text
            self._dirty = True
        elif isinstance(event, UserMessage):
            self._pending_text = None
            message = event.message
            if message.conversation_id == self.conversation_id:
                self._add_widget(message)
                self._reply_widget = self.view.add_message(MessageWidget("assistant"))
                self._reply_widget.set_streaming(True)
                self.view.scroll_to_bottom()
            self.input.activity.setText("Thinking…")
            self._retitle(message)
        elif isinstance(event, Transcribed):
            self.input.activity.setText(f"Heard: “{event.transcript.text}”")
        elif isinstance(event, TurnDone):
            self._done(event)
        elif isinstance(event, ReviewTranscript):
            self.input.text.setPlainText(event.transcript.text)
            self.input.text.setFocus()
            self.input.activity.setText("Check the transcript, then press Enter to send it")

    def _done(self, done: TurnDone) -> None:
        self._reply_text = done.reply
        self._dirty = True
        self._flush()
        widget = self._reply_widget
        if widget is not None:
            widget.message_id = done.reply_message_id
            widget.set_streaming(False)
            widget.set_stopped(done.stopped)
            widget.set_meta(done.model)
        self.last_done = done
        self.status.show_timings(done.timings)
        self.conversations_changed.emit()

    def _on_failed(self, error: Exception) -> None:
        if isinstance(error, NothingHeard):
            self.notices.show_notice(str(error), kind="info", timeout_s=6)
            self._drop_if_empty()
        elif isinstance(error, ChinwagError):
            self.notices.show_notice(str(error), kind="error")
        else:
            self.notices.show_notice(f"Something went wrong: {error}. Try again; what you typed is kept.",
                                     kind="error")
        if self._pending_text and not self.input.text.toPlainText().strip():
            self.input.text.setPlainText(self._pending_text)  # nothing typed is lost
        self._pending_text = None
        if self._reply_widget is not None and not self._reply_text:
            self.view.remove_from(self._reply_widget)
            self._reply_widget = None
        self.turn_failed.emit(error)

    def _on_finished(self, _completed: bool) -> None:
        self._flush()
        self._render.stop()
        if self._reply_widget is not None:
            self._reply_widget.set_streaming(False)
        self._reply_widget = None
        self._request = None
        self._bridge = None
        self.input.set_replying(False)
        if not self.input.activity.text().startswith(("Check the transcript", "Editing")):
            self.input.activity.setText("")
        self._set_regenerate_enabled(True)
        self._mark_last_reply()
        self.turn_finished.emit(self.last_done)

    def _flush(self) -> None:
        if self._dirty and self._reply_widget is not None:
            self._dirty = False
            self._reply_widget.set_text(self._reply_text)

    # ---- helpers -----------------------------------------------------------------------------------------

    def _truncate_from(self, widget: MessageWidget) -> None:
        if self.conversation_id is not None and widget.message_id is not None:
            self.store.delete_messages_from(self.conversation_id, widget.message_id)
        self.view.remove_from(widget)

    def _cancel_edit(self) -> None:
        if self._editing is not None:
            self._editing.status.setText("")
            self._editing = None
            self.input.activity.setText("")

    def _mark_last_reply(self) -> None:
        messages = self.view.messages()
        for widget in messages:
            widget.set_can_regenerate(False)
        if messages and messages[-1].role == "assistant" and not self.replying:
            messages[-1].set_can_regenerate(True)

    def _set_regenerate_enabled(self, enabled: bool) -> None:
        for widget in self.view.messages():
            widget.regenerate_button.setEnabled(enabled)
            widget.edit_button.setEnabled(enabled)

    def _retitle(self, message: Message) -> None:
        try:
            conversation = self.store.conversation(message.conversation_id)
        except KeyError:
            return
        if conversation.title == NEW_TITLE:
            self.store.rename(conversation.id, _title(message.text))
            self.conversations_changed.emit()

    def _drop_if_empty(self) -> None:
        """A spoken turn that heard nothing leaves no empty conversation behind."""
        if self.conversation_id is not None and not self.store.messages(self.conversation_id):
            self.store.delete(self.conversation_id)
            self.conversation_id = None
            self.conversations_changed.emit()


def _title(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= 48 else words[:47] + "…"


def _meta(message: Message) -> str:
    stamp = time.strftime("%H:%M", time.localtime(message.created))
    if message.role == "assistant" and message.model:
        return f"{stamp} · {message.model}"
    return f"{stamp} · spoken" if message.source == "voice" else stamp
