"""export: merge the adapter, write GGUF f16 ourselves, quantize with llama.cpp, validate, catalog entry.

Offline by construction: the GGUF is written by `trainer.gguf_writer` (the `gguf` package) and quantized
by llama-cpp-python's `llama_model_quantize`; Unsloth's `save_pretrained_gguf` would download and build
llama.cpp. The validation compares the f16 GGUF in llama.cpp with the merged model in transformers on
held-out conversations: the same token ids go into both, so it checks the weights, layout and rope, and a
separate check compares llama.cpp's tokenizer with the Hugging Face one on the same text.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import math
from pathlib import Path
from typing import Any

from trainer.chat import Conversation, merge_base_model, render, render_prompt
from trainer.config import RecipeConfig, RecipeError
from trainer.gguf_writer import detect_pre_tokenizer, write_gguf
from trainer.prepare import read_conversations
from trainer.train import adapter_dir

MERGED_DTYPE = "float16"  # the merged checkpoint holds exactly the f16 values the GGUF holds


class ExportValidationError(RecipeError):
    """The GGUF does not reproduce the merged model (figures in export_report.json)."""


def export_dir(cfg: RecipeConfig) -> Path:
    return cfg.run_path / "export"


def gguf_name(cfg: RecipeConfig, quant: str) -> str:
    return f"{cfg.name}.{quant.upper()}.gguf"


# ------------------------------------------------------------------------------------------------ merge


def merge_adapter(cfg: RecipeConfig, out: Path) -> tuple[Any, Any]:
    """Base (16-bit) + adapter → merged float32 model in memory, saved as float16 in `out`."""
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    adapter = adapter_dir(cfg)
    if not (adapter / "adapter_config.json").is_file():
        raise RecipeError(f"no trained adapter in {adapter}: run `chinwag-train train` first")
    # float32 so the merge itself adds no rounding; the one rounding is the f16 the GGUF stores.
    base = AutoModelForCausalLM.from_pretrained(merge_base_model(cfg), dtype=torch.float32, device_map="cpu")
    merged = PeftModel.from_pretrained(base, str(adapter)).merge_and_unload()
    tokenizer = AutoTokenizer.from_pretrained(str(adapter))
    merged = merged.to(getattr(torch, MERGED_DTYPE))
    merged.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return merged.to(torch.float32).eval(), tokenizer


# --------------------------------------------------------------------------------------------- quantize


def quantize(source: Path, target: Path, quant: str, threads: int) -> Path:
    import llama_cpp

    ftype = getattr(llama_cpp, f"LLAMA_FTYPE_MOSTLY_{quant.upper()}", None)
    if ftype is None:
        raise RecipeError(
            f"unknown quantization {quant!r} (llama.cpp names: q8_0, q4_k_m, q5_k_m, q6_k, ...)"
        )
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = ftype
    params.nthread = threads
    status = llama_cpp.llama_model_quantize(str(source).encode(), str(target).encode(), ctypes.byref(params))
    if status != 0:
        raise RecipeError(f"llama.cpp could not quantize {source.name} to {quant} (status {status})")
    return target


# ------------------------------------------------------------------------------------------- validation


def _load_gguf(path: Path, n_ctx: int, threads: int) -> Any:
    from llama_cpp import Llama

    from desktop.core.llm import ensure_cpu_backends  # the app's loader: the export must load as the app does

    ensure_cpu_backends()
    return Llama(
        model_path=str(path),
        n_ctx=n_ctx,
        n_batch=n_ctx,
        n_ubatch=n_ctx,
        n_threads=threads,
        n_threads_batch=threads,
        logits_all=True,
        verbose=False,
    )


def next_token_agreement(model: Any, llm: Any, sequences: list[list[int]]) -> dict[str, Any]:
    """Share of positions where transformers and llama.cpp pick the same next token (same input ids)."""
    import numpy as np
    import torch

    agree = total = 0
    max_diff = 0.0
    for ids in sequences:
        with torch.inference_mode():
            reference = model(torch.tensor([ids])).logits[0].float().numpy()
        llm.reset()
        llm.eval(ids)
        logits = np.asarray(llm.scores[: len(ids)], dtype=np.float32)
        agree += int((reference.argmax(-1) == logits.argmax(-1)).sum())
        total += len(ids)
        max_diff = max(max_diff, float(np.abs(reference - logits).max()))
    return {"positions": total, "agreement": agree / total if total else 0.0, "max_abs_logit_diff": max_diff}


def greedy_hf(model: Any, prompt: list[int], steps: int) -> list[int]:
    import torch

    out: list[int] = []
    with torch.inference_mode():
        result = model(torch.tensor([prompt]), use_cache=True)
        for _ in range(steps):
            token = int(result.logits[0, -1].argmax())
            out.append(token)
            result = model(torch.tensor([[token]]), past_key_values=result.past_key_values, use_cache=True)
    return out


def greedy_llama(llm: Any, prompt: list[int], steps: int) -> list[int]:
    import numpy as np

    llm.reset()
    llm.eval(prompt)
    out: list[int] = []
    for _ in range(steps):
        token = int(np.argmax(llm.scores[llm.n_tokens - 1]))
        out.append(token)
        llm.eval([token])
    return out


def validate(
    cfg: RecipeConfig, model: Any, tokenizer: Any, gguf_path: Path, conversations: list[Conversation]
) -> dict[str, Any]:
    e = cfg.export
    texts = render(tokenizer, conversations)
    sequences = [
        tokenizer(t, add_special_tokens=False)["input_ids"][: e.validation_max_tokens] for t in texts
    ]
    prompts = [
        tokenizer(render_prompt(tokenizer, c)[0], add_special_tokens=False)["input_ids"][
            -(e.validation_max_tokens - e.continuation_tokens) :
        ]
        for c in conversations
    ]
    llm = _load_gguf(gguf_path, e.validation_max_tokens + e.continuation_tokens + 8, e.n_threads)
    try:
        agreement = next_token_agreement(model, llm, sequences)
        continuations = []
        for prompt in prompts:
            hf, cpp = (
                greedy_hf(model, prompt, e.continuation_tokens),
                greedy_llama(llm, prompt, e.continuation_tokens),
            )
            matched = next((i for i, (a, b) in enumerate(zip(hf, cpp, strict=True)) if a != b), len(hf))
            continuations.append(
                {"matched": matched, "transformers": tokenizer.decode(hf), "llama_cpp": tokenizer.decode(cpp)}
            )
        tokenizer_match = [
            llm.tokenize(t.encode("utf-8"), add_bos=False, special=True)
            == tokenizer(t, add_special_tokens=False)["input_ids"]
            for t in texts
        ]
    finally:
        llm.close()
    passed = (
        agreement["agreement"] >= e.min_next_token_agreement
        and all(c["matched"] == e.continuation_tokens for c in continuations)
        and all(tokenizer_match)
    )
    return {
        "conversations": len(conversations),
        "next_token_positions": agreement["positions"],
        "next_token_agreement": agreement["agreement"],
        "min_next_token_agreement": e.min_next_token_agreement,
        "max_abs_logit_diff": agreement["max_abs_logit_diff"],
        "continuation_tokens": e.continuation_tokens,
        "continuations_matched": [c["matched"] for c in continuations],
        "continuations": continuations,
        "tokenizer_matches": sum(tokenizer_match),
        "passed": passed,
    }


def quantized_agreement(
    cfg: RecipeConfig, model: Any, tokenizer: Any, path: Path, conversations: list[Conversation]
) -> dict[str, Any]:
    """How often a quantized file still picks the merged model's next token (informational)."""
    e = cfg.export
    sequences = [
        tokenizer(t, add_special_tokens=False)["input_ids"][: e.validation_max_tokens]
        for t in render(tokenizer, conversations)
    ]
    llm = _load_gguf(path, e.validation_max_tokens + 8, e.n_threads)
    try:
        return next_token_agreement(model, llm, sequences)
    finally:
        llm.close()


