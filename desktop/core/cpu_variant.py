"""Which of llama.cpp's CPU variants this machine runs: chosen by proof, not by CPUID alone.

The portable build keeps one CPU backend per instruction set (`libggml-cpu-x64.so`, `-haswell`, `-zen4`,
`-sapphirerapids`, ...). Each exports `ggml_backend_score()`, which reads CPUID and says how well the variant fits;
llama.cpp's own loader takes the highest score. A CPU can report instructions the machine will not run (AMX
advertised by a virtual machine, a kernel that did not grant the tile state), and then the first batched
evaluation dies with SIGILL, taking the process with it.

So the first time a machine (and a build) is seen, a child process loads the best-scoring variant alone and runs
what the app will run: a prompt-sized batch and one-token decodes over every tensor type the catalog's models use
(`_proof_model`). A child that dies sends the choice down the score order, to the plain x64 variant at the last.
The verdict is kept in the cache folder, keyed by the CPU's identity and flags, the kernel, and the build's files,
so it costs once. Every process of the app (window, CLI, server, model probe, trainer export, benchmarks) then
loads exactly that one file through `ensure_loaded`; child processes inherit the choice through `CHOSEN_ENV`.

`CHINWAG_CPU_VARIANT=<name>` pins a variant (for a machine that still misbehaves); a name that is not there is a
clear error listing those that are.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import logging
import os
import platform
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.child_process import child_command, child_env
from desktop.core.errors import ModelLoadError

log = logging.getLogger("chinwag.cpu")

PIN_ENV = "CHINWAG_CPU_VARIANT"  # a user's pin: a variant's name ("haswell")
DIR_ENV = "CHINWAG_CPU_VARIANT_DIR"  # where the variant files are, when not beside llama_cpp (tests, odd installs)
CHOSEN_ENV = "CHINWAG_CPU_VARIANT_FILE"  # set by the process that chose, for its children: the exact file
PROVE_FLAG = "--prove-cpu-variant"
PROOF_VERSION = 1  # bump when the proof below changes, so every machine proves its variant again
_PROOF_OK = "CHINWAG-CPU-PROOF OK"
_SUFFIXES = (".so", ".dll", ".dylib")


class CpuVariantError(ModelLoadError):
    """llama.cpp's CPU code cannot run here (or a pin names no variant). Never a verdict on a model file."""


@dataclass(frozen=True)
class Variant:
    name: str  # "zen4"
    path: Path
    score: int  # ggml_backend_score(): 0 when this CPU lacks the variant's instructions


@dataclass
class Choice:
    variant: Variant | None  # None: a build with the CPU backend linked into libggml (nothing to choose)
    how: str  # "proven", "proven earlier", "pinned", "inherited", "built in"
    failed: dict[str, str] = field(default_factory=dict)  # variant name -> what happened when it was tried

    @property
    def name(self) -> str:
        return self.variant.name if self.variant else "built in"

    def describe(self) -> str:
        """One line for `--version`, the About box and the log."""
        if self.variant is None:
            return "llama.cpp's CPU code is built in (no run-time variants)"
        text = f"{self.variant.name} ({self.how}"
        if self.failed:
            text += "; fell back from " + ", ".join(f"{name}: {why}" for name, why in self.failed.items())
        return text + ")"


_lock = threading.Lock()
_choice: Choice | None = None  # what this process chose (choose())
_loaded: Choice | None = None  # what this process registered with libggml (ensure_loaded())


# ---- where the variants are, and how they score --------------------------------------------------------------------

def library_dirs() -> list[Path]:
    """llama_cpp's own library folder first (libggml), then where pip or the bundle put the CPU variants."""
    import llama_cpp

    package = Path(llama_cpp.__file__).resolve().parent
    dirs = [package / "lib", package.parent / "bin"]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        dirs += [Path(frozen_root) / "llama_cpp" / "lib", Path(frozen_root) / "ggml_backends"]
    return [d for d in dirs if d.is_dir()]


def _is_variant_file(path: Path) -> bool:
    return "ggml-cpu-" in path.name and any(path.name.endswith(s) for s in _SUFFIXES) and path.is_file()


def variant_dir() -> Path | None:
    override = os.environ.get(DIR_ENV)
    if override:
        return Path(override)
    return next((d for d in library_dirs() if any(_is_variant_file(p) for p in d.iterdir())), None)


def variant_name(path: Path) -> str:
    stem = path.name
    for suffix in _SUFFIXES:
        stem = stem.split(suffix)[0]  # libggml-cpu-zen4.so(.0) -> libggml-cpu-zen4
    return stem.split("ggml-cpu-", 1)[1]


