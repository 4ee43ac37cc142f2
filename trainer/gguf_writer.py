"""Hugging Face Llama checkpoint → GGUF (f16/f32), written with the `gguf` package alone.

No llama.cpp checkout and no network: the facts llama.cpp needs are written here:
tensor names from gguf's Llama map, Q/K rows permuted from Hugging Face's rotate-half order to the
interleaved pairs llama.cpp rotates, the tied output layer left out, Llama 3 rope scaling as a
`rope_freqs` tensor, and the byte-level BPE tokenizer with its pre-tokenizer name, merges, special ids
and chat template.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

LLAMA3_PRE_TOKENIZER = "llama-bpe"


def permute_qk(weight: np.ndarray, n_heads: int) -> np.ndarray:
    """Rotate-half row order (HF) → interleaved pairs (llama.cpp), per head."""
    rows, cols = weight.shape
    return weight.reshape(n_heads, 2, rows // n_heads // 2, cols).swapaxes(1, 2).reshape(rows, cols)


def llama3_rope_factors(head_dim: int, theta: float, scaling: dict[str, Any]) -> np.ndarray:
    """One divisor per rotary frequency for Llama 3.1/3.2 "llama3" rope scaling (llama.cpp's rope_freqs)."""
    factor = float(scaling["factor"])
    low, high = float(scaling["low_freq_factor"]), float(scaling["high_freq_factor"])
    original = float(scaling["original_max_position_embeddings"])
    low_wavelen, high_wavelen = original / low, original / high
    factors = []
    for i in range(0, head_dim, 2):
        wavelen = 2 * math.pi * theta ** (i / head_dim)
        if wavelen < high_wavelen:
            factors.append(1.0)
        elif wavelen > low_wavelen:
            factors.append(factor)
        else:
            smooth = (original / wavelen - low) / (high - low)
            factors.append(1.0 / ((1 - smooth) / factor + smooth))
    return np.asarray(factors, dtype=np.float32)


def detect_pre_tokenizer(tokenizer: Any, requested: str, model_dir: Path | None = None) -> str:
    """llama.cpp's pre-tokenizer name. Only the two families this project ships are recognised."""
    if requested != "auto":
        return requested
    vocab = tokenizer.get_vocab()
    if "<|begin_of_text|>" in vocab and "<|eot_id|>" in vocab:
        return LLAMA3_PRE_TOKENIZER
    marker = model_dir / "chinwag_tiny_model.json" if model_dir else None
    if marker is not None and marker.is_file():
        return json.loads(marker.read_text())["tokenizer_pre"]
    raise ValueError(
        "cannot tell which llama.cpp pre-tokenizer this tokenizer needs: "
        "set export.tokenizer_pre (llama-bpe for Llama 3.x, smollm for SmolLM2)"
    )


def _rope_settings(config: Any) -> tuple[float, dict[str, Any] | None]:
    """(theta, scaling or None): transformers 5 keeps both in rope_parameters, 4.x in rope_theta and
    rope_scaling."""
    params = getattr(config, "rope_parameters", None)
    if params:
        theta = float(params.get("rope_theta", 10000.0))
        scaling = dict(params)
    else:
        theta = float(getattr(config, "rope_theta", 10000.0))
        scaling = dict(getattr(config, "rope_scaling", None) or {})
    kind = scaling.get("rope_type", scaling.get("type", "default"))
    return theta, (scaling if kind != "default" else None)


def _merges(tokenizer: Any) -> list[str]:
    model = json.loads(tokenizer.backend_tokenizer.to_str())["model"]
    if model.get("type") != "BPE":
        raise ValueError(f"only byte-level BPE tokenizers are supported, this one is {model.get('type')}")
    return [" ".join(m) if isinstance(m, list) else m for m in model["merges"]]


def _vocabulary(tokenizer: Any, vocab_size: int) -> tuple[list[str], list[int]]:
    import gguf

    by_id = {index: token for token, index in tokenizer.get_vocab().items()}
    added = tokenizer.added_tokens_decoder
    tokens, types = [], []
    for index in range(vocab_size):
        token = by_id.get(index)
        if token is None:  # embedding rows past the tokenizer (padding for alignment)
            tokens.append(f"[PAD{index}]")
            types.append(gguf.TokenType.UNUSED)
        elif index in added:
            tokens.append(added[index].content)
            types.append(gguf.TokenType.CONTROL if added[index].special else gguf.TokenType.USER_DEFINED)
        else:
            tokens.append(token)
            types.append(gguf.TokenType.NORMAL)
    return tokens, [int(t) for t in types]


def _adds_bos(tokenizer: Any) -> bool:
    ids = tokenizer("a")["input_ids"]
    return tokenizer.bos_token_id is not None and bool(ids) and ids[0] == tokenizer.bos_token_id


@dataclass
class GGUFVocab:
    """A byte-level BPE tokenizer as llama.cpp reads it: plain data, no transformers needed."""

    tokens: list[str]
    types: list[int]
    merges: list[str]
    pre_tokenizer: str
    bos_id: int | None = None
    eos_id: int | None = None
    pad_id: int | None = None
    unk_id: int | None = None
    eot_id: int | None = None  # end of turn (Llama 3: <|eot_id|>)
    eom_id: int | None = None  # end of message (Llama 3: <|eom_id|>, after a tool call)
    add_bos: bool = False
    chat_template: str | None = None


@dataclass
class ModelInfo:
    """What the GGUF says about its origin: the license and the model it derives from (a Hub repo id)."""

    license: str | None = None
    base_model: str | None = None  # "org/name"


@dataclass
class LlamaShape:
    """The hyperparameters llama.cpp needs for a Llama-architecture GGUF."""

    vocab_size: int
    hidden_size: int
    n_layers: int
    n_heads: int
    n_kv_heads: int
    intermediate_size: int
    context_length: int
    rms_norm_eps: float = 1e-5
    rope_theta: float = 10000.0

    @property
    def head_dim(self) -> int:
        return self.hidden_size // self.n_heads


def write_llama_gguf(
    path: Path,
    name: str,
    shape: LlamaShape,
    vocab: GGUFVocab,
    tensors: Iterable[tuple[str, np.ndarray]],
    out_type: str = "f16",
    progress: bool = False,
    info: ModelInfo | None = None,
) -> Path:
    """Write one Llama GGUF from tensors already in GGUF naming and llama.cpp's row order (torch-free core).

    `tensors` yields (gguf name, array) pairs, arrays shaped as Hugging Face stores them (rows = outputs);
    2-D arrays are written as `out_type`, 1-D ones (norms, rope factors) stay f32 as llama.cpp expects.
    """
    import gguf

    if out_type not in ("f16", "f32"):
        raise ValueError(f"GGUF out type must be f16 or f32 (quantize afterwards), got {out_type!r}")
    writer = gguf.GGUFWriter(path, "llama", use_temp_file=True)
    writer.add_name(name)
    writer.add_context_length(shape.context_length)
    writer.add_embedding_length(shape.hidden_size)
    writer.add_block_count(shape.n_layers)
    writer.add_feed_forward_length(shape.intermediate_size)
    writer.add_head_count(shape.n_heads)
    writer.add_head_count_kv(shape.n_kv_heads)
    writer.add_layer_norm_rms_eps(shape.rms_norm_eps)
    writer.add_rope_freq_base(shape.rope_theta)
    writer.add_rope_dimension_count(shape.head_dim)
    writer.add_key_length(shape.head_dim)
    writer.add_value_length(shape.head_dim)
    writer.add_vocab_size(shape.vocab_size)
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_F16 if out_type == "f16" else gguf.LlamaFileType.ALL_F32)
    _add_vocab(writer, vocab)
    if info is not None:
        _add_info(writer, info)
    for gguf_name, data in tensors:
        data = np.asarray(data, dtype=np.float32) if data.dtype != np.float16 else data
        if data.ndim > 1:
            data = data.astype(np.float16 if out_type == "f16" else np.float32, copy=False)
        else:
            data = data.astype(np.float32, copy=False)
        writer.add_tensor(gguf_name, np.ascontiguousarray(data))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file(progress=progress)
    writer.close()
    return path


