"""Seeded damage to a GGUF file, for the damaged-model tests: every kind of damage a disk, a copy or a bad tool does.

The layout of the original (where each count, length, type and offset sits) comes from gguf's own GGUFReader,
a parser independent of the one under test. A damaged copy is a list of byte patches plus a length, so it can be
written two ways: `write_header_only` (the damaged header, then a sparse hole up to the length: cheap, and all
the header check reads) and `write_full` (the original's real weights too: what llama.cpp loads in the probe).
"""

from __future__ import annotations

import random
import struct
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("truncated", "header_bits", "metadata_bits", "absurd_counts", "magic_version", "tensor_offsets")
# How many of each in a run of 1,000 (the same proportions for other totals).
MIX = {"truncated": 150, "header_bits": 100, "metadata_bits": 200, "absurd_counts": 200, "magic_version": 150,
       "tensor_offsets": 200}


@dataclass(frozen=True)
class Slot:
    pos: int
    width: int
    role: str  # "length", "type", "count", "dim", "offset"
    original: int


@dataclass
class Layout:
    size: int
    data_offset: int
    alignment: int
    slots: list[Slot]
    tensor_offsets: list[Slot]


@dataclass
class Damage:
    kind: str
    detail: str
    length: int
    patches: list[tuple[int, bytes]] = field(default_factory=list)


def layout_of(path: Path, reader=None) -> Layout:  # noqa: ANN001 (a gguf.GGUFReader of `path`)
    from gguf import GGUFReader, GGUFValueType

    reader = reader or GGUFReader(path)
    slots: list[Slot] = [Slot(8, 8, "count", int(reader.fields["GGUF.tensor_count"].parts[0][0])),
                         Slot(16, 8, "count", int(reader.fields["GGUF.kv_count"].parts[0][0]))]
    for name, f in reader.fields.items():
        if name.startswith("GGUF."):
            continue
        pos = f.offset
        key_len = int(f.parts[0][0])
        slots.append(Slot(pos, 8, "length", key_len))
        pos += 8 + key_len
        kind = int(f.parts[2][0])
        slots.append(Slot(pos, 4, "type", kind))
        pos += 4
        if kind == GGUFValueType.ARRAY:
            slots.append(Slot(pos, 4, "type", int(f.parts[3][0])))
            slots.append(Slot(pos + 4, 8, "count", int(f.parts[4][0])))
        elif kind == GGUFValueType.STRING:
            slots.append(Slot(pos, 8, "length", int(f.parts[3][0])))
    offsets = []
    for tensor in reader.tensors:
        parts = tensor.field.parts
        pos = tensor.field.offset
        name_len = int(parts[0][0])
        slots.append(Slot(pos, 8, "length", name_len))
        pos += 8 + name_len
        n_dims = int(parts[2][0])
        slots.append(Slot(pos, 4, "count", n_dims))
        pos += 4
        for d in range(n_dims):
            slots.append(Slot(pos, 8, "dim", int(parts[3][d])))
            pos += 8
        slots.append(Slot(pos, 4, "type", int(parts[4][0])))
        pos += 4
        offsets.append(Slot(pos, 8, "offset", int(parts[5][0])))
    return Layout(path.stat().st_size, int(reader.data_offset), int(reader.alignment), slots + offsets, offsets)


def _u(value: int, width: int) -> bytes:
    return struct.pack("<Q" if width == 8 else "<I", value % (1 << (8 * width)))


def _flip(rng: random.Random, original: bytes, lo: int, hi: int, n: int) -> list[tuple[int, bytes]]:
    patches = {}
    for _ in range(n):
        pos = rng.randrange(lo, hi)
        byte = patches.get(pos, original[pos])
        patches[pos] = byte ^ (1 << rng.randrange(8))
    return [(pos, bytes([b])) for pos, b in patches.items() if b != original[pos]] or [(lo, bytes([original[lo] ^ 1]))]


