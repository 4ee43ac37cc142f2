"""push: upload the GGUF files and a model card to the Hub in one commit, then pin that commit in the
catalog entries (so the app downloads exactly what was validated)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from trainer.config import RecipeConfig, RecipeError
from trainer.export import export_dir, gguf_name, write_json

_COMMIT = re.compile(r"^[0-9a-f]{40}$")


def push_dir(cfg: RecipeConfig) -> Path:
    return cfg.run_path / "push"


def _read_json(path: Path, what: str) -> Any:
    if not path.is_file():
        raise RecipeError(f"{path} not found: run `chinwag-train {what}` first")
    return json.loads(path.read_text(encoding="utf-8"))


def model_card(
    cfg: RecipeConfig,
    data_report: dict[str, Any] | None,
    eval_table: str | None,
    export_report: dict[str, Any],
) -> str:
    front = {
        "base_model": cfg.model.base_model,
        "license": cfg.model.license,
        "library_name": "gguf",
        "tags": ["gguf", "llama", "unsloth", "lora", "chinwag"],
    }
    validation = export_report["validation"]
    files = "\n".join(
        f"| `{gguf_name(cfg, q)}` | {export_report['files'][q]['size'] / 1e6:.1f} MB | "
        f"`{export_report['files'][q]['sha256']}` |"
        for q in cfg.push.quantizations
    )
    sections = [
        "---\n" + yaml.safe_dump(front, sort_keys=False) + "---",
        f"# {cfg.model.label} (Chinwag fine-tune)",
        f"A LoRA fine-tune of [`{cfg.model.base_model}`](https://huggingface.co/{cfg.model.base_model}), "
        "merged and converted to GGUF with `chinwag-train` for Chinwag, an offline push-to-talk voice "
        "assistant.",
        "## Files\n\n| file | size | sha256 |\n|---|---:|---|\n" + files,
        "## Evaluation\n\n" + (eval_table.split("\n", 1)[1].strip() if eval_table else "Not evaluated."),
        "## Export check\n\n"
        f"The f16 GGUF in llama.cpp and the merged model in transformers chose the same next token at "
        f"{validation['next_token_agreement']:.2%} of {validation['next_token_positions']} positions of "
        f"{validation['conversations']} held-out conversations; greedy continuations matched for "
        f"{min(validation['continuations_matched'])} of {validation['continuation_tokens']} tokens.",
        "## Data\n\n```json\n" + json.dumps(data_report, indent=2) + "\n```"
        if data_report
        else "## Data\n\nUnknown.",
        "## Training config\n\n```yaml\n" + yaml.safe_dump(cfg.to_dict(), sort_keys=False) + "```",
        "## Use in Chinwag\n\nDownload `catalog_entry.json` from the training run and run "
        "`chinwag models add catalog_entry.json`; the model then appears in the app's model list.",
    ]
    return "\n\n".join(sections) + "\n"


def push(cfg: RecipeConfig, api: Any = None) -> dict[str, Any]:
    """Create the repo, upload GGUFs + README.md in one commit, write catalog entries pinned to it."""
    from huggingface_hub import CommitOperationAdd, HfApi

    repo_id = cfg.push.repo_id
    if not repo_id:
        raise RecipeError(
            "push.repo_id is not set (e.g. push.repo_id=you/chinwag-llama-3.2-1b-finetome-gguf)"
        )
    source = export_dir(cfg)
    export_report = _read_json(source / "export_report.json", "export")
    if not export_report["validation"]["passed"]:
        raise RecipeError("the export did not pass its validation; refusing to publish it")
    files = [source / gguf_name(cfg, q) for q in cfg.push.quantizations]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise RecipeError(
            f"missing GGUF files {missing}: add the quantization to export.quantizations and "
            "run `chinwag-train export`"
        )
    data_file = cfg.data_path / "data_report.json"
    data_report = json.loads(data_file.read_text()) if data_file.is_file() else None
    eval_file = cfg.run_path / "eval_report.md"
    eval_md = eval_file.read_text(encoding="utf-8") if eval_file.is_file() else None

    out = push_dir(cfg)
    out.mkdir(parents=True, exist_ok=True)
    card = out / "README.md"
    card.write_text(model_card(cfg, data_report, eval_md, export_report), encoding="utf-8")

    api = api or HfApi()
    api.create_repo(repo_id=repo_id, repo_type="model", private=cfg.push.private, exist_ok=True)
    operations = [CommitOperationAdd(path_in_repo=f.name, path_or_fileobj=str(f)) for f in files]
    operations.append(CommitOperationAdd(path_in_repo="README.md", path_or_fileobj=str(card)))
    info = api.create_commit(
        repo_id=repo_id, repo_type="model", operations=operations, commit_message=cfg.push.commit_message
    )
    revision = getattr(info, "oid", None)
    if not isinstance(revision, str) or not _COMMIT.match(revision):
        raise RecipeError(f"the Hub did not return a commit id for the upload (got {revision!r})")

    entries = {}
    for quant in cfg.push.quantizations:
        entry = _read_json(source / f"catalog_entry.{quant}.json", "export")
        entry.pop("path", None)  # the app downloads it from the Hub now
        entry.update(repo_id=repo_id, revision=revision)
        entries[quant] = entry
        write_json(out / f"catalog_entry.{quant}.json", entry)
    primary = cfg.export.catalog_quant if cfg.export.catalog_quant in entries else cfg.push.quantizations[0]
    write_json(out / "catalog_entry.json", entries[primary])
    return {
        "repo_id": repo_id,
        "revision": revision,
        "files": [f.name for f in files] + ["README.md"],
        "catalog_entry": str(out / "catalog_entry.json"),
    }
