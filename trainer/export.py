"""export: merge the adapter, write GGUF f16 ourselves, quantize with llama.cpp, validate, catalog entry.

Offline by construction: the GGUF is written by `trainer.gguf_writer` (the `gguf` package) and quantized
by llama-cpp-python's `llama_model_quantize`; Unsloth's `save_pretrained_gguf` would download and build
llama.cpp. The validation compares the f16 GGUF in llama.cpp with the merged model in transformers on
held-out conversations: the same token ids go into both, so it checks the weights, layout and rope, and a
separate check compares llama.cpp's tokenizer with the Hugging Face one on the same text.

Gates (all must pass, else the export stops and `push` refuses it; figures in export_report.json):
1. f16 GGUF vs merged model: next-token agreement ≥ export.min_next_token_agreement, no NaN/inf logit on
   either side, greedy continuations equal, or parting only at a near-tie: where both sides' two candidate
   tokens are within the allowed margin, the larger of export.tie_margin and twice the logit error measured
   on the teacher-forced positions (llama.cpp's CPU path rounds activations to f16 against f16 weights, so a
   1B/3B model's honest error is larger than the toy model's), capped at export.max_tie_margin; and the same
   token ids from both tokenizers.
2. The shipped quantization (export.catalog_quant) vs the f16 GGUF: next-token agreement
   ≥ export.min_quant_agreement.
catalog_entry*.json are written only when every gate passed (a failed export leaves none behind).

Memory: the merge holds the model in float16 (what the GGUF stores) and merges one layer at a time in float32,
so a 3B model needs about 6.5 GB of RAM rather than 13; the validation computes in float32 from those float16
weights: with a float32 copy when it fits in half the available memory, else upcasting a layer's weights at a
time as they are used. export_report.json states the peak resident memory and which way the check ran.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import math
from pathlib import Path
from typing import Any

from trainer.chat import Conversation, merge_base_model, merge_base_revision, render, upstream_model
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
    """Base + adapter → merged float16 model (what the GGUF stores), saved in `out`; returned set up to
    compute in float32 (`float32_compute`) for the validation."""
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    adapter = adapter_dir(cfg)
    if not (adapter / "adapter_config.json").is_file():
        raise RecipeError(f"no trained adapter in {adapter}: run `chinwag-train train` first")
    dtype = getattr(torch, MERGED_DTYPE)
    base = AutoModelForCausalLM.from_pretrained(
        merge_base_model(cfg), revision=merge_base_revision(cfg), dtype=dtype, device_map="cpu"
    )
    peft_model = PeftModel.from_pretrained(base, str(adapter))
    merge_lora_layers_in_float32(peft_model, dtype)
    merged = peft_model.unload()  # the LoRA wrappers go; the merged base layers stay
    tokenizer = AutoTokenizer.from_pretrained(str(adapter))
    merged.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return merged.eval(), tokenizer


def merge_lora_layers_in_float32(peft_model: Any, dtype: Any) -> int:
    """Merge every LoRA layer into its base weight with the sum taken in float32 and rounded once to `dtype`,
    one layer at a time: the rounding of a whole-model float32 merge, at the memory of a 16-bit model plus
    one layer. Returns how many layers were merged."""
    import torch
    from peft.tuners.lora import LoraLayer

    count = 0
    for module in peft_model.modules():
        if not isinstance(module, LoraLayer) or module.merged:
            continue
        base_layer = module.get_base_layer()
        base_layer.to(torch.float32)
        module.merge()
        base_layer.to(dtype)
        count += 1
    return count


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux VmHWM; ru_maxrss elsewhere), in MB."""
    import resource
    import sys

    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def reference_in_float32(model: Any, share: float = 0.5) -> str:
    """Set the merged float16 model up to compute in float32 for the validation: a float32 copy of the weights
    when it takes at most `share` of the memory available now (fast), else `float32_compute` (the float16
    weights upcast a layer at a time as they are used: no copy, slower, for a 3B model on a small host).
    Returns which ("float32 copy" or "float16, upcast per layer")."""
    import psutil
    import torch

    size = sum(p.numel() for p in model.parameters()) * 4
    if size <= share * psutil.virtual_memory().available:
        model.to(torch.float32)
        return "float32 copy"
    float32_compute(model)
    return "float16, upcast per layer"


