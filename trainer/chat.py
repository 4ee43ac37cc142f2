"""Base model resolution and the tokenizer with the recipe's chat template.

prepare (token counts), train, eval and export all render conversations through `load_tokenizer`, so the
length a row is measured at is the length it is trained at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from trainer.config import RecipeConfig
from trainer.tiny_model import TINY_MODEL_NAME, ensure_tiny_model

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
    return cfg.model.base_model


def merge_base_model(cfg: RecipeConfig) -> str:
    """The 16-bit checkpoint an adapter is merged into (a -bnb-4bit base cannot hold merged weights)."""
    if cfg.model.merge_base_model:
        return cfg.model.merge_base_model
    base = resolve_base_model(cfg)
    return base.removesuffix("-unsloth-bnb-4bit").removesuffix("-bnb-4bit")


def import_unsloth() -> Any:
    """Unsloth must be imported before transformers/TRL to patch them; do it in one place."""
    import unsloth

    return unsloth


def apply_chat_template(tokenizer: Any, template: str) -> Any:
    if template == "model":
        if not tokenizer.chat_template:
            raise ValueError("model.chat_template is 'model' but the tokenizer has no chat template")
        return tokenizer
    import_unsloth()
    from unsloth.chat_templates import get_chat_template

    return get_chat_template(tokenizer, chat_template=template)


def load_tokenizer(cfg: RecipeConfig, path: str | Path | None = None) -> Any:
    import_unsloth()
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(path or resolve_base_model(cfg)))
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
