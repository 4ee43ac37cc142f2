"""VoiceTurn: the one path from a recording (or typed text) to a stored, streamed reply.

The CLI and the window both drive it. It is a generator of events, so the caller decides where it runs
(the window runs it on its worker thread) and what to show; it never touches Qt.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from desktop.core.audio import speech_present
from desktop.core.errors import ChinwagError, NothingHeard
from desktop.core.llm import ChatEngine, GenerationParams
from desktop.core.store import ConversationStore, Message
from desktop.core.stt import Transcriber, Transcript

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
    reply_message_id: int


TurnEvent = Transcribed | UserMessage | Token | TurnDone


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

    def history(self, conversation_id: int) -> list[dict[str, str]]:
        messages = [{"role": "system", "content": self.system_prompt}] if self.system_prompt else []
        for m in self.store.messages(conversation_id):
            if m.role in ("user", "assistant") and m.text:
                messages.append({"role": m.role, "content": m.text})
        return messages

    def run(
        self,
        conversation_id: int,
        *,
        pcm: np.ndarray | None = None,
        text: str | None = None,
        cancel: threading.Event | None = None,
        released_at: float | None = None,
    ) -> Iterator[TurnEvent]:
        """One turn: give `pcm` (spoken) or `text` (typed). `released_at` is when the key was let go."""
        cancel = cancel or threading.Event()
        started = released_at if released_at is not None else self.clock()
        stt_s = 0.0
        source = "text"
        if pcm is not None:
            if self.transcriber is None:
                raise ChinwagError("No speech model is set up.")
            if not speech_present(pcm):
                raise NothingHeard("Nothing heard: hold the key while you speak, a little closer to the microphone.")
            transcript = self.transcriber.transcribe(pcm)
            stt_s = transcript.elapsed_s
            if not transcript.text:
                raise NothingHeard("Nothing heard: no words were recognised. Try again, a little louder.")
            yield Transcribed(transcript)
            text = transcript.text
            source = "voice"
        if not text or not text.strip():
            raise NothingHeard("Nothing to send.")
        user = self.store.add_message(conversation_id, "user", text.strip(), source=source)
        yield UserMessage(user)
        yield from self.reply(conversation_id, user, cancel=cancel, started=started, stt_s=stt_s)

    def reply(
        self,
        conversation_id: int,
        user: Message,
        *,
        cancel: threading.Event | None = None,
        started: float | None = None,
        stt_s: float = 0.0,
    ) -> Iterator[TurnEvent]:
        """Stream and store the assistant's answer to the history ending with `user` (also: regenerate)."""
        cancel = cancel or threading.Event()
        started = started if started is not None else self.clock()
        messages = self.history(conversation_id)
        reply_row = self.store.add_message(conversation_id, "assistant", "", model=self.model_name, complete=False)
        parts: list[str] = []
        first_at: float | None = None
        last_save = self.clock()
        pieces = self.engine.stream(messages, self.params, cancel)
        completed = False
        try:
            for piece in pieces:
                if first_at is None:
                    first_at = self.clock()
                parts.append(piece)
                yield Token(piece)
                now = self.clock()
                if now - last_save >= _SAVE_EVERY_S:
                    self.store.update_message(reply_row.id, "".join(parts))
                    last_save = now
            completed = True
        finally:
            # Runs on normal end, on cancel and when the caller abandons the generator: nothing is lost.
            pieces.close()
            stats = self.engine.last_stats
            stopped = not completed or stats.finish_reason == "cancelled" or cancel.is_set()
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
            )
            self.store.update_message(reply_row.id, "".join(parts), complete=True, stopped=stopped,
                                      timings=timings.as_dict())
        if not stopped:
            # The reply is stored and shown; get the next turn's shared tokens into the cache meanwhile.
            self.engine.prefill_after(messages, "".join(parts))
        yield TurnDone(user.text, "".join(parts), self.model_name, stopped, timings, user.id, reply_row.id)
