"""Which CUDA build of torch this machine's NVIDIA driver and GPUs can run, read from `nvidia-smi`.

`scripts/install-train.sh --cuda` runs this file with the system Python before installing torch (it imports
nothing outside the standard library), and installs what it prints: a PyTorch wheel index URL, or nothing for
PyPI's own Linux wheel. It stops the set-up at once, with what to do, when no build fits.

torch 2.13.0's PyPI wheel is built for CUDA 13.0: it needs driver R580 or newer, and CUDA 13 no longer builds
for GPUs below compute capability 7.5 (Maxwell, Pascal, Volta). PyTorch's cu128 and cu126 indexes carry CUDA
12 builds: any R525+ driver runs them through CUDA's minor-version compatibility (NVIDIA's table: CUDA 12.x needs
>= 525, CUDA 13.x >= 580), and cu126 still builds for compute capability 5.0 and up (cu128 starts at 7.5).

Overrides (docs/TRAINING.md): TORCH_INDEX_URL=<index> installs from that index, whatever the driver says;
TORCH_CUDA=cu130|cu128|cu126 picks one of the builds below by name (still checked against the driver).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import NoReturn

PYTORCH_INDEX = "https://download.pytorch.org/whl/{tag}"


@dataclass(frozen=True)
class Build:
    tag: str  # PyTorch's name for the build (the index's last path part)
    cuda: str
    min_driver: tuple[int, ...]  # the oldest Linux driver that runs it
    min_compute: tuple[int, int]  # the oldest GPU architecture it is built for
    from_pypi: bool = False  # PyPI's default Linux wheel is this build

    @property
    def index_url(self) -> str:
        return "" if self.from_pypi else PYTORCH_INDEX.format(tag=self.tag)


# Newest first: the first build the driver and every GPU can run is chosen.
BUILDS = (
    Build("cu130", "13.0", (580,), (7, 5), from_pypi=True),
    Build("cu128", "12.8", (525, 60, 13), (7, 5)),
    Build("cu126", "12.6", (525, 60, 13), (5, 0)),
)


class NoBuild(RuntimeError):
    """No CUDA build of torch runs here; the message says what to do."""


@dataclass(frozen=True)
class Choice:
    build: Build | None  # None: an index the user named (TORCH_INDEX_URL)
    index_url: str
    reason: str


def parse_version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.strip().split(".") if part.isdigit())


def read_nvidia_smi(command: str = "nvidia-smi") -> tuple[str, list[str]]:
    """(driver version, compute capability of each GPU) as nvidia-smi reports them."""
    if shutil.which(command) is None:
        raise NoBuild(
            "nvidia-smi was not found: install the NVIDIA driver (R580+ for PyPI's torch build, R525+ for a CUDA 12 "
            "one) and run this again; on a machine without an NVIDIA GPU use `make setup-train` (the CPU stack)"
        )
    query = [command, "--query-gpu=driver_version,compute_cap", "--format=csv,noheader"]
    result = subprocess.run(query, capture_output=True, text=True, timeout=60, check=False)
    if result.returncode != 0:
        # Older nvidia-smi has no compute_cap field: the driver alone, and the GPU is checked after install.
        result = subprocess.run([command, "--query-gpu=driver_version", "--format=csv,noheader"], capture_output=True,
                                text=True, timeout=60, check=False)
        if result.returncode != 0:
            said = result.stderr.strip() or result.stdout.strip()
            raise NoBuild(f"nvidia-smi failed (exit {result.returncode}): {said}"
                          " — is the driver loaded? (`sudo modprobe nvidia`, or reboot after installing it)")
    rows = [[cell.strip() for cell in line.split(",")] for line in result.stdout.splitlines() if line.strip()]
    if not rows:
        raise NoBuild("nvidia-smi lists no GPU")
    drivers = {row[0] for row in rows}
    if len(drivers) != 1:
        raise NoBuild(f"nvidia-smi reports several driver versions {sorted(drivers)}")
    return rows[0][0], [row[1] for row in rows if len(row) > 1 and row[1] not in ("", "[N/A]")]


def choose(driver: str, compute_caps: list[str], wanted: str | None = None, index_url: str | None = None) -> Choice:
    """The torch build to install for this driver and these GPUs (`wanted`: a TORCH_CUDA tag; `index_url`:
    TORCH_INDEX_URL, taken as it is)."""
    if index_url:
        return Choice(None, index_url, f"TORCH_INDEX_URL={index_url} (set by you; the driver is {driver})")
    have = parse_version(driver)
    caps = [parse_version(cap) for cap in compute_caps]
    oldest = min(caps) if caps else None
    candidates = BUILDS
    if wanted:
        candidates = tuple(b for b in BUILDS if b.tag == wanted)
        if not candidates:
            raise NoBuild(f"TORCH_CUDA={wanted} is not one of {[b.tag for b in BUILDS]} (or set TORCH_INDEX_URL)")
    for build in candidates:
        if have < build.min_driver:
            continue
        if oldest is not None and oldest < build.min_compute:
            continue
        gpus = f"compute capability {'.'.join(map(str, oldest))}" if oldest else "compute capability not reported"
        where = "PyPI's default wheel" if build.from_pypi else build.index_url
        return Choice(build, build.index_url, f"driver {driver}, {gpus}: torch's CUDA {build.cuda} build ({where})")
    _refuse(driver, oldest, wanted)


def _refuse(driver: str, oldest: tuple[int, ...] | None, wanted: str | None) -> NoReturn:
    have = parse_version(driver)
    if wanted:
        build = next(b for b in BUILDS if b.tag == wanted)
        if have < build.min_driver:
            need = ".".join(map(str, build.min_driver))
            raise NoBuild(f"TORCH_CUDA={wanted} needs NVIDIA driver {need} or newer; this machine has {driver}. "
                          "Upgrade the driver, or unset TORCH_CUDA to let the set-up choose")
        raise NoBuild(f"TORCH_CUDA={wanted} is not built for compute capability {'.'.join(map(str, oldest or ()))}: "
                      "unset TORCH_CUDA (cu126 still builds for 5.0 and up)")
    if oldest is not None and oldest < (5, 0):
        raise NoBuild(f"this GPU (compute capability {'.'.join(map(str, oldest))}) is older than any torch CUDA "
                      "build supports (5.0): train on another machine, or on the CPU (`make setup-train`)")
    raise NoBuild(
        f"NVIDIA driver {driver} is too old for torch 2.13.0: its CUDA 13.0 build (PyPI) needs R580+, its CUDA 12 "
        "builds (cu128, cu126) R525.60.13+. Upgrade the driver (e.g. `sudo ubuntu-drivers install`, or your "
        "cloud image's newer CUDA 12/13 variant) and run `make setup-train-cuda` again"
    )


def main(argv: list[str]) -> int:
    """`python trainer/cuda_setup.py`: prints the wheel index to install torch from (an empty line: PyPI), and
    the reason on stderr; exit 1 with what to do when no build fits."""
    try:
        wanted = os.environ.get("TORCH_CUDA") or None
        index_url = os.environ.get("TORCH_INDEX_URL") or None
        if index_url:
            choice = choose("unknown", [], wanted, index_url)
        else:
            driver, caps = read_nvidia_smi(os.environ.get("NVIDIA_SMI", "nvidia-smi"))
            choice = choose(driver, caps, wanted)
    except NoBuild as error:
        print(f"install-train: {error}", file=sys.stderr)
        return 1
    print(f"install-train: {choice.reason}", file=sys.stderr)
    print(choice.index_url)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
