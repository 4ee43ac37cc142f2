"""VoiceTurn: the one path from a recording (or typed text) to a stored, streamed reply.

The CLI and the window both drive it. It is a generator of events, so the caller decides where it runs
(the window runs it on its worker thread) and what to show; it never touches Qt.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from desktop.core.actions import ACTION_MODEL, ActionResult, Actions, unbacked_claim
from desktop.core.actions import tools as action_tools
from desktop.core.audio import speech_present
from desktop.core.errors import ChatTemplateError, ChinwagError, NothingHeard
from desktop.core.languages import REPLY_LANGUAGE_INSTRUCTION, detect_text_language, with_reply_language
from desktop.core.llm import ChatEngine, GenerationParams
from desktop.core.store import ConversationStore, Message
from desktop.core.stt import Transcriber, Transcript

log = logging.getLogger(__name__)

_SAVE_EVERY_S = 0.25  # how often a streaming reply is written to the store


@dataclass(frozen=True)
class Transcribed:
    transcript: Transcript


@dataclass(frozen=True)
class UserMessage:
    message: Message


@dataclass(frozen=True)
class Token:
    text: str


@dataclass(frozen=True)
class TurnTimings:
    stt_s: float = 0.0
    ttft_s: float = 0.0  # from release (or send) to the first token on screen
    tokens: int = 0
    decode_tok_s: float = 0.0
    total_s: float = 0.0
    prompt_tokens: int = 0
    reused_tokens: int = 0
    dropped_messages: int = 0
    n_ctx: int = 0  # the model's context, in tokens
    # Older turns were left out of what the model saw: the id of the first stored message it did see (0: none left out)
    left_out_before: int = 0

    @property
    def context_tokens(self) -> int:
        """How much of the context the conversation fills after this turn: its prompt and the reply."""
        return self.prompt_tokens + self.tokens

    def as_dict(self) -> dict[str, float]:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class TurnDone:
    transcript: str
    reply: str
    model: str
    stopped: bool
    timings: TurnTimings
    user_message_id: int
    reply_message_id: int | None  # None: the reply was empty (stopped before its first token), so no row is kept
    finish_reason: str = ""  # "stop", "length" (cut off by max_tokens: it can be continued) or "cancelled"
    action: str = ""  # a local action answered, not the model ("timer.set", "maths", …: desktop/core/actions)
    alarms: tuple = ()  # the timers or reminders that action set or cancelled (store.Alarm)


@dataclass(frozen=True)
class TurnCancelled:
    """Stopped before the user's message was stored: nothing was stored, `text` is what they typed or said."""

    text: str | None


TurnEvent = Transcribed | UserMessage | Token | TurnDone | TurnCancelled


class StopRequested(Exception):  # noqa: N818 - a request, not a failure
    """Raised from inside the model's work (between two batches of a prompt's evaluation) once the turn is stopped
    or the app is closing, so a long prompt does not keep the model busy: the turn ends as stopped, nothing lost."""


def chat_messages(system_prompt: str, stored: list[Message]) -> list[dict[str, str]]:
    """The history the model sees: non-empty user/assistant turns, strictly alternating.

    A turn stopped before its first token, or one that failed, leaves a user message with no reply; the next
    user message would then follow it directly. Some templates raise on that (Mistral: "roles must
    alternate"), so consecutive messages of one role are joined into one turn: nothing the user said is hidden.
    """
    messages = [{"role": "system", "content": system_prompt}] if system_prompt else []
    for m in stored:
        if m.role not in ("user", "assistant") or not m.text.strip():
            continue
        if messages and messages[-1]["role"] == m.role:
            messages[-1] = {"role": m.role, "content": f"{messages[-1]['content']}\n\n{m.text}"}
        else:
            messages.append({"role": m.role, "content": m.text})
    return messages


def history_ids(stored: list[Message]) -> list[list[int]]:
    """For each non-system turn of `chat_messages(…, stored)`, the ids of the stored messages it was made from."""
    entries: list[tuple[str, list[int]]] = []
    for m in stored:
        if m.role not in ("user", "assistant") or not m.text.strip():
            continue
        if entries and entries[-1][0] == m.role:
            entries[-1][1].append(m.id)
        else:
            entries.append((m.role, [m.id]))
    return [ids for _role, ids in entries]


