"""The language model: llama-cpp-python on the CPU, streaming a chat reply token by token.

Not thread-safe (neither is llama-cpp-python): one worker thread owns a ChatEngine. Cancel is a
`threading.Event` that any thread may set; it is checked after every sampled token.
"""

from __future__ import annotations

import codecs
import ctypes
import random
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from desktop.core import chat_templates
from desktop.core.errors import ChatTemplateError, ModelLoadError, PromptTooLong
from desktop.core.stt import default_threads


def ensure_cpu_backends() -> str | None:
    """Register llama.cpp's CPU code before the first model load, once per process.

    The portable build keeps each CPU variant (x64, haswell, zen4, ...) in its own libggml-cpu-*.so and
    llama-cpp-python loads none of them. `desktop.core.cpu_variant` picks the one this machine has been proven to run
    and registers exactly that file. Returns the folder the variants came from, or None for a build with the CPU
    backend linked in.
    """
    from desktop.core import cpu_variant

    choice = cpu_variant.ensure_loaded()
    return str(choice.variant.path.parent) if choice.variant is not None else None


def _shared_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    """How many leading tokens two sequences have in common (what the KV cache can keep)."""
    n = min(len(a), len(b))
    if n == 0:
        return 0
    differ = np.flatnonzero(np.asarray(a[:n], dtype=np.int64) != np.asarray(b[:n], dtype=np.int64))
    return int(differ[0]) if differ.size else n


SAMPLING_FIELDS = ("temperature", "top_p", "top_k", "min_p", "repeat_penalty")


@dataclass(frozen=True)
class GenerationParams:
    """What the caller asks for. A sampling field left at None takes the model's own recommendation
    (`ChatEngine.resolve`): the catalog entry's defaults, else its family's (`family_defaults`)."""

    temperature: float | None = None
    top_p: float | None = None
    top_k: int | None = None
    min_p: float | None = None
    repeat_penalty: float | None = None
    max_tokens: int = 512
    seed: int = -1  # -1: a new random seed every reply


# The generation defaults each family's makers publish. Llama 3.2 Instruct: temperature 0.6, top_p 0.9, no repeat
# penalty (a penalty of 1.1 also costs about 10% of decode speed at a 128k vocabulary); its generation config sets no
# top_k, so transformers' own 50 applies (it also spares sorting all 128k candidates per token). ChatML models
# (SmolLM2, Qwen) get llama.cpp's usual defaults.
_FAMILY_DEFAULTS: dict[str, dict[str, float]] = {
    "llama3": {"temperature": 0.6, "top_p": 0.9, "top_k": 50, "min_p": 0.0, "repeat_penalty": 1.0},
    "chatml": {"temperature": 0.7, "top_p": 0.9, "top_k": 40, "min_p": 0.05, "repeat_penalty": 1.1},
}
_GENERIC_DEFAULTS = {"temperature": 0.7, "top_p": 0.9, "top_k": 40, "min_p": 0.05, "repeat_penalty": 1.0}


def family_defaults(family: str) -> dict[str, float]:
    return dict(_FAMILY_DEFAULTS.get(family, _GENERIC_DEFAULTS))


def sampling_defaults(raw: Any) -> dict[str, float]:
    """A catalog entry's `sampling` object, keeping only known fields with numeric values."""
    if not isinstance(raw, dict):
        return {}
    return {
        name: value
        for name, value in raw.items()
        if name in SAMPLING_FIELDS and isinstance(value, (int, float)) and not isinstance(value, bool)
    }


@dataclass
class StreamStats:
    prompt_tokens: int = 0
    reused_tokens: int = 0  # prompt tokens already in the KV cache from the previous turn
    completion_tokens: int = 0  # tokens sampled, the end-of-generation token not counted
    ttft_s: float = 0.0  # call to first streamed text
    decode_s: float = 0.0  # first token to last
    finish_reason: str = ""  # "stop", "length" or "cancelled"
    dropped_messages: int = 0  # oldest turns left out to fit the context
    stop_token: int | None = None  # the end-of-generation token that ended the reply, if one did

    @property
    def decode_tok_s(self) -> float:
        if self.completion_tokens <= 1 or self.decode_s <= 0:
            return 0.0
        return (self.completion_tokens - 1) / self.decode_s


