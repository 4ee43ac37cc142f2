"""Model files from the Hugging Face Hub, downloaded so that they resume across restarts and are verified.

huggingface_hub writes every attempt into a fresh temporary file, so a download cut off by quitting or a
crash starts over. Here the bytes go into `<file>.part` beside a small JSON note of what they belong to
(the Hub's etag and size), and the next attempt continues with an HTTP Range request. Nothing is moved to
its final name before its size and sha256 check out, so an unverified file can never be loaded.

Every attempt asks the Hub's resolve URL again rather than reusing where it pointed last time: the Hub answers
with a redirect to a signed CDN URL that expires (minutes to hours), so a retry on a slow link after a dropped
connection would otherwise be refused with 403. A 401/403 from the CDN is therefore a retry; only one from the
Hub itself means a login or licence is needed.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core.catalog import (
    CatalogError,
    ModelFile,
    Variant,
    bundled_path,
    check_filename,
    check_repo_id,
    check_revision,
    unsafe_name_reason,
)
from desktop.core.errors import (
    DownloadAuthRequired,
    DownloadCancelled,
    DownloadDiskFull,
    DownloadError,
    DownloadInterrupted,
    DownloadNotFound,
    DownloadOffline,
    ModelNotDownloaded,
    VerificationFailed,
)

log = logging.getLogger(__name__)

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_GIT_SHA1 = re.compile(r"^[0-9a-f]{40}$")
_CHUNK = 256 << 10
_HASH_CHUNK = 8 << 20


class OutsideModelsFolder(DownloadError):
    """A model file's path leads out of the models folder (a bad name, or a folder that is a link to elsewhere):
    nothing is written, renamed or deleted there."""


@dataclass(frozen=True)
class Progress:
    stage: str  # "checking", "downloading", "verifying" or "done"
    filename: str
    done: int  # bytes, all files of the variant together
    total: int | None
    rate: float = 0.0  # bytes per second while downloading
    resumed_from: int = 0  # bytes of this file already there when this attempt began
    path: Path | None = None  # set on "done"

    @property
    def fraction(self) -> float | None:
        return self.done / self.total if self.total else None

    @property
    def eta_s(self) -> float | None:
        if not self.total or self.rate <= 0:
            return None
        return max(0.0, (self.total - self.done) / self.rate)


# Answers worth another attempt: the server or a proxy is busy or failing for now.
_TRANSIENT_STATUS = {408, 425, 429, 500, 502, 503, 504}


class _RetryableStatus(Exception):
    """An HTTP answer that another attempt may not get (an expired CDN signature, a busy server)."""

    def __init__(self, status: int, why: str) -> None:
        super().__init__(f"HTTP {status}: {why}")
        self.status = status


@dataclass(frozen=True)
class _Remote:
    file: ModelFile
    url: str  # the Hub's resolve URL, asked again on every attempt (never the signed CDN URL it redirects to)
    etag: str
    size: int
    digest: tuple[str, str]  # ("sha256" | "git-sha1", hex)


class ModelDownloader:
    """Finds variants on disk (no network) and downloads the missing ones (network only then)."""

    def __init__(
        self,
        models_dir: Path,
        *,
        endpoint: str | None = None,
        token: str | None = None,
        token_source: Callable[[], str | None] | None = None,
        hf_cache_dir: Path | None = None,
        retries: int = 3,
        timeout_s: float = 20.0,
    ) -> None:
        self.models_dir = models_dir
        self.endpoint = endpoint
        self._token = token
        # Read on the first download only: opening the system keyring at start-up could ask to unlock it.
        self._token_source = token_source if token is None else None
        self.hf_cache_dir = hf_cache_dir
        self.retries = retries
        self.timeout_s = timeout_s
        # Two downloads of different variants may run at once (each in its own thread); two of the same file
        # would write into one .part file, so the second is refused while the first runs.
        self._active: set[Path] = set()
        self._active_lock = threading.Lock()

    @property
    def token(self) -> str | None:
        if self._token_source is not None:
            source, self._token_source = self._token_source, None
            self._token = source()
        return self._token

    @token.setter
    def token(self, value: str | None) -> None:
        """A token the user just saved (Settings) applies to the next download."""
        self._token, self._token_source = value, None

    # ---- on disk, no network ---------------------------------------------------------------------------

    def variant_dir(self, variant: Variant) -> Path:
        """`<models>/<owner>--<name>/<revision>`; its names are checked again here, whoever made the Variant."""
        assert variant.repo_id and variant.revision
        try:
            repo_id, revision = check_repo_id(variant.repo_id, variant.id), check_revision(variant.revision, variant.id)
        except CatalogError as error:
            raise OutsideModelsFolder(str(error)) from error
        return self.models_dir / repo_id.replace("/", "--") / revision

    def file_path(self, variant: Variant, file: ModelFile) -> Path:
        """Where `file` of `variant` lives: always inside the models folder (OutsideModelsFolder otherwise)."""
        try:
            name = check_filename(file.filename, variant.id)
        except CatalogError as error:
            raise OutsideModelsFolder(str(error)) from error
        return self._inside(self.variant_dir(variant) / name)

    def _inside(self, path: Path) -> Path:
        """`path`, once it is certain that it leads (symbolic links followed) to a place inside the models folder."""
        root = os.path.realpath(self.models_dir)
        real = os.path.realpath(path)
        try:
            inside = real != root and os.path.commonpath([root, real]) == root
        except ValueError:  # another drive (Windows)
            inside = False
        if not inside:
            raise OutsideModelsFolder(f"{path} leads out of the models folder {self.models_dir} (to {real}); "
                                      "Chinwag writes and deletes model files only inside that folder.")
        return path

    def _present(self, variant: Variant, file: ModelFile) -> Path | None:
        """The file's own path when it is inside the models folder; None (and a warning) when it leads elsewhere."""
        try:
            return self.file_path(variant, file)
        except OutsideModelsFolder as error:
            log.warning("Ignoring a model file: %s", error)
            return None

    def local_path(self, variant: Variant) -> Path | None:
        """The model file (llm; a voice's .onnx, its .json beside it) or folder (whisper) if it is fully present and
        verified, else None."""
        if variant.path:
            path = Path(variant.path)
            return path if path.exists() else None
        if variant.bundled:
            return bundled_path(variant.bundled)
        own = [self._own_file(variant, f) for f in variant.files]
        if all(own):
            return own[0] if variant.kind in ("llm", "voice") else self.variant_dir(variant)
        cached = [self._hf_cached_file(variant, f) for f in variant.files]
        if all(cached):
            return cached[0] if variant.kind in ("llm", "voice") else cached[0].parent  # type: ignore[union-attr]
        return None

    def is_downloaded(self, variant: Variant) -> bool:
        return self.local_path(variant) is not None

    def require(self, variant: Variant) -> Path:
        path = self.local_path(variant)
        if path is None:
            if variant.path or variant.bundled:
                where = variant.path or variant.bundled
                raise ModelNotDownloaded(f"The model files of {variant.label} are missing ({where}).")
            raise ModelNotDownloaded(
                f"{variant.label} is not downloaded yet. Download it in Settings, or run: chinwag download {variant.id}"
            )
        return path

    def delete(self, variant: Variant) -> None:
        """Delete this variant's files (kept bytes included). Only its own: variants that share a repository and
        revision (the quantizations of one model, the voices of rhasspy/piper-voices) share a folder."""
        if not variant.repo_id:
            return
        finals = [self.file_path(variant, f) for f in variant.files]  # all checked before anything goes
        for final in finals:
            for path in (final, final.with_name(final.name + ".part"), self._note_path(final), _digest_note(final)):
                if os.path.lexists(path):
                    self._inside(path).unlink(missing_ok=True)
            folder = final.parent
            # Empty folders left behind go too, up to the models folder itself, never it or anything above it.
            while (folder != self.models_dir and self.models_dir in folder.parents and folder.is_dir()
                   and not folder.is_symlink() and not any(folder.iterdir())):
                self._inside(folder).rmdir()
                folder = folder.parent

    def size_on_disk(self, variant: Variant) -> int:
        """Bytes this variant's files take on disk: complete files, partial downloads, or its bundled/local file."""
        if variant.path or variant.bundled:
            path = self.local_path(variant)
            if path is None:
                return 0
            if path.is_dir():
                return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
            config = path.with_name(path.name + ".json")  # a voice's .onnx.json beside its .onnx
            return path.stat().st_size + (config.stat().st_size if variant.kind == "voice" and config.is_file() else 0)
        total = 0
        for f in variant.files:
            own = self._present(variant, f)
            if own is None:
                continue
            part = own.with_name(own.name + ".part")
            if own.is_file():
                total += own.stat().st_size
            elif part.is_file():
                total += part.stat().st_size
            else:
                cached = self._hf_cached_file(variant, f)
                total += Path(os.path.realpath(cached)).stat().st_size if cached is not None else 0
        return total

    def partial_bytes(self, variant: Variant) -> int:
        """Bytes already downloaded towards a variant (shown as "resume" in the UI)."""
        if not variant.repo_id:
            return 0
        total = 0
        for f in variant.files:
            final = self._present(variant, f)
            if final is None:
                continue
            part = final.with_name(final.name + ".part")
            total += final.stat().st_size if final.exists() else part.stat().st_size if part.exists() else 0
        return total

    def _own_file(self, variant: Variant, file: ModelFile) -> Path | None:
        path = self._present(variant, file)
        if path is None or not path.is_file():
            return None
        if file.size is not None and path.stat().st_size != file.size:
            return None
        return path

    def _hf_cached_file(self, variant: Variant, file: ModelFile) -> Path | None:
        # Files other tools fetched with huggingface_hub are reused. The hub names LFS blobs after their
        # sha256 and only moves complete downloads into the cache, so the blob name is the checksum.
        from huggingface_hub import try_to_load_from_cache

        if unsafe_name_reason(file.filename) is not None:
            return None  # a name that could lead out of the cache's folder is never looked up
        try:
            check_repo_id(variant.repo_id)
            check_revision(variant.revision)
        except CatalogError:
            return None
        found = try_to_load_from_cache(
            variant.repo_id, file.filename, revision=variant.revision,
            cache_dir=str(self.hf_cache_dir) if self.hf_cache_dir else None,
        )
        if not isinstance(found, str):
            return None
        path = Path(found)
        blob = Path(os.path.realpath(path))
        if not blob.is_file():
            return None
        if file.sha256 is not None and blob.name != file.sha256:
            return None
        if file.size is not None and blob.stat().st_size != file.size:
            return None
        return path

    # ---- network -----------------------------------------------------------------------------------------

    def download(self, variant: Variant, cancel: threading.Event | None = None) -> Iterator[Progress]:
        """Download what is missing of `variant`, yielding progress; the last item has stage "done"."""
        cancel = cancel or threading.Event()
        present = self.local_path(variant)
        if present is not None:
            yield Progress("done", "", 0, 0, path=present)
            return
        if not variant.repo_id:
            raise ModelNotDownloaded(f"{variant.label} cannot be downloaded: it has no Hub repository.")
        finals_by_name = {f.filename: self.file_path(variant, f) for f in variant.files}  # checked before any write
        target_dir = self._inside(self.variant_dir(variant))
        target_dir.mkdir(parents=True, exist_ok=True)
        self._inside(target_dir)
        yield Progress("checking", "", 0, None)
        missing = [f for f in variant.files if self._own_file(variant, f) is None]
        remotes = [self._metadata(variant, f) for f in missing]
        total = sum(r.size for r in remotes)
        need = sum(r.size - self._part_size(finals_by_name[r.file.filename], r) for r in remotes)
        free = shutil.disk_usage(target_dir).free
        if need > free:
            raise DownloadDiskFull(
                f"Not enough disk space for {variant.label}: {need / 1e6:.0f} MB needed, {free / 1e6:.0f} MB free "
                f"in {self.models_dir}. Free some space and try again."
            )
        finals = [finals_by_name[r.file.filename] for r in remotes]
        with self._active_lock:
            busy = [f for f in finals if f in self._active]
            if busy:
                raise DownloadError(f"{busy[0].name} of {variant.label} is already being downloaded.")
            self._active.update(finals)
        try:
            done_before = 0
            for remote, final in zip(remotes, finals, strict=True):
                yield from self._fetch(remote, final, done_before, total, cancel)
                done_before += remote.size
        finally:
            with self._active_lock:
                self._active.difference_update(finals)
        yield Progress("done", "", total, total, path=self.require(variant))

    def _metadata(self, variant: Variant, file: ModelFile) -> _Remote:
        from huggingface_hub import get_hf_file_metadata, hf_hub_url

        url = hf_hub_url(variant.repo_id, file.filename, revision=variant.revision, endpoint=self.endpoint)
        try:
            meta = get_hf_file_metadata(url, token=self.token, endpoint=self.endpoint, timeout=self.timeout_s)
        except Exception as error:  # translated into a message that says what to do
            raise _translate(error, f"{variant.repo_id}/{file.filename}") from error
        size = file.size if file.size is not None else meta.size
        etag = (meta.etag or "").strip('"').lower()
        if size is None:
            raise DownloadError(f"The Hub did not say how big {file.filename} is; cannot verify it.")
        if meta.size is not None and file.size is not None and meta.size != file.size:
            raise VerificationFailed(
                f"{file.filename} on the Hub is {meta.size} bytes but the catalog expects {file.size}: "
                "the catalog entry is out of date."
            )
        if file.sha256:
            digest = ("sha256", file.sha256)
        elif _SHA256.match(etag):
            digest = ("sha256", etag)
        elif _GIT_SHA1.match(etag):
            digest = ("git-sha1", etag)
        else:
            raise DownloadError(f"The Hub gave no checksum for {file.filename}; refusing to use it unverified.")
        return _Remote(file, url, etag, size, digest)

    @staticmethod
    def _note_path(final: Path) -> Path:
        return final.with_name(final.name + ".part.json")

    def _part_size(self, final: Path, remote: _Remote) -> int:
        """Bytes of a partial file that can be continued; 0 when the part belongs to another version."""
        part = final.with_name(final.name + ".part")
        note = self._note_path(final)
        try:
            saved = json.loads(note.read_text(encoding="utf-8"))
            size = part.stat().st_size
        except (OSError, ValueError):
            return 0
        if saved.get("etag") != remote.etag or saved.get("size") != remote.size or size > remote.size:
            return 0
        return size

    def _fetch(
        self, remote: _Remote, final: Path, done_before: int, total: int, cancel: threading.Event
    ) -> Iterator[Progress]:
        from huggingface_hub.utils import build_hf_headers, get_session

        part = final.with_name(final.name + ".part")
        self._inside(final.parent).mkdir(parents=True, exist_ok=True)  # Hub files can sit in folders (Piper voices)
        for path in (final, part, self._note_path(final), _digest_note(final)):
            self._inside(path)  # a link planted in the folder since it was made is never written through
        offset = self._part_size(final, remote)
        if offset == 0:
            part.write_bytes(b"")
            self._note_path(final).write_text(json.dumps({"etag": remote.etag, "size": remote.size}))
        resumed_from = offset
        log.info("Downloading %s (%d bytes)%s", final.name, remote.size,
                 f", continuing at byte {offset}" if offset else "")
        attempts = 0
        rate = 0.0
        while offset < remote.size:
            if cancel.is_set():
                raise DownloadCancelled(f"Download of {final.name} cancelled; {offset} bytes kept for later.")
            headers = build_hf_headers(token=self.token)
            headers["Accept-Encoding"] = "identity"
            if offset:
                headers["Range"] = f"bytes={offset}-"
            before = offset
            try:
                # The resolve URL every time: the Hub redirects it to a freshly signed CDN URL. httpx drops the
                # Authorization header when the redirect leaves the Hub's host, so the token never reaches the CDN.
                with get_session().stream(
                    "GET", remote.url, headers=headers, timeout=self.timeout_s, follow_redirects=True
                ) as response:
                    if response.status_code == 200 and offset:
                        offset = before = 0  # the server ignored the range: start the part over
                        part.write_bytes(b"")
                    elif response.status_code not in (200, 206):
                        response.read()
                        _raise_for_answer(response)
                    last_report = 0.0
                    window_start, window_bytes = time.monotonic(), 0
                    with open(part, "r+b") as handle:
                        handle.seek(offset)
                        for chunk in response.iter_bytes(_CHUNK):
                            if cancel.is_set():
                                raise DownloadCancelled(
                                    f"Download of {final.name} cancelled; {offset} bytes kept for later."
                                )
                            handle.write(chunk)
                            handle.flush()  # a killed process keeps what reached the OS
                            offset += len(chunk)
                            window_bytes += len(chunk)
                            now = time.monotonic()
                            if now - window_start >= 0.5:
                                current = window_bytes / (now - window_start)
                                rate = current if rate == 0 else 0.7 * rate + 0.3 * current
                                window_start, window_bytes = now, 0
                            if now - last_report >= 0.1:
                                last_report = now
                                yield Progress("downloading", final.name, done_before + offset, total, rate,
                                               resumed_from)
                if offset > before:
                    attempts = 0
                elif offset < remote.size:
                    # An answer that ended without adding a byte is a failed attempt too: never an endless loop.
                    attempts = self._retry_or_raise(
                        _RetryableStatus(response.status_code, "the answer carried no data"), attempts, final.name,
                        offset)
            except DownloadError:
                raise
            except OSError as error:
                if error.errno == errno.ENOSPC:
                    raise DownloadDiskFull(f"The disk filled up while downloading {final.name}. Free some space "
                                           "and try again: what was downloaded is kept.") from error
                attempts = self._retry_or_raise(error, 0 if offset > before else attempts, final.name, offset)
            except Exception as error:
                # A link that drops now and then but moves forward each time is not failing: count from zero.
                attempts = self._retry_or_raise(error, 0 if offset > before else attempts, final.name, offset)
            if offset > remote.size:
                break
        yield Progress("downloading", final.name, done_before + offset, total, rate, resumed_from)
        yield from self._verify(remote, part, final, done_before, total)

    def _retry_or_raise(self, error: Exception, attempts: int, name: str, offset: int) -> int:
        import httpx2

        if not isinstance(error, (httpx2.TransportError, _RetryableStatus)):
            raise _translate(error, name) from error
        attempts += 1
        log.info("Download of %s: attempt failed at byte %d (%s)", name, offset,
                 error if isinstance(error, _RetryableStatus) else type(error).__name__)
        if attempts > self.retries:
            why = str(error) if isinstance(error, _RetryableStatus) else type(error).__name__
            raise DownloadInterrupted(
                f"The download of {name} was interrupted ({why}). The {offset / 1e6:.1f} MB "
                "already downloaded are kept: try again to continue where it stopped."
            ) from error
        time.sleep(min(4.0, 0.5 * 2 ** (attempts - 1)))
        return attempts

    def _verify(self, remote: _Remote, part: Path, final: Path, done_before: int, total: int) -> Iterator[Progress]:
        size = part.stat().st_size
        algo, expected = remote.digest
        if algo == "sha256":
            digest = hashlib.sha256()
        else:  # git's blob id: sha1 of a "blob <size>\0" header and the bytes
            digest = hashlib.sha1()
            digest.update(f"blob {size}\0".encode())
        hashed = 0
        with open(part, "rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                digest.update(chunk)
                hashed += len(chunk)
                yield Progress("verifying", final.name, done_before + hashed, total)
        if size != remote.size or digest.hexdigest() != expected:
            part.unlink(missing_ok=True)
            self._note_path(final).unlink(missing_ok=True)
            raise VerificationFailed(
                f"{final.name} failed verification (expected {remote.size} bytes with {algo} {expected[:12]}…, "
                f"got {size} bytes with {digest.hexdigest()[:12]}…). The damaged copy was deleted; download it again."
            )
        os.replace(part, final)
        self._note_path(final).unlink(missing_ok=True)
        # Kept beside the file, so "verify again" (the model manager) works offline for entries without a sha256.
        _digest_note(final).write_text(json.dumps({"algo": algo, "digest": expected, "size": remote.size}))
        log.info("Downloaded and verified %s (%s %s)", final.name, algo, expected)

    def verify(self, variant: Variant, cancel: threading.Event | None = None) -> Iterator[Progress]:
        """Check the downloaded files again against their checksums, yielding "verifying" progress, then "done".

        The expected digest is the catalog's sha256, else the one noted when the file was downloaded, else the
        Hub's (a network request). A file of ours that no longer matches is deleted (VerificationFailed says so),
        so a damaged copy is never loaded; files in huggingface_hub's own cache are reported, not touched.
        """
        cancel = cancel or threading.Event()
        if not variant.repo_id:
            raise DownloadError(f"{variant.label} is not a download (it came with the app or is a file of yours): "
                                "there is no published checksum to check it against.")
        found: list[tuple[ModelFile, Path, bool]] = []  # file, path, ours (deletable)
        for f in variant.files:
            own = self._own_file(variant, f)
            cached = None if own is not None else self._hf_cached_file(variant, f)
            if own is None and cached is None:
                raise ModelNotDownloaded(f"{variant.label} is not (fully) downloaded: download it first.")
            found.append((f, own or Path(os.path.realpath(cached)), own is not None))  # type: ignore[arg-type]
        total = sum(path.stat().st_size for _f, path, _ours in found)
        done = 0
        for f, path, ours in found:
            algo, expected = self._expected_digest(variant, f, path, ours)
            digest = hashlib.sha256() if algo == "sha256" else hashlib.sha1()
            size = path.stat().st_size
            if algo == "git-sha1":
                digest.update(f"blob {size}\0".encode())
            with open(path, "rb") as handle:
                while chunk := handle.read(_HASH_CHUNK):
                    if cancel.is_set():
                        raise DownloadCancelled(f"Verification of {variant.label} cancelled.")
                    digest.update(chunk)
                    done += len(chunk)
                    yield Progress("verifying", path.name, done, total)
            if digest.hexdigest() != expected:
                if ours:
                    self._inside(path).unlink(missing_ok=True)
                    if os.path.lexists(_digest_note(path)):
                        self._inside(_digest_note(path)).unlink(missing_ok=True)
                    raise VerificationFailed(f"{f.filename} of {variant.label} is damaged (its {algo} does not match) "
                                             "and was deleted: download it again.")
                raise VerificationFailed(f"{f.filename} of {variant.label} in the Hugging Face cache ({path}) is "
                                         "damaged: delete it there and download it again.")
        yield Progress("done", "", total, total, path=self.require(variant))

    def _expected_digest(self, variant: Variant, file: ModelFile, path: Path, ours: bool) -> tuple[str, str]:
        if file.sha256:
            return "sha256", file.sha256
        if ours:
            try:
                note = json.loads(_digest_note(path).read_text(encoding="utf-8"))
                if note.get("algo") in ("sha256", "git-sha1") and isinstance(note.get("digest"), str):
                    return note["algo"], note["digest"]
            except (OSError, ValueError):
                pass
        elif _SHA256.match(path.name):
            return "sha256", path.name  # huggingface_hub names LFS blobs by their sha256
        return self._metadata(variant, file).digest  # ask the Hub (DownloadOffline when it cannot be reached)


def _digest_note(final: Path) -> Path:
    return final.with_name(final.name + ".sha256.json")


def _same_origin(a: str, b: str) -> bool:
    from urllib.parse import urlsplit

    x, y = urlsplit(a), urlsplit(b)
    return (x.scheme, x.hostname, x.port) == (y.scheme, y.hostname, y.port)


def _raise_for_answer(response) -> None:  # response: httpx2.Response, after redirects
    """Sort a failed answer: a CDN refusing an expired signature or a busy server is worth another attempt."""
    status = response.status_code
    first = response.history[0].request.url if response.history else response.request.url
    if status in (401, 403) and not _same_origin(str(first), str(response.url)):
        raise _RetryableStatus(status, "the download link expired")
    if status in _TRANSIENT_STATUS:
        raise _RetryableStatus(status, "the server is busy")
    response.raise_for_status()


def _translate(error: Exception, what: str) -> DownloadError:
    """Library and HTTP errors into the app's download errors, each with a message that says what to do."""
    import httpx2
    from huggingface_hub.errors import (
        GatedRepoError,
        HfHubHTTPError,
        OfflineModeIsEnabled,
        RemoteEntryNotFoundError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    if isinstance(error, (OfflineModeIsEnabled, httpx2.ConnectError, httpx2.TimeoutException, httpx2.NetworkError)):
        return DownloadOffline(f"Cannot reach the Hugging Face Hub to download {what}: you seem to be offline. "
                               "Connect to the internet and try again.")
    status = None
    response = getattr(error, "response", None)
    if response is not None:
        status = getattr(response, "status_code", None)
    if isinstance(error, GatedRepoError) or status in (401, 403):
        return DownloadAuthRequired(f"{what} needs a Hugging Face login or accepting its licence on the Hub. "
                                    "Add your access token in Settings and try again.")
    if isinstance(error, (RepositoryNotFoundError, RevisionNotFoundError, RemoteEntryNotFoundError)) or status == 404:
        return DownloadNotFound(f"{what} was not found on the Hub: the catalog entry may be out of date.")
    if isinstance(error, (HfHubHTTPError, httpx2.HTTPStatusError)):
        return DownloadError(f"The Hub answered with an error for {what} (HTTP {status}). Try again later.")
    return DownloadError(f"Downloading {what} failed: {error}")