def fold_system(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    """For templates with no system role (Gemma): the system prompt goes in front of the first user turn."""
    system = [m["content"] for m in messages if m["role"] == "system"]
    rest = [dict(m) for m in messages if m["role"] != "system"]
    if not system:
        return rest
    prompt = "\n\n".join(system)
    first_user = next((m for m in rest if m["role"] == "user"), None)
    if first_user is None:
        return [{"role": "user", "content": prompt}, *rest]
    first_user["content"] = f"{prompt}\n\n{first_user['content']}"
    return rest


def _template_error(error: Exception) -> bool:
    """Raised while the chat template renders: the engine's ChatTemplateError (which wraps the template's own
    `raise_exception` and Jinja's errors), or such an error unwrapped."""
    if isinstance(error, ChatTemplateError):
        return True
    if isinstance(error, ChinwagError):
        return False
    try:
        from jinja2 import TemplateError
    except ImportError:  # pragma: no cover - llama-cpp-python depends on jinja2
        return isinstance(error, ValueError)
    return isinstance(error, (TemplateError, ValueError))


@dataclass
class VoiceTurn:
    """Ties transcriber, engine and store together for one conversation turn."""

    engine: ChatEngine
    store: ConversationStore
    model_name: str
    system_prompt: str = ""
    params: GenerationParams = field(default_factory=GenerationParams)
    transcriber: Transcriber | None = None
    clock: Callable[[], float] = time.perf_counter
    actions: Actions | None = None  # local actions, tried before the model (None: every turn goes to the model)
    language_instruction: str = REPLY_LANGUAGE_INSTRUCTION  # "{language}": the question's language, by name
    # Offer the actions to a Llama 3.x model as tools it may call (desktop/core/actions/tools.py); needs `actions`
    tools: bool = False
    grammar: str | None = None  # a llama.cpp grammar the model's reply must follow (tests script replies with it)
    _tool_result: ActionResult | None = field(default=None, init=False, repr=False)

    def history(self, conversation_id: int) -> list[dict[str, str]]:
        stored = self.store.messages(conversation_id)
        return chat_messages(self.prompt_for(stored), stored)

    def prompt_for(self, stored: list[Message]) -> str:
        """The system prompt for a reply to `stored`: with the instruction to answer in the language of the last
        question (what Whisper detected, else what its text is written in) when that is not English."""
        question = next((m for m in reversed(stored) if m.role == "user" and m.text.strip()), None)
        language = None
        if question is not None:
            language = question.language or detect_text_language(question.text)
        return with_reply_language(self.system_prompt, language, self.language_instruction)

    def run(
        self,
        conversation_id: int,
        *,
        pcm: np.ndarray | None = None,
        text: str | None = None,
        cancel: threading.Event | None = None,
        released_at: float | None = None,
        keep_words: threading.Event | None = None,
        transcribe: Callable[[np.ndarray], Transcript] | None = None,
        replace_from: int | None = None,
    ) -> Iterator[TurnEvent]:
        """One turn: give `pcm` (spoken) or `text` (typed). `released_at` is when the key was let go.
        `transcribe`: how to turn `pcm` into words instead of the transcriber's whole-take call (live
        transcription's `finish`, which only transcribes what was not committed while the key was held).
        `replace_from` (edit and resend): the stored message this one takes the place of; it and everything after
        it are deleted as this message is stored, not before, so a turn that fails or is stopped earlier loses
        nothing.

        Cancelled before the user's message is stored, it stores nothing and yields `TurnCancelled` with the
        words, unless `keep_words` is set too (the app is closing): then the message is stored, unanswered.
        """
        cancel = cancel or threading.Event()
        keep_words = keep_words or threading.Event()
        started = released_at if released_at is not None else self.clock()
        stt_s = 0.0
        source = "text"
        language = ""  # the language Whisper detected, stored with the message (not when the setting fixed it)
        if pcm is None and cancel.is_set() and not keep_words.is_set():
            yield TurnCancelled(text)
            return
        if pcm is not None:
            if self.transcriber is None:
                raise ChinwagError("No speech model is set up.")
            if not speech_present(pcm):
                raise NothingHeard("Nothing heard: hold the key while you speak, a little closer to the microphone.")
            transcript = (transcribe or self.transcriber.transcribe)(pcm)
            stt_s = transcript.elapsed_s
            if not transcript.text:
                raise NothingHeard("Nothing heard: no words were recognised. Try again, a little louder.")
            yield Transcribed(transcript)
            text = transcript.text
            source = "voice"
            if self.transcriber.language is None:
                language = transcript.language
        if not text or not text.strip():
            raise NothingHeard("Nothing to send.")
        if cancel.is_set() and not keep_words.is_set():
            # Stopped before anything was stored: store nothing, and hand the words back to the caller.
            yield TurnCancelled(text.strip())
            return
        user = self.store.add_message(conversation_id, "user", text.strip(), source=source, replace_from=replace_from,
                                      language=language)
        yield UserMessage(user)
        if cancel.is_set():
            # Stored on the way out (the app is closing): no reply is started, so the model is not needed at all.
            yield TurnDone(user.text, "", self.model_name, True, TurnTimings(stt_s=stt_s), user.id, None, "cancelled")
            return
        if self.actions is not None:
            done = self._act(conversation_id, user, started, stt_s)
            if done is not None:
                yield Token(done.reply)
                yield done
                return
        yield from self.reply(conversation_id, user, cancel=cancel, started=started, stt_s=stt_s)

    def _act(self, conversation_id: int, user: Message, started: float, stt_s: float) -> TurnDone | None:
        """A request a local action answers (a timer, the time, a sum…): answered and stored at once, no model.
        None when it is not one, or the action failed (then the model answers, as before)."""
        assert self.actions is not None
        try:
            # Read in the language Whisper heard it in (typed: the actions' own language), then English
            result = self.actions.handle(user.text, conversation_id, heard=user.language)
        except Exception:  # noqa: BLE001 - an action that fails must never cost the user their answer
            log.exception("local action failed; the model answers instead")
            return None
        if result is None:
            return None
        total = self.clock() - started
        timings = TurnTimings(stt_s=stt_s, ttft_s=total, total_s=total)
        row = self.store.add_message(conversation_id, "assistant", result.reply, model=ACTION_MODEL,
                                     timings={**timings.as_dict(), "action": result.action})
        self.store.update_message(row.id, result.reply, finish_reason="stop")
        return TurnDone(user.text, result.reply, ACTION_MODEL, False, timings, user.id, row.id, "stop",
                        result.action, result.alarms)

    def reply(
        self,
        conversation_id: int,
        user: Message,
        *,
        cancel: threading.Event | None = None,
        started: float | None = None,
        stt_s: float = 0.0,
        alternative_of: int | None = None,
    ) -> Iterator[TurnEvent]:
        """Stream and store the assistant's answer to the history ending with `user`. With `alternative_of` (the
        reply shown now), a regenerated answer: stored beside that one, which is kept as an alternative."""
        stored = self.store.messages(conversation_id)
        if alternative_of is not None:  # the answer being replaced is not part of what the model answers
            stored = [m for m in stored if m.id != alternative_of]
        reply_row = self.store.add_message(conversation_id, "assistant", "", model=self.model_name, complete=False,
                                           alternative_of=alternative_of)
        yield from self._answer(conversation_id, stored, user, reply_row, "", cancel, started, stt_s)

    def continue_reply(
        self, conversation_id: int, reply: Message, *, cancel: threading.Event | None = None
    ) -> Iterator[TurnEvent]:
        """Write on where `reply` was cut off by the token limit, appending to the same message. The prompt is the
        one the reply was written to, plus the reply so far: the KV cache still holds nearly all of it."""
        stored = self.store.messages(conversation_id)
        before = [m for m in stored if m.id != reply.id and (m.alt_group or m.id) < (reply.alt_group or reply.id)]
        user = next((m for m in reversed(before) if m.role == "user"), None)
        if user is None:
            raise ChinwagError("This reply answers no message, so there is nothing to continue.")
        yield from self._answer(conversation_id, before, user, reply, reply.text, cancel, None, 0.0)

    def _answer(
        self,
        conversation_id: int,
        stored: list[Message],
        user: Message,
        reply_row: Message,
        tail: str,
        cancel: threading.Event | None,
        started: float | None,
        stt_s: float,
    ) -> Iterator[TurnEvent]:
        """Stream the reply to the history `stored` into `reply_row`, after the text `tail` it already holds."""
        cancel = cancel or threading.Event()
        started = started if started is not None else self.clock()
        messages = chat_messages(self.prompt_for(stored), stored)
        parts: list[str] = [tail] if tail else []
        first_at: float | None = None
        last_save = self.clock()
        completed = False
        pieces: Iterator[str] = iter(())
        try:
            pieces, messages = self._open(messages, cancel, tail)
            for piece in pieces:
                if first_at is None:
                    first_at = self.clock()
                parts.append(piece)
                yield Token(piece)
                now = self.clock()
                if now - last_save >= _SAVE_EVERY_S:
                    self.store.update_message(reply_row.id, "".join(parts))
                    last_save = now
            backed = self._tool_result is not None  # a tool ran: what the reply says it did was done
            note = (unbacked_claim("".join(parts), *self.actions.languages(user.language))
                    if self.actions is not None and parts and not backed else None)
            if note is not None:  # "I've set a timer": no action ran, so nothing was set, and the reply says so
                log.info("the model claimed an action no tool ran; a note was added")
                parts.append(f"\n\n{note}")
                yield Token(f"\n\n{note}")
            completed = True
        except StopRequested:
            pass  # stopped inside the prompt's evaluation: ends as stopped, below, with what streamed
        finally:
            # Runs on normal end, on cancel, on failure and when the caller abandons the generator: nothing is lost.
            close = getattr(pieces, "close", None)
            if close is not None:
                close()
            stats = self.engine.last_stats
            stopped = not completed or stats.finish_reason == "cancelled" or cancel.is_set()
            finish = "cancelled" if stopped else stats.finish_reason
            kept = history_ids(stored)
            end = self.clock()
            timings = TurnTimings(
                stt_s=stt_s,
                ttft_s=(first_at - started) if first_at is not None else 0.0,
                tokens=stats.completion_tokens,
                decode_tok_s=stats.decode_tok_s,
                total_s=end - started,
                prompt_tokens=stats.prompt_tokens,
                reused_tokens=stats.reused_tokens,
                dropped_messages=stats.dropped_messages,
                n_ctx=getattr(self.engine, "n_ctx", 0),
                left_out_before=kept[stats.dropped_messages][0]
                if 0 < stats.dropped_messages < len(kept) else 0,
            )
            reply_id: int | None = reply_row.id
            if tail and len(parts) == 1:
                # A continuation stopped before it wrote anything: the reply stays as it was, cut off.
                stopped, finish = False, reply_row.finish_reason or "length"
            elif parts:
                self.store.update_message(reply_row.id, "".join(parts), complete=True, stopped=stopped,
                                          timings=timings.as_dict(), finish_reason=finish)
            else:
                # Stopped before the first token, failed, or an empty answer: an empty row would show as a blank
                # reply and tell nothing to the model, so none is kept (an earlier alternative is shown again).
                self.store.discard_reply(reply_row.id)
                reply_id = None
        tool = self._tool_result
        yield TurnDone(user.text, "".join(parts), self.model_name, stopped, timings, user.id, reply_id, finish,
                       tool.action if tool else "", tool.alarms if tool else ())
        if not stopped and parts and not cancel.is_set():  # set after TurnDone too: the app is closing
            # After TurnDone, so the window is already done with the turn: the worker gets the next turn's shared
            # tokens into the cache while the user reads, and a next turn simply queues behind this.
            try:
                self.engine.prefill_after(messages, "".join(parts))
            except StopRequested:
                pass  # the next turn (or closing) came first: it evaluates what this did not

    def _open(
        self, messages: list[dict[str, str]], cancel: threading.Event, tail: str = ""
    ) -> tuple[Iterator[str], list[dict[str, str]]]:
        """The reply stream, started (its template rendered); a template with no system role gets it folded in."""
        stream = self._stream(messages, cancel, tail)
        try:
            first = next(stream)
        except StopIteration:
            return iter(()), messages
        except Exception as error:
            if not _template_error(error):
                raise
            folded = fold_system(messages)
            if folded == messages:
                raise ChatTemplateError(
                    f"This model's chat template rejected the conversation ({error}). Choose another model in "
                    "Settings, or start a new conversation."
                ) from error
            stream = self._stream(folded, cancel, tail)
            try:
                first = next(stream)
            except StopIteration:
                return iter(()), folded
            except Exception as again:
                if not _template_error(again):
                    raise
                raise ChatTemplateError(
                    f"This model's chat template rejected the conversation ({again}). Choose another model in "
                    "Settings, or start a new conversation."
                ) from again
            messages = folded
        return _prepend(first, stream), messages

    def _stream(self, messages: list[dict[str, str]], cancel: threading.Event, tail: str) -> Iterator[str]:
        self._tool_result = None
        if tail:
            return self.engine.stream(messages, self.params, cancel, tail=tail)
        if self.tools and self.actions is not None and getattr(self.engine, "family", "") == "llama3":
            return self._with_tools(messages, cancel)
        if self.grammar:
            return self.engine.stream(messages, self.params, cancel, grammar=self.grammar)
        return self.engine.stream(messages, self.params, cancel)

    def _with_tools(self, messages: list[dict[str, str]], cancel: threading.Event) -> Iterator[str]:
        """Llama 3 tool calling: the model may answer with a call (`{"name": …, "parameters": …}`) instead of text;
        the call runs and the model answers from its result (action_tools.ToolReply). What ran is kept, so the
        reply's claims are known to be backed."""
        assert self.actions is not None
        reply = action_tools.ToolReply(self.engine, self.actions, grammar=self.grammar,
                                       on_run=lambda _call, result: setattr(self, "_tool_result", result))
        yield from reply.stream(messages, self.params, cancel)


def _prepend(first: str, rest: Iterator[str]) -> Iterator[str]:
    """`first` then the rest of the stream; closing it closes the stream (which stops the generation)."""
    try:
        yield first
        yield from rest
    finally:
        close = getattr(rest, "close", None)
        if close is not None:
            close()