def float32_compute(model: Any) -> Any:
    """Make a 16-bit model compute in float32 without holding a float32 copy: each Linear's weight is
    upcast when used, embeddings are looked up in 16 bits (exact) and passed on as float32, and the small
    norm weights become float32. The logits are then those of `model.float()`, at the 16-bit model's memory.
    (After this, state_dict names change: write the GGUF and save before calling it.)"""
    import torch
    from torch.nn.utils import parametrize

    class Float32View(torch.nn.Module):
        def forward(self, weight: Any) -> Any:
            return weight.float()

    for module in list(model.modules()):
        if isinstance(module, torch.nn.Linear) and module.weight.dtype != torch.float32:
            parametrize.register_parametrization(module, "weight", Float32View(), unsafe=True)
            if module.bias is not None:
                module.bias.data = module.bias.data.float()
        elif isinstance(module, torch.nn.Embedding):
            module.register_forward_hook(lambda _module, _inputs, output: output.float())
        else:
            for _name, param in module.named_parameters(recurse=False):
                if param.dtype != torch.float32:
                    param.data = param.data.float()
    return model


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
    infinite logits on either side are counted, never hidden (the gate fails on any). Also the logit error
    where it matters for a choice: per position, the largest difference at transformers' two best tokens and
    llama.cpp's best one (`top_logit_error`, its 99th percentile and maximum)."""
    import numpy as np

    agree = total = non_finite = 0
    max_diff = 0.0
    choices = []
    top_errors: list[float] = []
    for ids in sequences:
        reference = _reference_logits(model, ids)
        logits = _llama_logits(llm, ids)
        finite = np.isfinite(reference).all(-1) & np.isfinite(logits).all(-1)
        non_finite += int((~finite).sum())
        agree += int(((reference.argmax(-1) == logits.argmax(-1)) & finite).sum())
        total += len(ids)
        if finite.any():
            max_diff = max(max_diff, float(np.abs(reference[finite] - logits[finite]).max()))
            top_errors += top_logit_errors(reference[finite], logits[finite]).tolist()
        choices.append(logits.argmax(-1))
    return {
        "positions": total,
        "agreement": agree / total if total else 0.0,
        "max_abs_logit_diff": max_diff,
        "top_logit_error_p99": float(np.percentile(top_errors, 99)) if top_errors else float("inf"),
        "top_logit_error_max": max(top_errors) if top_errors else float("inf"),
        "non_finite_positions": non_finite,
        "choices": choices,  # llama.cpp's next token per position: what a quantized file is compared with
    }


def top_logit_errors(reference: Any, logits: Any) -> Any:
    """Per position (rows), |transformers − llama.cpp| at the tokens a greedy choice is between: transformers'
    two best and llama.cpp's best. A flip of the two sides' choice needs a margin below twice this."""
    import numpy as np

    best_two = np.argpartition(-reference, 1, axis=-1)[:, :2]
    candidates = np.concatenate([best_two, logits.argmax(-1)[:, None]], axis=1)
    rows = np.arange(len(reference))[:, None]
    return np.abs(reference[rows, candidates] - logits[rows, candidates]).max(-1)


def allowed_tie_margin(tie_margin: float, top_logit_error: float, ceiling: float) -> float:
    """How far apart two tokens may be for f16 rounding to flip them honestly: at least export.tie_margin,
    twice the measured error at the top tokens when that is larger, never above export.max_tie_margin."""
    import math as _math

    measured = 2.0 * top_logit_error if _math.isfinite(top_logit_error) else 0.0
    return min(max(tie_margin, measured), ceiling)


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


def greedy_llama(llm: Any, prompt: list[int], steps: int) -> tuple[list[int], list[Any]]:
    """Greedy tokens and, per step, llama.cpp's logits."""
    import numpy as np

    llm.reset()
    llm.eval(prompt)
    out: list[int] = []
    rows = []
    for _ in range(steps):
        row = np.array(llm.scores[llm.n_tokens - 1], dtype=np.float32)
        token = int(np.argmax(row))
        out.append(token)
        rows.append(row)
        llm.eval([token])
    return out, rows


