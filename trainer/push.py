"""push: upload the GGUF files, the LoRA adapter, the reports and a model card to the Hub in one commit,
then pin that commit in the catalog entries (so the app downloads exactly what was validated)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from trainer.chat import upstream_model
from trainer.config import RecipeConfig, RecipeError
from trainer.export import export_dir, gguf_name, write_json
from trainer.train import adapter_dir

# Files of the adapter directory worth publishing (the adapter, its config, and the tokenizer it was trained
# with); training state such as optimizer moments stays in the checkpoints.
_ADAPTER_FILES = (
    "adapter_model.safetensors",
    "adapter_config.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "chat_template.jinja",
    "README.md",
)

_COMMIT = re.compile(r"^[0-9a-f]{40}$")

# The Llama 3.2 Community License (section 1.b.i and iii): redistributed weights carry a copy of the agreement
# and a "Notice" text file with this attribution.
LICENSES = Path(__file__).parent / "licenses"
LLAMA_LICENSE_FILES = {"llama3.2": LICENSES / "llama3.2-LICENSE.txt"}
LLAMA_NOTICE = (
    "Llama 3.2 is licensed under the Llama 3.2 Community License, Copyright © Meta Platforms, Inc. "
    "All Rights Reserved.\n"
)


def license_files(cfg: RecipeConfig, out: Path) -> list[tuple[str, Path]]:
    """(name in the repo, local file) of the licence texts the base model's licence asks to ship along: for
    Llama 3.2, LICENSE (the agreement) and NOTICE (the attribution). A llama licence with no text here is an
    error, not a silent omission."""
    name = cfg.model.license.lower()
    if not name.startswith("llama"):
        return []
    text = LLAMA_LICENSE_FILES.get(name)
    if text is None or not text.is_file():
        raise RecipeError(
            f"model.license={cfg.model.license}: no licence text for it in {LICENSES} (known: "
            f"{sorted(LLAMA_LICENSE_FILES)}); the Llama licences ask for their text with redistributed weights"
        )
    notice = out / "NOTICE"
    notice.write_text(LLAMA_NOTICE, encoding="utf-8")
    return [("LICENSE", text), ("NOTICE", notice)]


def push_dir(cfg: RecipeConfig) -> Path:
    return cfg.run_path / "push"


def _read_json(path: Path, what: str) -> Any:
    if not path.is_file():
        raise RecipeError(f"{path} not found: run `chinwag-train {what}` first")
    return json.loads(path.read_text(encoding="utf-8"))


def hub_datasets(cfg: RecipeConfig) -> list[str]:
    """Hub data sets the model was trained on (from prepare's record of the sources actually used)."""
    recorded = cfg.data_path / "sources.json"
    sources = json.loads(recorded.read_text()) if recorded.is_file() else [vars(s) for s in cfg.data.sources]
    return [s["name"] for s in sources if s.get("kind") == "hub"]


def model_card(
    cfg: RecipeConfig,
    data_report: dict[str, Any] | None,
    eval_table: str | None,
    export_report: dict[str, Any],
) -> str:
    base = upstream_model(cfg)
    llama = cfg.model.license.lower().startswith("llama")
    front: dict[str, Any] = {
        "base_model": base,
        # The Hub's model tree: this is a fine-tune of base_model (not a quantization or a merge of others).
        "base_model_relation": "finetune",
        "license": cfg.model.license,
        "library_name": "gguf",
        "pipeline_tag": "text-generation",
        "tags": ["gguf", "llama", "unsloth", "lora", "chinwag"],
    }
    datasets = hub_datasets(cfg)
    if datasets:
        front["datasets"] = datasets
    validation = export_report["validation"]
    quant_gate = export_report.get("quant_gate", {})
    shipped = gguf_name(cfg, cfg.export.catalog_quant)
    files = "\n".join(
        f"| `{gguf_name(cfg, q)}` | {export_report['files'][q]['size'] / 1e6:.1f} MB | "
        f"`{export_report['files'][q]['sha256']}` |"
        for q in cfg.push.quantizations
    )
    adapter = export_report.get("adapter", {}).get("description", "the last training step")
    sections = [
        "---\n" + yaml.safe_dump(front, sort_keys=False) + "---",
        f"# {cfg.model.label} (Chinwag fine-tune)",
        f"A LoRA fine-tune of [`{base}`](https://huggingface.co/{base}) on "
        f"{', '.join(f'[`{d}`](https://huggingface.co/datasets/{d})' for d in datasets) or 'local data'}, "
        "merged into the 16-bit model and converted to GGUF with `chinwag-train` for Chinwag, an offline "
        f"push-to-talk voice assistant. The adapter merged is {adapter}; it is in `adapter/` too.",
    ]
    if llama:
        # The Llama 3.2 Community License asks derivatives to display this attribution prominently.
        sections.append("**Built with Llama.** Llama 3.2 is licensed under the Llama 3.2 Community License, "
                        "Copyright © Meta Platforms, Inc. All Rights Reserved.")
    sections += [
        "## Files\n\n| file | size | sha256 |\n|---|---:|---|\n" + files + "\n\n"
        "Also here: `adapter/` (the LoRA adapter and its tokenizer), `eval_report.json`, `data_report.json`, "
        "`export_report.json` (the export's checks) and `catalog_entry.json` (the entry Chinwag imports)"
        + (", with `LICENSE` (the Llama 3.2 Community License) and `NOTICE`." if llama else "."),
        "## Use\n\n"
        "With llama.cpp (the chat template, with today's date, is in the file):\n\n"
        f"```bash\nllama-cli -m {shipped} -cnv\n```\n\n"
        "In Chinwag: download `catalog_entry.json` from this repo and run "
        "`chinwag models add catalog_entry.json`; the model then appears in the app's model list and is "
        "downloaded from this exact commit.",
        "## Evaluation\n\n" + (eval_table.split("\n", 1)[1].strip() if eval_table else "Not evaluated."),
        "## Export check\n\n"
        f"The f16 GGUF in llama.cpp and the merged model in transformers chose the same next token at "
        f"{validation['next_token_agreement']:.2%} of {validation['next_token_positions']} positions of "
        f"{validation['conversations']} held-out conversations; greedy continuations matched for "
        f"{min(validation['continuations_matched'])} of {validation['continuation_tokens']} tokens"
        + (
            f"; the shipped {quant_gate['quant']} file picked the f16 file's next token at "
            f"{quant_gate['agreement_with_f16']:.2%} of them."
            if quant_gate
            else "."
        ),
        "## Limitations\n\n"
        f"A small model ({cfg.model.params}) fine-tuned briefly: it makes factual and arithmetic mistakes, "
        "states wrong things confidently, knows nothing after its base model's cut-off, and has no safety "
        "tuning beyond its base model's. The scores above come from a few hundred held-out rows of the "
        "training mix and a handful of math questions, not a broad benchmark. Check what matters.",
        "## Data\n\n```json\n" + json.dumps(data_report, indent=2) + "\n```"
        if data_report
        else "## Data\n\nUnknown.",
        "## Training config\n\n```yaml\n" + yaml.safe_dump(cfg.to_dict(), sort_keys=False) + "```",
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
    failed = failed_gates(export_report)
    if failed:
        raise RecipeError(f"the export did not pass its validation ({', '.join(failed)}); refusing to publish it")
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
    adapter = adapter_dir(cfg)
    adapter_files = [adapter / name for name in _ADAPTER_FILES if (adapter / name).is_file()]
    if not (adapter / "adapter_model.safetensors").is_file():
        raise RecipeError(f"no adapter in {adapter}: run `chinwag-train train` first")

    out = push_dir(cfg)
    out.mkdir(parents=True, exist_ok=True)
    card = out / "README.md"
    card.write_text(model_card(cfg, data_report, eval_md, export_report), encoding="utf-8")
    licence_uploads = license_files(cfg, out)  # before anything reaches the Hub

    api = api or HfApi()
    api.create_repo(repo_id=repo_id, repo_type="model", private=cfg.push.private, exist_ok=True)
    # The catalog entry in the repo names the repo but no revision (a commit cannot name itself; the app then
    # follows main); push/catalog_entry.json, written after the commit, pins it.
    repo_entry = _read_json(source / f"catalog_entry.{cfg.export.catalog_quant}.json", "export")
    repo_entry.pop("path", None)
    repo_entry.update(repo_id=repo_id, revision=None)
    write_json(out / "catalog_entry.repo.json", repo_entry)
    uploads = [(f.name, f) for f in files]
    uploads += [(f"adapter/{f.name}", f) for f in adapter_files]
    # revisions.json: the Hub commits of the base model and the data sets this run read (trainer.revisions).
    reports = (cfg.run_path / "eval_report.json", data_file, source / "export_report.json",
               cfg.run_path / "revisions.json")
    uploads += [(path.name, path) for path in reports if path.is_file()]
    uploads += licence_uploads
    uploads += [("catalog_entry.json", out / "catalog_entry.repo.json"), ("README.md", card)]
    operations = [CommitOperationAdd(path_in_repo=name, path_or_fileobj=str(path)) for name, path in uploads]
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
        "files": [name for name, _ in uploads],
        "catalog_entry": str(out / "catalog_entry.json"),
    }


def failed_gates(export_report: dict[str, Any]) -> list[str]:
    """Names of the export gates that failed (or are missing: an export from before the gates)."""
    gates = export_report.get("gates")
    if not isinstance(gates, dict) or not gates:
        return ["no gate results: run `chinwag-train export` again"]
    failed = [name for name, passed in gates.items() if passed is not True]
    if export_report.get("passed") is not True and not failed:
        failed.append("passed is not true")
    return failed
