"""Issue 21 §1: nothing outside the models folder is shown, written, renamed or deleted because of a catalog entry.

The names come from where entries enter (the user's catalog.json, `chinwag models add`, a Hub listing through the real
huggingface_hub client on the fake Hub); the downloader is the real one, on real files in a temporary folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

from desktop.core.catalog import CatalogError, ModelCatalog, ModelFile, Variant, variant_from_dict
from desktop.core.errors import ModelNotDownloaded
from desktop.core.hub import ModelDownloader, OutsideModelsFolder
from desktop.core.hub_files import hub_entry, list_hub_files
from desktop.core.paths import assets_dir
from tests.conftest import cli_env, run_cli
from tests.hub_server import COMMIT, HubServer, Served

SHIPPED = assets_dir() / "catalog.json"

BAD_NAMES = [
    "../../../../../home/notes.txt",
    "models/../../notes.txt",
    "/etc/passwd",
    "C:\\Users\\me\\notes.txt",
    "C:notes.txt",
    "\\\\server\\share\\notes.txt",
    "folder\\notes.txt",
    "./model.gguf",
    "a//model.gguf",
    "model.gguf.",  # Windows drops the dot: another file than the one checked
    "",
]
BAD_REVISIONS = ["../../..", "main/../../x", "/abs", "a b", ".hidden", "x.lock", "-rf", "C:\\x"]


def entry(filename: str = "m.gguf", revision: str | None = "main", repo_id: str = "me/tune") -> dict:
    return {"id": "shared", "kind": "llm", "repo_id": repo_id, "revision": revision,
            "files": [{"filename": filename, "size": 5}]}


@pytest.mark.parametrize("name", BAD_NAMES)
def test_an_entry_with_a_file_name_leading_elsewhere_is_refused(name: str) -> None:
    with pytest.raises(CatalogError, match="file name .* is refused"):
        variant_from_dict(entry(name), "user")


@pytest.mark.parametrize("revision", BAD_REVISIONS)
def test_an_entry_with_a_revision_that_is_no_ref_is_refused(revision: str) -> None:
    with pytest.raises(CatalogError, match="revision .* is refused"):
        variant_from_dict(entry(revision=revision), "user")


@pytest.mark.parametrize("repo_id", ["..", "../x", "me/../x", "a/b/c", "me\\x"])
def test_an_entry_with_a_repository_that_is_no_hub_id_is_refused(repo_id: str) -> None:
    with pytest.raises(CatalogError, match="repository .* is refused"):
        variant_from_dict(entry(repo_id=repo_id), "user")


def test_good_names_and_revisions_still_pass() -> None:
    for filename, revision in [("en/en_US/amy/medium/en_US-amy-medium.onnx", "main"), ("m.gguf", "a" * 40),
                               ("m.gguf", "v1.0"), ("m.gguf", "refs/pr/1"), ("unsloth.Q4_K_M.gguf", None)]:
        variant = variant_from_dict(entry(filename, revision), "user")
        assert variant.files[0].filename == filename and variant.revision == (revision or "main")
    for variant in ModelCatalog(SHIPPED).variants():  # the shipped catalog passes the same checks
        assert variant.id


def test_the_users_catalog_file_and_models_add_refuse_such_entries(tmp_path: Path) -> None:
    outside = tmp_path / "home" / "notes.txt"
    outside.parent.mkdir()
    outside.write_text("my notes")
    user_file = tmp_path / "config" / "catalog.json"
    user_file.parent.mkdir()
    user_file.write_text(json.dumps({"variants": [entry("../../../home/notes.txt")]}))
    catalog = ModelCatalog(SHIPPED, user_file)
    assert "shared" not in [v.id for v in catalog.variants()]
    assert any("notes.txt" in error and "refused" in error for error in catalog.user_errors)
    shared = tmp_path / "shared.json"
    shared.write_text(json.dumps(entry(str(outside))))  # an absolute path
    with pytest.raises(CatalogError, match="absolute path"):
        catalog.add_user_entries(shared)
    # The user's own text stays as it was, and so does the file it named.
    assert json.loads(user_file.read_text())["variants"][0]["files"][0]["filename"] == "../../../home/notes.txt"
    assert outside.read_text() == "my notes"


def test_chinwag_models_add_refuses_an_entry_leading_out_of_the_models_folder(tmp_path: Path) -> None:
    shared = tmp_path / "catalog_entry.json"
    shared.write_text(json.dumps(entry("..\\..\\notes.txt")))
    result = run_cli(["models", "add", str(shared)], cli_env(tmp_path / "home"), timeout=120)
    assert result.returncode == 2, result.stderr
    assert "backslash" in result.stderr
    assert not (tmp_path / "home" / "config" / "Chinwag" / "catalog.json").exists()


def made_in_code(filename: str, revision: str = "main") -> Variant:
    """A Variant made without the catalog's checks (as code or a test could): the downloader checks it again."""
    return Variant(id="made", kind="llm", label="Made", repo_id="me/tune", revision=revision,
                   files=(ModelFile(filename),))


