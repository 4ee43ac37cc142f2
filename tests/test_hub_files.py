"""The model manager's core: a Hub repository's files with sizes (the tree API of the fake Hub, through the real
huggingface_hub client), the catalog entry made from one, and verify again / delete / size on disk per variant."""

from __future__ import annotations

import hashlib
import os

import pytest

from desktop.core.catalog import ModelCatalog, variant_from_dict
from desktop.core.errors import ChinwagError, DownloadNotFound, VerificationFailed
from desktop.core.hub import ModelDownloader
from desktop.core.hub_files import BadRepoId, HubFile, hub_entry, list_hub_files
from desktop.core.paths import assets_dir
from tests.hub_server import COMMIT, Served


def test_lists_every_file_with_its_size_and_the_sha256_of_lfs_files(hub) -> None:
    weights, config = os.urandom(50_000), b'{"audio": {"sample_rate": 22050}}'
    hub.add("rhasspy/voices", "en/amy/amy.onnx", Served(weights))
    hub.add("rhasspy/voices", "en/amy/amy.onnx.json", Served(config))
    files = list_hub_files("rhasspy/voices", endpoint=hub.url)
    assert files == [HubFile("en/amy/amy.onnx", 50_000, hashlib.sha256(weights).hexdigest(), COMMIT),
                     HubFile("en/amy/amy.onnx.json", len(config), None, COMMIT)]
    assert [f.kind for f in files] == ["voice", None]


def test_a_missing_repository_and_a_malformed_id_say_what_to_do(hub) -> None:
    with pytest.raises(DownloadNotFound, match="There is no repository nobody/nothing"):
        list_hub_files("nobody/nothing", endpoint=hub.url)
    with pytest.raises(BadRepoId, match="owner/name"):
        list_hub_files("just-a-name", endpoint=hub.url)


def test_entries_made_from_a_listing_download_and_verify(hub, tmp_path) -> None:
    weights, config = os.urandom(40_000), b"{}"
    hub.add("me/voice", "v.onnx", Served(weights))
    hub.add("me/voice", "v.onnx.json", Served(config))
    hub.add("me/voice", "notes.txt", Served(b"hi"))
    files = list_hub_files("me/voice", endpoint=hub.url)
    by_path = {f.path: f for f in files}
    entry = hub_entry("me/voice", "main", by_path["v.onnx"], files)
    assert entry["kind"] == "voice" and entry["revision"] == COMMIT
    assert [f["filename"] for f in entry["files"]] == ["v.onnx", "v.onnx.json"]
    with pytest.raises(ChinwagError, match="not a model"):
        hub_entry("me/voice", "main", by_path["notes.txt"], files)
    with pytest.raises(ChinwagError, match="needs both files"):
        hub_entry("me/voice", "main", by_path["v.onnx"], [by_path["v.onnx"]])

    downloader = ModelDownloader(tmp_path / "models", endpoint=hub.url)
    variant = variant_from_dict(entry, "user")
    *_, done = list(downloader.download(variant))
    assert done.path is not None and done.path.read_bytes() == weights
    assert downloader.size_on_disk(variant) == len(weights) + len(config)
    stages = [p.stage for p in downloader.verify(variant)]
    assert stages[-1] == "done" and "verifying" in stages
    # Damaged on disk: caught, the copy deleted, the variant no longer counts as downloaded.
    done.path.write_bytes(os.urandom(len(weights)))
    with pytest.raises(VerificationFailed, match="damaged"):
        list(downloader.verify(variant))
    assert not downloader.is_downloaded(variant)


def test_delete_removes_only_that_variants_files(hub, tmp_path) -> None:
    for name in ("a.gguf", "b.gguf"):
        hub.add("me/quants", name, Served(os.urandom(10_000)))
    downloader = ModelDownloader(tmp_path / "models", endpoint=hub.url)
    a, b = (variant_from_dict({"id": n, "kind": "llm", "repo_id": "me/quants", "files": [{"filename": f"{n}.gguf"}]},
                              "user") for n in ("a", "b"))
    for v in (a, b):
        list(downloader.download(v))
    downloader.delete(a)
    assert not downloader.is_downloaded(a) and downloader.is_downloaded(b)
    assert downloader.size_on_disk(a) == 0 and downloader.size_on_disk(b) == 10_000


def test_user_entries_can_be_added_and_removed_but_shipped_ones_cannot(tmp_path) -> None:
    catalog = ModelCatalog(assets_dir() / "catalog.json", tmp_path / "catalog.json")
    (added,) = catalog.add_entries([{"id": "mine", "kind": "llm", "path": str(tmp_path / "x.gguf")}])
    assert ModelCatalog(assets_dir() / "catalog.json", tmp_path / "catalog.json").get("mine").id == "mine"
    catalog.remove_user_entry("mine")
    assert "mine" not in [v.id for v in ModelCatalog(assets_dir() / "catalog.json", tmp_path / "catalog.json")
                          .variants()]
    with pytest.raises(ChinwagError, match="not a model you added"):
        catalog.remove_user_entry(catalog.starter_llm)
    assert added.source == "user"
