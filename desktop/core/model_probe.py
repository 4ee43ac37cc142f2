"""Load a model once in a child process, so that a file that makes llama.cpp abort ends the child, not the app.

llama.cpp stops the whole process on some damaged files (a failed GGML_ASSERT calls abort(); a C++ exception
that reaches the C API calls std::terminate), and nothing in Python can catch that. So the first load of a file
not seen before runs here, in a process of its own, doing what `ChatEngine.load` does and evaluating a few
tokens; the parent reads the verdict from the exit status and one line on stdout.

The child is started by desktop/core/child_process.py: from source `python -m desktop.core.model_probe PATH`; the
frozen app re-runs its own executable with `--probe-model PATH`, which `desktop.app.main` hands to `main` below.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from desktop.core.child_process import child_command, child_env
from desktop.core.errors import ModelLoadError

PROBE_FLAG = "--probe-model"
_OK = "CHINWAG-PROBE OK"
_ERROR = "CHINWAG-PROBE ERROR "


def probe_command(path: Path) -> list[str]:
    return child_command("desktop.core.model_probe", PROBE_FLAG, str(path))


def _child_env(variant: Path | None = None) -> dict[str, str]:
    from desktop.core.cpu_variant import CHOSEN_ENV

    # The child runs the very CPU code this process chose.
    return child_env(**({CHOSEN_ENV: str(variant)} if variant is not None else {}))


def _detail(stderr: str) -> str:
    """The line of llama.cpp's log that says what went wrong, if there is one."""
    markers = ("GGML_ASSERT", "terminate called", "what():", "error", "failed", "exception")
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in reversed(lines):
        if any(marker in line for marker in markers):
            return line[:300]
    return ""


def probe_model(path: Path, timeout_s: float = 600.0) -> None:
    """Load `path` in a child process; ModelLoadError naming the file unless it loads and answers.

    The child runs the CPU variant this process chose (`cpu_variant`). A child killed by SIGILL ran into an
    instruction the CPU would not execute: that is the CPU's or the build's fault, never the file's. The variant is
    then recorded as bad on this machine and, if this process has not loaded it yet, the next one is proven and the
    probe runs again.
    """
    from desktop.core import cpu_variant

    path = Path(path)
    for _attempt in range(8):
        choice = cpu_variant.choose()
        variant = choice.variant.path if choice.variant is not None else None
        result = _run_probe(path, variant, timeout_s)
        if result.returncode != -signal.SIGILL:
            break
        name = choice.variant.name if choice.variant is not None else "built-in"
        if choice.variant is None or cpu_variant.active() is not None or "pinned" in choice.how:
            raise cpu_variant.CpuVariantError(
                f"This computer's CPU could not run llama.cpp's {name} code: it stopped with an illegal instruction "
                f"(SIGILL) while testing {path.name}. The file is not at fault. Restart Chinwag to try the next "
                f"variant, or set {cpu_variant.PIN_ENV} to another one (chinwag --version lists them)."
            )
        cpu_variant.record_failure(choice.variant, "crashed with SIGILL under a model")
    else:
        raise cpu_variant.CpuVariantError(
            f"This computer's CPU could not run any of llama.cpp's CPU variants on {path.name} (each stopped with "
            f"SIGILL). The file is not at fault."
        )
    _verdict(path, result)


def _run_probe(path: Path, variant: Path | None, timeout_s: float) -> subprocess.CompletedProcess[str]:
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window flashing up on Windows
    try:
        return subprocess.run(
            probe_command(path), env=_child_env(variant), stdin=subprocess.DEVNULL, capture_output=True, text=True,
            errors="replace", timeout=timeout_s, creationflags=flags,
        )
    except subprocess.TimeoutExpired:
        raise ModelLoadError(
            f"Loading {path.name} took more than {timeout_s:.0f} s in a test run, so it was not loaded. "
            f"The computer may be short of memory for it. ({path})"
        ) from None
    except OSError as error:
        raise ModelLoadError(f"Could not start a process to test {path.name}: {error}.") from error


def _verdict(path: Path, result: subprocess.CompletedProcess[str]) -> None:
    lines = result.stdout.strip().splitlines()
    last = lines[-1] if lines else ""
    if result.returncode == 0:  # the child exits 0 only after the load and a few tokens went through
        return
    if last.startswith(_ERROR):
        raise ModelLoadError(
            f"Cannot load {path.name}: llama.cpp refused it ({last.removeprefix(_ERROR)}). The file may be damaged "
            f"or not a model this version supports; choose another model or download it again. ({path})"
        )
    if result.returncode < 0:
        try:
            how = signal.Signals(-result.returncode).name
        except ValueError:
            how = f"signal {-result.returncode}"
        what = f"crashed ({how})"
    else:
        what = f"stopped with exit code {result.returncode}"
    detail = _detail(result.stderr)
    raise ModelLoadError(
        f"{path.name} is damaged: llama.cpp {what} while loading it in a test run"
        f"{f' ({detail})' if detail else ''}. The app was not affected; choose another model or download it "
        f"again. ({path})"
    )


def _load_once(path: Path) -> None:
    """What ChatEngine.load and the first turn do with a model, on a tiny context."""
    from desktop.core.cpu_variant import ensure_loaded

    ensure_loaded()  # the variant the parent chose (CHINWAG_CPU_VARIANT_FILE)
    from llama_cpp import Llama

    # verbose: llama.cpp's log goes to stderr, where the parent finds the assertion that failed, if one does.
    llm = Llama(model_path=str(path), n_ctx=128, n_batch=32, n_threads=2, n_threads_batch=2, verbose=True)
    try:
        dict(llm.metadata)
        vocab = llm._model
        for token in (llm.token_eos(), llm.token_bos()):
            if token >= 0:
                vocab.token_get_text(token)
        tokens = llm.tokenize(b"Hello, how are you?\n", add_bos=True, special=True)[:16]
        llm.eval(tokens)
        llm.detokenize(tokens)
    finally:
        llm.close()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(f"usage: {PROBE_FLAG} MODEL.gguf", file=sys.stderr)
        return 2
    try:
        _load_once(Path(args[0]))
    except Exception as error:  # any Python-side failure is a clean verdict, reported in one line
        message = " ".join(str(error).split())[:300]
        print(f"{_ERROR}{type(error).__name__}: {message}", flush=True)
        return 3
    print(_OK, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
