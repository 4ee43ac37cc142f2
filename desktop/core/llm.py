"""The language model: llama-cpp-python on the CPU, streaming a chat reply token by token.

Not thread-safe (neither is llama-cpp-python): one worker thread owns a ChatEngine. Cancel is a
`threading.Event` that any thread may set; it is checked after every sampled token.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.errors import ModelLoadError, PromptTooLong
from desktop.core.stt import default_threads

# Used when a GGUF carries no chat template (old conversions): ChatML is what most small chat models know.
_FALLBACK_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)

_backends_lock = threading.Lock()
_backends_loaded = False


def _library_dirs() -> list[Path]:
    import llama_cpp

    package = Path(llama_cpp.__file__).resolve().parent
    dirs = [package / "lib", package.parent / "bin"]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        dirs += [Path(frozen_root) / "llama_cpp" / "lib", Path(frozen_root) / "ggml_backends"]
    return [d for d in dirs if d.is_dir()]


def ensure_cpu_backends() -> str | None:
    """Register llama.cpp's run-time CPU variants (portable build), once per process.

    A build with GGML_BACKEND_DL=ON keeps each CPU variant (x64, haswell, zen4, ...) in its own
    libggml-cpu-*.so; llama-cpp-python loads none of them, so without this every model load fails. The call
    must go through the very libggml that llama_cpp links (libggml.so.0): another handle would fill a second,
    empty backend registry. Returns the folder the variants came from, or None for a build with the CPU
    backend linked in.
    """
    global _backends_loaded
    with _backends_lock:
        if _backends_loaded:
            return None
        import llama_cpp  # noqa: F401  (loads libllama and, with it, libggml)

        variant_dir = next((d for d in _library_dirs() if any(d.glob("*ggml-cpu*"))), None)
        if variant_dir is not None:
            lib_dir = _library_dirs()[0]
            names = ["libggml.so.0", "libggml.so", "libggml.0.dylib", "libggml.dylib", "ggml.dll"]
            ggml_file = next((lib_dir / n for n in names if (lib_dir / n).exists()), None)
            if ggml_file is None:
                raise ModelLoadError(f"llama.cpp's libggml was not found in {lib_dir}.")
            ggml = ctypes.CDLL(str(ggml_file), mode=getattr(os, "RTLD_GLOBAL", 0))
            ggml.ggml_backend_load_all_from_path.argtypes = [ctypes.c_char_p]
            ggml.ggml_backend_load_all_from_path.restype = None
            ggml.ggml_backend_load_all_from_path(str(variant_dir).encode())
        _backends_loaded = True
        return str(variant_dir) if variant_dir else None


def _shared_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    """How many leading tokens two sequences have in common (what the KV cache can keep)."""
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


@dataclass(frozen=True)
class GenerationParams:
    temperature: float = 0.7
    top_p: float = 0.9
    top_k: int = 40
    min_p: float = 0.05
    repeat_penalty: float = 1.1
    max_tokens: int = 512
    seed: int = -1  # -1: a new random seed every reply


@dataclass
class StreamStats:
    prompt_tokens: int = 0
    reused_tokens: int = 0  # prompt tokens already in the KV cache from the previous turn
    completion_tokens: int = 0
    ttft_s: float = 0.0  # call to first streamed text
    decode_s: float = 0.0  # first token to last
    finish_reason: str = ""  # "stop", "length" or "cancelled"
    dropped_messages: int = 0  # oldest turns left out to fit the context

    @property
    def decode_tok_s(self) -> float:
        if self.completion_tokens <= 1 or self.decode_s <= 0:
            return 0.0
        return (self.completion_tokens - 1) / self.decode_s


@dataclass
class ChatEngine:
    model_path: Path
    n_ctx: int = 4096
    n_threads: int = 0
    n_batch: int = 512
    flash_attn: bool = True
    last_stats: StreamStats = field(default_factory=StreamStats)
    _llm: Any = None
    _formatter: Any = None

    @property
    def loaded(self) -> bool:
        return self._llm is not None

    def load(self) -> None:
        if self._llm is not None:
            return
        if not Path(self.model_path).is_file():
            raise ModelLoadError(f"The model file {self.model_path} does not exist.")
        ensure_cpu_backends()
        from llama_cpp import Llama
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        threads = self.n_threads or default_threads()
        try:
            llm = Llama(
                model_path=str(self.model_path),
                n_ctx=self.n_ctx,
                n_threads=threads,
                n_threads_batch=threads,
                n_batch=self.n_batch,
                flash_attn=self.flash_attn,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as error:
            raise ModelLoadError(
                f"Cannot load {Path(self.model_path).name}: {error}. The file may be damaged or not a GGUF "
                "model; choose another model in Settings or download it again."
            ) from error
        template = llm.metadata.get("tokenizer.chat_template") or _FALLBACK_TEMPLATE
        vocab = llm._model  # token texts for the template's bos_token / eos_token
        self._formatter = Jinja2ChatFormatter(
            template=template,
            eos_token=vocab.token_get_text(llm.token_eos()),
            bos_token=vocab.token_get_text(llm.token_bos()),
        )
        self._llm = llm

    def close(self) -> None:
        if self._llm is not None:
            self._llm.close()
            self._llm = None

    def prompt_tokens(self, messages: list[dict[str, str]]) -> list[int]:
        self.load()
        prompt = self._formatter(messages=messages).prompt
        # The template writes any BOS itself, so tokenizing must not add another one.
        return self._llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)

    def fit(self, messages: list[dict[str, str]], reserve: int) -> tuple[list[int], int]:
        """Tokens of the longest recent history that leaves `reserve` tokens to answer; never drops system."""
        messages = list(messages)
        dropped = 0
        while True:
            tokens = self.prompt_tokens(messages)
            if len(tokens) + reserve <= self.n_ctx:
                return tokens, dropped
            first = next((i for i, m in enumerate(messages) if m["role"] != "system"), None)
            last_user = max((i for i, m in enumerate(messages) if m["role"] == "user"), default=None)
            if first is None or last_user is None or first >= last_user:
                raise PromptTooLong(
                    f"The message is too long for this model's context ({len(tokens)} tokens, room for "
                    f"{self.n_ctx - reserve}). Shorten it, or raise the context size in Settings."
                )
            # Drop the oldest exchange: a user turn and the assistant reply after it.
            end = first + 1
            while end < last_user and messages[end]["role"] == "assistant":
                end += 1
            dropped += end - first
            del messages[first:end]

    def prefill_after(self, messages: list[dict[str, str]], reply: str) -> int:
        """Evaluate, now, the tokens that close `reply` and that every next turn starts with.

        The model never evaluates the last token it sampled nor the end-of-turn markers after it; left alone,
        the next turn pays for them before its first token. Done while the user reads or speaks, the next
        turn only evaluates the new message. Returns how many tokens were evaluated.
        """
        self.load()
        history = [*messages, {"role": "assistant", "content": reply}]
        # What follows the reply is the same whichever way the conversation goes on: the shared prefix of
        # "answer again" and "the user speaks next" is exactly the part every next prompt starts with.
        again = self.prompt_tokens(history)
        onward = self.prompt_tokens([*history, {"role": "user", "content": "."}])
        prefix = again[: _shared_prefix(again, onward)]
        cached = _shared_prefix(self._llm._input_ids[: self._llm.n_tokens], prefix)
        if cached == 0 or cached >= len(prefix) or len(prefix) >= self.n_ctx:
            return 0
        self._llm.n_tokens = cached  # eval() drops whatever the cache held past this point
        self._llm.eval(prefix[cached:])
        return len(prefix) - cached

    def stream(
        self,
        messages: list[dict[str, str]],
        params: GenerationParams | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[str]:
        """Yield the reply to `messages` piece by piece. `last_stats` describes it once the iterator ends."""
        params = params or GenerationParams()
        cancel = cancel or threading.Event()
        started = time.perf_counter()
        self.load()
        from llama_cpp import StoppingCriteriaList

        reserve = max(16, min(params.max_tokens, self.n_ctx // 2))
        tokens, dropped = self.fit(messages, reserve)
        reused = _shared_prefix(self._llm._input_ids[: self._llm.n_tokens], tokens)
        stats = StreamStats(prompt_tokens=len(tokens), reused_tokens=reused, dropped_messages=dropped)
        self.last_stats = stats
        if cancel.is_set():
            stats.finish_reason = "cancelled"
            return
        pieces = self._llm.create_completion(
            tokens,
            max_tokens=min(params.max_tokens, self.n_ctx - len(tokens)),
            temperature=params.temperature,
            top_p=params.top_p,
            top_k=params.top_k,
            min_p=params.min_p,
            repeat_penalty=params.repeat_penalty,
            seed=None if params.seed < 0 else params.seed,
            stop=[self._formatter.eos_token] if self._formatter.eos_token else [],
            stream=True,
            stopping_criteria=StoppingCriteriaList([lambda _ids, _logits: cancel.is_set()]),
        )
        first_at = None
        try:
            for chunk in pieces:
                choice = chunk["choices"][0]
                text = choice["text"]
                if choice.get("finish_reason"):
                    stats.finish_reason = choice["finish_reason"]
                if text:
                    stats.completion_tokens += 1
                    now = time.perf_counter()
                    if first_at is None:
                        first_at = now
                        stats.ttft_s = now - started
                    stats.decode_s = now - first_at
                    yield text
                if cancel.is_set():
                    stats.finish_reason = "cancelled"
                    break
        finally:
            pieces.close()  # stop generating at once, whoever ends the iteration
        if cancel.is_set():
            stats.finish_reason = "cancelled"
        stats.finish_reason = stats.finish_reason or "stop"