def _absurd(rng: random.Random, slot: Slot) -> int:
    top = (1 << (8 * slot.width)) - 1
    choices = [0, 1, 2**31, top, top >> 1, slot.original * 1000 + 7, slot.original + 1, rng.randrange(top)]
    if slot.original > 0:
        choices.append(slot.original - 1)
    value = rng.choice(choices)
    return value if value != slot.original else slot.original + 1


def make_damage(rng: random.Random, kind: str, original: bytes, layout: Layout) -> Damage:
    size = layout.size
    if kind == "truncated":
        where = rng.random()
        if where < 0.4:
            length = rng.randrange(0, layout.data_offset + 4096)
        elif where < 0.8:
            length = rng.randrange(layout.data_offset, size)
        else:
            length = size - rng.randrange(1, 4096)
        return Damage(kind, f"cut to {length} of {size} bytes", length)
    if kind == "header_bits":
        return Damage(kind, "bits flipped in the first 24 bytes", size, _flip(rng, original, 0, 24, rng.randint(1, 3)))
    if kind == "metadata_bits":
        if rng.random() < 0.6:
            slot = rng.choice(layout.slots)
            patches = _flip(rng, original, slot.pos, slot.pos + slot.width, rng.randint(1, 2))
            return Damage(kind, f"bits flipped in a {slot.role} at byte {slot.pos}", size, patches)
        patches = _flip(rng, original, 24, layout.data_offset, rng.randint(1, 4))
        return Damage(kind, f"bits flipped at bytes {[p for p, _ in patches]}", size, patches)
    if kind == "absurd_counts":
        slot = rng.choice([s for s in layout.slots if s.role in ("count", "length", "dim")])
        value = _absurd(rng, slot)
        return Damage(kind, f"{slot.role} at byte {slot.pos}: {slot.original} -> {value}", size,
                      [(slot.pos, _u(value, slot.width))])
    if kind == "magic_version":
        if rng.random() < 0.5:
            noise = bytes(rng.randrange(256) for _ in range(4))
            magic = rng.choice([b"GGML", b"GGJT", b"FUGG", b"\0\0\0\0", b"ggu\0", b"GGUF"[::-1], noise])
            return Damage(kind, f"magic {magic!r}", size, [(0, magic)])
        version = rng.choice([0, 1, 4, 99, 0x03000000, rng.randrange(1 << 32)])
        return Damage(kind, f"version {version}", size, [(4, _u(version, 4))])
    if kind == "tensor_offsets":
        slot = rng.choice(layout.tensor_offsets)
        others = [s.original for s in layout.tensor_offsets if s.original != slot.original]
        value = rng.choice([
            rng.randrange(1 << 64), (1 << 64) - 1, slot.original + layout.alignment, slot.original + 1,
            max(0, slot.original - layout.alignment), rng.choice(others), size, size - layout.data_offset,
            rng.randrange(size), (1 << 63) + slot.original,
        ])
        if value == slot.original:
            value += layout.alignment
        return Damage(kind, f"tensor offset at byte {slot.pos}: {slot.original} -> {value}", size,
                      [(slot.pos, _u(value, 8))])
    raise ValueError(kind)


def damages(seed: int, total: int, original: bytes, layout: Layout) -> list[Damage]:
    rng = random.Random(seed)
    out = []
    for kind, share in MIX.items():
        out += [make_damage(rng, kind, original, layout) for _ in range(round(total * share / 1000))]
    rng.shuffle(out)
    return out


def _patched(original: bytes, damage: Damage, end: int) -> bytearray:
    head = bytearray(original[:end])
    for pos, data in damage.patches:
        if pos < end:
            head[pos:pos + len(data)] = data[: max(0, end - pos)]
    return head


def write_header_only(path: Path, original: bytes, layout: Layout, damage: Damage) -> None:
    """The damaged header and tensor table as they are, the weights a sparse hole (zeros, no disk used)."""
    end = min(damage.length, layout.data_offset + 4096)
    with open(path, "wb") as handle:
        handle.write(_patched(original, damage, end))
        handle.truncate(damage.length)


def write_full(path: Path, original: bytes, damage: Damage) -> None:
    """The whole damaged copy, real weights included."""
    path.write_bytes(_patched(original, damage, damage.length))
