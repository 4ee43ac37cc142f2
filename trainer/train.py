"""train: Unsloth LoRA fine-tune with TRL's SFTTrainer, checkpoints every save_steps, resumable.

The recipe is the Unsloth notebook's: `FastLanguageModel.from_pretrained` → `get_peft_model` → chat
template → `SFTTrainer` → `train_on_responses_only`. On a machine without a GPU, unsloth 2026.10 falls
back to plain transformers + PEFT + TRL behind the same API, so the CPU tests run this very code.

A checkpoint (`checkpoints/checkpoint-N/`) holds the adapter, optimizer, scheduler, RNG states and
trainer_state.json (the global step, i.e. the data position: on resume the trainer skips the batches
already seen in the same seeded order), plus the resolved config. `--resume` continues from the newest
complete one, and ends where an uninterrupted run would.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.chat import apply_chat_template, base_model_revision, import_unsloth, resolve_base_model, turn_markers
from trainer.config import RecipeConfig, RecipeError

CONFIG_NAME = "config.yaml"
# Appended at every log while training (trainer.progress.LogHistoryCallback); log_history.json, the whole
# history as one list, is written once at the end.
LOG_HISTORY_LINES = "log_history.jsonl"
_CHECKPOINT = re.compile(r"^checkpoint-(\d+)$")


class TrainError(RecipeError):
    """Training cannot start or continue (no data, no checkpoint to resume, ...)."""


@dataclass
class TrainResult:
    global_step: int
    final_loss: float | None
    adapter_dir: Path
    resumed_from: Path | None
    # With load_best_model_at_end: the checkpoint whose weights the adapter holds, and its eval loss.
    best_checkpoint: str | None = None
    best_eval_loss: float | None = None
    seconds_per_step: float | None = None  # wall time of the steps this process ran (a resume: its own)
    peak_gpu_memory_gb: float | None = None  # torch's peak allocation on this rank's GPU; None on a CPU

    def to_dict(self) -> dict[str, Any]:
        return {
            "global_step": self.global_step,
            "final_loss": self.final_loss,
            "adapter_dir": str(self.adapter_dir),
            "resumed_from": str(self.resumed_from) if self.resumed_from else None,
            "best_checkpoint": self.best_checkpoint,
            "best_eval_loss": self.best_eval_loss,
            "seconds_per_step": self.seconds_per_step,
            "peak_gpu_memory_gb": self.peak_gpu_memory_gb,
        }


def adapter_source(cfg: RecipeConfig) -> dict[str, Any]:
    """Which weights the trained adapter holds (the last step, or the best checkpoint), for export to say."""
    path = cfg.run_path / "train_result.json"
    result = json.loads(path.read_text()) if path.is_file() else {}
    best = result.get("best_checkpoint")
    if best:
        description = f"{Path(best).name} (lowest eval loss {result['best_eval_loss']:.4f})"
    elif result:
        description = f"the last step ({result['global_step']})"
    else:
        description = f"{adapter_dir(cfg)} (no train_result.json)"
    return {
        "checkpoint": Path(best).name if best else None,
        "best_eval_loss": result.get("best_eval_loss"),
        "global_step": result.get("global_step"),
        "description": description,
    }


def checkpoints_dir(cfg: RecipeConfig) -> Path:
    return cfg.run_path / "checkpoints"


def adapter_dir(cfg: RecipeConfig) -> Path:
    return cfg.run_path / "adapter"


def tensorboard_dir(cfg: RecipeConfig) -> Path:
    return cfg.run_path / "logs"


def newest_checkpoint(directory: Path) -> Path | None:
    """Highest-step checkpoint that is complete: the config is written last, after the trainer's files,
    so a process killed in the middle of saving leaves a checkpoint that is skipped here."""
    complete = []
    for path in directory.glob("checkpoint-*"):
        match = _CHECKPOINT.match(path.name)
        if match and (path / CONFIG_NAME).is_file() and (path / "trainer_state.json").is_file():
            complete.append((int(match.group(1)), path))
    return max(complete)[1] if complete else None


def lora_arguments(cfg: RecipeConfig) -> dict[str, Any]:
    """`FastLanguageModel.get_peft_model` arguments from `lora.*` (keep them identical between a run and its
    resume)."""
    return {
        "r": cfg.lora.r,
        "target_modules": list(cfg.lora.target_modules),
        "lora_alpha": cfg.lora.lora_alpha,
        "lora_dropout": cfg.lora.lora_dropout,
        "bias": "none",
        "use_gradient_checkpointing": _gradient_checkpointing(cfg),
        "random_state": cfg.seed,
        "use_rslora": cfg.lora.use_rslora,
        "use_dora": cfg.lora.use_dora,
        "max_seq_length": cfg.model.max_seq_length,
    }


def build_trainer(cfg: RecipeConfig, callbacks: Sequence[Any] = (), progress: bool = True) -> tuple[Any, Any, Any]:
    """(trainer, model, tokenizer) ready to train: base model, LoRA, chat template, data, response mask."""
    import_unsloth()
    from unsloth import FastLanguageModel

    model, tokenizer = FastLanguageModel.from_pretrained(
        model_name=resolve_base_model(cfg),
        revision=base_model_revision(cfg),
        max_seq_length=cfg.model.max_seq_length,
        dtype=_torch_dtype(cfg.model.dtype),
        load_in_4bit=cfg.model.load_in_4bit,
        use_gradient_checkpointing=_gradient_checkpointing(cfg),
        **_ddp_device_map(),
    )
    tokenizer = apply_chat_template(tokenizer, cfg.model.chat_template)
    model = FastLanguageModel.get_peft_model(model, **lora_arguments(cfg))
    return _build_trainer(cfg, model, tokenizer, callbacks, progress), model, tokenizer


def train(
    cfg: RecipeConfig, resume: bool = False, callbacks: Sequence[Any] = (), progress: bool = True
) -> TrainResult:
    resume_from = _resume_point(cfg, resume)  # before the slow imports: a wrong call fails at once
    trainer, model, tokenizer = build_trainer(cfg, callbacks, progress)
    first_step = _checkpoint_step(resume_from)
    output = trainer.train(resume_from_checkpoint=str(resume_from) if resume_from else None)
    steps_run = trainer.state.global_step - first_step
    runtime = (output.metrics or {}).get("train_runtime")

    out = adapter_dir(cfg)
    history = trainer.state.log_history
    best = trainer.state.best_model_checkpoint if trainer.args.load_best_model_at_end else None
    result = TrainResult(
        trainer.state.global_step,
        _final_loss(history),
        out,
        resume_from,
        best_checkpoint=best,
        best_eval_loss=float(trainer.state.best_metric) if best and trainer.state.best_metric is not None else None,
        seconds_per_step=round(runtime / steps_run, 4) if runtime and steps_run > 0 else None,
        peak_gpu_memory_gb=_peak_gpu_memory_gb(),
    )
    if not trainer.is_world_process_zero():
        return result  # under DDP, rank 0 alone writes the run's files
    if best:
        print(f"train: the adapter holds {Path(best).name}, the lowest eval loss ({result.best_eval_loss:.4f})")
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    cfg.dump(out / CONFIG_NAME)
    (cfg.run_path / "train_result.json").write_text(json.dumps(result.to_dict(), indent=2) + "\n")
    (cfg.run_path / "log_history.json").write_text(json.dumps(history, indent=2) + "\n")
    plot_loss_curve(history, cfg.run_path / "loss_curve.png", title=cfg.name)
    return result


def _checkpoint_step(path: Path | None) -> int:
    match = _CHECKPOINT.match(path.name) if path is not None else None
    return int(match.group(1)) if match else 0


def _peak_gpu_memory_gb() -> float | None:
    import torch

    if not torch.cuda.is_available():
        return None
    return round(torch.cuda.max_memory_allocated() / 2**30, 3)


def _cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


def _world_size() -> int:
    # Set by the multi-GPU launchers (accelerate launch, torchrun); 1 for a plain `python -m trainer`.
    return int(os.environ.get("WORLD_SIZE", "1"))


def _ddp_device_map() -> dict[str, Any]:
    """Under DDP each process loads its own copy of the model onto its own GPU."""
    if _world_size() <= 1:
        return {}
    return {"device_map": {"": int(os.environ.get("LOCAL_RANK", "0"))}}


def dataset_num_proc(cfg: RecipeConfig, rows: int | None = None) -> int | None:
    """Tokenizing processes for this rank: the configured count (or the CPUs), shared among the ranks of
    this node, since every rank tokenizes at once. None (no worker pool) for one process or a small split."""
    per_node = int(os.environ.get("LOCAL_WORLD_SIZE", "1"))
    total = cfg.train.dataset_num_proc or os.cpu_count() or 1
    count = max(1, total // max(per_node, 1))
    if count <= 1 or (rows is not None and rows < 1000 * count):
        return None  # a pool costs more than it saves on a few thousand rows
    return count


def _resume_point(cfg: RecipeConfig, resume: bool) -> Path | None:
    directory = checkpoints_dir(cfg)
    newest = newest_checkpoint(directory) if directory.is_dir() else None
    if resume:
        if newest is None:
            raise TrainError(f"--resume: no complete checkpoint in {directory}")
        return newest
    if newest is not None:
        raise TrainError(
            f"{directory} already holds {newest.name}: pass --resume to continue it, "
            "or choose another run_dir"
        )
    return None


def _torch_dtype(name: str | None) -> Any:
    if name is None:
        return None
    import torch

    dtype = getattr(torch, name, None)
    if not isinstance(dtype, torch.dtype):
        raise TrainError(f"model.dtype: unknown torch dtype {name!r}")
    return dtype


def _gradient_checkpointing(cfg: RecipeConfig) -> Any:
    value = cfg.train.gradient_checkpointing.lower()
    if value in ("true", "false"):
        return value == "true"
    return value


def _precision_flags(cfg: RecipeConfig) -> dict[str, bool]:
    mode = cfg.train.mixed_precision
    if mode == "auto":
        from unsloth import is_bfloat16_supported

        bf16 = is_bfloat16_supported()
        return {"bf16": bf16, "fp16": not bf16}
    if mode not in ("bf16", "fp16", "no"):
        raise TrainError(f"train.mixed_precision must be auto, bf16, fp16 or no, got {mode!r}")
    return {"bf16": mode == "bf16", "fp16": mode == "fp16"}


def load_split(cfg: RecipeConfig, name: str, tokenizer: Any) -> Any:
    """The prepared split as prepare saved it (`save_to_disk`): input_ids rendered with the chat template and
    tokenized once, there. Loading memory-maps the files, so every rank reads the same ids and none
    tokenizes again. (Tokenized by the recipe, not TRL: TRL would append an EOS to text that does not end in
    one, which ChatML's trailing newline triggers.) With data.streaming the train split is an IterableDataset
    read from the sources as training goes."""
    from datasets import load_from_disk

    from trainer.prepare import TOKENIZATION_FILE, streaming_train_dataset, tokenization_fingerprint

    data = cfg.data_path
    recorded = data / TOKENIZATION_FILE
    if not recorded.is_file() or not (data / name).is_dir() and not (cfg.data.streaming and name == "train"):
        raise TrainError(
            f"no prepared {name} split in {data} (prepare writes {data / name}/ and {recorded.name}): run "
            "`chinwag-train prepare` first (or set data.dir)"
        )
    expected = tokenization_fingerprint(cfg, tokenizer)
    found = json.loads(recorded.read_text(encoding="utf-8"))
    differ = sorted(key for key in expected if found.get(key) != expected[key])
    if differ:
        raise TrainError(
            f"the data in {data} was tokenized differently from this config ({', '.join(differ)} differ): run "
            "`chinwag-train prepare` again with this config"
        )
    if cfg.data.streaming and name == "train":
        return streaming_train_dataset(cfg, tokenizer)
    return load_from_disk(str(data / name)).select_columns(["input_ids"])


def training_arguments(cfg: RecipeConfig) -> Any:
    """The SFTConfig the recipe trains with: every knob of `train.*` lands here."""
    from trl import SFTConfig

    t = cfg.train
    evaluate = t.eval_steps is not None and t.eval_steps > 0
    best = evaluate and t.load_best_model_at_end
    report_to = [r for r in t.report_to if r != "none"] or "none"
    return SFTConfig(
        output_dir=str(checkpoints_dir(cfg)),
        dataset_text_field="text",
        max_length=cfg.model.max_seq_length,
        packing=t.packing,
        per_device_train_batch_size=t.per_device_train_batch_size,
        per_device_eval_batch_size=t.per_device_train_batch_size,
        gradient_accumulation_steps=t.gradient_accumulation_steps,
        learning_rate=t.learning_rate,
        lr_scheduler_type=t.lr_scheduler_type,
        # transformers 5 reads a warmup_steps below 1 as a share of the total steps (warmup_ratio's old meaning).
        warmup_steps=t.warmup_ratio if t.warmup_ratio is not None else t.warmup_steps,
        max_grad_norm=t.max_grad_norm,
        neftune_noise_alpha=t.neftune_noise_alpha,
        num_train_epochs=t.num_train_epochs,
        max_steps=t.max_steps,
        weight_decay=t.weight_decay,
        optim=t.optim,
        seed=cfg.seed,
        data_seed=cfg.seed,
        logging_steps=t.logging_steps,
        save_strategy="steps",
        save_steps=t.save_steps,
        save_total_limit=t.save_total_limit,
        eval_strategy="steps" if evaluate else "no",
        eval_steps=t.eval_steps if evaluate else None,
        load_best_model_at_end=best,
        metric_for_best_model="eval_loss" if best else None,
        greater_is_better=False if best else None,
        report_to=report_to,
        run_name=t.run_name or cfg.name,
        dataloader_num_workers=t.dataloader_num_workers,
        ddp_timeout=t.ddp_timeout,
        dataset_num_proc=dataset_num_proc(cfg),
        disable_tqdm=True,
        # LoRA leaves most parameters frozen; DDP must not wait for gradients that never come.
        ddp_find_unused_parameters=False if _world_size() > 1 else None,
        # Several processes on a machine without a GPU (the CPU test of several ranks): gloo, not a GPU backend
        # that is not there (transformers would otherwise leave each process training alone).
        use_cpu=_world_size() > 1 and not _cuda_available(),
        **_precision_flags(cfg),
    )


def _build_trainer(
    cfg: RecipeConfig, model: Any, tokenizer: Any, callbacks: Sequence[Any], progress: bool
) -> Any:
    from transformers.trainer_callback import PrinterCallback, ProgressCallback
    from trl import SFTTrainer

    from trainer.progress import LogHistoryCallback, LogLinesCallback, SaveConfigCallback, TrainProgressCallback

    evaluate = cfg.train.eval_steps is not None and cfg.train.eval_steps > 0
    args = training_arguments(cfg)
    # transformers 5 has no logging_dir argument: its TensorBoard callback reads this variable when the
    # trainer is built (else it writes under checkpoints/runs/). A value the user set wins.
    os.environ.setdefault("TENSORBOARD_LOGGING_DIR", str(tensorboard_dir(cfg)))
    trainer = SFTTrainer(
        model=model,
        processing_class=tokenizer,
        train_dataset=load_split(cfg, "train", tokenizer),
        eval_dataset=load_split(cfg, "eval", tokenizer) if evaluate else None,
        args=args,
    )
    _plain_cpu_device(trainer.args)
    for default in (PrinterCallback, ProgressCallback):
        trainer.remove_callback(default)
    trainer.add_callback(SaveConfigCallback(cfg, CONFIG_NAME))
    trainer.add_callback(LogHistoryCallback(cfg.run_path / LOG_HISTORY_LINES))
    trainer.add_callback(LogLinesCallback())
    if progress:
        trainer.add_callback(TrainProgressCallback())
    for callback in callbacks:
        trainer.add_callback(callback)
    if cfg.train.train_on_responses_only:
        from unsloth.chat_templates import train_on_responses_only

        instruction, response = turn_markers(cfg, tokenizer)
        trainer = train_on_responses_only(trainer, instruction_part=instruction, response_part=response)
    return trainer


def _plain_cpu_device(args: Any) -> None:
    """Several processes on the CPU: accelerate names each rank's device `cpu:<rank>`, which is fine for tensors
    but not as torch.load's map_location, and transformers loads a checkpoint's optimizer state onto
    `args.device` under several ranks (the resume fails: "don't know how to restore data location ... cpu:0").
    `args.device` is the cached value of `_setup_devices`, computed once the trainer is built: make it plain
    `cpu`. Nothing changes on a GPU."""
    device = args.device
    if device.type == "cpu" and device.index is not None:
        import torch

        args.__dict__["_setup_devices"] = torch.device("cpu")


def _final_loss(history: list[dict[str, Any]]) -> float | None:
    losses = [entry["loss"] for entry in history if "loss" in entry]
    return float(losses[-1]) if losses else None


def plot_loss_curve(history: list[dict[str, Any]], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no display on training machines or CI
    import matplotlib.pyplot as plt

    train_points = [(e["step"], e["loss"]) for e in history if "loss" in e]
    eval_points = [(e["step"], e["eval_loss"]) for e in history if "eval_loss" in e]
    figure, axes = plt.subplots(figsize=(7, 4), dpi=100)
    if train_points:
        axes.plot(*zip(*train_points, strict=True), label="train loss", marker=".")
    if eval_points:
        axes.plot(*zip(*eval_points, strict=True), label="eval loss", marker="o")
    axes.set_xlabel("step")
    axes.set_ylabel("loss")
    axes.set_title(f"{title}: loss ({time.strftime('%Y-%m-%d %H:%M')})")
    axes.grid(alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
