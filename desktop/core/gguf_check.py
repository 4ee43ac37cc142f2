"""A model file is checked before llama.cpp sees it: a damaged GGUF gives a message, never a dead process.

Two steps, both behind `verify_model_file`:

1. `check_gguf_file` reads the header and the tensor table and checks them against the GGUF format (the `gguf`
   package's tables: value types, tensor types and their block sizes, architecture names): magic and version,
   counts that fit the file, every key/value and tensor entry inside the file, known tensor types, every tensor's
   data inside the file where llama.cpp expects it, an architecture llama.cpp knows, and a tokenizer whose arrays
   and special token ids agree. It walks the header with `struct` over a memory map, so only the header's pages
   are read (a few MB of an 800 MB file). gguf's own `GGUFReader` is not used for this: it builds numpy views
   for every tokenizer string, which took 3-4 s for the 98 MB starter model here (49k tokens, 49k merges) and
   would take longer for Llama 3.2's 128k tokens and 280k merges.
2. What passes is loaded once in a child process (`desktop.core.model_probe`), so that whatever still aborts
   inside llama.cpp (a GGML_ASSERT, a C++ exception that crosses the C API) ends the child, not the app. A file
   that loads is remembered by (path, size, modification time) in the data folder, so later loads pay nothing.
"""

from __future__ import annotations

import json
import logging
import mmap
import os
import struct
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.errors import ModelLoadError

log = logging.getLogger(__name__)
# Bump when the checks change, so verdicts remembered by an older version are made again.
CHECK_VERSION = 1
VERDICTS_FILE = "model-checks.json"

# llama.cpp's own limits (ggml/src/gguf.cpp, ggml.h): GGML_MAX_NAME includes the terminating NUL.
_MAX_NAME = 64
_MAX_DIMS = 4
_MAX_STRING = 1 << 30
_MAX_ARRAY = 1 << 30
_INT64_MAX = (1 << 63) - 1
# Smallest possible key/value (8-byte length, 1-byte key, 4-byte type, 1-byte value) and tensor entry
# (8-byte length, 1-byte name, 4-byte n_dims, no dims, 4-byte type, 8-byte offset): a count that cannot fit in the
# file is rejected before anything is allocated for it.
_MIN_KV = 14
_MIN_TENSOR = 25
# Architectures that the gguf package knows but llama.cpp cannot chat with.
_NOT_LANGUAGE_MODELS = {"clip"}
_SPECIAL_IDS = ("bos", "eos", "unk", "sep", "pad", "cls", "mask", "eot", "eom")

_U8, _U32, _U64 = struct.Struct("<B"), struct.Struct("<I"), struct.Struct("<Q")


@dataclass(frozen=True)
class TensorEntry:
    name: str
    shape: tuple[int, ...]
    type: int
    offset: int  # from the start of the data section
    n_bytes: int


@dataclass
class GGUFHeader:
    path: Path
    file_size: int
    version: int
    alignment: int
    data_offset: int
    # Scalars and strings as values; arrays as (element type, count), their contents are not kept.
    fields: dict[str, Any] = field(default_factory=dict)
    tensors: list[TensorEntry] = field(default_factory=list)

    @property
    def architecture(self) -> str | None:
        value = self.fields.get("general.architecture")
        return value if isinstance(value, str) else None


@dataclass(frozen=True)
class _Array:
    element_type: int
    count: int


