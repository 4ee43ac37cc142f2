"""export: merge the adapter, write GGUF f16 ourselves, quantize with llama.cpp, validate, catalog entry.

Offline by construction: the GGUF is written by `trainer.gguf_writer` (the `gguf` package) and quantized
by llama-cpp-python's `llama_model_quantize`; Unsloth's `save_pretrained_gguf` would download and build
llama.cpp. The validation compares the f16 GGUF in llama.cpp with the merged model in transformers on
held-out conversations: the same token ids go into both, so it checks the weights, layout and rope, and a
separate check compares llama.cpp's tokenizer with the Hugging Face one on the same text.

Gates (all must pass, else the export stops and `push` refuses it; figures in export_report.json):
1. f16 GGUF vs merged model: next-token agreement ≥ export.min_next_token_agreement, no NaN/inf logit on
   either side, greedy continuations equal, or parting only where transformers' two best tokens are within
   export.tie_margin (a near-tie that f16 rounding may flip), and the same token ids from both tokenizers.
2. The shipped quantization (export.catalog_quant) vs the f16 GGUF: next-token agreement
   ≥ export.min_quant_agreement.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import math
from pathlib import Path
from typing import Any

from trainer.chat import Conversation, merge_base_model, render, upstream_model
from trainer.config import RecipeConfig, RecipeError
from trainer.gguf_writer import ModelInfo, detect_pre_tokenizer, write_gguf
from trainer.prepare import read_conversations
from trainer.train import adapter_dir, adapter_source

MERGED_DTYPE = "float16"  # the merged checkpoint holds exactly the f16 values the GGUF holds


class ExportValidationError(RecipeError):
    """The GGUF does not reproduce the merged model (figures in export_report.json)."""


def export_dir(cfg: RecipeConfig) -> Path:
    return cfg.run_path / "export"


def gguf_name(cfg: RecipeConfig, quant: str) -> str:
    return f"{cfg.name}.{quant.upper()}.gguf"


def base_gguf_path(cfg: RecipeConfig) -> Path:
    """The untuned base model in the shipped quantization: eval's base GGUF side."""
    return export_dir(cfg) / "base" / f"{cfg.name}-base.{cfg.export.catalog_quant.upper()}.gguf"


def model_info(cfg: RecipeConfig) -> ModelInfo:
    return ModelInfo(license=cfg.model.license, base_model=upstream_model(cfg))


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


def _reference_logits(model: Any, ids: list[int]) -> Any:
    import torch

    with torch.inference_mode():
        return model(torch.tensor([ids], device=model.device)).logits[0].float().cpu().numpy()


def _llama_logits(llm: Any, ids: list[int]) -> Any:
    import numpy as np

    llm.reset()
    llm.eval(ids)
    return np.asarray(llm.scores[: len(ids)], dtype=np.float32)


def next_token_agreement(model: Any, llm: Any, sequences: list[list[int]]) -> dict[str, Any]:
    """Share of positions where transformers and llama.cpp pick the same next token (same input ids); NaN or
    infinite logits on either side are counted, never hidden (the gate fails on any)."""
    import numpy as np

    agree = total = non_finite = 0
    max_diff = 0.0
    choices = []
    for ids in sequences:
        reference = _reference_logits(model, ids)
        logits = _llama_logits(llm, ids)
        finite = np.isfinite(reference).all(-1) & np.isfinite(logits).all(-1)
        non_finite += int((~finite).sum())
        agree += int(((reference.argmax(-1) == logits.argmax(-1)) & finite).sum())
        total += len(ids)
        if finite.any():
            max_diff = max(max_diff, float(np.abs(reference[finite] - logits[finite]).max()))
        choices.append(logits.argmax(-1))
    return {
        "positions": total,
        "agreement": agree / total if total else 0.0,
        "max_abs_logit_diff": max_diff,
        "non_finite_positions": non_finite,
        "choices": choices,  # llama.cpp's next token per position: what a quantized file is compared with
    }


def llama_choices(llm: Any, sequences: list[list[int]]) -> list[Any]:
    return [_llama_logits(llm, ids).argmax(-1) for ids in sequences]


def greedy_hf(model: Any, prompt: list[int], steps: int) -> tuple[list[int], list[Any]]:
    """Greedy tokens and, per step, transformers' logits (to measure a divergence's margin)."""
    import torch

    out: list[int] = []
    rows = []
    with torch.inference_mode():
        result = model(torch.tensor([prompt], device=model.device), use_cache=True)
        for _ in range(steps):
            row = result.logits[0, -1].float().cpu().numpy()
            token = int(row.argmax())
            out.append(token)
            rows.append(row)
            result = model(
                torch.tensor([[token]], device=model.device), past_key_values=result.past_key_values, use_cache=True
            )
    return out, rows


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