# ---------------------------------------------------------------------------------------------- catalog


def file_record(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"filename": path.name, "size": path.stat().st_size, "sha256": digest.hexdigest()}


def estimate_ram_gb(file_size: int, config: Any, n_ctx: int = 2048) -> float:
    """File + f16 KV cache at the app's context + runtime overhead, rounded up to 0.1 GB."""
    heads = config.num_attention_heads
    head_dim = getattr(config, "head_dim", None) or config.hidden_size // heads
    kv = 2 * config.num_hidden_layers * n_ctx * (config.num_key_value_heads or heads) * head_dim * 2
    return math.ceil((file_size + kv + 0.25e9) / 1e9 * 10) / 10


def catalog_entry(
    cfg: RecipeConfig,
    quant: str,
    record: dict[str, Any],
    ram_gb: float,
    path: Path | None = None,
    repo_id: str | None = None,
    revision: str | None = None,
) -> dict[str, Any]:
    recorded = cfg.data_path / "sources.json"
    names = [s["name"] for s in json.loads(recorded.read_text())] if recorded.is_file() else []
    sources = ", ".join(names or [s.name for s in cfg.data.sources])
    entry: dict[str, Any] = {
        "id": f"chinwag-{cfg.name}-{quant}".lower(),
        "kind": "llm",
        "label": f"{cfg.model.label} (your fine-tune) {quant.upper()}",
        "repo_id": repo_id,
        "revision": revision,
        "files": [record],
        "ram_gb": ram_gb,
        "license": cfg.model.license,
        "description": f"LoRA fine-tune of {cfg.model.base_model} on {sources}, made with chinwag-train.",
        "params": cfg.model.params,
        "quant": quant.upper(),
    }
    if path is not None:
        entry["path"] = str(path.resolve())
    return entry


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# ----------------------------------------------------------------------------------------------- driver


