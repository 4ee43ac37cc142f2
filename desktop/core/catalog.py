"""The model catalog: shipped variants (assets/catalog.json) merged with the user's own catalog file."""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.errors import ChinwagError, UnknownModel

log = logging.getLogger(__name__)

KINDS = ("llm", "whisper", "voice")


@dataclass(frozen=True)
class ModelFile:
    filename: str
    size: int | None = None  # exact bytes when known; checked after download
    sha256: str | None = None  # exact digest when known; otherwise the Hub's LFS etag is used
    approx_mb: float | None = None  # for display only


@dataclass(frozen=True)
class Variant:
    id: str
    kind: str
    label: str
    files: tuple[ModelFile, ...] = ()
    repo_id: str | None = None
    revision: str | None = None
    bundled: str | None = None  # "<package>/<path inside it>", shipped inside the app
    path: str | None = None  # a file or folder the user already has
    ram_gb: float | None = None
    params: str | None = None
    quant: str | None = None
    license: str | None = None
    description: str = ""
    source: str = "shipped"  # "shipped", "user" or "local"
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def approx_mb(self) -> float | None:
        sizes = [f.size / 1e6 if f.size else f.approx_mb for f in self.files]
        return sum(s for s in sizes if s) if sizes and all(sizes) else None

    @property
    def needs_download(self) -> bool:
        return self.bundled is None and self.path is None


class CatalogError(ChinwagError):
    pass


# ---- names that end up in paths under the models folder ------------------------------------------------------
#
# A catalog entry may come from someone else (a shared `chinwag models add` file, a Hub listing), and its file names
# and revision become a path under the models folder, which Delete and Verify again remove files from. So every name is
# checked where an entry enters: relative, forward slashes only, no `..`, no drive, root or UNC name, nothing Windows
# would read otherwise (a colon is an NTFS stream, a component ending in a dot or space loses it). The downloader
# checks the resolved path too (hub.py), for a folder that is a symbolic link to elsewhere.

REPO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}(/[A-Za-z0-9][A-Za-z0-9._-]{0,95})?$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_REF_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._+-]*$")


def unsafe_name_reason(name: object) -> str | None:
    """Why `name` cannot be a file's path inside a model's folder, or None when it can."""
    if not isinstance(name, str) or not name:
        return "it is empty"
    if len(name) > 1024:
        return "it is too long"
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return "it holds a control character"
    if "\\" in name:
        return "it holds a backslash (write folders with /)"
    if ":" in name:
        return "it holds a colon (a drive letter or a Windows file stream)"
    if name.startswith("/"):
        return "it is an absolute path"
    for part in name.split("/"):
        if part in ("", ".", ".."):
            return "it has an empty, '.' or '..' folder in it"
        if part.endswith((".", " ")) or part.startswith(" "):
            return "a part of it begins with a space or ends with a dot or a space"
    return None


def check_filename(name: object, entry: str = "") -> str:
    reason = unsafe_name_reason(name)
    if reason is not None:
        where = f"Catalog entry {entry!r}: " if entry else ""
        raise CatalogError(f"{where}the file name {name!r} is refused: {reason}. A file of a model is named by its "
                           "path inside the repository, like 'model.gguf' or 'en/voice.onnx'.")
    return name  # type: ignore[return-value]


def check_revision(revision: object, entry: str = "") -> str:
    """A commit hash (40 hex digits), or a tag or branch name (parts of letters, digits and . _ + - between /)."""
    where = f"Catalog entry {entry!r}: " if entry else ""
    ok = isinstance(revision, str) and 0 < len(revision) <= 200 and (
        _COMMIT.match(revision) or (
            all(_REF_PART.match(part) and not part.endswith((".", ".lock")) for part in revision.split("/"))
            and ".." not in revision))
    if not ok:
        raise CatalogError(f"{where}the revision {revision!r} is refused: a revision is a commit hash (40 hex digits), "
                           "a tag or a branch name.")
    return revision  # type: ignore[return-value]


def check_repo_id(repo_id: object, entry: str = "") -> str:
    if not isinstance(repo_id, str) or not REPO_ID.match(repo_id) or ".." in repo_id:
        where = f"Catalog entry {entry!r}: " if entry else ""
        raise CatalogError(f"{where}the repository {repo_id!r} is refused: write it as owner/name, e.g. "
                           "unsloth/Llama-3.2-1B-Instruct-GGUF.")
    return repo_id


class UserCatalogUnreadable(CatalogError):
    """The user's catalog file exists but cannot be read or parsed: it is left exactly as it is, never rewritten."""


_KNOWN_KEYS = {
    "id", "kind", "label", "files", "repo_id", "revision", "bundled", "path", "ram_gb", "params", "quant",
    "license", "description",
}


