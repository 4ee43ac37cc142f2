"""A damaged model file never takes the app down: 1,000 seeded damaged copies of the starter GGUF.

Each copy goes through the header check (desktop/core/gguf_check.py); those it passes are written out whole and
loaded by `verify_model_file`, which tries them in a child process with the real llama.cpp. A smaller set goes
through the real `chinwag ask --model` in a subprocess. The damage itself: tests/gguf_damage.py.
"""

from __future__ import annotations

import collections
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core import gguf_check, model_probe
from desktop.core.errors import ModelLoadError
from desktop.core.gguf_check import check_gguf_file, is_known_good, verify_model_file
from tests.conftest import ROOT, cli_env, run_cli
from tests.gguf_damage import KINDS, Damage, damages, layout_of, write_full, write_header_only

SEED = 20261122


@pytest.fixture(scope="module")
def reader(starter_gguf: Path):
    from gguf import GGUFReader

    return GGUFReader(starter_gguf)


@pytest.fixture(scope="module")
def corpus(starter_gguf: Path, reader):
    original = starter_gguf.read_bytes()
    layout = layout_of(starter_gguf, reader)
    return original, layout


def test_the_header_reader_agrees_with_gguf_own_reader(starter_gguf: Path, reader) -> None:
    header = check_gguf_file(starter_gguf)
    assert header.data_offset == reader.data_offset and header.alignment == reader.alignment
    assert [t.name for t in header.tensors] == [t.name for t in reader.tensors]
    assert [header.data_offset + t.offset for t in header.tensors] == [int(t.data_offset) for t in reader.tensors]
    assert [t.n_bytes for t in header.tensors] == [int(t.n_bytes) for t in reader.tensors]
    assert [t.type for t in header.tensors] == [int(t.tensor_type) for t in reader.tensors]
    assert list(header.fields) == [k for k in reader.fields if not k.startswith("GGUF.")]
    assert header.architecture == "llama" and header.fields["llama.block_count"] == 30


def test_the_check_reads_the_header_not_the_weights(tmp_path: Path, starter_gguf: Path) -> None:
    # An 800 MB file (the size of the default model): the starter's header and weights, then a sparse hole.
    big = tmp_path / "big.gguf"
    with open(big, "wb") as handle:
        handle.write(starter_gguf.read_bytes())
        handle.truncate(800_000_000)
    check_gguf_file(big)  # warm: imports and tables
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt + resource.getrusage(resource.RUSAGE_SELF).ru_majflt
    header = check_gguf_file(big)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_minflt + resource.getrusage(resource.RUSAGE_SELF).ru_majflt
    touched_mb = (after - before) * resource.getpagesize() / 1e6
    # The header is 1.8 MB; reading the weights would touch ~100 MB, the whole file 800 MB.
    assert touched_mb < 20, touched_mb
    assert header.file_size == 800_000_000


