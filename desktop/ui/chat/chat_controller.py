"""Turns in the open conversation: sending, streaming into the view, stop, regenerate (keeping the earlier answers as
alternatives), continue a reply cut off, edit and resend; the conversation's own model and system prompt, and how
much of the model's context it fills."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QDialog

from desktop.core.audio import Recording
from desktop.core.errors import ChinwagError, NothingHeard
from desktop.core.live_stt import LiveTranscript
from desktop.core.llm import GenerationParams
from desktop.core.store import ConversationStore, Message
from desktop.core.turn import Token, Transcribed, TurnCancelled, TurnDone, UserMessage
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.conversation_header import ConversationHeader, ConversationSetup, ConversationSetupDialog
from desktop.ui.chat.input_bar import InputBar
from desktop.ui.chat.markdown_view import warm_up_fonts, warm_up_lexers
from desktop.ui.chat.message_widget import MessageWidget
from desktop.ui.shell.iterator_bridge import IteratorBridge
from desktop.ui.shell.notice_bar import NoticeBar
from desktop.ui.shell.status_bar import ChinwagStatusBar
from desktop.ui.shell.window_language import language_label, time_of_day
from desktop.ui.shell.worker import ModelWorker, ReviewTranscript, TurnRequest

log = logging.getLogger(__name__)

RENDER_INTERVAL_MS = 50  # at most 20 re-renders a second while a reply streams: smooth, and no flicker
NEW_TITLE = "New conversation"  # stored as is until the first message names it; the sidebar shows it translated


@dataclass(frozen=True)
class TurnSetup:
    """What a turn needs from the model controller: which model answers, how, and with which prompt."""

    model_name: str
    system_prompt: str
    params: GenerationParams


@dataclass(eq=False)
class _Turn:
    """One submitted turn as the window sees it. Every signal of its bridge is handled with this object, so a
    turn that was stopped, or whose conversation was left, can never draw into widgets it no longer owns."""

    request: TurnRequest
    epoch: int  # the rendering of the chat view it draws into (see ChatController._epoch)
    pending_text: str | None = None  # typed words not stored yet: given back if the turn ends without them
    replaces: MessageWidget | None = None  # edit and resend: the message it takes the place of, once it is stored
    reply_widget: MessageWidget | None = None
    reply_text: str = ""
    dirty: bool = False
    done: TurnDone | None = None
    over: bool = False  # the window is done with it (its worker job may still run the idle prefill)


class ChatController(QObject):
    conversations_changed = Signal()  # a conversation was created, renamed by its first message, or touched
    turn_started = Signal()
    turn_finished = Signal(object)  # the TurnDone of the turn that just ended, or None when it failed or was cancelled
    turn_failed = Signal(object)
    reply_began = Signal()  # the shown turn's reply starts (its question is stored; at once for regenerate/continue)
    turn_abandoned = Signal()  # the user left the conversation: its reply (written or still being read) is not heard
    reply_piece = Signal(str)  # each piece of the shown turn's reply, as it streams (for the voice)

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
        self._turn: _Turn | None = None  # the turn Stop and the input bar are about
        self._turns: list[_Turn] = []  # every turn the worker has not finished with, oldest first
        # Bumped whenever the view is cleared: a turn drawn into an older rendering leaves the new one alone.
        self._epoch = 0
        self._editing: MessageWidget | None = None
        self.last_done: TurnDone | None = None
        # The language Whisper heard the shown turn's question in ("" when typed, or fixed by the setting): the voice
        # reads the reply in it (desktop/ui/voice/speech_controller.py).
        self.question_language = ""
        self._pending_setup: ConversationSetup | None = None  # a new conversation's choices, until it is stored
        self._render = QTimer(self)
        self._render.setInterval(RENDER_INTERVAL_MS)
        self._render.timeout.connect(self._flush)

        input_bar.text.send_requested.connect(self.send_typed)
        input_bar.send_button.clicked.connect(self.send_typed)
        input_bar.stop_button.clicked.connect(self.stop)
        view.copy_requested.connect(self.copy)
        view.regenerate_requested.connect(self.regenerate)
        view.edit_requested.connect(self.edit)
        view.continue_requested.connect(self.continue_reply)
        view.alternative_requested.connect(self.step_alternative)
        self.header: ConversationHeader | None = None
        warm_up_fonts()
        self._models: Callable[[], list[tuple[str, str]]] = list
        self._switch_model: Callable[[str], None] = lambda _variant_id: None

    def attach_header(self, header: ConversationHeader, models: Callable[[], list[tuple[str, str]]],
                      switch_model: Callable[[str], None]) -> None:
        """The strip above the chat. `models`: (id, label) of the language models to offer; `switch_model` loads
        one through the window's model switching."""
        self.header = header
        self._models = models
        self._switch_model = switch_model
        header.change_requested.connect(self.change_setup)
        self._show_header()

    # ---- state ------------------------------------------------------------------------------------------

    @property
    def replying(self) -> bool:
        return self._turn is not None

    @property
    def in_flight(self) -> bool:
        """Some turn's events are still to come (a stopped one included)."""
        return bool(self._turns)

    def reply_widget(self) -> MessageWidget | None:
        return self._turn.reply_widget if self._turn is not None else None

    # ---- conversations ---------------------------------------------------------------------------------------

    def new_conversation(self) -> None:
        self._leave()
        self.conversation_id = None  # created when the first message is sent: no empty conversations
        self._pending_setup = None
        self._show_header()
        self.input.text.setFocus()

    def open_conversation(self, conversation_id: int) -> None:
        if conversation_id == self.conversation_id:
            return
        self._leave()
        self.conversation_id = conversation_id
        self._render_conversation()
        self._use_conversation_model()
        self.view.scroll_to_bottom()

    def _render_conversation(self) -> None:
        assert self.conversation_id is not None
        messages = self.store.messages(self.conversation_id)
        for message in messages:
            if message.role in ("user", "assistant") and (message.text or message.role == "user"):
                self._add_widget(message)
        self._mark_last_reply()
        last = next((m for m in reversed(messages) if m.role == "assistant" and m.timings.get("n_ctx")), None)
        timings = last.timings if last is not None else {}
        self._show_context(int(timings.get("prompt_tokens", 0)) + int(timings.get("tokens", 0)),
                           int(timings.get("n_ctx", 0)), int(timings.get("left_out_before", 0)))
        self._show_header()

    def _reload(self) -> None:
        """Draw the open conversation again from the store (a regenerated answer that came to nothing: the one
        shown before is back)."""
        if self.conversation_id is None:
            return
        self._epoch += 1
        self.view.clear()
        self._render_conversation()

    def _leave(self) -> None:
        """Leave the open conversation: its reply stops (the worker saves it) and the view starts afresh."""
        self.stop()
        self._release_input()
        self._cancel_edit()
        self._flush()
        for turn in self._turns:
            if self._alive(turn.reply_widget):
                turn.reply_widget.set_streaming(False)
                turn.reply_widget.set_stopped(True)
            turn.reply_widget = None
        self._epoch += 1
        self.view.clear()
        self._show_context(0, 0, 0)
        # Its turn_finished will never come, and a reply whose text is complete may still be being read: the voice is
        # told here, whatever stage the reply was at.
        self.turn_abandoned.emit()

    def _add_widget(self, message: Message) -> MessageWidget:
        widget = MessageWidget(message.role, message.text, stopped=message.stopped, meta=_meta(message),
                               cut_off=message.cut_off)
        widget.message_id = message.id
        if message.alt_group is not None:
            self._show_alternatives(widget)
        return self.view.add_message(widget)

    def _show_alternatives(self, widget: MessageWidget) -> None:
        if widget.message_id is None:
            return
        ids = [m.id for m in self.store.alternatives(widget.message_id)]
        if widget.message_id in ids:
            widget.set_alternatives(ids.index(widget.message_id), len(ids))

    def _ensure_conversation(self, first_words: str | None) -> int:
        if self.conversation_id is None:
            title = _title(first_words) if first_words else NEW_TITLE
            self.conversation_id = self.store.create_conversation(title).id
            if self._pending_setup is not None:  # chosen in the header before the first message
                self._save_setup(self.conversation_id, self._pending_setup)
                self._pending_setup = None
            self.conversations_changed.emit()
        return self.conversation_id

    # ---- sending -------------------------------------------------------------------------------------------

    def send_typed(self) -> None:
        text = self.input.text.toPlainText().strip()
        if not text:
            return
        if self.replying:
            self.stop()  # a new message interrupts the reply; the worker runs them in order
        request = TurnRequest(self._ensure_conversation(text), text=text)
        replaces = None
        if self._editing is not None:
            # The original and what followed it stay, in the store and on screen, until the edited message is
            # stored (the worker deletes them in the same transaction): a turn that fails or is stopped before
            # that loses nothing, and the edit can be sent again.
            if self._alive(self._editing) and self._editing.message_id is not None:
                replaces = self._editing
                request.replace_from = replaces.message_id
            self._cancel_edit()
            if replaces is not None:
                replaces.status.setText(self.tr("replacing…"))
        self.input.text.clear()
        self._submit(request, pending_text=text, replaces=replaces)

    def send_recording(self, recording: Recording, released_at: float, live: LiveTranscript | None = None) -> None:
        """The push-to-talk take, from release: transcribe, send, answer (or, in review mode, just transcribe).
        `live`: the take's live transcription, so that only its uncommitted end is transcribed now."""
        if self.replying:
            self.stop()
        if self._review():
            self.input.activity.setText(self.tr("Transcribing…"))
            conversation = self.conversation_id if self.conversation_id is not None else -1
            self._submit(TurnRequest(conversation, pcm=recording.pcm, transcribe_only=True, live=live))
            return
        self.input.activity.setText(self.tr("Transcribing…"))
        self._submit(TurnRequest(self._ensure_conversation(None), pcm=recording.pcm, released_at=released_at,
                                 live=live))

    def review_recording(self, recording: Recording) -> None:
        """A take that is never sent by itself (cut at the length cap, or kept from a microphone that went away):
        transcribe it into the text box, where the user reads it and decides whether to send it."""
        if self.replying:
            self.stop()
        self.input.activity.setText(self.tr("Transcribing…"))
        conversation = self.conversation_id if self.conversation_id is not None else -1
        self._submit(TurnRequest(conversation, pcm=recording.pcm, transcribe_only=True))

    def regenerate(self, widget: MessageWidget) -> None:
        if self.replying or self.conversation_id is None or widget.message_id is None:
            return
        if any(t.request.conversation_id == self.conversation_id and not t.over for t in self._turns):
            return  # a stopped turn of this conversation is still being saved: its rows are not final yet
        messages = self.store.messages(self.conversation_id)
        user = next((m for m in reversed(messages) if m.role == "user" and m.id < widget.message_id), None)
        if user is None:
            return
        # The answer shown stays in the store, as an alternative; the new one takes its place in the view.
        replaced = widget.message_id
        self.view.remove_from(widget)
        self._submit(TurnRequest(self.conversation_id, reply_to=user, alternative_of=replaced),
                     reply_widget=MessageWidget("assistant"))

    def continue_reply(self, widget: MessageWidget) -> None:
        """Write more of a reply the length limit cut off, into the same message."""
        if self.replying or self.conversation_id is None or widget.message_id is None or not widget.cut_off:
            return
        if any(t.request.conversation_id == self.conversation_id and not t.over for t in self._turns):
            return
        message = next((m for m in self.store.messages(self.conversation_id) if m.id == widget.message_id), None)
        if message is None:
            return
        self._submit(TurnRequest(self.conversation_id, continue_reply=message), continue_widget=widget)

    def step_alternative(self, widget: MessageWidget, step: int) -> None:
        """Show the earlier (-1) or later (+1) answer at this place; the conversation goes on from the one shown."""
        if self.replying or widget.message_id is None or self.conversation_id is None:
            return
        alternatives = self.store.alternatives(widget.message_id)
        ids = [m.id for m in alternatives]
        if widget.message_id not in ids:
            return
        index = ids.index(widget.message_id) + step
        if not 0 <= index < len(ids):
            return
        chosen = alternatives[index]
        self.store.show_alternative(chosen.id)
        widget.message_id = chosen.id
        widget.set_text(chosen.text)
        widget.set_stopped(chosen.stopped)
        widget.set_cut_off(chosen.cut_off)
        widget.set_meta(_meta(chosen))
        widget.set_alternatives(index, len(ids))

    def edit(self, widget: MessageWidget) -> None:
        """Put the message in the text box; Enter sends the edited text in its place (and drops what followed)."""
        if widget.role != "user" or widget.message_id is None:
            return
        self._cancel_edit()
        self._editing = widget
        widget.status.setText(self.tr("editing…"))
        self.input.text.setPlainText(widget.text())
        self.input.text.setFocus()
        self.input.activity.setText(self._editing_hint())

    def stop(self) -> None:
        if self._turn is not None:
            # Checked after every token, and inside a long prompt's evaluation too; the partial reply is saved.
            self.worker.stop(self._turn.request)

    def escape(self) -> None:
        """Esc: stop a reply, else leave edit mode."""
        if self.replying:
            self.stop()
        elif self._editing is not None:
            self._cancel_edit()
            self.input.text.clear()

    def copy(self, widget: MessageWidget) -> None:
        QGuiApplication.clipboard().setText(widget.text())
        self.status.showMessage(self.tr("Copied to the clipboard"), 2000)

    def shutdown(self) -> None:
        for turn in self._turns:
            # Closing: a message not stored yet is still stored (without a reply); a reply stops and is saved.
            turn.request.keep_words.set()
            turn.request.cancel.set()
        self._render.stop()

    # ---- the turn's events (GUI thread) ------------------------------------------------------------------------

    def _submit(self, request: TurnRequest, reply_widget: MessageWidget | None = None,
                pending_text: str | None = None, continue_widget: MessageWidget | None = None,
                replaces: MessageWidget | None = None) -> None:
        warm_up_lexers()  # the first reply's code blocks find Pygments imported
        setup = self._setup()
        request.model_name, request.system_prompt, request.params = setup.model_name, setup.system_prompt, setup.params
        own_prompt = self._conversation_setup(request.conversation_id).system_prompt
        if own_prompt is not None:
            request.system_prompt = own_prompt
        turn = _Turn(request, self._epoch, pending_text=pending_text, replaces=replaces)
        self.question_language = request.reply_to.language if request.reply_to is not None else ""
        if reply_widget is not None:  # regenerate: no user message comes first, the reply starts at once
            turn.reply_widget = self.view.add_message(reply_widget)
            reply_widget.set_streaming(True)
        if continue_widget is not None:  # continue: the reply grows where it is
            turn.reply_widget = continue_widget
            turn.reply_text = continue_widget.text()
            continue_widget.set_streaming(True)
        bridge = IteratorBridge(self)  # owned here, in the GUI thread, whatever the worker does with it
        bridge.item.connect(lambda event: self._on_event(turn, event))
        bridge.failed.connect(lambda error: self._on_failed(turn, error))
        bridge.finished.connect(lambda _completed: self._on_finished(turn))
        # Freed once its last signal has arrived, from a handler: by then the worker is done emitting on it.
        bridge.finished.connect(lambda _completed: bridge.deleteLater())
        self._turns.append(turn)
        self._turn = turn
        self.worker.submit(request, bridge)  # only after connecting: the worker may start at once
        self.input.set_replying(True)
        self._set_regenerate_enabled(False)
        for widget in self.view.messages():
            widget.set_can_regenerate(False)
        self._render.start()
        self.turn_started.emit()
        if reply_widget is not None or continue_widget is not None:
            self.reply_began.emit()  # regenerate and continue store no question first: their reply starts now

    def _on_event(self, turn: _Turn, event: object) -> None:
        current = turn is self._turn
        if isinstance(event, Token):
            if current and not turn.reply_text:
                self.input.activity.setText("")  # "Thinking…" is over once the answer shows
            turn.reply_text += event.text
            if current:
                self.reply_piece.emit(event.text)
            turn.dirty = True
        elif isinstance(event, UserMessage):
            turn.pending_text = None
            message = event.message
            if turn.epoch == self._epoch and message.conversation_id == self.conversation_id:
                if turn.replaces is not None and self._alive(turn.replaces):
                    if self._editing is not None and self._editing in self._from(turn.replaces):
                        self._cancel_edit()
                    self.view.remove_from(turn.replaces)  # now stored in their place: the originals go
                self._add_widget(message)
                turn.reply_widget = self.view.add_message(MessageWidget("assistant"))
                turn.reply_widget.set_streaming(True)
                self.view.scroll_to_bottom()
            turn.replaces = None
            if current:
                self.question_language = message.language or ""
                self.input.activity.setText(self.tr("Thinking…"))
                self.reply_began.emit()
            self._retitle(message)
        elif isinstance(event, Transcribed):
            if current:
                self.input.activity.setText(self.tr("Heard: “{text}”").format(text=event.transcript.text))
        elif isinstance(event, TurnDone):
            self._done(turn, event)
        elif isinstance(event, TurnCancelled):
            self._cancelled(turn, event)
        elif isinstance(event, ReviewTranscript):
            self._give_back(event.transcript.text)
            self.input.text.setFocus()
            self.input.activity.setText(self._review_hint())

    def _done(self, turn: _Turn, done: TurnDone) -> None:
        turn.reply_text = done.reply
        turn.dirty = True
        turn.done = done
        self.last_done = done
        self._flush()
        widget = turn.reply_widget
        if self._alive(widget):
            if done.reply_message_id is None:
                self.view.remove_from(widget)  # stopped before its first token: no empty reply is kept
                if not done.stopped:
                    self.notices.show_notice(self.tr("The model gave an empty answer. Try again, or rephrase."),
                                             kind="info", timeout_s=8)
            else:
                widget.message_id = done.reply_message_id
                widget.set_streaming(False)
                widget.set_stopped(done.stopped)
                widget.set_cut_off(done.finish_reason == "length" and not done.stopped)
                widget.set_meta(done.model)
                if turn.request.alternative_of is not None:
                    self._show_alternatives(widget)
        turn.reply_widget = None
        if turn is self._turn:
            self.status.show_timings(done.timings)
        if turn.epoch == self._epoch and turn.request.conversation_id == self.conversation_id and done.timings.n_ctx:
            t = done.timings
            self._show_context(t.context_tokens, t.n_ctx, t.left_out_before)
        self.conversations_changed.emit()
        self._end(turn)

    def _cancelled(self, turn: _Turn, event: TurnCancelled) -> None:
        """Stopped before the user's message was stored: nothing was stored, and their words come back."""
        words = event.text or turn.pending_text
        turn.pending_text = None
        if words:
            self._give_back(words)
            self.status.showMessage(self.tr("Not sent: your words are back in the text box."), 5000)
            self._resume_edit(turn)
        if turn.reply_widget is not None and self._alive(turn.reply_widget):
            self.view.remove_from(turn.reply_widget)
        turn.reply_widget = None
        self._drop_if_empty(turn)
        self._end(turn)

    def _on_failed(self, turn: _Turn, error: Exception) -> None:
        if isinstance(error, NothingHeard):
            self.notices.show_notice(str(error), kind="info", timeout_s=6)
        elif isinstance(error, ChinwagError):
            self.notices.show_notice(str(error), kind="error")
        else:
            self.notices.show_notice(self.tr("Something went wrong: {error}. Try again; what you typed is kept.")
                                     .format(error=error), kind="error")
        if turn.pending_text:
            self._give_back(turn.pending_text)  # nothing typed is lost
            self._resume_edit(turn)
        turn.pending_text = None
        if self._alive(turn.reply_widget) and not turn.reply_text:
            self.view.remove_from(turn.reply_widget)
        turn.reply_widget = None
        self._drop_if_empty(turn)
        current = turn is self._turn
        self._end(turn)
        if current:
            self.turn_failed.emit(error)

    def _on_finished(self, turn: _Turn) -> None:
        if turn in self._turns:
            self._turns.remove(turn)
        if turn.pending_text:  # ended without storing them and without saying why (it cannot; but never lose them)
            self._give_back(turn.pending_text)
            self._resume_edit(turn)
            turn.pending_text = None
        self._end(turn)
        if not self._turns:
            self._render.stop()

    def _end(self, turn: _Turn) -> None:
        """The window is done with `turn`; if it was the one the input bar shows, the bar is free again."""
        if turn.over:
            return
        turn.over = True
        self._flush()
        if (turn.request.alternative_of is not None and (turn.done is None or turn.done.reply_message_id is None)
                and turn.epoch == self._epoch and turn.request.conversation_id == self.conversation_id):
            # A regenerated answer that came to nothing (stopped at once, empty, failed): the one before is back.
            turn.reply_widget = None
            QTimer.singleShot(0, self, lambda: None if self.replying else self._reload())
        if self._alive(turn.reply_widget):
            turn.reply_widget.set_streaming(False)
        turn.reply_widget = None
        if turn is not self._turn:
            return
        self._release_input()
        self._mark_last_reply()
        self.turn_finished.emit(turn.done)

    def _release_input(self) -> None:
        self._turn = None
        self.input.set_replying(False)
        if self.input.activity.text() not in (self._review_hint(), self._editing_hint()):
            self.input.activity.setText("")
        self._set_regenerate_enabled(True)

    def _flush(self) -> None:
        for turn in self._turns:
            if turn.dirty and self._alive(turn.reply_widget):
                turn.dirty = False
                turn.reply_widget.set_text(turn.reply_text)

    def _alive(self, widget: MessageWidget | None) -> bool:
        """Still shown: a widget of a cleared or truncated view is deleted by Qt and must not be touched."""
        return widget is not None and widget in self.view.messages()

    def keep_words(self, words: str) -> None:
        """Words that were meant to go elsewhere (dictation that could not be typed): kept in the text box."""
        self._give_back(words)
        self.input.text.setFocus()

    def _give_back(self, words: str) -> None:
        """Put words that were not sent back in the text box, on a line of their own in front of anything typed
        since, with the cursor at the end: typing goes on where it was, and a next question starts on the line after
        the words that came back, never glued to them (or in front of them)."""
        box = self.input.text
        typed = box.toPlainText()
        if words in typed:
            return
        box.setPlainText(f"{words}\n{typed}" if typed.strip() else f"{words}\n")
        cursor = box.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        box.setTextCursor(cursor)
        box.ensureCursorVisible()

    def _resume_edit(self, turn: _Turn) -> None:
        """An edit that was not stored (stopped or failed first): its original is still there, and in edit mode
        again, so Enter sends the words that came back in its place once more."""
        widget, turn.replaces = turn.replaces, None
        if widget is None or not self._alive(widget):
            return
        widget.status.setText("")
        if self._editing is None and turn.epoch == self._epoch:
            self._editing = widget
            widget.status.setText(self.tr("editing…"))
            self.input.activity.setText(self._editing_hint())

    def _from(self, widget: MessageWidget) -> list[MessageWidget]:
        """`widget` and every message shown after it."""
        shown = self.view.messages()
        return shown[shown.index(widget):] if widget in shown else []

    # ---- helpers -----------------------------------------------------------------------------------------

    def _editing_hint(self) -> str:
        return self.tr("Editing: Enter sends it again in place of the original, Esc cancels")

    def _review_hint(self) -> str:
        return self.tr("Check the transcript, then press Enter to send it")

    def _cancel_edit(self) -> None:
        if self._editing is not None:
            if self._alive(self._editing):
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
            for button in (widget.regenerate_button, widget.edit_button, widget.continue_button,
                           widget.previous_button, widget.next_button):
                button.setEnabled(enabled)
            if enabled:
                widget.set_alternatives(widget.alternative_index, widget.alternative_count)

    # ---- the conversation's own model and system prompt, and its context -------------------------------------

    def _conversation_setup(self, conversation_id: int | None) -> ConversationSetup:
        if conversation_id is None or conversation_id < 0:
            return self._pending_setup or ConversationSetup()
        try:
            conversation = self.store.conversation(conversation_id)
        except KeyError:
            return ConversationSetup()
        return ConversationSetup(conversation.model, conversation.system_prompt)

    def _save_setup(self, conversation_id: int, setup: ConversationSetup) -> None:
        self.store.set_conversation_model(conversation_id, setup.model)
        self.store.set_system_prompt(conversation_id, setup.system_prompt)

    def change_setup(self) -> ConversationSetupDialog | None:
        """The header's "Change…": a small dialog for this conversation's model and system prompt."""
        if self.header is None:
            return None
        setup = self._conversation_setup(self.conversation_id)
        models = self._models()
        if setup.model and setup.model not in dict(models):  # a model file of its own, not in the list
            models.append((setup.model, setup.model.replace("\\", "/").rsplit("/", 1)[-1]))
        dialog = ConversationSetupDialog(models, setup, self._setup().system_prompt, self.header.window())
        dialog.finished.connect(lambda result: self._setup_chosen(dialog, result))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setup_dialog = dialog
        dialog.open()
        return dialog

    def _setup_chosen(self, dialog: ConversationSetupDialog, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.result_setup()
        if self.conversation_id is None:
            self._pending_setup = chosen
        else:
            self._save_setup(self.conversation_id, chosen)
        self._use_conversation_model()
        self._show_header()

    def _use_conversation_model(self) -> None:
        """A conversation with a model of its own gets it loaded, through the window's model switching."""
        wanted = self._conversation_setup(self.conversation_id).model
        if wanted and wanted != self._setup().model_name:
            self._switch_model(wanted)

    def refresh_header(self) -> None:
        self._show_header()

    def _show_header(self) -> None:
        if self.header is None:
            return
        setup = self._conversation_setup(self.conversation_id)
        labels = dict(self._models())
        current = self._setup()
        model = setup.model or current.model_name
        prompt = setup.system_prompt if setup.system_prompt is not None else current.system_prompt
        self.header.show_setup(labels.get(model, model or self.tr("no model")), setup.model is not None, prompt,
                               setup.system_prompt is not None)

    def _show_context(self, used: int, n_ctx: int, left_out_before: int) -> None:
        if self.header is not None:
            self.header.show_context(used, n_ctx)
        mark = next((w for w in self.view.messages() if left_out_before and w.message_id == left_out_before), None)
        self.view.set_left_out_before(mark)

    def _retitle(self, message: Message) -> None:
        try:
            conversation = self.store.conversation(message.conversation_id)
        except KeyError:
            return
        if conversation.title == NEW_TITLE:
            self.store.rename(conversation.id, _title(message.text))
            self.conversations_changed.emit()

    def _drop_if_empty(self, turn: _Turn) -> None:
        """A turn that stored nothing leaves no empty conversation behind (unless another turn is headed there)."""
        conversation_id = turn.request.conversation_id
        if conversation_id < 0 or any(t is not turn and t.request.conversation_id == conversation_id
                                      for t in self._turns):
            return
        if self.store.messages(conversation_id):
            return
        try:
            conversation = self.store.conversation(conversation_id)
        except KeyError:
            conversation = None
        self.store.delete(conversation_id)
        if self.conversation_id == conversation_id:
            self.conversation_id = None
            if conversation is not None and (conversation.model is not None or conversation.system_prompt is not None):
                # The model and system prompt chosen for it stay chosen: the next message's conversation gets them.
                self._pending_setup = ConversationSetup(conversation.model, conversation.system_prompt)
            self._show_header()
        self.conversations_changed.emit()


def _title(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= 48 else words[:47] + "…"


def _meta(message: Message) -> str:
    stamp = time_of_day(message.created)
    if message.role == "assistant" and message.model:
        return f"{stamp} · {message.model}"
    if message.source != "voice":
        return stamp
    # The language Whisper heard, when it detected one (Settings → Speech language: automatic).
    if message.language:
        return QCoreApplication.translate("ChatController", "{time} · spoken in {language}").format(
            time=stamp, language=language_label(message.language))
    return QCoreApplication.translate("ChatController", "{time} · spoken").format(time=stamp)
