"""What a Hub repository holds, with sizes: the model manager's "add a model by repo id" lists it.

The revision asked for (a branch such as `main`) is first resolved to the commit it points at (`HfApi.model_info`),
and the tree is listed at that commit; the entry made from the listing pins that commit, so the sizes and sha256 it
carries stay true when the repository moves on. One call to the Hub's tree API (`HfApi.list_repo_tree`, recursive)
gives every file with its size and, for LFS files, its sha256; that becomes a catalog entry whose download is then
checked against those numbers. A file whose name could lead out of the models folder (`..`, a backslash, a drive)
is left out of the listing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from desktop.core.catalog import unsafe_name_reason
from desktop.core.errors import ChinwagError

log = logging.getLogger(__name__)

_REPO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class HubFile:
    path: str
    size: int
    sha256: str | None  # LFS files only (model weights); small files are checked against the Hub's etag
    commit: str | None = None  # the commit the listing was made at (what an entry made from it pins)

    @property
    def kind(self) -> str | None:
        """The kind of model this file is, when Chinwag can use it: "llm" (.gguf), "voice" (Piper .onnx)."""
        name = self.path.lower()
        if name.endswith(".gguf"):
            return "llm"
        if name.endswith(".onnx"):
            return "voice"
        return None


class BadRepoId(ChinwagError):
    pass


def check_repo_id(repo_id: str) -> str:
    repo_id = repo_id.strip().removeprefix("https://huggingface.co/").strip("/")
    if not _REPO_ID.match(repo_id):
        raise BadRepoId(f"{repo_id!r} is not a Hub repository id: write it as owner/name, e.g. "
                        "unsloth/Llama-3.2-1B-Instruct-GGUF.")
    return repo_id


def list_hub_files(repo_id: str, revision: str = "main", *, endpoint: str | None = None,
                   token: str | None = None) -> list[HubFile]:
    """Every file of the repository at `revision`, sorted by path. Network: call it off the GUI thread."""
    from huggingface_hub import HfApi
    from huggingface_hub.hf_api import RepoFile

    from desktop.core.catalog import CatalogError, check_revision
    from desktop.core.errors import DownloadNotFound
    from desktop.core.hub import _translate

    repo_id = check_repo_id(repo_id)
    revision = revision or "main"
    try:
        check_revision(revision)
    except CatalogError as error:
        raise BadRepoId(str(error)) from error
    api = HfApi(endpoint=endpoint, token=token or False)
    try:
        commit = api.model_info(repo_id, revision=revision).sha  # the branch or tag, pinned to where it is now
        if not isinstance(commit, str) or not re.fullmatch(r"[0-9a-f]{40}", commit):
            raise ChinwagError(f"The Hub did not say which commit {repo_id} (revision {revision}) is at.")
        entries: list[Any] = list(api.list_repo_tree(repo_id, revision=commit, recursive=True))
    except ChinwagError:
        raise
    except Exception as error:  # translated into a message that says what to do
        translated = _translate(error, repo_id)
        if isinstance(translated, DownloadNotFound):
            translated = DownloadNotFound(f"There is no repository {repo_id} (revision {revision or 'main'}) on the "
                                          "Hub, or it is private: check the spelling, or add your access token in "
                                          "Settings.")
        raise translated from error
    files = []
    for e in entries:
        if not isinstance(e, RepoFile):
            continue
        reason = unsafe_name_reason(e.path)
        if reason is not None:
            log.warning("Left %r of %s out of the listing: %s", e.path, repo_id, reason)
            continue
        files.append(HubFile(e.path, int(e.size), e.lfs.sha256 if e.lfs is not None else None, commit))
    return sorted(files, key=lambda f: f.path)


def hub_entry(repo_id: str, revision: str, chosen: HubFile, files: list[HubFile]) -> dict[str, Any]:
    """The catalog entry for one file of a listing (a voice brings its .onnx.json along), pinned to the commit the
    listing was made at (`revision`, what was asked, only when the listing did not say)."""
    kind = chosen.kind
    if kind is None:
        raise ChinwagError(f"{chosen.path} is not a model Chinwag can use: choose a .gguf language model or a Piper "
                           ".onnx voice.")
    wanted = [chosen]
    if kind == "voice":
        config = next((f for f in files if f.path == chosen.path + ".json"), None)
        if config is None:
            raise ChinwagError(f"{chosen.path} has no {chosen.path.rsplit('/', 1)[-1]}.json beside it on the Hub: a "
                               "Piper voice needs both files.")
        wanted.append(config)
    name = chosen.path.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0]
    slug = "".join(c if c.isalnum() or c in "-_." else "-" for c in f"{repo_id}-{stem}".lower())
    ram = round(chosen.size / 1e9 * 1.3 + 0.3, 1) if kind == "llm" else 0.2  # weights plus context and runtime
    return {
        "id": f"hub-{slug}",
        "kind": kind,
        "label": f"{stem} ({repo_id})",
        "repo_id": repo_id,
        "revision": chosen.commit or revision or "main",
        "files": [{"filename": f.path, "size": f.size, **({"sha256": f.sha256} if f.sha256 else {})}
                  for f in wanted],
        "ram_gb": ram,
        "description": f"Added from the Hugging Face Hub: {repo_id}, {chosen.path}.",
    }