def export(cfg: RecipeConfig, progress: bool = True) -> dict[str, Any]:
    out = export_dir(cfg)
    out.mkdir(parents=True, exist_ok=True)
    if cfg.export.catalog_quant not in cfg.export.quantizations:
        raise RecipeError(f"export.catalog_quant {cfg.export.catalog_quant!r} is not in export.quantizations")
    model, tokenizer = merge_adapter(cfg, out / "merged")
    pre = detect_pre_tokenizer(tokenizer, cfg.export.tokenizer_pre, Path(merge_base_model(cfg)))
    f16 = write_gguf(model, tokenizer, out / gguf_name(cfg, "f16"), cfg.name, pre, "f16", progress)
    files = {"f16": f16}
    for quant in cfg.export.quantizations:
        files[quant] = quantize(f16, out / gguf_name(cfg, quant), quant, cfg.export.n_threads)

    conversations = read_conversations(cfg.data_path / "eval.jsonl", cfg.export.validation_rows)
    if not conversations:
        raise RecipeError(f"no held-out conversations in {cfg.data_path / 'eval.jsonl'} to validate with")
    validation = validate(cfg, model, tokenizer, f16, conversations)
    report: dict[str, Any] = {
        "tokenizer_pre": pre,
        "files": {quant: file_record(path) for quant, path in files.items()},
        "validation": validation,
        "quantized_next_token_agreement": {
            quant: quantized_agreement(cfg, model, tokenizer, files[quant], conversations)["agreement"]
            for quant in cfg.export.quantizations
        },
    }
    entries = {}
    for quant in cfg.export.quantizations:
        record = report["files"][quant]
        entries[quant] = catalog_entry(
            cfg, quant, record, estimate_ram_gb(record["size"], model.config), path=files[quant]
        )
        write_json(out / f"catalog_entry.{quant}.json", entries[quant])
    write_json(out / "catalog_entry.json", entries[cfg.export.catalog_quant])
    write_json(out / "export_report.json", report)
    cfg.dump(out / "config.yaml")
    if not validation["passed"]:
        raise ExportValidationError(
            f"the f16 GGUF does not reproduce the merged model: next-token agreement "
            f"{validation['next_token_agreement']:.4f} (need {cfg.export.min_next_token_agreement}), "
            f"continuations matched {validation['continuations_matched']} "
            f"of {cfg.export.continuation_tokens}, "
            f"tokenizer matches {validation['tokenizer_matches']}/{validation['conversations']}; "
            f"see {out / 'export_report.json'}"
        )
    return report
