"""Downloads against a local server that speaks the Hub's protocol, through the real huggingface_hub client."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.core.catalog import ModelFile, Variant
from desktop.core.errors import (
    DownloadAuthRequired,
    DownloadCancelled,
    DownloadError,
    DownloadInterrupted,
    DownloadNotFound,
    DownloadOffline,
    ModelNotDownloaded,
    VerificationFailed,
)
from desktop.core.hub import ModelDownloader
from tests.conftest import ROOT, cli_env, run_cli
from tests.hub_server import HubServer, Served

REPO = "test-org/tiny-model"
REVISION = "0123456789abcdef0123456789abcdef01234567"


def variant(filename: str = "model.gguf", sha256: str | None = None, size: int | None = None,
            files: tuple[ModelFile, ...] | None = None, kind: str = "llm") -> Variant:
    return Variant(id="tiny", kind=kind, label="Tiny", repo_id=REPO, revision=REVISION,
                   files=files or (ModelFile(filename, size, sha256),))


def payload(n: int = 3 * 1024 * 1024 + 123) -> bytes:
    return os.urandom(n)


def downloader(tmp_path: Path, hub: HubServer, **kw) -> ModelDownloader:
    return ModelDownloader(tmp_path / "models", endpoint=hub.url, hf_cache_dir=tmp_path / "hf", **kw)


def test_full_download_with_progress_and_verification(tmp_path: Path, hub: HubServer) -> None:
    data = payload()
    hub.add(REPO, "model.gguf", Served(data))
    d = downloader(tmp_path, hub)
    events = list(d.download(variant()))
    stages = [e.stage for e in events]
    assert stages[0] == "checking" and stages[-1] == "done"
    assert "downloading" in stages and "verifying" in stages
    assert events[-1].path.read_bytes() == data
    assert max(e.done for e in events if e.stage == "downloading") == len(data)
    assert all(e.total == len(data) for e in events if e.stage in ("downloading", "verifying"))
    assert d.local_path(variant()) == events[-1].path
    assert not list(events[-1].path.parent.glob("*.part*"))


def test_connection_dropped_mid_file_continues_with_range(tmp_path: Path, hub: HubServer) -> None:
    data = payload()
    hub.add(REPO, "model.gguf", Served(data, drop_after=1_000_000))
    path = list(downloader(tmp_path, hub).download(variant()))[-1].path
    assert path.read_bytes() == data
    gets = hub.gets()
    assert len(gets) == 2 and gets[0].range is None
    resumed_at = int(gets[1].range.removeprefix("bytes=").rstrip("-"))
    assert 0 < resumed_at <= 1_000_000


_DOWNLOAD_SCRIPT = """
import sys
from pathlib import Path
from desktop.core.catalog import ModelFile, Variant
from desktop.core.hub import ModelDownloader
v = Variant(id="tiny", kind="llm", label="Tiny", repo_id=sys.argv[3], revision=sys.argv[4],
            files=(ModelFile("model.gguf"),))
for p in ModelDownloader(Path(sys.argv[1]), endpoint=sys.argv[2], retries=0).download(v):
    if p.stage == "downloading":
        print(p.done, p.resumed_from, flush=True)