class _Tables:
    """The format's tables from the gguf package, loaded once (importing gguf costs ~0.3 s)."""

    _lock = threading.Lock()
    _loaded: _Tables | None = None

    def __init__(self) -> None:
        import gguf

        self.magic = gguf.GGUF_MAGIC
        self.max_version = gguf.GGUF_VERSION
        self.default_alignment = gguf.GGUF_DEFAULT_ALIGNMENT
        v = gguf.GGUFValueType
        self.string, self.array = int(v.STRING), int(v.ARRAY)
        # Fixed-size value types: struct format per type. BOOL is one byte in GGUF.
        self.scalar = {
            int(v.UINT8): "<B", int(v.INT8): "<b", int(v.UINT16): "<H", int(v.INT16): "<h",
            int(v.UINT32): "<I", int(v.INT32): "<i", int(v.FLOAT32): "<f", int(v.BOOL): "<?",
            int(v.UINT64): "<Q", int(v.INT64): "<q", int(v.FLOAT64): "<d",
        }
        self.scalar_struct = {t: struct.Struct(f) for t, f in self.scalar.items()}
        self.integer = {int(v.UINT8), int(v.INT8), int(v.UINT16), int(v.INT16), int(v.UINT32), int(v.INT32),
                        int(v.UINT64), int(v.INT64)}
        # Tensor types with (elements per block, bytes per block); types the format lists without a size
        # (removed quantizations such as Q4_2) cannot be loaded.
        self.quant_sizes = {int(t): sizes for t, sizes in gguf.GGML_QUANT_SIZES.items()}
        self.quant_names = {int(t): t.name for t in gguf.GGMLQuantizationType}
        self.architectures = set(gguf.MODEL_ARCH_NAMES.values()) - _NOT_LANGUAGE_MODELS

    @classmethod
    def get(cls) -> _Tables:
        with cls._lock:
            if cls._loaded is None:
                cls._loaded = cls()
            return cls._loaded


class _Damaged(Exception):
    """Raised inside the parser; turned into ModelLoadError naming the file at the edge."""


class _Reader:
    def __init__(self, buffer: Any, size: int) -> None:
        self.buffer = buffer
        self.size = size
        self.pos = 0

    def take(self, n: int, what: str) -> int:
        start = self.pos
        if n < 0 or start + n > self.size:
            raise _Damaged(f"it ends inside its header ({what} at byte {start}); the file is cut short or damaged")
        self.pos = start + n
        return start

    def u32(self, what: str) -> int:
        return _U32.unpack_from(self.buffer, self.take(4, what))[0]

    def u64(self, what: str) -> int:
        return _U64.unpack_from(self.buffer, self.take(8, what))[0]

    def raw_string(self, what: str) -> tuple[int, int]:
        length = self.u64(f"the length of {what}")
        if length > _MAX_STRING or length > self.size - self.pos:
            raise _Damaged(f"{what} claims {length} bytes, more than the file holds")
        return self.take(length, what), length

    def text(self, what: str) -> str:
        start, length = self.raw_string(what)
        try:
            return bytes(self.buffer[start:start + length]).decode("utf-8")
        except UnicodeDecodeError:
            raise _Damaged(f"{what} is not valid text") from None


