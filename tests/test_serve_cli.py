"""Issue 21 §3: `chinwag serve` takes its key from a file or the environment (the command line shows it to every
user), and every way of writing "all addresses" is a wildcard that warns that the key crosses the network in clear."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import httpx2
import pytest

from desktop.cli import API_KEY_ENV, _given_api_key, build_parser
from tests.conftest import ROOT, cli_env, run_cli


def parsed(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["serve", *argv])


def test_the_key_comes_from_a_file_the_environment_or_with_a_warning_the_command_line(
        tmp_path: Path, monkeypatch, capsys) -> None:
    key_file = tmp_path / "key"
    key_file.write_text("  from-the-file  \nsecond line\n")
    monkeypatch.setenv(API_KEY_ENV, "from-the-environment")
    assert _given_api_key(parsed("--api-key-file", str(key_file))) == "from-the-file"
    assert _given_api_key(parsed()) == "from-the-environment"
    assert capsys.readouterr().err == ""
    assert _given_api_key(parsed("--api-key", "on-the-line")) == "on-the-line"
    assert "process list" in capsys.readouterr().err
    monkeypatch.setenv(API_KEY_ENV, "  ")
    assert _given_api_key(parsed()) is None  # none given: the kept key (keyring) is used
    monkeypatch.delenv(API_KEY_ENV)
    assert _given_api_key(parsed()) is None
    with pytest.raises(OSError):
        _given_api_key(parsed("--api-key-file", str(tmp_path / "missing")))


@pytest.mark.parametrize("host", ["0.0.0.0", "", "0", "::"])
def test_no_auth_is_refused_on_every_spelling_of_every_address(tmp_path: Path, host: str) -> None:
    result = run_cli(["serve", "--host", host, "--no-auth"], cli_env(tmp_path), timeout=120)
    assert result.returncode == 2 and "loopback" in result.stderr


def test_serve_on_host_0_warns_of_clear_text_and_takes_the_key_from_the_environment(
        tmp_path: Path, starter_gguf: Path) -> None:
    env = cli_env(tmp_path, **{API_KEY_ENV: "cw-env-key-0123456789abcdef",
                               "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    process = subprocess.Popen([sys.executable, "-m", "desktop", "serve", "--host", "0", "--port", "0", "--model",
                                str(starter_gguf)], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().split()[-1]
        said = process.stdout.readline()
        assert "cw-env-key" not in said  # a key given is never echoed
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        root = f"http://127.0.0.1:{port}/v1"
        assert httpx2.get(root + "/models", timeout=30).status_code == 401
        ok = httpx2.get(root + "/models", headers={"Authorization": "Bearer cw-env-key-0123456789abcdef"}, timeout=30)
        assert ok.status_code == 200
        rebound = httpx2.get(root + "/models", timeout=30, headers={
            "Authorization": "Bearer cw-env-key-0123456789abcdef", "Host": f"evil.example:{port}"})
        assert rebound.status_code == 403  # a wildcard no longer turns the Host check off
    finally:
        process.terminate()
        assert process.wait(30) == 0
    stderr = process.stderr.read()
    assert "every network" in stderr and "unencrypted" in stderr
    assert not (tmp_path / "config" / "Chinwag" / "api_key").exists()  # no key was made or kept
