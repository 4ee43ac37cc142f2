"""The log file: what the app did and every error with its traceback; never a token, never a message text
unless debug logging is on. Each test runs in its own process, as logging and the exception hooks are global."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop import __version__
from tests.conftest import ROOT, cli_env, run_cli

TOKEN = "hf_AbCdEfGhIjKlMnOpQrStUvWxYz012345"


def run_python(code: str, log_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, str(log_dir), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={**cli_env(log_dir.parent), "PYTHONPATH": str(ROOT)})


def test_the_file_keeps_what_happened_and_masks_tokens(tmp_path: Path) -> None:
    code = f"""
import logging, sys
from pathlib import Path
from desktop.core.logs import content, setup_logging
path = setup_logging(directory=Path(sys.argv[1]))
log = logging.getLogger("chinwag.test")
log.info("model loaded")
log.warning("token is %s", "{TOKEN}")
log.info("header Authorization: Bearer abc.def-123")
log.info("user said %s", content("my bank password is swordfish"))
try:
    raise ValueError("something broke")
except ValueError:
    log.exception("handled failure")
print(path)
"""
    result = run_python(code, tmp_path / "logs")
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == tmp_path / "logs" / "chinwag.log"
    text = path.read_text()
    assert "INFO" in text and "model loaded" in text
    assert "Traceback" in text and "ValueError: something broke" in text
    assert TOKEN not in text and TOKEN not in result.stderr and "abc.def-123" not in text
    assert "token is ***" in text
    assert "swordfish" not in text and "<29 characters>" in text
    # The terminal shows warnings in one line each, tracebacks only in the file.
    assert "token is ***" in result.stderr and "Traceback" not in result.stderr


def test_debug_logging_keeps_message_texts(tmp_path: Path) -> None:
    code = """
import logging, sys
from pathlib import Path
from desktop.core.logs import content, setup_logging
path = setup_logging(debug=True, directory=Path(sys.argv[1]))
logging.getLogger("chinwag.test").debug("user said %s", content("the capital of France"))
print(path)
"""
    result = run_python(code, tmp_path / "logs")
    assert result.returncode == 0, result.stderr
    assert "DEBUG" in Path(result.stdout.strip()).read_text()
    assert "the capital of France" in Path(result.stdout.strip()).read_text()


def test_uncaught_exceptions_in_any_thread_are_logged(tmp_path: Path) -> None:
    code = """
import sys, threading
from pathlib import Path
from desktop.core.logs import setup_logging
setup_logging(directory=Path(sys.argv[1]))
def work():
    raise RuntimeError("worker thread failed")
thread = threading.Thread(target=work, name="model-worker")
thread.start()
thread.join()
raise KeyError("main thread failed")
"""
    result = run_python(code, tmp_path / "logs")
    assert result.returncode == 1
    text = (tmp_path / "logs" / "chinwag.log").read_text()
    assert "Uncaught exception in thread model-worker" in text and "RuntimeError: worker thread failed" in text
    assert "Uncaught exception in the main thread" in text and "KeyError: 'main thread failed'" in text
    assert text.count("Traceback") == 2
    assert "Traceback" in result.stderr  # the previous hooks still print, as before


def test_an_unusable_log_folder_costs_the_file_not_the_app(tmp_path: Path) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the log folder should be")
    code = """
import logging, sys
from pathlib import Path
from desktop.core.logs import setup_logging
setup_logging(directory=Path(sys.argv[1]) / "log")
logging.getLogger("chinwag").warning("still running")
"""
    result = run_python(code, blocker)
    assert result.returncode == 0, result.stderr
    assert "No log file" in result.stderr and "still running" in result.stderr


def test_cli_version_says_where_the_log_is_and_errors_land_in_it(tmp_path: Path, starter_gguf: Path) -> None:
    env = cli_env(tmp_path, XDG_STATE_HOME=str(tmp_path / "state"))
    result = run_cli(["--version"], env)
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0] == f"chinwag {__version__}"
    log_file = tmp_path / "state" / "Chinwag" / "log" / "chinwag.log"
    assert lines[1] == f"log: {log_file}"

    failed = run_cli(["ask", "--text", "hi", "--model", "no-such-model"], env)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    text = log_file.read_text()
    assert "starting" in text and "ask" in text
    assert "UnknownModel" in text and "Traceback" in text  # the file has the whole story

    asked = run_cli(["ask", "--text", "Tell me about my secret plan", "--max-tokens", "4", "--json"], env)
    assert asked.returncode == 0, asked.stderr
    reply = json.loads(asked.stdout.strip().splitlines()[-1])["reply"]
    text = log_file.read_text()
    assert "smollm2-135m-starter" in text  # what the app did
    assert "secret plan" not in text  # but not what was said (debug logging is off)
    if len(reply.strip()) > 8:
        assert reply.strip() not in text
