from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.catalog import CatalogError, ModelCatalog, UserCatalogUnreadable
from desktop.core.errors import ModelLoadError, UnknownModel
from desktop.core.paths import assets_dir

SHIPPED = assets_dir() / "catalog.json"


def test_shipped_catalog_has_the_promised_variants(tmp_path: Path) -> None:
    catalog = ModelCatalog(SHIPPED, tmp_path / "user.json")
    llms = {v.id: v for v in catalog.variants("llm")}
    default = llms[catalog.default_llm]
    assert default.repo_id == "ay1/Llama-3.2-1B-Instruct-SFT-FineTome-100k-1.0_q4_k_m"
    assert default.revision == "6be7da9fbddce0319e94821126eeaf0b5833a5e7"
    assert default.files[0].filename == "unsloth.Q4_K_M.gguf"
    fine_llama = {v.files[0].filename for v in llms.values() if v.repo_id == "laishram/FineLlama-3.2-1B-GGUF"}
    assert fine_llama == {"unsloth.Q4_K_M.gguf", "unsloth.Q3_K_M.gguf", "unsloth.Q2_K.gguf"}
    assert any(v.repo_id == "ne-al/finetuned-llama-3.2-3b" and v.params == "3B" for v in llms.values())
    assert any(v.repo_id == "unsloth/Llama-3.2-1B-Instruct-GGUF" for v in llms.values())
    assert llms[catalog.starter_llm].bundled
    whispers = {v.id for v in catalog.variants("whisper")}
    assert {"whisper-tiny.en", "whisper-base.en", "whisper-small.en"} <= whispers
    for variant in catalog.variants():
        assert variant.label and variant.license and variant.ram_gb
        if variant.repo_id:
            assert variant.revision and variant.files


def test_bundled_starters_resolve(starter_gguf: Path, whisper_dir: Path) -> None:
    from desktop.core.hub import ModelDownloader

    catalog = ModelCatalog(SHIPPED)
    downloader = ModelDownloader(Path("/nonexistent"))
    assert downloader.local_path(catalog.get(catalog.starter_llm)) == starter_gguf
    assert downloader.local_path(catalog.get("whisper-tiny.en", "whisper")) == whisper_dir


def test_local_paths_are_accepted_where_an_id_is(tmp_path: Path, whisper_dir: Path) -> None:
    catalog = ModelCatalog(SHIPPED)
    gguf = tmp_path / "mine.gguf"
    gguf.write_bytes(b"GGUF")
    variant = catalog.get(str(gguf))
    assert variant.path == str(gguf.resolve()) and variant.source == "local"
    assert catalog.get(str(whisper_dir), "whisper").path == str(whisper_dir.resolve())
    with pytest.raises(UnknownModel, match="no model file"):
        catalog.get(str(tmp_path / "missing.gguf"))
    with pytest.raises(UnknownModel, match="Unknown llm model 'nope'"):
        catalog.get("nope")
    with pytest.raises(UnknownModel, match="not a llm model"):
        catalog.get("whisper-tiny.en", "llm")


def test_user_entries_merge_and_persist(tmp_path: Path) -> None:
    user_file = tmp_path / "config" / "catalog.json"
    entry = {"id": "my-tune", "kind": "llm", "label": "My tune", "repo_id": "me/tune", "revision": "a" * 40,
             "files": [{"filename": "m.gguf", "size": 10, "sha256": "b" * 64}], "ram_gb": 1.0,
             "license": "llama3.2"}
    entry_file = tmp_path / "entry.json"
    entry_file.write_text(json.dumps(entry))
    added = ModelCatalog(SHIPPED, user_file).add_user_entries(entry_file)
    assert [v.id for v in added] == ["my-tune"]
    reopened = ModelCatalog(SHIPPED, user_file)
    variant = reopened.get("my-tune")
    assert variant.source == "user" and variant.files[0].sha256 == "b" * 64
    # Adding again replaces instead of duplicating.
    entry["label"] = "My tune v2"
    entry_file.write_text(json.dumps(entry))
    ModelCatalog(SHIPPED, user_file).add_user_entries(entry_file)
    assert ModelCatalog(SHIPPED, user_file).get("my-tune").label == "My tune v2"
    assert len(json.loads(user_file.read_text())["variants"]) == 1