def _add_info(writer: Any, info: ModelInfo) -> None:
    if info.license:
        writer.add_license(info.license)
    if info.base_model:
        organization, _, name = info.base_model.rpartition("/")
        writer.add_base_model_count(1)
        writer.add_base_model_name(0, name)
        if organization:
            writer.add_base_model_organization(0, organization)
            # Only a Hub id is a repo; a local path (the CPU test models) names no URL.
            if not info.base_model.startswith(("/", ".", "~")):
                writer.add_base_model_repo_url(0, f"https://huggingface.co/{info.base_model}")


def _add_vocab(writer: Any, vocab: GGUFVocab) -> None:
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre(vocab.pre_tokenizer)
    writer.add_token_list(vocab.tokens)
    writer.add_token_types(vocab.types)
    writer.add_token_merges(vocab.merges)
    for value, add in (
        (vocab.bos_id, writer.add_bos_token_id),
        (vocab.eos_id, writer.add_eos_token_id),
        (vocab.pad_id, writer.add_pad_token_id),
        (vocab.unk_id, writer.add_unk_token_id),
        (vocab.eot_id, writer.add_eot_token_id),
        (vocab.eom_id, writer.add_eom_token_id),
    ):
        if value is not None:
            add(int(value))
    writer.add_add_bos_token(vocab.add_bos)
    writer.add_add_eos_token(False)
    if vocab.chat_template:
        writer.add_chat_template(vocab.chat_template)