def test_a_sound_model_is_loaded_once_in_a_child_then_remembered(tmp_path: Path, starter_gguf: Path,
                                                                  monkeypatch) -> None:
    copy = tmp_path / "model.gguf"
    copy.write_bytes(starter_gguf.read_bytes())
    verify_model_file(copy, tmp_path / "data")
    assert is_known_good(copy, tmp_path / "data")
    verdicts = json.loads((tmp_path / "data" / gguf_check.VERDICTS_FILE).read_text())
    assert verdicts[str(copy.resolve())]["size"] == copy.stat().st_size

    def no_probe(*args, **kwargs):
        raise AssertionError("a remembered file must not be loaded again")

    monkeypatch.setattr(model_probe, "probe_model", no_probe)
    verify_model_file(copy, tmp_path / "data")  # remembered: no check, no child
    # The same path with other bytes (a new download over the old file) is checked again.
    os.utime(copy, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert not is_known_good(copy, tmp_path / "data")
    with pytest.raises(AssertionError, match="must not be loaded again"):
        verify_model_file(copy, tmp_path / "data")


def test_a_child_that_dies_is_a_clean_error(tmp_path: Path, starter_gguf: Path, monkeypatch) -> None:
    # What llama.cpp's abort() does to the child, done for real to a real child process.
    monkeypatch.setattr(model_probe, "probe_command",
                        lambda path: [sys.executable, "-c", "import os, sys; print('GGML_ASSERT(x) failed', "
                                      "file=sys.stderr, flush=True); os.abort()"])
    with pytest.raises(ModelLoadError) as caught:
        model_probe.probe_model(starter_gguf, timeout_s=60)
    message = str(caught.value)
    assert starter_gguf.name in message and "SIGABRT" in message and "GGML_ASSERT(x) failed" in message
    assert "The app was not affected" in message
    monkeypatch.setattr(model_probe, "probe_command", lambda path: [sys.executable, "-c", "import time; "
                                                                     "time.sleep(30)"])
    with pytest.raises(ModelLoadError, match=r"more than 1 s"):
        model_probe.probe_model(starter_gguf, timeout_s=1)


def test_the_frozen_apps_route_to_the_probe(tmp_path: Path, starter_gguf: Path) -> None:
    """The frozen app re-runs itself with --probe-model: `main` hands that to the probe, from source as well."""
    env = cli_env(tmp_path, XDG_STATE_HOME=str(tmp_path / "state"))
    ok = subprocess.run([sys.executable, "-m", "desktop", model_probe.PROBE_FLAG, str(starter_gguf)], cwd=ROOT,
                        env=env, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and ok.stdout.strip().splitlines()[-1] == "CHINWAG-PROBE OK", ok.stderr[-2000:]
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"GGUF" + os.urandom(4096))
    bad = subprocess.run([sys.executable, "-m", "desktop", model_probe.PROBE_FLAG, str(junk)], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 3 and "CHINWAG-PROBE ERROR" in bad.stdout
    assert not (tmp_path / "state").exists()  # the probe child writes no log


def test_a_thousand_damaged_files_give_a_thousand_clean_errors_or_loads(tmp_path: Path, corpus) -> None:
    original, layout = corpus
    cases = damages(SEED, 1000, original, layout)
    assert collections.Counter(d.kind for d in cases) == {"truncated": 150, "header_bits": 100,
                                                          "metadata_bits": 200, "absurd_counts": 200,
                                                          "magic_version": 150, "tensor_offsets": 200}
    verdicts = tmp_path / "verdicts"
    outcome: collections.Counter[tuple[str, str]] = collections.Counter()
    unclear: list[str] = []
    started = time.monotonic()
    for index, damage in enumerate(cases):
        path = tmp_path / f"damaged-{index:04d}-{damage.kind}.gguf"
        write_header_only(path, original, layout, damage)
        try:
            check_gguf_file(path)
        except ModelLoadError as error:
            outcome[(damage.kind, "refused by the check")] += 1
            if path.name not in str(error):
                unclear.append(f"{damage.detail}: {error}")
        else:
            # Passed the header check: now with its real weights, through the child-process load.
            write_full(path, original, damage)
            try:
                verify_model_file(path, verdicts, probe_timeout_s=120)
            except ModelLoadError as error:
                crashed = "crashed" in str(error) or "stopped with exit code" in str(error)
                outcome[(damage.kind, "crash contained" if crashed else "refused by llama.cpp")] += 1
                if path.name not in str(error):
                    unclear.append(f"{damage.detail}: {error}")
            else:
                outcome[(damage.kind, "loaded anyway")] += 1
        path.unlink()
    # Anything but ModelLoadError (or a dead test process) would have ended the test above: 0 deaths.
    totals = collections.Counter()
    for (_kind, verdict), n in outcome.items():
        totals[verdict] += n
    report = {"seed": SEED, "seconds": round(time.monotonic() - started, 1), "totals": dict(totals),
              "by_kind": {f"{k} / {v}": n for (k, v), n in sorted(outcome.items())}}
    print(json.dumps(report, indent=1))
    assert sum(totals.values()) == 1000
    assert not unclear, unclear[:5]
    for kind in KINDS:
        assert outcome[(kind, "refused by the check")] > 0
    # The kinds that break the file's structure are all caught before llama.cpp sees them.
    for kind in ("truncated", "magic_version", "tensor_offsets"):
        assert outcome[(kind, "refused by the check")] == sum(n for (k, _), n in outcome.items() if k == kind)


CLI_KINDS = {"tensor_offsets": 8, "truncated": 5, "absurd_counts": 5, "metadata_bits": 5, "header_bits": 3,
             "magic_version": 4}


def test_damaged_files_through_the_real_cli_exit_with_a_message(tmp_path: Path, corpus) -> None:
    original, layout = corpus
    pool = damages(SEED + 1, 1000, original, layout)
    chosen: list[Damage] = []
    for kind, n in CLI_KINDS.items():
        chosen += [d for d in pool if d.kind == kind][:n]
    assert len(chosen) == 30
    env = cli_env(tmp_path, XDG_STATE_HOME=str(tmp_path / "state"))
    results = collections.Counter()
    for index, damage in enumerate(chosen):
        path = tmp_path / f"cli-{index:02d}-{damage.kind}.gguf"
        write_full(path, original, damage)
        result = run_cli(["ask", "--text", "hi", "--model", str(path), "--max-tokens", "4"], env, timeout=300)
        assert result.returncode >= 0, f"{damage.detail}: killed by {signal.Signals(-result.returncode).name}"
        if result.returncode == 0:
            results["answered anyway"] += 1  # only damage that leaves a sound model may answer
            assert damage.kind == "metadata_bits", damage.detail
        else:
            results["clean error"] += 1
            assert result.returncode == 1, (damage.detail, result.stderr[-2000:])
            last = result.stderr.strip().splitlines()[-1]
            assert last.startswith("error: ") and path.name in last, (damage.detail, result.stderr[-2000:])
            assert "Traceback" not in result.stderr
        path.unlink()
    print(dict(results))
    assert results["clean error"] >= 25