def compare_continuation(hf: list[int], hf_logits: list[Any], cpp: list[int], tie_margin: float) -> dict[str, Any]:
    """Where the greedy paths part, if they do, and whether transformers saw a near-tie there."""
    import numpy as np

    matched = next((i for i, (a, b) in enumerate(zip(hf, cpp, strict=True)) if a != b), len(hf))
    result: dict[str, Any] = {"matched": matched, "margin": None, "passed": matched == len(hf)}
    if matched < len(hf):
        row = hf_logits[matched]
        margin = float(row[hf[matched]] - row[cpp[matched]])
        result["margin"] = margin
        # A near-tie: f16 rounding may flip the two best tokens; beyond it the paths differ for no fault.
        result["passed"] = bool(np.isfinite(margin)) and margin <= tie_margin
    return result


def fit_prompt(tokenizer: Any, conversation: Conversation, budget: int) -> list[int]:
    """Token ids of the prompt before the conversation's last assistant turn, at most `budget` long, still
    starting with BOS and the system header: the oldest exchanges go first, then the last user message is
    shortened. (Cutting ids from the left would feed the model a prompt it never sees in use.)"""
    last = max(i for i, turn in enumerate(conversation) if turn["role"] == "assistant")
    turns = conversation[:last]
    system = turns[:1] if turns and turns[0]["role"] == "system" else []
    rest = turns[len(system) :]

    def ids(messages: Conversation) -> list[int]:
        text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        return tokenizer(text, add_special_tokens=False)["input_ids"]

    while True:
        out = ids(system + rest)
        if len(out) <= budget:
            return out
        users = [i for i, turn in enumerate(rest) if turn["role"] == "user"]
        if len(users) > 1:
            rest = rest[users[1] :]
            continue
        text = rest[-1]["content"]
        if len(text) <= 1:
            raise RecipeError(f"export.validation_max_tokens={budget} is too small for the chat template's header")
        keep = max(1, min(len(text) - 1, len(text) - 3 * (len(out) - budget)))
        rest = [*rest[:-1], {**rest[-1], "content": text[:keep]}]


def validate(
    cfg: RecipeConfig, model: Any, tokenizer: Any, gguf_path: Path, conversations: list[Conversation]
) -> dict[str, Any]:
    e = cfg.export
    sequences = teacher_forced_sequences(cfg, tokenizer, conversations)
    prompts = [fit_prompt(tokenizer, c, e.validation_max_tokens - e.continuation_tokens) for c in conversations]
    texts = render(tokenizer, conversations)
    llm = _load_gguf(gguf_path, e.validation_max_tokens + e.continuation_tokens + 8, e.n_threads)
    try:
        agreement = next_token_agreement(model, llm, sequences)
        continuations = []
        for prompt in prompts:
            hf, hf_logits = greedy_hf(model, prompt, e.continuation_tokens)
            cpp = greedy_llama(llm, prompt, e.continuation_tokens)
            compared = compare_continuation(hf, hf_logits, cpp, e.tie_margin)
            continuations.append(
                {**compared, "transformers": tokenizer.decode(hf), "llama_cpp": tokenizer.decode(cpp)}
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
        and agreement["non_finite_positions"] == 0
        and all(c["passed"] for c in continuations)
        and all(tokenizer_match)
    )
    return {
        "conversations": len(conversations),
        "next_token_positions": agreement["positions"],
        "next_token_agreement": agreement["agreement"],
        "min_next_token_agreement": e.min_next_token_agreement,
        "max_abs_logit_diff": agreement["max_abs_logit_diff"],
        "non_finite_positions": agreement["non_finite_positions"],
        "continuation_tokens": e.continuation_tokens,
        "continuations_matched": [c["matched"] for c in continuations],
        "tie_margin": e.tie_margin,
        "continuations": continuations,
        "prompt_starts": [p[:1] for p in prompts],
        "tokenizer_matches": sum(tokenizer_match),
        "passed": passed,
        "f16_choices": agreement["choices"],
    }


def teacher_forced_sequences(cfg: RecipeConfig, tokenizer: Any, conversations: list[Conversation]) -> list[list[int]]:
    # Cut from the right: every sequence keeps its BOS and system header.
    return [
        tokenizer(t, add_special_tokens=False)["input_ids"][: cfg.export.validation_max_tokens]
        for t in render(tokenizer, conversations)
    ]


def quantized_agreement(cfg: RecipeConfig, path: Path, sequences: list[list[int]], f16_choices: list[Any]) -> float:
    """How often a quantized file picks the f16 GGUF's next token, on the validation sequences."""
    llm = _load_gguf(path, cfg.export.validation_max_tokens + 8, cfg.export.n_threads)
    try:
        choices = llama_choices(llm, sequences)
    finally:
        llm.close()
    total = sum(len(c) for c in choices)
    same = sum(int((a == b).sum()) for a, b in zip(choices, f16_choices, strict=True))
    return same / total if total else 0.0


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