def _score(path: Path) -> int:
    """The variant's own CPUID verdict. Opening the file runs none of its compute (llama.cpp's loader does the same)."""
    try:
        lib = ctypes.CDLL(str(path))
        score = lib.ggml_backend_score
    except (OSError, AttributeError) as error:
        log.warning("Skipping llama.cpp CPU variant %s: %s", path.name, error)
        return 0
    score.restype = ctypes.c_int
    score.argtypes = []
    return int(score())


def scored_variants(folder: Path) -> list[Variant]:
    """Every variant file in `folder` with its score, best first (ties by name, for a stable order)."""
    import llama_cpp  # noqa: F401  (libggml-base, which every variant links, is then loaded whatever their RUNPATH)

    variants = [Variant(variant_name(p), p, _score(p)) for p in sorted(folder.iterdir()) if _is_variant_file(p)]
    return sorted(variants, key=lambda v: (-v.score, v.name))


# ---- the cached verdict --------------------------------------------------------------------------------------------

def cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("Chinwag", appauthor=False))


def _cpu_identity() -> dict[str, str]:
    identity = {"machine": platform.machine(), "system": platform.system(), "kernel": platform.release(),
                "processor": platform.processor()}
    try:
        for line in Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
            key, _, value = line.partition(":")
            key = key.strip()
            if key in ("vendor_id", "model name", "cpu family", "model", "stepping", "flags") and key not in identity:
                identity[key] = value.strip()
            if key == "flags":
                break  # the first processor's block is enough
    except OSError:
        pass
    return identity


