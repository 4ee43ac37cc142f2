"""Hub revisions pinned per run: the base model's and every Hub data set's commit, so that a resume, a
re-export or a re-evaluation months later reads the same bytes as the first run did.

A config names a revision per repository (`model.revision`, `model.merge_base_revision`, a source's
`revision`): a commit id is used as it is; a branch or tag (null means `main`) is resolved to its commit the
first time a step needs it, and the commit is recorded in `<run_dir>/revisions.json`. Every later step of the
run, in this process or another, reads the recorded commit instead of asking the Hub again. Local paths
(and the derived CPU test models) have no revision.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from trainer.config import RecipeConfig, RecipeError

PINS_FILE = "revisions.json"
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")

# (repo_type, repo_id, requested revision) -> commit id; the Hub by default.
Lookup = Callable[[str, str, str], str]


def is_hub_repo(name: str) -> bool:
    """An `owner/name` that is not a local directory or file."""
    return bool(_REPO_ID.match(name)) and not Path(name).expanduser().exists()


def hub_commit(repo_type: str, repo_id: str, revision: str) -> str:
    """The commit a branch or tag of a Hub repository points at now."""
    from huggingface_hub import HfApi

    api = HfApi()
    info = api.dataset_info(repo_id, revision=revision) if repo_type == "dataset" else api.model_info(
        repo_id, revision=revision
    )
    if not isinstance(info.sha, str) or not _COMMIT.match(info.sha):
        raise RecipeError(f"the Hub gave no commit id for {repo_type} {repo_id}@{revision} (got {info.sha!r})")
    return info.sha


def _offline() -> bool:
    keys = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    return any(os.environ.get(key, "").lower() in ("1", "true", "yes") for key in keys)


def pins_path(cfg: RecipeConfig) -> Path:
    return cfg.run_path / PINS_FILE


def read_pins(cfg: RecipeConfig) -> dict[str, dict[str, str]]:
    path = pins_path(cfg)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def pinned_revision(
    cfg: RecipeConfig, repo_type: str, name: str, requested: str | None, lookup: Lookup | None = None
) -> str | None:
    """The commit to read `name` at in this run (None for a local path). Resolves and records it on first use.

    Offline (HF_HUB_OFFLINE) with nothing recorded, the requested revision is returned unresolved: the local
    cache is read as it is, and nothing is recorded that could pin a guess."""
    if not is_hub_repo(name):
        return None
    wanted = requested or "main"
    if _COMMIT.match(wanted):
        _record(cfg, repo_type, name, wanted, wanted)
        return wanted
    key = f"{repo_type}:{name}"
    pin = read_pins(cfg).get(key)
    if pin and pin.get("requested") == wanted and _COMMIT.match(pin.get("commit", "")):
        return pin["commit"]
    if lookup is None:
        if _offline():
            return wanted
        lookup = hub_commit
    commit = lookup(repo_type, name, wanted)
    _record(cfg, repo_type, name, wanted, commit)
    return commit


def _record(cfg: RecipeConfig, repo_type: str, name: str, requested: str, commit: str) -> None:
    if int(os.environ.get("RANK", "0")) != 0:
        return  # rank 0 writes the run's files
    pins = read_pins(cfg)
    key = f"{repo_type}:{name}"
    entry = {"requested": requested, "commit": commit}
    if pins.get(key) == entry:
        return
    pins[key] = entry
    path = pins_path(cfg)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(pins, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    partial.replace(path)