def variant_from_dict(entry: dict[str, Any], source: str) -> Variant:
    """Validate one catalog entry; the message names the entry and the problem."""
    if not isinstance(entry, dict):
        raise CatalogError(f"A catalog entry must be an object, not {type(entry).__name__}.")
    name = entry.get("id")
    if not isinstance(name, str) or not name:
        raise CatalogError("A catalog entry has no 'id'.")
    kind = entry.get("kind", "llm")
    if kind not in KINDS:
        raise CatalogError(f"Catalog entry {name!r}: kind must be one of {KINDS}, not {kind!r}.")
    files_raw = entry.get("files", [])
    if not isinstance(files_raw, list):
        raise CatalogError(f"Catalog entry {name!r}: 'files' must be a list.")
    files = []
    for item in files_raw:
        if not isinstance(item, dict) or not isinstance(item.get("filename"), str):
            raise CatalogError(f"Catalog entry {name!r}: every file needs a 'filename'.")
        check_filename(item["filename"], name)
        sha = item.get("sha256")
        if sha is not None and (not isinstance(sha, str) or len(sha) != 64):
            raise CatalogError(f"Catalog entry {name!r}: sha256 of {item['filename']} is not 64 hex digits.")
        files.append(
            ModelFile(item["filename"], item.get("size"), sha.lower() if sha else None, item.get("approx_mb"))
        )
    sources = [key for key in ("repo_id", "bundled", "path") if entry.get(key)]
    if not sources:
        raise CatalogError(f"Catalog entry {name!r} says neither where to download it (repo_id) nor a path.")
    if entry.get("repo_id") and not files:
        raise CatalogError(f"Catalog entry {name!r} has a repo_id but no files.")
    if entry.get("repo_id"):
        check_repo_id(entry["repo_id"], name)
        if entry.get("revision"):
            check_revision(entry["revision"], name)
    elif entry.get("revision"):
        raise CatalogError(f"Catalog entry {name!r} has a revision but no repo_id.")
    if entry.get("bundled") is not None:
        if unsafe_name_reason(entry["bundled"]) is not None:
            raise CatalogError(f"Catalog entry {name!r}: 'bundled' must be a path inside the app, like "
                               "'package/model.gguf'.")
    if entry.get("path") is not None and not isinstance(entry["path"], str):
        raise CatalogError(f"Catalog entry {name!r}: 'path' must be text.")
    return Variant(
        id=name,
        kind=kind,
        label=str(entry.get("label") or name),
        files=tuple(files),
        repo_id=entry.get("repo_id"),
        revision=entry.get("revision") or ("main" if entry.get("repo_id") else None),
        bundled=entry.get("bundled"),
        path=entry.get("path"),
        ram_gb=entry.get("ram_gb"),
        params=entry.get("params"),
        quant=entry.get("quant"),
        license=entry.get("license"),
        description=str(entry.get("description") or ""),
        source=source,
        extra={k: v for k, v in entry.items() if k not in _KNOWN_KEYS},
    )