def machine_key(variants: list[Variant]) -> str:
    """What the verdict depends on: this CPU and kernel, and the exact build (its variant files)."""
    try:
        import llama_cpp

        build = getattr(llama_cpp, "__version__", "")
    except ImportError:
        build = ""
    files = [(v.name, v.path.stat().st_size) for v in variants]
    blob = json.dumps({"cpu": _cpu_identity(), "build": build, "files": files, "proof": PROOF_VERSION},
                      sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def _verdict_file() -> Path:
    return cache_dir() / "cpu-variant.json"


def _read_verdict(key: str) -> dict | None:
    try:
        data = json.loads(_verdict_file().read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    return data


def _write_verdict(key: str, chosen: str, failed: dict[str, str]) -> None:
    target = _verdict_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        temp.write_text(json.dumps({"key": key, "chosen": chosen, "failed": failed}, indent=1))
        os.replace(temp, target)
    except OSError as error:  # a read-only cache costs a proof per start, nothing more
        log.warning("Could not keep the CPU variant verdict in %s: %s", target, error)


# ---- the proof -------------------------------------------------------------------------------------------------------

# Each layer of the proof model stores its matrices in one of the types the catalog's models use, so the batched
# evaluation runs every kernel (and the repacked and AMX paths) a real model would. Dimensions are multiples of 256,
# so that the K-quant and AMX paths accept them.
_LAYER_TYPES = ("Q4_K", "Q6_K", "Q4_1", "Q8_0", "F16", "F32")
_EMBED, _FF, _HEADS, _VOCAB = 256, 512, 4, 512
# Where each block keeps its f16 scales (byte offsets): random bytes there could be inf or NaN, so they are set.
_SCALE_OFFSETS = {"Q4_K": (0, 2), "Q6_K": (208,), "Q4_1": (0, 2), "Q8_0": (0,)}


def _proof_tensor(rng, rows: int, cols: int, type_name: str):
    import gguf
    import numpy as np

    if type_name in ("F16", "F32"):
        values = rng.normal(0.0, 0.02, size=(rows, cols))
        return values.astype(np.float16 if type_name == "F16" else np.float32), None
    qtype = gguf.GGMLQuantizationType[type_name]
    block, size = gguf.GGML_QUANT_SIZES[qtype]
    blocks = rng.integers(0, 256, size=(rows, cols // block, size), dtype=np.uint8)
    scale = np.frombuffer(np.float16(0.0005).tobytes(), dtype=np.uint8)
    for offset in _SCALE_OFFSETS[type_name]:
        blocks[:, :, offset:offset + 2] = scale
    return blocks.reshape(rows, -1), qtype


def proof_model_file() -> Path:
    """A tiny Llama-architecture GGUF with random weights, one tensor type per layer; built once per machine."""
    target = cache_dir() / f"cpu-proof-v{PROOF_VERSION}.gguf"
    if target.is_file():
        return target
    import gguf
    import numpy as np

    rng = np.random.default_rng(7)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    writer = gguf.GGUFWriter(str(temp), "llama")
    writer.add_name("Chinwag CPU proof")
    writer.add_context_length(256)
    writer.add_embedding_length(_EMBED)
    writer.add_block_count(len(_LAYER_TYPES))
    writer.add_feed_forward_length(_FF)
    writer.add_head_count(_HEADS)
    writer.add_head_count_kv(_HEADS)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_rope_dimension_count(_EMBED // _HEADS)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    # A sentencepiece-style vocabulary: three specials, the 256 byte tokens, then plain pieces.
    tokens = ["<unk>", "<s>", "</s>"] + [f"<0x{b:02X}>" for b in range(256)]
    tokens += [f"\u2581w{i}" for i in range(_VOCAB - len(tokens))]
    types = [2, 3, 3] + [6] * 256 + [1] * (_VOCAB - 259)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores([-float(i) for i in range(_VOCAB)])
    writer.add_token_types(types)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_unk_token_id(0)

    def add(name: str, rows: int, cols: int, type_name: str) -> None:
        data, qtype = _proof_tensor(rng, rows, cols, type_name)
        writer.add_tensor(name, data, raw_dtype=qtype)

    add("token_embd.weight", _VOCAB, _EMBED, "Q8_0")
    for i, type_name in enumerate(_LAYER_TYPES):
        writer.add_tensor(f"blk.{i}.attn_norm.weight", np.ones(_EMBED, dtype=np.float32))
        writer.add_tensor(f"blk.{i}.ffn_norm.weight", np.ones(_EMBED, dtype=np.float32))
        for part in ("attn_q", "attn_k", "attn_v", "attn_output"):
            add(f"blk.{i}.{part}.weight", _EMBED, _EMBED, type_name)
        add(f"blk.{i}.ffn_gate.weight", _FF, _EMBED, type_name)
        add(f"blk.{i}.ffn_up.weight", _FF, _EMBED, type_name)
        add(f"blk.{i}.ffn_down.weight", _EMBED, _FF, type_name)
    writer.add_tensor("output_norm.weight", np.ones(_EMBED, dtype=np.float32))
    add("output.weight", _VOCAB, _EMBED, "Q6_K")
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    os.replace(temp, target)
    return target


def prove_command(variant: Path, model: Path) -> list[str]:
    return child_command("desktop.core.cpu_variant", PROVE_FLAG, str(variant), str(model))


def signal_name(returncode: int) -> str:
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"


def prove(variant: Variant, timeout_s: float = 180.0) -> str | None:
    """Run the proof for one variant in a child process: None when it ran, else what went wrong, in a few words."""
    model = proof_model_file()
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    try:
        result = subprocess.run(prove_command(variant.path, model), env=child_env(drop=(CHOSEN_ENV,)),
                                stdin=subprocess.DEVNULL, capture_output=True, text=True, errors="replace",
                                timeout=timeout_s, creationflags=flags)
    except subprocess.TimeoutExpired:
        return f"no answer in {timeout_s:.0f} s"
    except OSError as error:
        return f"could not start a test process ({error})"
    if result.returncode == 0 and _PROOF_OK in result.stdout:
        return None
    if result.returncode < 0:
        return f"crashed with {signal_name(result.returncode)}"
    last = (result.stdout.strip().splitlines() or result.stderr.strip().splitlines() or [""])[-1]
    return f"exit code {result.returncode}{f': {last[:200]}' if last else ''}"


def _run_proof(variant_file: Path, model: Path) -> None:
    """In the child: load only this variant, then evaluate a prompt-sized batch and a few one-token decodes."""
    import llama_cpp  # noqa: F401  (loads libggml)

    _register(variant_file)
    from llama_cpp import Llama

    from desktop.core.stt import default_threads

    threads = max(2, default_threads())  # a team of threads, as the app runs (the AMX crash was in a worker)
    llm = Llama(model_path=str(model), n_ctx=256, n_batch=128, n_threads=threads, n_threads_batch=threads,
                flash_attn=True, use_mmap=False, verbose=False)
    try:
        prompt = [1] + [3 + (i * 37) % (_VOCAB - 3) for i in range(95)]
        llm.eval(prompt)  # one batch of 96: the path that died with SIGILL on AMX
        for token in (5, 6, 7, 8):
            llm.eval([token])  # one-token decodes
    finally:
        llm.close()


# ---- choosing and loading --------------------------------------------------------------------------------------------

def _pinned(variants: list[Variant], name: str) -> Variant:
    match = next((v for v in variants if v.name == name), None)
    names = ", ".join(v.name for v in variants) or "none"
    if match is None:
        raise CpuVariantError(f"{PIN_ENV}={name!r} names no llama.cpp CPU variant here. The variants are: {names}.")
    if match.score <= 0:
        runnable = ", ".join(v.name for v in variants if v.score > 0)
        raise CpuVariantError(f"{PIN_ENV}={name!r}: this computer's CPU lacks the instructions llama.cpp's {name} "
                              f"code needs. Variants this CPU reports it can run: {runnable}.")
    return match


def choose() -> Choice:
    """This process's choice, made once: inherited, pinned, proven earlier on this machine, or proven now."""
    global _choice
    with _lock:
        if _choice is None:
            _choice = _choose()
        return _choice


def _choose() -> Choice:
    inherited = os.environ.get(CHOSEN_ENV)
    if inherited and Path(inherited).is_file():
        path = Path(inherited)
        return Choice(Variant(variant_name(path), path, 0), "inherited")
    folder = variant_dir()
    if folder is None:
        return Choice(None, "built in")
    variants = scored_variants(folder)
    pin = os.environ.get(PIN_ENV, "").strip()
    if pin:
        return Choice(_pinned(variants, pin), f"pinned by {PIN_ENV}")
    candidates = [v for v in variants if v.score > 0]
    if not candidates:
        raise CpuVariantError(f"None of llama.cpp's CPU variants in {folder} fits this computer's CPU.")
    key = machine_key(variants)
    verdict = _read_verdict(key)
    if verdict is not None:
        chosen = next((v for v in candidates if v.name == verdict.get("chosen")), None)
        if chosen is not None:
            failed = verdict.get("failed") if isinstance(verdict.get("failed"), dict) else {}
            return Choice(chosen, "proven earlier on this computer", dict(failed))
    failed: dict[str, str] = {}
    for variant in candidates:
        if variant.name in (verdict or {}).get("failed", {}):
            failed[variant.name] = verdict["failed"][variant.name]  # known bad on this machine: not tried again
            continue
        why = prove(variant)
        if why is None:
            _write_verdict(key, variant.name, failed)
            choice = Choice(variant, "proven on this computer", failed)
            if failed:
                for name, what in failed.items():
                    log.warning("This computer's CPU could not run llama.cpp's %s code (%s); using %s instead. "
                                "Model files are not at fault.", name, what, variant.name)
            log.info("llama.cpp CPU code: %s", choice.describe())
            return choice
        failed[variant.name] = why
        log.warning("llama.cpp's %s CPU code failed its test run on this computer: %s", variant.name, why)
    tried = "; ".join(f"{name}: {why}" for name, why in failed.items())
    raise CpuVariantError(f"None of llama.cpp's CPU variants ran on this computer ({tried}). This is a problem with "
                          f"the CPU or this build of Chinwag, not with any model file.")


def record_failure(variant: Variant, why: str) -> None:
    """A variant that passed its proof crashed later (the model probe saw it): never choose it again here."""
    global _choice
    folder = variant.path.parent
    variants = scored_variants(folder) if folder.is_dir() else []
    key = machine_key(variants)
    verdict = _read_verdict(key) or {"failed": {}}
    failed = dict(verdict.get("failed") or {})
    failed[variant.name] = why
    _write_verdict(key, "", failed)
    with _lock:
        if _loaded is None:
            _choice = None  # nothing registered yet: the next choose() proves the next variant
    os.environ.pop(CHOSEN_ENV, None)


def _libggml() -> ctypes.CDLL:
    lib_dir = library_dirs()[0]
    names = ["libggml.so.0", "libggml.so", "libggml.0.dylib", "libggml.dylib", "ggml.dll"]
    ggml_file = next((lib_dir / n for n in names if (lib_dir / n).exists()), None)
    if ggml_file is None:
        raise ModelLoadError(f"llama.cpp's libggml was not found in {lib_dir}.")
    # The very libggml that llama_cpp links (libggml.so.0): another handle would fill a second, empty registry.
    return ctypes.CDLL(str(ggml_file), mode=getattr(os, "RTLD_GLOBAL", 0))


def _register(path: Path) -> None:
    ggml = _libggml()
    ggml.ggml_backend_load.argtypes = [ctypes.c_char_p]
    ggml.ggml_backend_load.restype = ctypes.c_void_p
    if not ggml.ggml_backend_load(str(path).encode()):
        raise CpuVariantError(f"llama.cpp could not load its CPU code {path}.")


def ensure_loaded() -> Choice:
    """Choose (once per process) and register exactly the chosen variant with libggml; children inherit the file."""
    global _loaded
    choice = choose()
    with _lock:
        if _loaded is None:
            import llama_cpp  # noqa: F401  (loads libllama and, with it, libggml)

            if choice.variant is not None:
                _register(choice.variant.path)
                os.environ[CHOSEN_ENV] = str(choice.variant.path)
            _loaded = choice
        return _loaded


def active() -> Choice | None:
    """The variant this process registered, if it has loaded one yet (for the About box; never starts a proof)."""
    return _loaded


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == [PROVE_FLAG]:
        args = args[1:]
    if len(args) != 2:
        print(f"usage: {PROVE_FLAG} VARIANT_FILE PROOF_MODEL", file=sys.stderr)
        return 2
    try:
        _run_proof(Path(args[0]), Path(args[1]))
    except Exception as error:  # a Python-side failure: one line for the parent
        print(f"CHINWAG-CPU-PROOF ERROR {type(error).__name__}: {' '.join(str(error).split())[:200]}", flush=True)
        return 3
    print(_PROOF_OK, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