@dataclass(frozen=True)
class Sampling:
    """Concrete sampling values, after the caller's choices were laid over the model's own recommendation."""

    temperature: float
    top_p: float
    top_k: int
    min_p: float
    repeat_penalty: float


class TokenText:
    """Token ids to text, O(1) per token: each token's bytes are looked up once, and an incremental UTF-8
    decoder holds back the first bytes of a character split across tokens (emoji, accents, any non-Latin
    script) instead of re-decoding the growing reply."""

    def __init__(self, vocab: Any) -> None:
        import llama_cpp

        self._vocab = vocab
        self._to_piece = llama_cpp.llama_token_to_piece
        self._buffer = ctypes.create_string_buffer(256)
        self._pieces: dict[int, bytes] = {}
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def piece(self, token: int) -> bytes:
        known = self._pieces.get(token)
        if known is None:
            n = self._to_piece(self._vocab, token, self._buffer, len(self._buffer), 0, False)
            if n < 0:  # a piece longer than the buffer: ask again with room for it
                bigger = ctypes.create_string_buffer(-n)
                n = self._to_piece(self._vocab, token, bigger, -n, 0, False)
                known = bigger.raw[:n]
            else:
                known = self._buffer.raw[:n]
            self._pieces[token] = known
        return known

    def start(self) -> None:
        self._decoder.reset()

    def text(self, token: int) -> str:
        return self._decoder.decode(self.piece(token))

    def flush(self) -> str:
        return self._decoder.decode(b"", final=True)