def bundled_path(bundled: str) -> Path | None:
    """Where a bundled model lives: inside an installed package (also inside the frozen app)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # the installer ships bundled models as data under the same relative path
        frozen = Path(frozen_root) / bundled
        return frozen if frozen.exists() else None
    package, _, inner = bundled.partition("/")
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / inner
    return path if path.exists() else None


class ModelCatalog:
    def __init__(self, shipped_file: Path, user_file: Path | None = None, verdicts_dir: Path | None = None) -> None:
        """`verdicts_dir`: where model files' check results are remembered (the data folder), see gguf_check."""
        self.shipped_file = shipped_file
        self.user_file = user_file
        self.verdicts_dir = verdicts_dir
        shipped = json.loads(shipped_file.read_text(encoding="utf-8"))
        self.default_llm: str = shipped["default_llm"]
        self.starter_llm: str = shipped["starter_llm"]
        self.default_whisper: str = shipped["default_whisper"]
        self._variants: dict[str, Variant] = {}
        for entry in shipped["variants"]:
            variant = variant_from_dict(entry, "shipped")
            self._variants[variant.id] = variant
        self.user_errors: list[str] = []
        try:
            user_entries = self._user_entries()
        except UserCatalogUnreadable as error:
            # At start-up a damaged user catalog is reported and skipped; it is kept untouched for the user to fix.
            self.user_errors.append(str(error))
            user_entries = []
        for entry in user_entries:
            try:
                variant = variant_from_dict(entry, "user")
            except CatalogError as error:
                self.user_errors.append(str(error))
                continue
            self._variants[variant.id] = variant

    def variants(self, kind: str | None = None) -> list[Variant]:
        return [v for v in self._variants.values() if kind is None or v.kind == kind]

    def get(self, id_or_path: str, kind: str = "llm") -> Variant:
        """A catalog id, or a local path (a .gguf file for llm, a model folder for whisper)."""
        variant = self._variants.get(id_or_path)
        if variant is not None:
            if variant.kind != kind:
                raise UnknownModel(f"{id_or_path!r} is a {variant.kind} model, not a {kind} model.")
            return variant
        path = Path(id_or_path).expanduser()
        if kind == "llm" and path.suffix.lower() == ".gguf":
            if not path.is_file():
                raise UnknownModel(f"There is no model file at {path}.")
            return Variant(id=str(path.resolve()), kind="llm", label=path.name, path=str(path.resolve()),
                           source="local")
        if kind == "whisper" and path.is_dir():
            if not (path / "model.bin").is_file():
                raise UnknownModel(f"{path} is not a faster-whisper model folder (no model.bin).")
            return Variant(id=str(path.resolve()), kind="whisper", label=path.name,
                           path=str(path.resolve()), source="local")
        known = ", ".join(v.id for v in self.variants(kind))
        raise UnknownModel(f"Unknown {kind} model {id_or_path!r}. Known: {known}; or give a local path.")

    def add_user_entries(self, entry_file: Path) -> list[Variant]:
        """Import one entry (or a list) into the user's catalog, replacing entries with the same id."""
        if self.user_file is None:
            raise CatalogError("This catalog has no user file to add to.")
        try:
            data = json.loads(entry_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CatalogError(f"Cannot read catalog entry {entry_file}: {error}") from error
        return self.add_entries(data if isinstance(data, list) else [data])

    def add_entries(self, entries: list[dict[str, Any]]) -> list[Variant]:
        """Add entries (dicts in the catalog format) to the user's catalog, replacing entries with the same id."""
        if self.user_file is None:
            raise CatalogError("This catalog has no user file to add to.")
        added = [variant_from_dict(entry, "user") for entry in entries]
        new_ids = {v.id for v in added}
        existing = [e for e in self._user_entries() if not (isinstance(e, dict) and e.get("id") in new_ids)]
        self._write_user_entries(existing + entries)
        for variant in added:
            self._variants[variant.id] = variant
        return added

    def remove_user_entry(self, variant_id: str) -> None:
        """Take an entry the user added (a Hub model, a local file) off the list; its files are not touched here."""
        variant = self._variants.get(variant_id)
        if variant is None or variant.source == "shipped":
            raise CatalogError(f"{variant_id!r} is not a model you added, so it cannot be removed from the list.")
        self._write_user_entries([e for e in self._user_entries()
                                  if not (isinstance(e, dict) and e.get("id") == variant_id)])
        del self._variants[variant_id]

    def add_local_model(self, path: Path, label: str | None = None) -> Variant:
        """Remember a .gguf file the user already has as a user catalog entry (shown in the model list).

        The file is checked first (ModelLoadError for a damaged one, see gguf_check); with `verdicts_dir` set it is
        also loaded once in a child process, which can take a few seconds: call this off the GUI thread.
        """
        from desktop.core.gguf_check import check_gguf_file, verify_model_file

        path = Path(path).expanduser().resolve()
        if path.suffix.lower() != ".gguf" or not path.is_file():
            raise CatalogError(f"{path} is not a .gguf model file.")
        if self.verdicts_dir is not None:
            verify_model_file(path, self.verdicts_dir)
        else:
            check_gguf_file(path)
        slug = "".join(c if c.isalnum() or c in "-_." else "-" for c in path.stem.lower()).strip("-")
        taken = {v.id for v in self.variants()}
        existing = next((v for v in self.variants("llm") if v.path == str(path)), None)
        if existing is not None:
            return existing
        base, n = f"local-{slug}", 2
        name = base
        while name in taken:
            name, n = f"{base}-{n}", n + 1
        entry = {"id": name, "kind": "llm", "label": label or f"{path.name} (local file)", "path": str(path),
                 "description": f"A model file on this computer: {path}"}
        variant = variant_from_dict(entry, "user")
        self._write_user_entries(self._user_entries() + [entry])
        self._variants[variant.id] = variant
        log.info("Added the local model %s as %s", path, variant.id)
        return variant

    def _user_file_data(self) -> dict[str, Any]:
        """The user file's whole object; UserCatalogUnreadable when it exists but cannot be used as it is."""
        if self.user_file is None or not self.user_file.exists():
            return {"variants": []}
        fix = "It was left as it is: fix or remove it, then try again."
        try:
            text = self.user_file.read_text(encoding="utf-8")
        except OSError as error:  # a lock held by a sync tool or an antivirus is no reason to lose the file
            raise UserCatalogUnreadable(
                f"Your catalog file {self.user_file} cannot be read ({error.strerror or error}). {fix}") from error
        except UnicodeDecodeError as error:
            raise UserCatalogUnreadable(f"Your catalog file {self.user_file} is not text ({error}). {fix}") from error
        try:
            data = json.loads(text)
        except ValueError as error:
            raise UserCatalogUnreadable(f"Your catalog file {self.user_file} is damaged ({error}). {fix}") from error
        if not isinstance(data, dict) or not isinstance(data.get("variants", []), list):
            raise UserCatalogUnreadable(
                f"Your catalog file {self.user_file} is not a catalog (no list of variants). {fix}")
        return data

    def _user_entries(self) -> list[Any]:
        # Entries come back as they are, invalid ones included: a rewrite keeps what the user wrote.
        return list(self._user_file_data().get("variants", []))

    def _write_user_entries(self, entries: list[Any]) -> None:
        assert self.user_file is not None
        data = self._user_file_data()  # refuses (and keeps the file) when it cannot be read or parsed
        data["variants"] = entries  # other keys a user or a newer version wrote stay
        self.user_file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".catalog-", dir=self.user_file.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=2)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.user_file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