def compare_continuation(
    hf: list[int], hf_logits: list[Any], cpp: list[int], tie_margin: float, cpp_logits: list[Any] | None = None
) -> dict[str, Any]:
    """Where the greedy paths part, if they do, and whether it was at a near-tie: transformers preferred its
    token by at most `tie_margin` and (given its logits) llama.cpp preferred its own by at most as much."""
    import numpy as np

    matched = next((i for i, (a, b) in enumerate(zip(hf, cpp, strict=True)) if a != b), len(hf))
    result: dict[str, Any] = {"matched": matched, "margin": None, "passed": matched == len(hf)}
    if matched < len(hf):
        row = hf_logits[matched]
        margin = float(row[hf[matched]] - row[cpp[matched]])
        result["margin"] = margin
        # A near-tie: f16 rounding may flip the two best tokens; beyond it the paths differ for no fault.
        passed = bool(np.isfinite(margin)) and margin <= tie_margin
        if cpp_logits is not None:
            theirs = cpp_logits[matched]
            cpp_margin = float(theirs[cpp[matched]] - theirs[hf[matched]])
            result["llama_cpp_margin"] = cpp_margin
            passed = passed and bool(np.isfinite(cpp_margin)) and cpp_margin <= tie_margin
        result["passed"] = passed
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
        margin = allowed_tie_margin(e.tie_margin, agreement["top_logit_error_p99"], e.max_tie_margin)
        continuations = []
        for prompt in prompts:
            hf, hf_logits = greedy_hf(model, prompt, e.continuation_tokens)
            cpp, cpp_logits = greedy_llama(llm, prompt, e.continuation_tokens)
            compared = compare_continuation(hf, hf_logits, cpp, margin, cpp_logits)
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
        "top_logit_error_p99": agreement["top_logit_error_p99"],
        "top_logit_error_max": agreement["top_logit_error_max"],
        "non_finite_positions": agreement["non_finite_positions"],
        "continuation_tokens": e.continuation_tokens,
        "continuations_matched": [c["matched"] for c in continuations],
        "tie_margin": e.tie_margin,
        "max_tie_margin": e.max_tie_margin,
        "allowed_tie_margin": margin,
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
    base = AutoModelForCausalLM.from_pretrained(
        merge_base_model(cfg), revision=merge_base_revision(cfg), dtype=torch.float32, device_map="cpu"
    )
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
    remove_catalog_entries(out)  # an earlier export's entries must not outlive this one's gates
    model, tokenizer = merge_adapter(cfg, out / "merged")
    memory = {"merge_peak_rss_mb": round(peak_rss_mb())}
    base_gguf_path(cfg).unlink(missing_ok=True)  # eval rebuilds it with this export's tokenizer
    pre = _pre_tokenizer(cfg, tokenizer)
    f16 = write_gguf(model, tokenizer, out / gguf_name(cfg, "f16"), cfg.name, pre, "f16", progress, model_info(cfg))
    files = {"f16": f16}
    for quant in cfg.export.quantizations:
        files[quant] = quantize(f16, out / gguf_name(cfg, quant), quant, cfg.export.n_threads)

    conversations = read_conversations(cfg.data_path / "eval.jsonl", cfg.export.validation_rows)
    if not conversations:
        raise RecipeError(f"no held-out conversations in {cfg.data_path / 'eval.jsonl'} to validate with")
    # The reference: float32 arithmetic on exactly the f16 weights the GGUF holds.
    memory["validation_weights"] = reference_in_float32(model)
    validation = validate(cfg, model, tokenizer, f16, conversations)
    f16_choices = validation.pop("f16_choices")
    sequences = teacher_forced_sequences(cfg, tokenizer, conversations)
    quant_agreement = {
        quant: quantized_agreement(cfg, files[quant], sequences, f16_choices) for quant in cfg.export.quantizations
    }
    memory["export_peak_rss_mb"] = round(peak_rss_mb())
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
        "memory": {**memory, "merged_dtype": MERGED_DTYPE},
    }
    write_json(out / "export_report.json", report)
    cfg.dump(out / "config.yaml")
    report["summary"] = {
        "adapter": source["description"],
        "next_token_agreement": round(validation["next_token_agreement"], 4),
        "continuations_matched": validation["continuations_matched"],
        f"{shipped}_agreement_with_f16": round(quant_gate["agreement_with_f16"], 4),
        "merge_peak_rss_mb": memory["merge_peak_rss_mb"],
        "passed": report["passed"],
    }
    if not validation["passed"]:
        raise ExportValidationError(
            f"the f16 GGUF does not reproduce the merged model: next-token agreement "
            f"{validation['next_token_agreement']:.4f} (need {cfg.export.min_next_token_agreement}), "
            f"non-finite logits at {validation['non_finite_positions']} positions, "
            f"continuations matched {validation['continuations_matched']} of {cfg.export.continuation_tokens} "
            f"(a divergence passes only at a near-tie ≤ {validation['allowed_tie_margin']:.3f} logits: the "
            f"measured top-token error is {validation['top_logit_error_p99']:.3f}, the ceiling "
            f"export.max_tie_margin {cfg.export.max_tie_margin}), "
            f"tokenizer matches {validation['tokenizer_matches']}/{validation['conversations']}; "
            f"see {out / 'export_report.json'}; no catalog entry was written"
        )
    if not quant_gate["passed"]:
        raise ExportValidationError(
            f"the shipped {shipped} GGUF picks the f16 GGUF's next token at {quant_gate['agreement_with_f16']:.4f} "
            f"of positions (need {cfg.export.min_quant_agreement}); see {out / 'export_report.json'}; no catalog "
            "entry was written"
        )
    write_catalog_entries(cfg, out, report, files, model.config)
    return report


def remove_catalog_entries(out: Path) -> None:
    for path in out.glob("catalog_entry*.json"):
        path.unlink()


def write_catalog_entries(
    cfg: RecipeConfig, out: Path, report: dict[str, Any], files: dict[str, Path], config: Any
) -> dict[str, dict[str, Any]]:
    """catalog_entry.<quant>.json per quantization and catalog_entry.json (export.catalog_quant): only for an
    export whose every gate passed, so nothing unvalidated can be added to the app."""
    failed = [name for name, passed in report.get("gates", {}).items() if passed is not True]
    if failed or report.get("passed") is not True:
        raise ExportValidationError(f"no catalog entry for an export that failed its gates ({failed})")
    entries = {}
    for quant in cfg.export.quantizations:
        record = report["files"][quant]
        entries[quant] = catalog_entry(cfg, quant, record, estimate_ram_gb(record["size"], config), path=files[quant])
        write_json(out / f"catalog_entry.{quant}.json", entries[quant])
    write_json(out / "catalog_entry.json", entries[cfg.export.catalog_quant])
    return entries