@dataclass
class ChatEngine:
    model_path: Path
    n_ctx: int = 4096
    n_threads: int = 0
    n_batch: int = 512
    flash_attn: bool = True
    # The catalog entry's recommended sampling (e.g. {"temperature": 0.6}); laid over the family's defaults.
    defaults: dict[str, float] = field(default_factory=dict)
    # Where verdicts on model files are kept: a file not seen before is checked, then loaded once in a child process,
    # before this process lets llama.cpp near it (a damaged file must never take the app down). None: no check.
    verdicts_dir: Path | None = None
    last_stats: StreamStats = field(default_factory=StreamStats)
    last_prompt: str = ""  # the prompt text of the last reply, as the model got it (after fitting the context)
    family: str = ""  # "llama3", "chatml" or "other", known once loaded
    template: str = ""  # the chat template in use (the file's, or the fallback), known once loaded
    _llm: Any = None
    _formatter: Any = None
    _text: TokenText | None = None

    @property
    def loaded(self) -> bool:
        return self._llm is not None

    def load(self) -> None:
        if self._llm is not None:
            return
        if not Path(self.model_path).is_file():
            raise ModelLoadError(f"The model file {self.model_path} does not exist.")
        if self.verdicts_dir is not None:
            from desktop.core.gguf_check import verify_model_file

            verify_model_file(Path(self.model_path), self.verdicts_dir)
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
                # Read into memory rather than mapped: on CPUs where llama.cpp repacks the weights for faster kernels
                # (AVX2 and up) a mapped file stays resident beside its repacked copy, about 450 MB more for the 1B.
                use_mmap=False,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as error:
            raise ModelLoadError(
                f"Cannot load {Path(self.model_path).name}: {error}. The file may be damaged or not a GGUF "
                "model; choose another model in Settings or download it again."
            ) from error
        template = llm.metadata.get("tokenizer.chat_template") or self._fallback_template(llm)
        self.family = chat_templates.family_of_template(template)
        self.template = template
        # A GGUF that names no BOS/EOS still reports one (llama.cpp falls back to a default id, "," for byte-level
        # BPE): only ids the file itself declares are real special tokens the template may write.
        bos = _token_text(llm, llm.token_bos()) if "tokenizer.ggml.bos_token_id" in llm.metadata else ""
        eos = _token_text(llm, llm.token_eos()) if "tokenizer.ggml.eos_token_id" in llm.metadata else ""
        try:
            self._formatter = Jinja2ChatFormatter(template=template, eos_token=eos, bos_token=bos)
        except Exception as error:  # jinja2's TemplateSyntaxError and friends: the file's template is unusable
            llm.close()
            raise ModelLoadError(
                f"{Path(self.model_path).name} carries a chat template Chinwag cannot read ({error})."
            ) from error
        self._text = TokenText(llm._model.vocab)
        self._llm = llm

    @staticmethod
    def _fallback_template(llm: Any) -> str:
        """A template for a GGUF that carries none, chosen by what its vocabulary can say: a family's markers are
        used only where each is a single token; otherwise they would be read as plain text."""

        def single_tokens(markers: Sequence[str]) -> bool:
            return all(len(llm.tokenize(m.encode(), add_bos=False, special=True)) == 1 for m in markers)

        if single_tokens(chat_templates.LLAMA3_MARKERS):
            return chat_templates.LLAMA3
        if single_tokens(chat_templates.CHATML_MARKERS):
            return chat_templates.CHATML
        return chat_templates.PLAIN

    def close(self) -> None:
        if self._llm is not None:
            self._llm.close()
            self._llm = None
            self._text = None

    def resolve(self, params: GenerationParams) -> Sampling:
        """The caller's explicit values, else the catalog entry's, else the model family's."""
        self.load()
        chosen = {**family_defaults(self.family), **self.defaults}
        for name in SAMPLING_FIELDS:
            value = getattr(params, name)
            if value is not None:
                chosen[name] = value
        return Sampling(
            temperature=float(chosen["temperature"]),
            top_p=float(chosen["top_p"]),
            top_k=int(chosen["top_k"]),
            min_p=float(chosen["min_p"]),
            repeat_penalty=float(chosen["repeat_penalty"]),
        )

    @property
    def renders_tools(self) -> bool:
        """The model's chat template writes the `tools` it is given (Meta's Llama 3.1/3.2 templates do)."""
        self.load()
        return "tools" in self.template

    def prompt_text(self, messages: list[dict[str, str]], tools: list[dict] | None = None) -> str:
        self.load()
        try:
            if tools:
                return self._formatter(messages=messages, tools=tools).prompt
            return self._formatter(messages=messages).prompt
        except Exception as error:  # a template's raise_exception (e.g. "roles must alternate") or a bad template
            raise ChatTemplateError(
                f"{Path(self.model_path).name}'s chat template refused this conversation: {error}"
            ) from error

    def prompt_tokens(self, messages: list[dict[str, str]], tail: str = "",
                      tools: list[dict] | None = None) -> list[int]:
        """`tail`: the start of the assistant's answer, already written (continue a reply cut off). `tools`: the
        functions the model may call, for a template that renders them."""
        # The template writes any BOS itself, so tokenizing must not add another one. The tail is plain text.
        tokens = self._llm.tokenize(self.prompt_text(messages, tools).encode("utf-8"), add_bos=False, special=True)
        if tail:
            tokens += self._llm.tokenize(tail.encode("utf-8"), add_bos=False, special=False)
        return tokens

    def fit(self, messages: list[dict[str, str]], reserve: int, tail: str = "",
            tools: list[dict] | None = None) -> tuple[list[int], int]:
        """Tokens of the longest recent history that leaves `reserve` tokens to answer; never drops system."""
        messages = list(messages)
        dropped = 0
        while True:
            tokens = self.prompt_tokens(messages, tail, tools)
            if len(tokens) + reserve <= self.n_ctx:
                self.last_prompt = self.prompt_text(messages, tools) + tail
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
        tail: str = "",
        tools: list[dict] | None = None,
        grammar: str | None = None,
    ) -> Iterator[str]:
        """Yield the reply to `messages` piece by piece. `last_stats` describes it once the iterator ends.
        `tools`: functions the model may call (given to the chat template, which must render them). `grammar`: a
        llama.cpp grammar (GBNF) the reply must follow (a tool call's JSON, or a test's scripted reply).

        With `tail` (the answer so far, cut off by the token limit) it writes on from there: the prompt is the
        conversation, the assistant's turn opened, and the tail, so the KV cache still holds nearly all of it.

        The loop is llama-cpp-python's `generate()` (prefix reuse of the KV cache, the native sampler chain) with
        our own end-of-generation check and incremental decoding, so each token costs the same however long the
        reply grows; `create_completion`'s text path re-decodes the whole completion per token.
        """
        params = params or GenerationParams()
        started = time.perf_counter()
        self.load()
        reserve = max(16, min(params.max_tokens, self.n_ctx // 2))
        tokens, dropped = self.fit(messages, reserve, tail, tools)
        yield from self._generate(tokens, params, cancel or threading.Event(), started, dropped, grammar)

    def stream_prompt(
        self,
        prompt: str,
        params: GenerationParams | None = None,
        cancel: threading.Event | None = None,
    ) -> Iterator[str]:
        """Continue raw `prompt` text, with no chat template (the local API's /v1/completions). A prompt that leaves
        no room to answer in the context raises PromptTooLong."""
        params = params or GenerationParams()
        started = time.perf_counter()
        tokens = self.raw_tokens(prompt)
        if len(tokens) + 1 > self.n_ctx:
            raise PromptTooLong(
                f"The prompt is too long for this model's context ({len(tokens)} tokens, room for "
                f"{self.n_ctx - 1}). Shorten it, or raise the context size in Settings."
            )
        yield from self._generate(tokens, params, cancel or threading.Event(), started, 0)

    def raw_tokens(self, prompt: str) -> list[int]:
        """`prompt` as the model sees it with no template: BOS where the model wants one, special tokens read."""
        self.load()
        return self._llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)

    def _generate(
        self, tokens: list[int], params: GenerationParams, cancel: threading.Event, started: float, dropped: int,
        grammar: str | None = None,
    ) -> Iterator[str]:
        import llama_cpp

        sampling = self.resolve(params)
        llm = self._llm
        reused = _shared_prefix(llm._input_ids[: llm.n_tokens], tokens)
        stats = StreamStats(prompt_tokens=len(tokens), reused_tokens=reused, dropped_messages=dropped)
        self.last_stats = stats
        if cancel.is_set():
            stats.finish_reason = "cancelled"
            return
        budget = min(params.max_tokens, self.n_ctx - len(tokens))
        llm.set_seed(params.seed if params.seed >= 0 else random.randrange(2**31))
        vocab = llm._model.vocab
        is_eog = llama_cpp.llama_vocab_is_eog
        text = self._text
        assert text is not None
        text.start()
        generator = llm.generate(
            tokens,
            temp=sampling.temperature,
            top_p=sampling.top_p,
            top_k=sampling.top_k,
            min_p=sampling.min_p,
            repeat_penalty=sampling.repeat_penalty,
            grammar=llama_cpp.LlamaGrammar.from_string(grammar, verbose=False) if grammar else None,
        )
        first_at = None
        try:
            for token in generator:
                if is_eog(vocab, token):
                    stats.stop_token = int(token)
                    stats.finish_reason = "stop"
                    break
                stats.completion_tokens += 1
                piece = text.text(token)
                if piece:
                    now = time.perf_counter()
                    if first_at is None:
                        first_at = now
                        stats.ttft_s = now - started
                    stats.decode_s = now - first_at
                    yield piece
                if cancel.is_set():
                    stats.finish_reason = "cancelled"
                    break
                if stats.completion_tokens >= budget:
                    stats.finish_reason = "length"
                    break
        finally:
            generator.close()  # stop generating at once, whoever ends the iteration
        rest = text.flush()
        if rest and stats.finish_reason != "cancelled":
            yield rest
        if cancel.is_set():
            stats.finish_reason = "cancelled"
        stats.finish_reason = stats.finish_reason or "stop"


def _token_text(llm: Any, token: int) -> str:
    """A special token's text for the template (bos_token, eos_token); "" where the GGUF has none (id -1), which
    llama.cpp's own lookup would abort on."""
    if token is None or token < 0 or token >= llm.n_vocab():
        return ""
    return llm._model.token_get_text(token)