def write_base_gguf(cfg: RecipeConfig, tokenizer: Any, path: Path) -> Path:
    """The base model as the shipped quantization, with the fine-tune's tokenizer and template (eval's base
    GGUF side: the same prompts, only the weights differ)."""
    import torch
    from transformers import AutoModelForCausalLM

    path.parent.mkdir(parents=True, exist_ok=True)
    base = AutoModelForCausalLM.from_pretrained(merge_base_model(cfg), dtype=torch.float32, device_map="cpu")
    f16 = path.with_name(path.name + ".f16.partial")
    try:
        write_gguf(base, tokenizer, f16, f"{cfg.name}-base", _pre_tokenizer(cfg, tokenizer), "f16", False,
                   model_info(cfg))
        quantize(f16, path, cfg.export.catalog_quant, cfg.export.n_threads)
    finally:
        f16.unlink(missing_ok=True)
    return path


def _pre_tokenizer(cfg: RecipeConfig, tokenizer: Any) -> str:
    return detect_pre_tokenizer(tokenizer, cfg.export.tokenizer_pre, Path(merge_base_model(cfg)))


def export(cfg: RecipeConfig, progress: bool = True) -> dict[str, Any]:
    out = export_dir(cfg)
    out.mkdir(parents=True, exist_ok=True)
    if cfg.export.catalog_quant not in cfg.export.quantizations:
        raise RecipeError(f"export.catalog_quant {cfg.export.catalog_quant!r} is not in export.quantizations")
    source = adapter_source(cfg)
    print(f"export: merging the adapter from {source['description']}", flush=True)
    model, tokenizer = merge_adapter(cfg, out / "merged")
    base_gguf_path(cfg).unlink(missing_ok=True)  # eval rebuilds it with this export's tokenizer
    pre = _pre_tokenizer(cfg, tokenizer)
    f16 = write_gguf(model, tokenizer, out / gguf_name(cfg, "f16"), cfg.name, pre, "f16", progress, model_info(cfg))
    files = {"f16": f16}
    for quant in cfg.export.quantizations:
        files[quant] = quantize(f16, out / gguf_name(cfg, quant), quant, cfg.export.n_threads)

    conversations = read_conversations(cfg.data_path / "eval.jsonl", cfg.export.validation_rows)
    if not conversations:
        raise RecipeError(f"no held-out conversations in {cfg.data_path / 'eval.jsonl'} to validate with")
    validation = validate(cfg, model, tokenizer, f16, conversations)
    f16_choices = validation.pop("f16_choices")
    sequences = teacher_forced_sequences(cfg, tokenizer, conversations)
    quant_agreement = {
        quant: quantized_agreement(cfg, files[quant], sequences, f16_choices) for quant in cfg.export.quantizations
    }
    shipped = cfg.export.catalog_quant
    quant_gate = {
        "quant": shipped,
        "agreement_with_f16": quant_agreement[shipped],
        "min_quant_agreement": cfg.export.min_quant_agreement,
        "passed": quant_agreement[shipped] >= cfg.export.min_quant_agreement,
    }
    gates = {"f16_matches_transformers": validation["passed"], f"{shipped}_matches_f16": quant_gate["passed"]}
    report: dict[str, Any] = {
        "adapter": source,
        "tokenizer_pre": pre,
        "files": {quant: file_record(path) for quant, path in files.items()},
        "validation": validation,
        "quant_gate": quant_gate,
        "quantized_next_token_agreement": quant_agreement,
        "gates": gates,
        "passed": all(gates.values()),
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
    report["summary"] = {
        "adapter": source["description"],
        "next_token_agreement": round(validation["next_token_agreement"], 4),
        "continuations_matched": validation["continuations_matched"],
        f"{shipped}_agreement_with_f16": round(quant_gate["agreement_with_f16"], 4),
        "passed": report["passed"],
    }
    if not validation["passed"]:
        raise ExportValidationError(
            f"the f16 GGUF does not reproduce the merged model: next-token agreement "
            f"{validation['next_token_agreement']:.4f} (need {cfg.export.min_next_token_agreement}), "
            f"non-finite logits at {validation['non_finite_positions']} positions, "
            f"continuations matched {validation['continuations_matched']} of {cfg.export.continuation_tokens} "
            f"(a divergence passes only at a near-tie ≤ {cfg.export.tie_margin}), "
            f"tokenizer matches {validation['tokenizer_matches']}/{validation['conversations']}; "
            f"see {out / 'export_report.json'}"
        )
    if not quant_gate["passed"]:
        raise ExportValidationError(
            f"the shipped {shipped} GGUF picks the f16 GGUF's next token at {quant_gate['agreement_with_f16']:.4f} "
            f"of positions (need {cfg.export.min_quant_agreement}); see {out / 'export_report.json'}"
        )
    return report