def read_gguf_header(path: Path) -> GGUFHeader:
    """Parse the header and tensor table of a GGUF file; ModelLoadError (naming the file) when it is damaged."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size < 24:
                raise _Damaged(f"it is only {size} bytes long, too short to be a model")
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as buffer:
                return _parse(path, buffer, size, _Tables.get())
    except _Damaged as damage:
        raise ModelLoadError(f"{path.name} is not a usable model file: {damage}. ({path})") from None
    except OSError as error:
        raise ModelLoadError(f"Cannot read the model file {path}: {error.strerror or error}.") from error


def _parse(path: Path, buffer: Any, size: int, tables: _Tables) -> GGUFHeader:
    r = _Reader(buffer, size)
    if r.u32("the magic number") != tables.magic:
        start = bytes(buffer[0:4])
        raise _Damaged(f"it does not start with GGUF (it starts with {start!r}); it is not a GGUF model or is damaged")
    version = r.u32("the version")
    if version >= 1 << 16:
        raise _Damaged(f"its version number {version} is absurd (a big-endian file, or damage)")
    if version < 2 or version > tables.max_version:
        raise _Damaged(f"it is GGUF version {version}; llama.cpp reads versions 2 to {tables.max_version}")
    n_tensors = r.u64("the tensor count")
    n_kv = r.u64("the metadata count")
    if n_kv * _MIN_KV > size - r.pos:
        raise _Damaged(f"it claims {n_kv} metadata entries, more than the file could hold")
    if n_tensors * _MIN_TENSOR > size - r.pos:
        raise _Damaged(f"it claims {n_tensors} tensors, more than the file could hold")
    fields: dict[str, Any] = {}
    for index in range(n_kv):
        key = r.text(f"the name of metadata entry {index}")
        if not key:
            raise _Damaged(f"metadata entry {index} has an empty name")
        if key in fields:
            raise _Damaged(f"the metadata key {key!r} appears twice")
        fields[key] = _value(r, tables, key)
    alignment = tables.default_alignment
    if "general.alignment" in fields:
        alignment = fields["general.alignment"]
        if not isinstance(alignment, int) or isinstance(alignment, bool) or alignment <= 0 or alignment & (
                alignment - 1):
            raise _Damaged(f"its alignment {alignment!r} is not a power of two")
    tensors: list[TensorEntry] = []
    names: set[str] = set()
    for index in range(n_tensors):
        tensors.append(_tensor(r, tables, index, names))
    data_offset = -(-r.pos // alignment) * alignment if n_tensors else r.pos
    if data_offset > size:
        raise _Damaged("its tensor table runs to the end of the file; the file is cut short")
    # llama.cpp lays the tensors out back to back, each padded to the alignment, and refuses anything else.
    expected = 0
    for tensor in tensors:
        if tensor.offset != expected:
            raise _Damaged(f"tensor {tensor.name!r} says its data starts at {tensor.offset}, "
                           f"but the previous tensors end at {expected}")
        expected += -(-tensor.n_bytes // alignment) * alignment
        end = data_offset + tensor.offset + tensor.n_bytes
        if end > size:
            raise _Damaged(f"tensor {tensor.name!r} ends at byte {end} but the file has only {size} bytes; "
                           "the file is cut short (an interrupted copy or download?)")
    return GGUFHeader(path, size, version, alignment, data_offset, fields, tensors)


def _value(r: _Reader, tables: _Tables, key: str) -> Any:
    kind = r.u32(f"the type of {key!r}")
    if kind == tables.array:
        element = r.u32(f"the element type of {key!r}")
        count = r.u64(f"the length of {key!r}")
        if count > _MAX_ARRAY:
            raise _Damaged(f"the array {key!r} claims {count} elements")
        if element == tables.string:
            if count * 8 > r.size - r.pos:
                raise _Damaged(f"the array {key!r} claims {count} strings, more than the file holds")
            # The walk over every string length is the header's only long loop (~100k strings): kept tight.
            buffer, size, pos, unpack = r.buffer, r.size, r.pos, _U64.unpack_from
            for _ in range(count):
                if pos + 8 > size:
                    pos = size + 1
                    break
                pos += 8 + unpack(buffer, pos)[0]
            if pos > size:
                raise _Damaged(f"the strings of {key!r} run past the end of the file")
            r.pos = pos
        elif element in tables.scalar_struct:
            width = tables.scalar_struct[element].size
            r.take(count * width, f"the array {key!r}")
        else:
            raise _Damaged(f"the array {key!r} has an unknown element type {element}")
        return _Array(element, count)
    if kind == tables.string:
        return r.text(f"the value of {key!r}")
    packer = tables.scalar_struct.get(kind)
    if packer is None:
        raise _Damaged(f"the metadata key {key!r} has an unknown type {kind}")
    return packer.unpack_from(r.buffer, r.take(packer.size, f"the value of {key!r}"))[0]


def _tensor(r: _Reader, tables: _Tables, index: int, names: set[str]) -> TensorEntry:
    name = r.text(f"the name of tensor {index}")
    if not name or len(name.encode()) >= _MAX_NAME:
        raise _Damaged(f"tensor {index} has a name of {len(name.encode())} bytes (allowed: 1 to {_MAX_NAME - 1})")
    if name in names:
        raise _Damaged(f"the tensor {name!r} appears twice")
    names.add(name)
    n_dims = r.u32(f"the dimensions of tensor {name!r}")
    if n_dims > _MAX_DIMS:
        raise _Damaged(f"tensor {name!r} claims {n_dims} dimensions (at most {_MAX_DIMS})")
    shape = tuple(r.u64(f"the shape of tensor {name!r}") for _ in range(n_dims))
    elements = 1
    for extent in shape:
        # An empty dimension makes llama.cpp's loader assert (ne >= 1) and abort the process.
        if extent == 0 or extent > _INT64_MAX or elements > _INT64_MAX // extent:
            raise _Damaged(f"tensor {name!r} has an absurd shape {shape}")
        elements *= extent
    kind = r.u32(f"the type of tensor {name!r}")
    sizes = tables.quant_sizes.get(kind)
    if sizes is None:
        raise _Damaged(f"tensor {name!r} has an unknown type {kind}")
    block, block_bytes = sizes
    if shape and shape[0] % block:
        raise _Damaged(f"tensor {name!r} has {shape[0]} elements per row, not a multiple of "
                       f"{tables.quant_names.get(kind, kind)}'s block of {block}")
    offset = r.u64(f"the data offset of tensor {name!r}")
    return TensorEntry(name, shape, kind, offset, elements // block * block_bytes)


def check_gguf_file(path: Path) -> GGUFHeader:
    """Everything llama.cpp relies on before it reads a weight; ModelLoadError with a message naming the file."""
    header = read_gguf_header(path)
    try:
        _check_model(header, _Tables.get())
    except _Damaged as damage:
        raise ModelLoadError(f"{Path(path).name} is not a usable model file: {damage}. ({path})") from None
    return header


def _positive(header: GGUFHeader, key: str, limit: int) -> int:
    value = header.fields.get(key)
    if value is None:
        raise _Damaged(f"the metadata key {key!r} is missing")
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= limit:
        raise _Damaged(f"the metadata key {key!r} has an absurd value {value!r}")
    return value


def _check_model(header: GGUFHeader, tables: _Tables) -> None:
    arch = header.fields.get("general.architecture")
    if arch is None:
        raise _Damaged("it names no model architecture (general.architecture is missing)")
    if not isinstance(arch, str):
        raise _Damaged("its architecture entry is not text")
    if arch not in tables.architectures:
        raise _Damaged(f"its architecture {arch!r} is not one llama.cpp can run as a chat model")
    if not header.tensors:
        raise _Damaged("it holds no tensors")
    # llama.cpp reads these for every architecture; absurd values make it size buffers from them.
    blocks = _positive(header, f"{arch}.block_count", 100_000)
    _positive(header, f"{arch}.embedding_length", 1 << 20)
    _positive(header, f"{arch}.context_length", 1 << 30)
    # Every layer has its tensors, and no tensor belongs to a layer the model does not have (a damaged tensor
    # count cuts the table short; a damaged name or block count disagrees with it).
    seen: set[int] = set()
    for tensor in header.tensors:
        parts = tensor.name.split(".")
        if len(parts) > 2 and parts[0] == "blk" and parts[1].isdigit():
            seen.add(int(parts[1]))
    if seen and (max(seen) >= blocks or len(seen) != blocks):
        missing = sorted(set(range(blocks)) - seen)
        if missing:
            raise _Damaged(f"the tensors of layer {missing[0]} (of {blocks}) are missing")
        raise _Damaged(f"it has tensors for layer {max(seen)} but says it has {blocks} layers")
    _check_tokenizer(header, tables)


def _check_tokenizer(header: GGUFHeader, tables: _Tables) -> None:
    fields = header.fields
    model = fields.get("tokenizer.ggml.model")
    if model is not None and not isinstance(model, str):
        raise _Damaged("its tokenizer type is not text")
    if model in ("none", "no_vocab"):
        return
    tokens = fields.get("tokenizer.ggml.tokens")
    if not isinstance(tokens, _Array) or tokens.element_type != tables.string or tokens.count == 0:
        raise _Damaged("its tokenizer has no token list")
    n_tokens = tokens.count
    for key in ("tokenizer.ggml.token_type", "tokenizer.ggml.scores"):
        value = fields.get(key)
        if value is None:
            continue
        if not isinstance(value, _Array) or value.count != n_tokens:
            got = value.count if isinstance(value, _Array) else "not a list"
            raise _Damaged(f"its tokenizer lists {n_tokens} tokens but {key} has {got}")
    merges = fields.get("tokenizer.ggml.merges")
    if merges is not None and (not isinstance(merges, _Array) or merges.element_type != tables.string):
        raise _Damaged("its tokenizer merges are not a list of text")
    for name in _SPECIAL_IDS:
        key = f"tokenizer.ggml.{name}_token_id"
        value = fields.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Damaged(f"{key} is not a number")
        # -1 is how some converters write "none"; anything else must name a token that exists.
        if value != -1 and not 0 <= value < n_tokens and value != 0xFFFFFFFF:
            raise _Damaged(f"{key} is {value}, but the tokenizer has only {n_tokens} tokens")
    arch = header.architecture
    vocab_size = fields.get(f"{arch}.vocab_size")
    if isinstance(vocab_size, int) and not isinstance(vocab_size, bool) and vocab_size != n_tokens:
        raise _Damaged(f"it says its vocabulary has {vocab_size} tokens but its tokenizer lists {n_tokens}")
    embedding = next((t for t in header.tensors if t.name == "token_embd.weight"), None)
    if embedding is not None and len(embedding.shape) >= 2 and embedding.shape[1] != n_tokens:
        raise _Damaged(f"its token embedding has {embedding.shape[1]} rows for {n_tokens} tokens")
    template = fields.get("tokenizer.chat_template")
    if template is not None:
        if not isinstance(template, str):
            raise _Damaged("its chat template is not text")
        _check_template(template)


def _check_template(template: str) -> None:
    # llama-cpp-python renders the template with jinja2's sandbox; one that does not even parse is damage.
    try:
        import jinja2
        from jinja2.sandbox import ImmutableSandboxedEnvironment
    except ImportError:  # jinja2 comes with llama-cpp-python; without it there is nothing to compare against
        return
    try:
        ImmutableSandboxedEnvironment(loader=jinja2.BaseLoader(), trim_blocks=True, lstrip_blocks=True).parse(template)
    except jinja2.TemplateSyntaxError as error:
        raise _Damaged(f"its chat template is damaged ({error.message}, line {error.lineno})") from None


# ---- the whole verification: check, then a first load in a child process, remembered ------------------------------

_verdicts_lock = threading.Lock()


def _fingerprint(path: Path) -> dict[str, Any]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "check": CHECK_VERSION}


def _read_verdicts(file: Path) -> dict[str, Any]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no memory of earlier checks only costs a check: never an error
    return data if isinstance(data, dict) else {}


def _remember(file: Path, key: str, fingerprint: dict[str, Any]) -> None:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        verdicts = _read_verdicts(file)
        verdicts[key] = fingerprint
        fd, tmp = tempfile.mkstemp(prefix=".model-checks-", dir=file.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(verdicts, handle, indent=1)
        os.replace(tmp, file)
    except OSError:
        log.warning("Could not remember that %s loads; it will be checked again.", key, exc_info=True)


def is_known_good(path: Path, cache_dir: Path) -> bool:
    path = Path(path).resolve()
    try:
        fingerprint = _fingerprint(path)
    except OSError:
        return False
    return _read_verdicts(Path(cache_dir) / VERDICTS_FILE).get(str(path)) == fingerprint


def verify_model_file(path: Path, cache_dir: Path, *, probe_timeout_s: float = 600.0) -> None:
    """Raise ModelLoadError (a message naming the file) unless `path` is a GGUF model llama.cpp loads.

    The first time a file is seen (by path, size and modification time) it is checked and then loaded once in a
    child process; after that this returns at once. Safe to call from any thread.
    """
    from desktop.core.model_probe import probe_model

    path = Path(path).expanduser().resolve()
    if not path.is_file():
        raise ModelLoadError(f"The model file {path} does not exist.")
    verdicts = Path(cache_dir) / VERDICTS_FILE
    fingerprint = _fingerprint(path)
    if _read_verdicts(verdicts).get(str(path)) == fingerprint:
        return
    import time

    started = time.monotonic()
    try:
        check_gguf_file(path)
        probe_model(path, timeout_s=probe_timeout_s)
    except ModelLoadError as error:
        log.warning("Model file refused: %s", error)
        raise
    log.info("Model file %s checked and test-loaded in %.1f s", path, time.monotonic() - started)
    with _verdicts_lock:
        _remember(verdicts, str(path), fingerprint)