def test_the_downloader_never_touches_a_file_outside_the_models_folder(tmp_path: Path) -> None:
    models = tmp_path / "data" / "models"
    outside = tmp_path / "notes.txt"
    outside.write_text("my notes")
    downloader = ModelDownloader(models, hf_cache_dir=tmp_path / "hf")
    for variant in (made_in_code("../../../../notes.txt"), made_in_code(str(outside)),
                    made_in_code("m.gguf", revision="../../..")):
        assert not downloader.is_downloaded(variant)  # not shown as a downloaded model
        assert downloader.size_on_disk(variant) == 0
        with pytest.raises(OutsideModelsFolder):
            downloader.delete(variant)
        with pytest.raises(OutsideModelsFolder):
            list(downloader.download(variant))
    assert outside.read_text() == "my notes"
    assert tmp_path.is_dir() and not models.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need a privilege on Windows")
def test_a_folder_linked_to_elsewhere_is_not_followed(tmp_path: Path, hub: HubServer) -> None:
    models = tmp_path / "models"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    notes = elsewhere / "m.gguf"
    notes.write_bytes(b"not a model, the user's own file")
    (models / "me--tune").mkdir(parents=True)
    (models / "me--tune" / "main").symlink_to(elsewhere, target_is_directory=True)
    hub.add("me/tune", "m.gguf", Served(os.urandom(4000)))
    downloader = ModelDownloader(models, endpoint=hub.url, hf_cache_dir=tmp_path / "hf")
    variant = variant_from_dict(entry("m.gguf") | {"files": [{"filename": "m.gguf"}]}, "user")
    assert not downloader.is_downloaded(variant)
    with pytest.raises(OutsideModelsFolder, match="leads out of the models folder"):
        downloader.delete(variant)
    with pytest.raises(OutsideModelsFolder):
        list(downloader.download(variant))
    with pytest.raises(ModelNotDownloaded):  # not a model of ours: "Verify again" would have deleted it
        list(downloader.verify(variant))
    assert notes.read_bytes() == b"not a model, the user's own file"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["m.gguf"]  # no .part written through the link
    # A file that is itself a link to elsewhere is not a model either, and is not deleted through.
    (models / "me--tune" / "main").unlink()
    (models / "me--tune" / "main").mkdir()
    (models / "me--tune" / "main" / "m.gguf").symlink_to(notes)
    assert not downloader.is_downloaded(variant)
    with pytest.raises(OutsideModelsFolder):
        downloader.delete(variant)
    assert notes.exists()


def test_delete_removes_empty_folders_up_to_the_models_folder_and_no_further(tmp_path: Path, hub: HubServer) -> None:
    data = tmp_path / "data"
    models = data / "models"
    weights = os.urandom(5000)
    hub.add("me/voices", "en/amy/amy.onnx", Served(weights))
    downloader = ModelDownloader(models, endpoint=hub.url, hf_cache_dir=tmp_path / "hf")
    variant = variant_from_dict({"id": "amy", "kind": "voice", "repo_id": "me/voices", "revision": "main",
                                 "files": [{"filename": "en/amy/amy.onnx"}]}, "user")
    list(downloader.download(variant))
    assert (models / "me--voices" / "main" / "en" / "amy" / "amy.onnx").read_bytes() == weights
    downloader.delete(variant)
    assert models.is_dir() and list(models.iterdir()) == []  # the model's folders went, the models folder stayed
    assert data.is_dir()


def test_a_hub_listing_pins_its_commit_and_leaves_out_names_leading_elsewhere(tmp_path: Path, hub: HubServer) -> None:
    weights = os.urandom(3000)
    hub.add("me/quants", "q4.gguf", Served(weights))
    hub.add("me/quants", "..\\..\\evil.gguf", Served(os.urandom(2000)))
    hub.add("me/quants", "C:evil.gguf", Served(os.urandom(2000)))
    files = list_hub_files("me/quants", "main", endpoint=hub.url)
    assert [f.path for f in files] == ["q4.gguf"]
    assert files[0].commit == COMMIT and files[0].sha256 == hashlib.sha256(weights).hexdigest()
    assert any(r.path.startswith(f"/api/models/me/quants/tree/{COMMIT}") for r in hub.gets())
    made = hub_entry("me/quants", "main", files[0], files)
    assert made["revision"] == COMMIT  # not "main": the size and sha256 belong to this commit
    variant = variant_from_dict(made, "user")
    downloader = ModelDownloader(tmp_path / "models", endpoint=hub.url, hf_cache_dir=tmp_path / "hf")
    *_, done = list(downloader.download(variant))
    assert done.path == tmp_path / "models" / "me--quants" / COMMIT / "q4.gguf"
    assert all(f"/resolve/{COMMIT}/" in r.path for r in hub.resolves())
