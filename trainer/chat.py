"""Base model resolution and the tokenizer with the recipe's chat template.

prepare (token counts), train, eval and export all render conversations through `load_tokenizer`, so the
length a row is measured at is the length it is trained at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.core.chat_templates import LLAMA3
from trainer.config import RecipeConfig
from trainer.tiny_model import TINY_LLAMA3_NAME, TINY_MODEL_NAME, ensure_tiny_llama3, ensure_tiny_model

# Template names served by Chinwag's own Llama 3 template (desktop/core/chat_templates.py): Meta's layout with
# today's date taken at run time (`strftime_now`, which transformers and llama-cpp-python's formatter both
# provide). Unsloth's llama-3.1 template writes a fixed "26 July 2024", and the GGUF would carry that date
# into every conversation in the app.
LLAMA3_TEMPLATE_NAMES = ("llama-3.1", "llama-3", "llama3", "llama-31", "llama-3.2")

Conversation = list[dict[str, str]]

# The markers train-on-responses-only masks between; Unsloth auto-detects others from the template.
_TURN_MARKERS = {
    "llama-3": (
        "<|start_header_id|>user<|end_header_id|>\n\n",
        "<|start_header_id|>assistant<|end_header_id|>\n\n",
    ),
    "chatml": ("<|im_start|>user\n", "<|im_start|>assistant\n"),
}


def resolve_base_model(cfg: RecipeConfig) -> str:
    if cfg.model.base_model == TINY_MODEL_NAME:
        return str(ensure_tiny_model(cfg.model.cache_dir, cfg.model.tiny_layers))
    if cfg.model.base_model == TINY_LLAMA3_NAME:
        return str(ensure_tiny_llama3(cfg.model.cache_dir, cfg.model.tiny_layers))
    return cfg.model.base_model


def upstream_model(cfg: RecipeConfig) -> str:
    """The model the fine-tune derives from, as the model card and the GGUF name it: never a bnb-4bit repo."""
    if cfg.model.upstream_model:
        return cfg.model.upstream_model
    if cfg.model.merge_base_model:
        return cfg.model.merge_base_model
    return cfg.model.base_model.removesuffix("-unsloth-bnb-4bit").removesuffix("-bnb-4bit")


def merge_base_model(cfg: RecipeConfig) -> str:
    """The 16-bit checkpoint an adapter is merged into (a -bnb-4bit base cannot hold merged weights)."""
    if cfg.model.merge_base_model:
        return cfg.model.merge_base_model
    base = resolve_base_model(cfg)
    return base.removesuffix("-unsloth-bnb-4bit").removesuffix("-bnb-4bit")


def base_model_revision(cfg: RecipeConfig) -> str | None:
    """The commit base_model is read at in this run (None for a local or derived model)."""
    from trainer.revisions import pinned_revision

    return pinned_revision(cfg, "model", cfg.model.base_model, cfg.model.revision)


def merge_base_revision(cfg: RecipeConfig) -> str | None:
    """The commit the merge base (merge_base_model) is read at in this run."""
    from trainer.revisions import pinned_revision

    name = merge_base_model(cfg)
    requested = cfg.model.merge_base_revision
    if requested is None and name == cfg.model.base_model:
        requested = cfg.model.revision
    return pinned_revision(cfg, "model", name, requested)


def import_unsloth() -> Any:
    """Unsloth must be imported before transformers/TRL to patch them; do it in one place."""
    import unsloth

    return unsloth


def apply_chat_template(tokenizer: Any, template: str) -> Any:
    if template == "model":
        if not tokenizer.chat_template:
            raise ValueError("model.chat_template is 'model' but the tokenizer has no chat template")
        return tokenizer
    if template in LLAMA3_TEMPLATE_NAMES:
        return use_llama3_template(tokenizer)
    import_unsloth()
    from unsloth.chat_templates import get_chat_template

    return get_chat_template(tokenizer, chat_template=template)


def use_llama3_template(tokenizer: Any) -> Any:
    """Chinwag's Llama 3 template, with <|eot_id|> as the end of every turn (what generation stops on)."""
    vocab = tokenizer.get_vocab()
    markers = ("<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>")
    missing = [t for t in markers if t not in vocab]
    if missing:
        raise ValueError(f"the Llama 3 chat template needs the tokens {missing}, which this tokenizer lacks")
    tokenizer.chat_template = LLAMA3
    tokenizer.bos_token = "<|begin_of_text|>"
    tokenizer.eos_token = "<|eot_id|>"
    if tokenizer.pad_token is None or tokenizer.pad_token == tokenizer.eos_token:
        # A pad distinct from the end of turn, so masking padding never masks a trained <|eot_id|>.
        pad = "<|finetune_right_pad_id|>" if "<|finetune_right_pad_id|>" in vocab else "<|end_of_text|>"
        tokenizer.pad_token = pad
    return tokenizer


def load_tokenizer(cfg: RecipeConfig, path: str | Path | None = None) -> Any:
    import_unsloth()
    from transformers import AutoTokenizer

    if path is None:
        tokenizer = AutoTokenizer.from_pretrained(resolve_base_model(cfg), revision=base_model_revision(cfg))
    else:
        tokenizer = AutoTokenizer.from_pretrained(str(path))
    tokenizer = apply_chat_template(tokenizer, cfg.model.chat_template)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def turn_markers(cfg: RecipeConfig, tokenizer: Any) -> tuple[str | None, str | None]:
    """(instruction_part, response_part) for train-on-responses-only; (None, None) lets Unsloth detect."""
    if cfg.train.instruction_part and cfg.train.response_part:
        return cfg.train.instruction_part, cfg.train.response_part
    template = tokenizer.chat_template or ""
    if "<|start_header_id|>" in template:
        return _TURN_MARKERS["llama-3"]
    if "<|im_start|>" in template:
        return _TURN_MARKERS["chatml"]
    return None, None


def render(tokenizer: Any, conversations: list[Conversation]) -> list[str]:
    return [tokenizer.apply_chat_template(c, tokenize=False) for c in conversations]


def render_prompt(tokenizer: Any, conversation: Conversation) -> tuple[str, str]:
    """(prompt up to the last assistant turn with the generation header, that turn's reference text)."""
    last = max(i for i, turn in enumerate(conversation) if turn["role"] == "assistant")
    prompt = tokenizer.apply_chat_template(conversation[:last], tokenize=False, add_generation_prompt=True)
    return prompt, conversation[last]["content"]