print("finished", flush=True)
"""


def test_process_killed_mid_download_resumes_in_a_new_process(tmp_path: Path, hub: HubServer) -> None:
    data = payload(4 * 1024 * 1024)
    hub.add(REPO, "model.gguf", Served(data, chunk_delay_s=0.01))
    models = tmp_path / "models"
    args = [sys.executable, "-c", _DOWNLOAD_SCRIPT, str(models), hub.url, REPO, REVISION]
    first = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    for line in first.stdout:
        if int(line.split()[0]) > 1_000_000:
            break
    first.send_signal(signal.SIGKILL)
    first.wait()
    part = models / REPO.replace("/", "--") / REVISION / "model.gguf.part"
    kept = part.stat().st_size
    assert 1_000_000 < kept < len(data)

    second = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip().endswith("finished")
    assert int(second.stdout.split()[1]) == kept  # resumed_from: nothing downloaded twice
    final = models / REPO.replace("/", "--") / REVISION / "model.gguf"
    assert hashlib.sha256(final.read_bytes()).hexdigest() == hashlib.sha256(data).hexdigest()
    last_get = hub.gets()[-1]
    assert last_get.range == f"bytes={kept}-"


def test_corrupted_bytes_are_rejected_and_never_loadable(tmp_path: Path, hub: HubServer) -> None:
    data = payload(200_000)
    hub.add(REPO, "model.gguf", Served(data, etag=hashlib.sha256(b"something else").hexdigest()))
    d = downloader(tmp_path, hub)
    with pytest.raises(VerificationFailed, match="failed verification.*deleted"):
        list(d.download(variant()))
    assert d.local_path(variant()) is None
    with pytest.raises(ModelNotDownloaded, match="chinwag download tiny"):
        d.require(variant())
    folder = tmp_path / "models" / REPO.replace("/", "--") / REVISION
    assert list(folder.iterdir()) == []


def test_catalog_checksum_wins_over_the_servers(tmp_path: Path, hub: HubServer) -> None:
    data = payload(100_000)
    hub.add(REPO, "model.gguf", Served(data))  # the server is consistent with itself, but not the catalog
    with pytest.raises(VerificationFailed):
        list(downloader(tmp_path, hub).download(variant(sha256="0" * 64)))
    ok = list(downloader(tmp_path, hub).download(variant(sha256=hashlib.sha256(data).hexdigest())))
    assert ok[-1].path.read_bytes() == data


def test_present_file_needs_zero_requests_and_missing_one_gives_a_clear_error(tmp_path: Path, hub: HubServer) -> None:
    data = payload(100_000)
    hub.add(REPO, "model.gguf", Served(data))
    d = downloader(tmp_path, hub)
    list(d.download(variant()))
    count = len(hub.requests)
    again = list(d.download(variant()))
    assert [e.stage for e in again] == ["done"]
    assert d.require(variant()).read_bytes() == data
    assert len(hub.requests) == count
    hub.stop()
    assert d.require(variant()).read_bytes() == data  # server gone: still works
    with pytest.raises(DownloadOffline, match="offline"):
        list(d.download(variant("other.gguf")))


def test_not_found_and_auth_errors(tmp_path: Path, hub: HubServer) -> None:
    d = downloader(tmp_path, hub)
    with pytest.raises(DownloadNotFound, match="not found on the Hub"):
        list(d.download(variant("missing.gguf")))
    hub.add(REPO, "gated.gguf", Served(b"x", status=401))
    with pytest.raises(DownloadAuthRequired, match="access token"):
        list(d.download(variant("gated.gguf")))


def test_cancel_keeps_the_part_and_the_next_download_resumes(tmp_path: Path, hub: HubServer) -> None:
    data = payload(2 * 1024 * 1024)
    hub.add(REPO, "model.gguf", Served(data, chunk_delay_s=0.005))
    d = downloader(tmp_path, hub)
    cancel = threading.Event()
    with pytest.raises(DownloadCancelled):
        for progress in d.download(variant(), cancel):
            if progress.done > 300_000:
                cancel.set()
    kept = d.partial_bytes(variant())
    assert kept > 300_000
    events = list(d.download(variant()))
    assert events[-1].path.read_bytes() == data
    assert max(e.resumed_from for e in events) == kept


def test_a_part_from_another_version_is_not_continued(tmp_path: Path, hub: HubServer) -> None:
    old = payload(500_000)
    hub.add(REPO, "model.gguf", Served(old, drop_after=200_000))
    d = downloader(tmp_path, hub, retries=0)
    with pytest.raises(DownloadInterrupted, match="try again to continue"):
        list(d.download(variant()))
    new = payload(600_000)
    hub.add(REPO, "model.gguf", Served(new))
    assert list(d.download(variant()))[-1].path.read_bytes() == new
    assert hub.gets()[-1].range is None


def test_disk_full_is_reported_before_downloading(tmp_path: Path, hub: HubServer, monkeypatch) -> None:
    import shutil as shutil_module
    from collections import namedtuple

    hub.add(REPO, "model.gguf", Served(payload(100_000)))
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil_module, "disk_usage", lambda _p: usage(10**9, 10**9, 1000))
    from desktop.core.errors import DownloadDiskFull

    with pytest.raises(DownloadDiskFull, match="Not enough disk space"):
        list(downloader(tmp_path, hub).download(variant()))
    assert hub.gets() == []


def test_multi_file_whisper_model_and_git_blob_checksums(tmp_path: Path, hub: HubServer) -> None:
    model = payload(300_000)
    config = b'{"alignment_heads": []}'
    git_sha1 = hashlib.sha1(f"blob {len(config)}\0".encode() + config).hexdigest()
    hub.add(REPO, "model.bin", Served(model))
    hub.add(REPO, "config.json", Served(config, etag=git_sha1))  # small files: git blob id, like the Hub
    files = (ModelFile("config.json"), ModelFile("model.bin"))
    d = downloader(tmp_path, hub)
    events = list(d.download(variant(files=files, kind="whisper")))
    folder = events[-1].path
    assert folder.is_dir() and (folder / "model.bin").read_bytes() == model
    assert (folder / "config.json").read_bytes() == config
    assert events[-2].total == len(model) + len(config)


def test_file_in_huggingface_cache_is_reused_without_network(tmp_path: Path, hub: HubServer) -> None:
    from huggingface_hub import hf_hub_download

    data = payload(150_000)
    hub.add(REPO, "model.gguf", Served(data))
    # Another tool fetched it with huggingface_hub into the shared cache.
    cached = hf_hub_download(REPO, "model.gguf", revision=REVISION, cache_dir=tmp_path / "hf", endpoint=hub.url)
    before = len(hub.requests)
    d = downloader(tmp_path, hub)
    sha = hashlib.sha256(data).hexdigest()
    assert d.local_path(variant(sha256=sha)) == Path(cached)
    assert [e.stage for e in d.download(variant(sha256=sha))] == ["done"]
    assert len(hub.requests) == before
    # A cached blob that does not match the catalog's checksum is not trusted.
    assert d.local_path(variant(sha256="f" * 64)) is None


def test_cli_download_then_ask_offline_with_the_downloaded_model(tmp_path: Path, hub: HubServer,
                                                                   starter_gguf: Path) -> None:
    """The whole chain in real processes: catalog entry → `chinwag download` → `chinwag ask` with no server."""
    data = starter_gguf.read_bytes()
    hub.add(REPO, "starter-copy.gguf", Served(data))
    entry = {"id": "test-tiny", "kind": "llm", "label": "Test tiny", "repo_id": REPO, "revision": REVISION,
             "files": [{"filename": "starter-copy.gguf"}], "ram_gb": 0.3, "license": "Apache-2.0"}
    (tmp_path / "entry.json").write_text(json.dumps(entry))
    env = cli_env(tmp_path, HF_ENDPOINT=hub.url)
    assert run_cli(["models", "add", str(tmp_path / "entry.json")], env).returncode == 0
    listed = json.loads(run_cli(["models", "--json"], env).stdout)
    assert {r["id"]: r["downloaded"] for r in listed}["test-tiny"] is False
    result = run_cli(["download", "test-tiny"], env)
    assert result.returncode == 0, result.stderr
    assert "is ready" in result.stderr
    hub.stop()
    started = time.monotonic()
    asked = run_cli(["ask", "--text", "Say hello.", "--model", "test-tiny", "--max-tokens", "8", "--json"],
                    cli_env(tmp_path))
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout.strip().splitlines()[-1])
    assert answer["model"] == "test-tiny" and answer["reply"]
    assert time.monotonic() - started < 120


def test_a_slow_download_outlives_its_signed_cdn_link_and_still_completes(tmp_path: Path, hub: HubServer) -> None:
    """The Hub redirects to a CDN link valid for 0.5 s; the link dies mid-download, the retry asks the Hub again."""
    data = payload(3 * 1024 * 1024)
    # ~0.8 s for the first MB, then the connection drops: by then the first signed link has expired.
    hub.add(REPO, "model.gguf", Served(data, cdn_expires_s=0.5, chunk_delay_s=0.05, drop_after=1_000_000))
    d = downloader(tmp_path, hub, token="hf_secret_token")
    started = time.monotonic()
    events = list(d.download(variant()))
    assert events[-1].path.read_bytes() == data
    assert time.monotonic() - started > 0.5  # it really did outlive the first link
    resolves, cdn = hub.resolves(), hub.cdn_gets()
    assert len(resolves) == 2 and all(r.status == 302 for r in resolves)  # asked the Hub again for the retry
    assert [r.status for r in cdn] == [200, 206] and cdn[1].range is not None
    assert cdn[0].path != cdn[1].path  # a freshly signed link, not the expired one
    assert all(r.authorized for r in resolves) and not any(r.authorized for r in cdn)  # the token stays on the Hub
    assert max(e.resumed_from for e in events) == 0  # one download, continued: not restarted


def test_an_expired_cdn_link_is_never_reported_as_needing_a_login(tmp_path: Path, hub: HubServer) -> None:
    # Every signed link is dead on arrival (expires at once): the CDN answers 403 each time.
    hub.add(REPO, "model.gguf", Served(payload(100_000), cdn_expires_s=-1.0))
    d = downloader(tmp_path, hub, retries=2)
    with pytest.raises(DownloadInterrupted, match="link expired") as caught:
        list(d.download(variant()))
    assert not isinstance(caught.value, DownloadAuthRequired)
    assert [r.status for r in hub.cdn_gets()] == [403, 403, 403]
    assert len(hub.resolves()) == 3  # each attempt re-resolved


def test_403_on_the_hub_itself_is_an_auth_error(tmp_path: Path, hub: HubServer) -> None:
    hub.add(REPO, "gated.gguf", Served(b"x", status=403))
    with pytest.raises(DownloadAuthRequired, match="access token"):
        list(downloader(tmp_path, hub).download(variant("gated.gguf")))


def test_answers_that_add_no_bytes_are_failed_attempts(tmp_path: Path, hub: HubServer) -> None:
    data = payload(200_000)
    hub.add(REPO, "model.gguf", Served(data, empty_answers=1000))
    d = downloader(tmp_path, hub, retries=2)
    with pytest.raises(DownloadInterrupted, match="no data"):
        list(d.download(variant()))
    assert len(hub.gets()) == 3  # the first try and two retries: no endless loop
    # A server that recovers within the retries completes the download.
    hub.add(REPO, "other.gguf", Served(data, empty_answers=2))
    assert list(d.download(variant("other.gguf")))[-1].path.read_bytes() == data


def test_two_variants_download_at_once_and_the_same_one_twice_is_refused(tmp_path: Path, hub: HubServer) -> None:
    first, second = payload(1_500_000), payload(1_200_000)
    hub.add(REPO, "a.gguf", Served(first, chunk_delay_s=0.01))
    hub.add("test-org/other-model", "b.gguf", Served(second, chunk_delay_s=0.01, cdn_expires_s=60))
    d = downloader(tmp_path, hub)
    a = variant("a.gguf")
    b = Variant(id="other", kind="llm", label="Other", repo_id="test-org/other-model", revision=REVISION,
                files=(ModelFile("b.gguf"),))
    results: dict[str, object] = {}
    started = threading.Event()

    def run(name: str, v: Variant) -> None:
        try:
            for progress in d.download(v):
                if progress.stage == "downloading":
                    started.set()
                results[name] = progress.path
        except Exception as error:  # collected and asserted below
            results[name] = error

    threads = [threading.Thread(target=run, args=("a", a)), threading.Thread(target=run, args=("b", b))]
    for thread in threads:
        thread.start()
    assert started.wait(30)
    with pytest.raises(DownloadError, match="already being downloaded"):
        list(d.download(a))  # the same file twice would write into one .part
    for thread in threads:
        thread.join(60)
    assert results["a"].read_bytes() == first
    assert results["b"].read_bytes() == second


def test_the_token_is_read_when_a_download_needs_it(tmp_path: Path, hub: HubServer) -> None:
    data = payload(50_000)
    hub.add(REPO, "model.gguf", Served(data))
    reads: list[int] = []

    def from_keyring() -> str:  # stands in for secrets.load_hf_token, which may prompt to unlock a keyring
        reads.append(1)
        return "hf_from_the_keyring"

    d = ModelDownloader(tmp_path / "models", endpoint=hub.url, hf_cache_dir=tmp_path / "hf", token_source=from_keyring)
    assert d.local_path(variant()) is None and reads == []  # start-up work never opens the keyring
    list(d.download(variant()))
    assert reads == [1] and all(r.authorized for r in hub.requests)
    d.token = None  # the user removed the token in Settings
    hub.add(REPO, "other.gguf", Served(data))
    list(d.download(variant("other.gguf")))
    assert reads == [1] and not hub.requests[-1].authorized
