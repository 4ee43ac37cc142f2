"""Facts about this machine that the model picker shows: total memory, and whether a network route exists."""

from __future__ import annotations

import os
import socket
from pathlib import Path


def total_memory_gb() -> float | None:
    """Physical memory in GB (10^9 bytes), or None where it cannot be read."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024 / 1e9
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    except (AttributeError, ValueError, OSError):
        return None


def fits_in_memory(ram_gb: float | None, total_gb: float | None) -> bool:
    """A model fits when it needs at most 80 % of the memory: the desktop and Whisper need the rest."""
    if ram_gb is None or total_gb is None:
        return True
    return ram_gb <= 0.8 * total_gb


def network_available() -> bool:
    """Whether the OS has a route to the internet. Sends nothing: connecting a UDP socket only picks a route."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1, never answered and never contacted
        except OSError:
            return False
        return not probe.getsockname()[0].startswith("127.")