def test_bad_entries_are_named(tmp_path: Path) -> None:
    catalog = ModelCatalog(SHIPPED, tmp_path / "user.json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"id": "x", "kind": "llm"}))
    with pytest.raises(CatalogError, match="'x'.*neither"):
        catalog.add_user_entries(bad)
    bad.write_text("{not json")
    with pytest.raises(CatalogError, match="Cannot read"):
        catalog.add_user_entries(bad)
    # A damaged user catalog does not stop the app: it is reported and ignored.
    (tmp_path / "user.json").write_text("garbage")
    reopened = ModelCatalog(SHIPPED, tmp_path / "user.json")
    assert reopened.user_errors and reopened.get(reopened.default_llm)


def _damaged_catalog(tmp_path: Path) -> Path:
    user_file = tmp_path / "config" / "catalog.json"
    user_file.parent.mkdir(parents=True)
    user_file.write_text('{"variants": [{"id": "my-tune", "kind": "llm", "repo_id": "me/t", "files": [')  # cut off
    return user_file


def test_a_damaged_user_catalog_is_never_overwritten(tmp_path: Path, starter_gguf: Path) -> None:
    user_file = _damaged_catalog(tmp_path)
    before = user_file.read_bytes()
    catalog = ModelCatalog(SHIPPED, user_file)
    assert catalog.user_errors and "damaged" in catalog.user_errors[0]
    with pytest.raises(UserCatalogUnreadable, match="left as it is"):
        catalog.add_local_model(starter_gguf)
    entry = tmp_path / "entry.json"
    entry.write_text(json.dumps({"id": "x", "kind": "llm", "path": str(starter_gguf)}))
    with pytest.raises(UserCatalogUnreadable):
        catalog.add_user_entries(entry)
    assert user_file.read_bytes() == before
    assert [p.name for p in user_file.parent.iterdir()] == ["catalog.json"]  # no temporary file left either


def test_an_unreadable_user_catalog_is_reported_and_kept(tmp_path: Path, starter_gguf: Path) -> None:
    user_file = tmp_path / "catalog.json"
    user_file.mkdir()  # reading fails with an OSError, as with a lock held by another program
    catalog = ModelCatalog(SHIPPED, user_file)
    assert catalog.user_errors and "cannot be read" in catalog.user_errors[0]
    with pytest.raises(UserCatalogUnreadable, match="cannot be read"):
        catalog.add_local_model(starter_gguf)
    assert user_file.is_dir()


def test_a_rewrite_keeps_what_it_does_not_understand(tmp_path: Path, starter_gguf: Path) -> None:
    user_file = tmp_path / "catalog.json"
    odd = {"id": "half-written"}  # invalid (no source): reported, but the user's text is not thrown away
    user_file.write_text(json.dumps({"variants": [odd, "a note"], "comment": "mine"}))
    catalog = ModelCatalog(SHIPPED, user_file)
    assert len(catalog.user_errors) == 2
    variant = catalog.add_local_model(starter_gguf)
    data = json.loads(user_file.read_text())
    assert data["comment"] == "mine"
    assert data["variants"][:2] == [odd, "a note"] and data["variants"][2]["id"] == variant.id


def test_a_damaged_model_file_is_refused_when_added(tmp_path: Path, starter_gguf: Path) -> None:
    user_file = tmp_path / "config" / "catalog.json"
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(starter_gguf.read_bytes()[: 5_000_000])  # an interrupted copy
    catalog = ModelCatalog(SHIPPED, user_file, verdicts_dir=tmp_path / "data")
    with pytest.raises(ModelLoadError, match=r"cut\.gguf.*cut short"):
        catalog.add_local_model(cut)
    assert not user_file.exists()
    assert not any(v.path == str(cut.resolve()) for v in catalog.variants())
    # A sound file is checked (and loaded once in a child process), then remembered.
    good = catalog.add_local_model(starter_gguf)
    assert good.path == str(starter_gguf.resolve())
    from desktop.core.gguf_check import is_known_good

    assert is_known_good(starter_gguf, tmp_path / "data")