def write_gguf(
    model: Any,
    tokenizer: Any,
    path: Path,
    name: str,
    pre_tokenizer: str,
    out_type: str = "f16",
    progress: bool = True,
    info: ModelInfo | None = None,
) -> Path:
    """Write `model` (a transformers LlamaForCausalLM, merged) and its tokenizer as one GGUF file."""
    import gguf

    config = model.config
    if config.model_type != "llama":
        raise ValueError(f"the GGUF writer handles Llama models only, this one is {config.model_type!r}")
    n_heads = config.num_attention_heads
    head_dim = getattr(config, "head_dim", None) or config.hidden_size // n_heads
    theta, scaling = _rope_settings(config)
    shape = LlamaShape(
        vocab_size=config.vocab_size,
        hidden_size=config.hidden_size,
        n_layers=config.num_hidden_layers,
        n_heads=n_heads,
        n_kv_heads=config.num_key_value_heads or n_heads,
        intermediate_size=config.intermediate_size,
        context_length=config.max_position_embeddings,
        rms_norm_eps=config.rms_norm_eps,
        rope_theta=theta,
    )
    if head_dim != shape.head_dim:
        raise ValueError(f"head_dim {head_dim} differs from hidden/heads {shape.head_dim}: not supported")
    extra: list[tuple[str, np.ndarray]] = []
    if scaling and scaling.get("rope_type", scaling.get("type")) == "llama3":
        extra.append(
            (gguf.TENSOR_NAMES[gguf.MODEL_TENSOR.ROPE_FREQS] + ".weight", llama3_rope_factors(head_dim, theta, scaling))
        )
    elif scaling:
        raise ValueError(f"rope scaling {scaling} is not supported by this writer")
    tensors = [*extra, *_hf_tensors(model, shape.n_layers, shape.n_heads, shape.n_kv_heads)]
    return write_llama_gguf(path, name, shape, vocabulary_of(tokenizer, config.vocab_size, pre_tokenizer), tensors,
                            out_type, progress, info)


def vocabulary_of(tokenizer: Any, vocab_size: int, pre_tokenizer: str) -> GGUFVocab:
    tokens, types = _vocabulary(tokenizer, vocab_size)
    vocab = tokenizer.get_vocab()
    ids = {
        attribute: (int(getattr(tokenizer, attribute)) if getattr(tokenizer, attribute, None) is not None else None)
        for attribute in ("bos_token_id", "eos_token_id", "pad_token_id", "unk_token_id")
    }
    return GGUFVocab(
        tokens=tokens,
        types=types,
        merges=_merges(tokenizer),
        pre_tokenizer=pre_tokenizer,
        bos_id=ids["bos_token_id"],
        eos_id=ids["eos_token_id"],
        pad_id=ids["pad_token_id"],
        unk_id=ids["unk_token_id"],
        # Said explicitly rather than left to llama.cpp's guess from token texts: generation must end on
        # Llama 3's end of turn and end of message (after a tool call) whatever eos_token_id says.
        eot_id=vocab.get("<|eot_id|>"),
        eom_id=vocab.get("<|eom_id|>"),
        add_bos=_adds_bos(tokenizer),
        chat_template=tokenizer.chat_template or None,
    )


def _hf_tensors(model: Any, n_layers: int, n_heads: int, n_kv_heads: int) -> Iterator[tuple[str, np.ndarray]]:
    """The model's tensors in GGUF naming, Q/K rows permuted to llama.cpp's order, the tied output left out."""
    import gguf
    import torch

    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.LLAMA, n_layers)
    tied = bool(getattr(model.config, "tie_word_embeddings", False))
    for hf_name, tensor in model.state_dict().items():
        if tied and hf_name == "lm_head.weight":
            continue  # llama.cpp reuses token_embd when there is no output tensor
        if hf_name.endswith("rotary_emb.inv_freq"):
            continue
        gguf_name = names.get_name(hf_name, try_suffixes=(".weight", ".bias"))
        if gguf_name is None:
            raise ValueError(f"no GGUF name for tensor {hf_name}")
        data = tensor.detach().to(torch.float32).cpu().numpy()
        if hf_name.endswith("self_attn.q_proj.weight"):
            data = permute_qk(data, n_heads)
        elif hf_name.endswith("self_attn.k_proj.weight"):
            data = permute_qk(data, n_kv_heads)
        yield gguf_name, data
